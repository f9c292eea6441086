/**
 * `exitspec explore`: runs random command scenarios on a kernel under the deterministic scheduler
 * with every invariant checked at every step, and reports runs, steps, violations (with the seed
 * and the schedule that replays each), steps per second and the step labels covered.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KernelDriver, Strategy, Violation } from '../../impl/api.js';
import { ConfigError, STEP_LABELS, createDragonflyKernel } from '../../impl/dragonfly/index.js';
import { ScheduleFileError, parseScheduleFile, toScheduleFile, type ScheduleFile } from '../../impl/kernel/schedule-file.js';
import { ScheduleDivergence, formatChoice, randomStrategy, replayStrategy, roundRobinStrategy, stickyRandomStrategy } from '../../impl/kernel/strategies.js';
import { replayScript, runRandomScenario, type ScenarioRun, type ScriptEntry } from '../../impl/scenario.js';
import { CliError, UsageError } from '../cli-errors.js';
import { flag, intOption, parseOptions, stringOption } from '../cli-args.js';

export const summary = 'run random scenarios on a kernel under the scheduler, checking every invariant at every step';
export const usage = `usage: exitspec explore [--kernel dragonfly|minix] [--strategy random|roundrobin|sticky]
                       [--runs N] [--seed S] [--max-steps N] [--mutant NAME] [--revision R]
                       [--spurious] [--json] [--save FILE]
       exitspec explore --replay FILE [--json]

Runs N random command scenarios (run i uses seed S+i for its commands and, with --strategy
random or sticky, its schedule) with every invariant checked after every scheduler step.

options:
  --kernel K       dragonfly (default) or minix
  --strategy S     random (default), roundrobin, or sticky (random with long solo runs)
  --runs N         number of runs (default 100)
  --seed S         first seed (default 1)
  --max-steps N    scheduler steps allowed per command batch (default 20000)
  --mutant NAME    run a seeded defect from the kernel's mutant catalogue
  --revision R     kernel revision (dragonfly: current)
  --spurious       also offer spurious wakeups of sleeping threads as scheduler choices (dragonfly)
  --json           print the summary as one JSON object on the last line
  --save FILE      write the first violating run as a schedule file (for --replay)
  --replay FILE    replay a saved schedule file (format: impl/kernel/schedule-file.ts) and report
                   whether its violation reproduces

exit codes: 0 no violation, 1 a violation (invariant, deadlock, lost wakeup, fault), 2 usage error
or bad input (unknown kernel or mutant, malformed or divergent schedule file)`;

interface ViolationReport extends Violation {
  readonly seed: number;
  readonly schedule: readonly string[];
  readonly script: readonly ScriptEntry[];
}

interface KernelChoice {
  readonly name: 'dragonfly' | 'minix';
  readonly make: () => KernelDriver;
  readonly labels: readonly string[];
}

async function kernelFactory(name: string, revision: string | undefined, mutant: string | undefined, spurious = false): Promise<KernelChoice> {
  if (name === 'dragonfly') {
    const opts = { ...(revision === undefined ? {} : { revision }), ...(mutant === undefined ? {} : { mutant }), ...(spurious ? { spuriousWakeups: true } : {}) };
    try {
      createDragonflyKernel(opts);
    } catch (e) {
      if (e instanceof ConfigError) throw new CliError(e.message, 2);
      throw e;
    }
    return { name: 'dragonfly', make: () => createDragonflyKernel(opts), labels: STEP_LABELS.map((l) => l.label) };
  }
  if (name === 'minix') {
    if (spurious) throw new UsageError('--spurious is supported for --kernel dragonfly only');
    const { createMinixKernel, STEP_LABELS: MINIX_LABELS } = await import('../../impl/minix/index.js');
    const opts = { ...(revision === undefined ? {} : { revision }), ...(mutant === undefined ? {} : { mutant }) };
    try {
      createMinixKernel(opts);
    } catch (e) {
      throw new CliError(`--kernel minix: ${e instanceof Error ? e.message : String(e)}`, 2);
    }
    return { name: 'minix', make: () => createMinixKernel(opts), labels: MINIX_LABELS.map((l) => l.label) };
  }
  throw new UsageError(`--kernel must be dragonfly or minix, got '${name}'`);
}

function makeStrategy(name: string, seed: number): Strategy {
  switch (name) {
    case 'random':
      return randomStrategy(seed);
    case 'roundrobin':
      return roundRobinStrategy();
    case 'sticky':
      return stickyRandomStrategy(seed);
    default:
      throw new UsageError(`--strategy must be random, roundrobin or sticky, got '${name}'`);
  }
}

function describeViolation(v: Violation): string {
  return `${v.invariant} at step ${v.step}${v.label === undefined ? '' : ` (after ${v.label})`}: ${v.message}`;
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseOptions(argv, {
    kernel: { type: 'string' },
    strategy: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    'max-steps': { type: 'string' },
    mutant: { type: 'string' },
    revision: { type: 'string' },
    json: { type: 'boolean' },
    save: { type: 'string' },
    replay: { type: 'string' },
    spurious: { type: 'boolean' },
  });
  const json = flag(args, 'json');
  const replayFile = stringOption(args, 'replay');
  if (replayFile !== undefined) {
    for (const o of ['kernel', 'strategy', 'runs', 'seed', 'mutant', 'revision', 'save', 'max-steps', 'spurious']) {
      if (args.values[o] !== undefined) throw new UsageError(`--replay takes its kernel, mutant and schedule from the file; --${o} is not allowed with it`);
    }
    return replay(replayFile, json);
  }
  const kernelName = stringOption(args, 'kernel') ?? 'dragonfly';
  const strategyName = stringOption(args, 'strategy') ?? 'random';
  makeStrategy(strategyName, 0);
  const runs = intOption(args, 'runs', 1, 10_000_000) ?? 100;
  const seed = intOption(args, 'seed', 0, 0xffffffff) ?? 1;
  const maxSteps = intOption(args, 'max-steps', 1, 100_000_000) ?? 20_000;
  const mutant = stringOption(args, 'mutant');
  const revision = stringOption(args, 'revision');
  const save = stringOption(args, 'save');
  const spurious = flag(args, 'spurious');
  if (save !== undefined) checkSavePath(save);
  const kc = await kernelFactory(kernelName, revision, mutant, spurious);

  const violations: ViolationReport[] = [];
  const labels = new Set<string>();
  let steps = 0;
  let exhausted = 0;
  let saved: string | undefined;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) {
    const s = (seed + i) >>> 0;
    const d = kc.make();
    const r: ScenarioRun = runRandomScenario(d, makeStrategy(strategyName, s), s, { maxSteps });
    steps += r.steps;
    if (r.exhausted) exhausted++;
    for (const l of d.labelsCovered()) labels.add(l);
    if (r.violations.length > 0) {
      const schedule = d.schedule().map(formatChoice);
      for (const v of r.violations) violations.push({ ...v, seed: s, schedule, script: r.script });
      if (save !== undefined && saved === undefined) {
        const file: ScheduleFile = toScheduleFile(kc.name, r.script, d.schedule(), {
          ...(revision === undefined ? {} : { revision }),
          mutant: mutant ?? null,
          seed: s,
          ...(spurious ? { spurious: true } : {}),
        });
        try {
          writeFileSync(save, JSON.stringify(file, null, 1) + '\n');
        } catch (e) {
          throw new CliError(`--save ${save}: cannot write the schedule file (${e instanceof Error ? e.message : String(e)})`, 2);
        }
        saved = save;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const stepsPerSecond = Math.round(steps / Math.max(seconds, 1e-9));
  const covered = [...labels].sort();
  const missing = kc.labels.filter((l) => !labels.has(l));

  const lines: string[] = [];
  lines.push(
    `explore: kernel ${kc.name}${revision === undefined ? '' : ` (${revision})`}${mutant === undefined ? '' : `, mutant ${mutant}`}${spurious ? ', spurious wakeups' : ''}, strategy ${strategyName}, seeds ${seed}..${seed + runs - 1}`,
  );
  lines.push(`runs ${runs}, steps ${steps}, ${stepsPerSecond} steps/s, ${violations.length} violation(s)${exhausted > 0 ? `, ${exhausted} run(s) hit --max-steps` : ''}`);
  lines.push(`labels covered: ${covered.length}${kc.labels.length > 0 ? ` of ${kc.labels.length}` : ''}${missing.length > 0 ? ` (not reached: ${missing.join(', ')})` : ''}`);
  for (const v of violations.slice(0, 10)) {
    lines.push(`violation: ${describeViolation(v)}`);
    lines.push(`  seed ${v.seed}; schedule (${v.schedule.length} choices): ${v.schedule.slice(0, 40).join(' ')}${v.schedule.length > 40 ? ' ...' : ''}`);
  }
  if (violations.length > 10) lines.push(`... ${violations.length - 10} more`);
  if (saved !== undefined) lines.push(`first violating run saved to ${saved} (replay: exitspec explore --replay ${saved})`);
  else if (save !== undefined) lines.push(`no violating run: ${save} was not written`);
  process.stdout.write(lines.join('\n') + '\n');
  if (json) {
    process.stdout.write(
      JSON.stringify({ kernel: kc.name, mutant: mutant ?? null, runs, steps, stepsPerSecond, violations, labelsCovered: covered, labelsMissing: missing }) + '\n',
    );
  }
  return violations.length > 0 ? 1 : 0;
}

/** Fails before any run when `--save FILE` names a directory or a file in a missing directory. */
function checkSavePath(save: string): void {
  const st = statSync(save, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new CliError(`--save ${save}: is a directory; expected a file name for the schedule file`, 2);
  const dir = statSync(dirname(save), { throwIfNoEntry: false });
  if (dir === undefined || !dir.isDirectory()) throw new CliError(`--save ${save}: directory ${dirname(save)} does not exist`, 2);
}

async function replay(path: string, json: boolean): Promise<number> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: cannot read the schedule file (${e instanceof Error ? e.message : String(e)})`, 2);
  }
  let parsed: ReturnType<typeof parseScheduleFile>;
  try {
    parsed = parseScheduleFile(text, path);
  } catch (e) {
    if (e instanceof ScheduleFileError) throw new CliError(e.message, 2);
    throw e;
  }
  const f = parsed.file;
  let kc: Awaited<ReturnType<typeof kernelFactory>>;
  try {
    kc = await kernelFactory(f.kernel, f.revision, f.mutant ?? undefined, f.spurious === true);
  } catch (e) {
    if (e instanceof CliError || e instanceof UsageError) throw new CliError(`${path}: ${e.message}`, 2);
    throw e;
  }
  const d = kc.make();
  let r: ScenarioRun;
  try {
    r = replayScript(d, replayStrategy(parsed.choices), f.script);
  } catch (e) {
    if (e instanceof ScheduleDivergence) throw new CliError(`${path}: ${e.message}`, 2);
    throw e;
  }
  const lines = [`replay ${path}: kernel ${f.kernel}${f.mutant ? `, mutant ${f.mutant}` : ''}, ${r.steps} steps, ${r.violations.length} violation(s)`];
  for (const v of r.violations) lines.push(`violation: ${describeViolation(v)}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (json) {
    const violations = r.violations.map((v) => ({ ...v, seed: f.seed ?? 0, schedule: f.schedule, script: f.script }));
    process.stdout.write(
      JSON.stringify({ kernel: f.kernel, mutant: f.mutant ?? null, runs: 1, steps: r.steps, stepsPerSecond: 0, violations, labelsCovered: [...d.labelsCovered()].sort() }) + '\n',
    );
  }
  return r.violations.length > 0 ? 1 : 0;
}
