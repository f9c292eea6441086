/**
 * `exitspec tlc Spec.tla [--config X.cfg] [--json] [--workers N] [--deadlock]`: runs real TLC
 * from TLA2TOOLS_JAR and reports its outcome, or `exitspec tlc --parse tlc.out` to read a saved
 * TLC output (tool or plain mode) without running anything. See docs/tlc.md.
 */
import { readFile } from 'node:fs/promises';
import { CliError, UsageError } from '../cli-errors.js';
import { flag, intOption, parseOptions, stringOption } from '../cli-args.js';
import { isTlcOutput, parseTlcOutput, runTlc, TlcOutputError, TlcSetupError, toolStreamConverter, toolToPlain, type TlcOutput } from '../../bridge/tlc/index.js';

export const summary = 'run real TLC (TLA2TOOLS_JAR) on a spec, or parse a saved TLC output, into exitspec JSON';

export const usage = `usage: exitspec tlc Spec.tla [--config X.cfg] [--json] [--workers N] [--deadlock]
       exitspec tlc --parse tlc-output.txt [--json]

Runs TLC (java -cp $TLA2TOOLS_JAR tlc2.TLC -tool ...) and prints its output; with --json prints
one JSON object instead (result, distinctStates, totalStates, depth, seconds, violated, trace as
ITF). Exit code: TLC's own (0 success, 10 assumption, 11 deadlock, 12 safety, 13 liveness,
14 assert, 75 evaluation, 150 parse, 151 config, 255 other); 153 when TLC cannot be started
(TLA2TOOLS_JAR unset or wrong, no java); 2 for bad options.

options:
  --config X.cfg   model configuration (TLC's default: Spec.cfg next to Spec.tla)
  --workers N      TLC worker threads (default 1)
  --deadlock       like TLC's -deadlock: do NOT check for deadlock
  --json           print the result as one JSON line
  --parse FILE     read a saved TLC output (tool or plain mode) instead of running TLC

environment:
  TLA2TOOLS_JAR    path of tla2tools.jar (https://github.com/tlaplus/tlaplus/releases)
  JAVA_HOME        java installation to use (default: java on PATH)`;

function report(out: TlcOutput, raw: string, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(out.result) + '\n');
    return;
  }
  const text = toolToPlain(raw).plain;
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseOptions(
    argv,
    {
      config: { type: 'string' },
      workers: { type: 'string' },
      deadlock: { type: 'boolean' },
      json: { type: 'boolean' },
      parse: { type: 'string' },
    },
    true,
  );
  const json = flag(args, 'json');
  const parseFile = stringOption(args, 'parse');
  if (parseFile !== undefined) {
    if (args.positionals.length > 0) throw new UsageError('--parse reads a saved output; do not also give a spec');
    let raw: string;
    try {
      raw = await readFile(parseFile, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(`${parseFile}: expected a TLC output file but ${code === 'ENOENT' ? 'no such file exists' : `it cannot be read (${code ?? String(e)})`}`, 2);
    }
    if (!isTlcOutput(raw)) {
      throw new CliError(`${parseFile}: expected a saved TLC output (tool-mode '@!@!@STARTMSG' messages or TLC's plain text) but found no TLC message in it`, 2);
    }
    let out: TlcOutput;
    try {
      out = parseTlcOutput(raw);
    } catch (e) {
      if (e instanceof TlcOutputError) throw new CliError(`${parseFile}: ${e.message}`, 2);
      throw e;
    }
    report(out, raw, json);
    return out.exitCode;
  }
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? 'expected a spec file (Spec.tla)' : `expected one spec file, got ${args.positionals.length}`);
  const spec = args.positionals[0]!;
  if (!spec.endsWith('.tla')) throw new UsageError(`expected a .tla file, got '${spec}'`);
  const config = stringOption(args, 'config');
  const workers = intOption(args, 'workers', 1, 1024) ?? 1;
  try {
    // Plain output streams while TLC runs (progress lines of long runs); --json waits for the end.
    const stream = json ? undefined : toolStreamConverter((t) => process.stdout.write(t));
    const out = await runTlc({
      spec,
      workers,
      noDeadlock: flag(args, 'deadlock'),
      ...(config !== undefined ? { config } : {}),
      ...(stream ? { onOutput: (c: string) => stream.push(c) } : {}),
    });
    stream?.end();
    if (json) report(out, out.raw, true);
    return out.processExitCode;
  } catch (e) {
    if (e instanceof TlcSetupError) throw new CliError(e.message, e.exitCode);
    if (e instanceof TlcOutputError) throw new CliError(`TLC output: ${e.message}`, 255);
    throw e;
  }
}
