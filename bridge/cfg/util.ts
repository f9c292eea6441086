/** Helpers around parseCfg: reading a .cfg from disk, printing a CfgValue back in .cfg syntax. */
import { readFile } from 'node:fs/promises';
import { tlcString } from '../itf/tlc-print.js';
import { CfgError } from './error.js';
import { parseCfg } from './parse.js';
import type { CfgConstant, CfgName, CfgValue, ModelConfig } from './types.js';

/** Reads and parses a .cfg file; a missing/unreadable file is a CfgError at 1:1 naming the cause. */
export async function readCfgFile(path: string): Promise<ModelConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CfgError(path, 1, 1, code === 'ENOENT' ? 'expected a readable .cfg file but it does not exist' : `cannot read the file (${code ?? String(e)})`);
  }
  return parseCfg(text, path);
}

/** Prints a CfgValue in .cfg/TLA+ syntax (`{p1, p2}`, `"s"`, `-3`, `TRUE`). */
export function cfgValueToString(v: CfgValue): string {
  switch (v.kind) {
    case 'int':
      return v.value.toString();
    case 'string':
      return tlcString(v.value);
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'modelValue':
      return v.name;
    case 'set':
      return `{${v.elems.map(cfgValueToString).join(', ')}}`;
    case 'tuple':
      return `<<${v.elems.map(cfgValueToString).join(', ')}>>`;
  }
}

function constantToString(c: CfgConstant): string {
  const scope = c.module !== undefined ? `[${c.module}] ` : '';
  if (c.kind === 'substitution') return c.module !== undefined ? `${c.name} <-[${c.module}] ${c.def}` : `${c.name} <- ${c.def}`;
  const args = c.args.length > 0 ? `(${c.args.map(cfgValueToString).join(', ')})` : '';
  return `${c.name}${args} = ${scope}${cfgValueToString(c.value)}`;
}

/** Prints a ModelConfig back as .cfg text that parseCfg reads to the same configuration (locations aside). */
export function printCfg(cfg: ModelConfig): string {
  const lines: string[] = [];
  if (cfg.constants.length > 0) lines.push('CONSTANTS', ...cfg.constants.map((c) => `  ${constantToString(c)}`));
  const single = (kw: string, n: CfgName | undefined): void => {
    if (n !== undefined) lines.push(`${kw} ${n.name}`);
  };
  const list = (kw: string, ns: readonly CfgName[]): void => {
    if (ns.length > 0) lines.push(`${kw} ${ns.map((n) => n.name).join(' ')}`);
  };
  single('SPECIFICATION', cfg.specification);
  single('INIT', cfg.init);
  single('NEXT', cfg.next);
  list('INVARIANTS', cfg.invariants);
  list('PROPERTIES', cfg.properties);
  list('CONSTRAINTS', cfg.constraints);
  list('ACTION_CONSTRAINTS', cfg.actionConstraints);
  single('SYMMETRY', cfg.symmetry);
  single('VIEW', cfg.view);
  single('ALIAS', cfg.alias);
  list('POSTCONDITIONS', cfg.postconditions);
  if (cfg.checkDeadlock !== undefined) lines.push(`CHECK_DEADLOCK ${cfg.checkDeadlock ? 'TRUE' : 'FALSE'}`);
  return lines.join('\n') + '\n';
}
