/**
 * One model-checking run from files: load and resolve the spec (bridge/modules), read the config
 * (bridge/cfg; default `Spec.cfg` beside the spec, like TLC), build the model and search.
 * Front-end and config problems become `CheckError`s with TLC's exit codes (150 parse/semantic,
 * 151 config).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { parseCfg } from '../cfg/index.js';
import type { ModelConfig } from '../cfg/types.js';
import { loadResolvedSpec } from '../modules/index.js';
import type { ResolvedSpec } from '../modules/resolved.js';
import { TlcExitCode } from '../result.js';
import type { Runtime } from '../eval/builtins.js';
import { EvalError, show, type Value } from '../eval/value.js';
import { buildModel, CheckError, type CheckModel } from './model.js';
import { search, type SearchOptions, type SearchOutcome } from './bfs.js';

export { CheckError } from './model.js';

export interface RunOptions extends SearchOptions {
  readonly spec: string;
  readonly config?: string;
  /** Where Print/PrintT output goes (default: stdout). */
  readonly print?: (line: string) => void;
}

/** The config file TLC would use for a spec: `Spec.cfg` in the spec's directory. */
export function defaultConfigPath(spec: string): string {
  return join(dirname(spec), basename(spec).replace(/\.tla$/, '') + '.cfg');
}

export async function loadSpecOrThrow(spec: string): Promise<ResolvedSpec> {
  if (!existsSync(spec)) throw new CheckError(`cannot read the spec file ${spec}: no such file`, TlcExitCode.ERROR_SPEC_PARSE);
  if (statSync(spec).isDirectory()) throw new CheckError(`cannot read the spec file ${spec}: it is a directory, expected a .tla file`, TlcExitCode.ERROR_SPEC_PARSE);
  let resolved: ResolvedSpec;
  try {
    resolved = await loadResolvedSpec(spec);
  } catch (e) {
    if (e instanceof Error && e.name === 'TlaError') throw new CheckError(e.message, TlcExitCode.ERROR_SPEC_PARSE);
    throw e;
  }
  // SANY: the first module of a .tla file must be named after the file.
  const fileModule = basename(spec).replace(/\.tla$/, '');
  if (resolved.module !== fileModule) {
    const lines = readFileSync(spec, 'utf8').split('\n');
    const row = lines.findIndex((l) => /MODULE/.test(l));
    throw new CheckError(
      `${spec}:${row + 1}:1: File name '${fileModule}' does not match the name '${resolved.module}' of the top level module it contains (rename the file or the module)`,
      TlcExitCode.ERROR_SPEC_PARSE,
    );
  }
  return resolved;
}

export function loadConfigOrThrow(spec: string, config: string | undefined): ModelConfig {
  const path = config ?? defaultConfigPath(spec);
  if (!existsSync(path)) {
    throw new CheckError(
      `cannot read the configuration file ${path}: no such file${config === undefined ? ' (by default the checker reads Spec.cfg beside Spec.tla; pass --config)' : ''}`,
      TlcExitCode.ERROR_CONFIG_PARSE,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e && e.code === 'EISDIR' ? 'it is a directory, expected a .cfg file' : e instanceof Error ? e.message : String(e);
    throw new CheckError(`cannot read the configuration file ${path}: ${why}`, TlcExitCode.ERROR_CONFIG_PARSE);
  }
  try {
    return parseCfg(text, path);
  } catch (e) {
    if (e instanceof Error && e.name === 'CfgError') throw new CheckError(e.message, TlcExitCode.ERROR_CONFIG_PARSE);
    throw e;
  }
}

/** A TLC-module runtime: Print to `print`, TLCGet/TLCSet registers, seeded RandomElement. */
export function makeRuntime(print: (line: string) => void): Runtime {
  const regs = new Map<number, Value>();
  let seed = 0x2545f491;
  return {
    print,
    tlcGet(k) {
      if (typeof k === 'number') {
        const v = regs.get(k);
        if (v === undefined) throw new EvalError(`TLCGet(${k}): the register ${k} was never set`);
        return v;
      }
      throw new EvalError(`TLCGet(${show(k)}) is not supported by exitspec (only integer registers)`);
    },
    tlcSet(k, v) {
      if (typeof k !== 'number') throw new EvalError(`TLCSet(${show(k)}, ...): only integer registers are supported`);
      regs.set(k, v);
    },
    random(n) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    },
  };
}

/** Builds the compiled model from files. */
export async function prepareModel(opts: { spec: string; config?: string; print?: (line: string) => void }): Promise<CheckModel> {
  const spec = await loadSpecOrThrow(opts.spec);
  const config = loadConfigOrThrow(opts.spec, opts.config);
  const print = opts.print ?? ((l: string) => process.stdout.write(l + '\n'));
  try {
    return buildModel(spec, config, { runtime: makeRuntime(print) });
  } catch (e) {
    if (e instanceof EvalError) {
      throw new CheckError(`${e.location ? e.location + ': ' : ''}${e.message}`, TlcExitCode.ERROR_SPEC_PARSE);
    }
    throw e;
  }
}

/** Loads, builds and checks. */
export async function runCheck(opts: RunOptions): Promise<SearchOutcome> {
  const model = await prepareModel(opts);
  return search(model, opts);
}
