/**
 * `exitspec check Spec.tla [--config X.cfg] [--json] [--max-states N] [--cross-check-tlc]`:
 * model checks a TLA+ spec with exitspec's own checker (bridge/checker), printing TLC's message
 * texts and exiting with TLC's exit codes; `--json` adds the CheckResult as the last line.
 */
import { CliError, UsageError } from '../cli-errors.js';
import { flag, intOption, parseOptions, stringOption } from '../cli-args.js';
import { CheckError, defaultConfigPath, prepareModel } from '../../bridge/checker/run.js';
import { renderTlcText, renderTrace } from '../../bridge/itf/index.js';
import { simulate } from '../../bridge/checker/simulate.js';
import { search } from '../../bridge/checker/bfs.js';
import { searchParallel } from '../../bridge/checker/parallel.js';
import type { ParsedArgs } from '../cli-args.js';
import { TlcExitCode, type CheckResult } from '../../bridge/result.js';

export const summary = 'model check a TLA+ spec with exitspec\'s checker (TLC-compatible output and exit codes)';
export const usage = `usage: exitspec check Spec.tla [--config X.cfg] [--json] [--max-states N] [--workers N] [--cross-check-tlc]
       exitspec check Spec.tla --simulate [--depth D] [--traces N] [--seed S] [--config X.cfg] [--json]

Model checks Spec.tla (breadth-first, like TLC) with the model in X.cfg (default: Spec.cfg beside
the spec): invariants, deadlock, action properties and liveness properties (<>P, []<>P, <>[]P,
P ~> Q under WF/SF fairness). Prints TLC's outcome texts and counterexample traces.

options:
  --config X.cfg       the TLC model configuration (default Spec.cfg beside Spec.tla)
  --json               print the result as one JSON object (CheckResult, with an ITF trace) on the last line
  --max-states N       stop with an error (exit 152) after N distinct states
  --workers N          breadth-first search with N worker threads (same counts and verdicts;
                       liveness is checked by one worker)
  --simulate           random behaviours instead of exhaustive search (no liveness), with
  --depth D            at most D states per behaviour (default 100)
  --traces N           N behaviours (default 1000)
  --seed S             the random seed (default 0): the same seed replays the same behaviours
  --cross-check-tlc    also run real TLC (TLA2TOOLS_JAR) and fail (exit 1) if the verdicts or
                       distinct-state counts differ

exit codes (TLC's): 0 no error, 10 assumption false, 11 deadlock, 12 safety violation,
13 liveness violation, 14 Assert failed, 75 evaluation error, 150 spec parse/semantic error or unsupported feature, 151 config error,
152 --max-states reached, 1 cross-check mismatch, 2 usage error`;

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseOptions(
    argv,
    {
      config: { type: 'string' },
      json: { type: 'boolean' },
      'max-states': { type: 'string' },
      'cross-check-tlc': { type: 'boolean' },
      simulate: { type: 'boolean' },
      depth: { type: 'string' },
      traces: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
    },
    true,
  );
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? 'expected a spec file Spec.tla' : `expected one spec file, got ${args.positionals.length}`);
  const spec = args.positionals[0]!;
  if (!spec.endsWith('.tla')) throw new UsageError(`expected a .tla file, got '${spec}'`);
  const config = stringOption(args, 'config');
  const json = flag(args, 'json');
  const maxStates = intOption(args, 'max-states', 1);
  const out = (s: string): void => {
    process.stdout.write(s);
  };
  if (flag(args, 'simulate')) return simulateCommand(args, spec, config, json, out);
  for (const o of ['depth', 'traces', 'seed']) if (args.values[o] !== undefined) throw new UsageError(`--${o} is only meaningful with --simulate`);
  const workers = intOption(args, 'workers', 1, 64) ?? 1;
  let outcome;
  try {
    const model = await prepareModel({ spec, ...(config !== undefined ? { config } : {}), print: (line) => out(line + '\n') });
    for (const w of model.warnings) out(`Warning: ${w}\n`);
    if (workers > 1 && model.liveProps.length === 0) {
      out(`Running breadth-first search with ${workers} workers.\n`);
      outcome = await searchParallel(model, { spec, ...(config !== undefined ? { config } : {}), workers, ...(maxStates !== undefined ? { maxStates } : {}) });
    } else {
      if (workers > 1) out('Liveness properties are checked by the single-worker search: ignoring --workers.\n');
      outcome = search(model, { ...(maxStates !== undefined ? { maxStates } : {}), onProgress: (line) => out(line + '\n') });
    }
  } catch (e) {
    if (e instanceof CheckError) {
      if (json) {
        out(`Error: ${e.message}\n`);
        out(JSON.stringify({ result: 'error', message: e.message, distinctStates: 0, totalStates: 0, depth: 0, seconds: 0, tool: 'exitspec' }) + '\n');
        return e.exitCode;
      }
      throw new CliError(e.message, e.exitCode);
    }
    throw e;
  }
  out(renderTlcText(outcome.result, { statesLeftOnQueue: outcome.statesLeftOnQueue }));
  out(errorBehaviour(outcome.result));
  out(`Finished in ${outcome.result.seconds.toFixed(2)}s\n`);
  let code = outcome.exitCode;
  if (flag(args, 'cross-check-tlc')) {
    const { runTlc, crossCheck, TlcSetupError } = await import('../../bridge/tlc/index.js');
    try {
      const tlc = await runTlc({ spec, config: config ?? defaultConfigPath(spec) });
      const diffs = crossCheck(outcome.result, tlc.result);
      if (diffs.length > 0) {
        out(`Cross-check with TLC FAILED:\n${diffs.map((d) => `  ${d}`).join('\n')}\n`);
        code = code === 0 ? 1 : code;
      } else out(`Cross-check with TLC: same verdict (${tlc.result.result}) and ${tlc.result.distinctStates} distinct states.\n`);
    } catch (e) {
      if (e instanceof TlcSetupError) throw new CliError(`--cross-check-tlc: ${e.message}`, TlcExitCode.ERROR_SYSTEM);
      throw e;
    }
  }
  if (json) out(JSON.stringify(outcome.result) + '\n');
  return code;
}

/** For an evaluation error with the behaviour leading to it, that behaviour as TLC prints it; else ''. */
function errorBehaviour(r: CheckResult): string {
  if (r.result !== 'error' || !r.trace) return '';
  return 'Error: The behavior up to this point is:\n' + renderTrace(r.trace).join('\n') + '\n';
}

async function simulateCommand(args: ParsedArgs, spec: string, config: string | undefined, json: boolean, out: (s: string) => void): Promise<number> {
  if (flag(args, 'cross-check-tlc')) throw new UsageError('--cross-check-tlc cannot be combined with --simulate');
  for (const o of ['max-states', 'workers']) if (args.values[o] !== undefined) throw new UsageError(`--${o} is not used by --simulate (it bounds the exhaustive search); use --depth and --traces`);
  const depth = intOption(args, 'depth', 1) ?? 100;
  const traces = intOption(args, 'traces', 1) ?? 1000;
  const seed = intOption(args, 'seed', -2147483648, 2147483647) ?? 0;
  let model;
  try {
    model = await prepareModel({ spec, ...(config !== undefined ? { config } : {}), print: (l) => out(l + '\n') });
  } catch (e) {
    if (e instanceof CheckError) throw new CliError(e.message, e.exitCode);
    throw e;
  }
  out(`Running Random Simulation with seed ${seed} (${traces} behaviours of at most ${depth} states).\n`);
  const o = simulate(model, { depth, traces, seed });
  if (o.result.result === 'success') {
    out(`No error was found in ${traces} random behaviours.\n${o.result.totalStates} states generated, longest behaviour ${o.result.depth} states.\n`);
  } else {
    out(renderTlcText(o.result, { summary: false }));
    out(errorBehaviour(o.result));
    out(`Replay with --simulate --seed${seed < 0 ? '=' : ' '}${seed} --depth ${depth} --traces ${traces}.\n`); // node reads "--seed -1" as two options
  }
  if (json) out(JSON.stringify(o.result) + '\n');
  return o.exitCode;
}
