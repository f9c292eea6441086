/** Option parsing shared by the subcommands: node's parseArgs, with errors as UsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Parses `argv` strictly against `options`; unknown options and missing values are UsageErrors. */
export function parseOptions(argv: readonly string[], options: OptionSpec, allowPositionals = false): ParsedArgs {
  // TLC's options take one dash (-config, -workers, -deadlock); node would report only '-c'.
  for (const a of argv) {
    if (a === '--') break;
    const m = /^-([A-Za-z][\w-]+)(=.*)?$/.exec(a);
    if (m === null) continue;
    const name = m[1]!;
    throw new UsageError(
      name in options
        ? `unknown option '${a}': exitspec's options take two dashes (--${name})`
        : `unknown option '${a}' (exitspec's options take two dashes; TLC's one-dash options are not accepted)`,
    );
  }
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** Reads an optional string option. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} expects a value`);
  return v;
}

/** Reads an optional integer option, checking it lies in [min, max]. */
export function intOption(args: ParsedArgs, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`--${name} expects an integer, got '${v}'`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Reads a boolean flag. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
