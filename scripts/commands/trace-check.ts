/**
 * `exitspec trace-check trace.itf.json --spec Spec.tla [--config X.cfg] [--json]`: decides
 * whether an ITF trace is a behaviour of a spec (bridge/trace), reporting the first failing step,
 * the actions tried and the conjunct each failed at.
 */
import { UsageError } from '../cli-errors.js';
import { flag, parseOptions, stringOption } from '../cli-args.js';
import { traceCheck } from '../../bridge/index.js';

export const summary = 'check that an ITF trace is a behaviour of a TLA+ spec';
export const usage = `usage: exitspec trace-check trace.itf.json --spec Spec.tla [--config X.cfg] [--json]

Checks that the first state of the trace satisfies Init and every step satisfies Next (or the
action named in the step's #meta.action, with #meta.actionParams when given). Variables a state
omits are existentially completed. The trace file may also be a saved 'exitspec check --json'
last line (a CheckResult): its counterexample trace is checked.

options:
  --spec Spec.tla      the TLA+ spec (required)
  --config X.cfg       its TLC configuration (default Spec.cfg beside the spec)
  --json               print the result as one JSON object on the last line

exit codes: 0 the trace is a behaviour, 1 it is not (first failing step reported), 2 bad trace
or usage, 150 spec error, 151 config error, 152 inconclusive (too many completions)`;

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseOptions(argv, { spec: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (args.positionals.length !== 1) throw new UsageError('expected one trace file (trace.itf.json)');
  const spec = stringOption(args, 'spec');
  if (spec === undefined) throw new UsageError('--spec Spec.tla is required');
  const config = stringOption(args, 'config');
  const r = await traceCheck({ trace: args.positionals[0]!, spec, ...(config !== undefined ? { config } : {}) });
  const stream = r.ok ? process.stdout : process.stderr;
  stream.write(r.message + '\n');
  if (flag(args, 'json')) process.stdout.write(JSON.stringify(r) + '\n');
  return r.exitCode;
}
