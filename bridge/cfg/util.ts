/** Helpers around parseCfg: reading a .cfg from disk, printing a CfgValue back in .cfg syntax. */
import { readFile } from 'node:fs/promises';
import { CfgError } from './error.js';
import { parseCfg } from './parse.js';
import type { CfgValue, ModelConfig } from './types.js';

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
      return JSON.stringify(v.value);
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
