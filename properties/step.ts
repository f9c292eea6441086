/**
 * One harness step: submit commands (together), run the kernel to quiescence, check its
 * invariant report, and judge every finished handle and the process table with spec/'s
 * checkStep. Also the coverage counters and the replay record.
 */
import type { Command, CommandHandle, KernelDriver, Pid, Strategy, WaitOptions } from '../impl/api.js';
import { checkStep, describe, initialState, type SpecState } from '../spec/index.js';
import { SpecMismatch, type HarnessConfig, type Replay } from './harness-config.js';
import { formatChoices } from './schedule.js';

/** What the runs exercised (for coverage checks and reports): outcome name -> count. */
export const coverage = new Map<string, number>();

function count(key: string): void {
  coverage.set(key, (coverage.get(key) ?? 0) + 1);
}

function outcomeKey(cmd: Command, r: { error: number; pid?: number; report?: { kind: string } }, late: boolean): string {
  const what = r.error !== 0 ? `errno ${r.error}` : r.report ? r.report.kind : cmd.kind === 'wait' ? 'nohang-0' : 'ok';
  const kind = cmd.kind === 'kill' ? `kill ${cmd.sig}` : cmd.kind;
  return `${kind}:${what}${late ? ' (after blocking)' : ''}`;
}

export interface Model {
  state: SpecState;
  /** Processes of the kernel's boot table: never made to exit by the generator. */
  readonly boot: ReadonlySet<Pid>;
}

export interface Real {
  readonly cfg: HarnessConfig;
  readonly driver: KernelDriver;
  /** Handles submitted and not yet seen done. */
  readonly open: Map<number, CommandHandle>;
  readonly commands: Command[];
  readonly batch: number[];
}

export function newReal(cfg: HarnessConfig): { model: Model; real: Real } {
  const driver = cfg.makeDriver();
  const view = driver.view();
  return { model: { state: initialState(cfg.params, view), boot: new Set(view.procs.map((p) => p.pid)) }, real: { cfg, driver, open: new Map(), commands: [], batch: [] } };
}

/** The command without its false/undefined wait options, as it appears in a replay. */
function compact(cmd: Command): Command {
  if (cmd.kind !== 'wait') return cmd;
  const options = Object.fromEntries(Object.entries(cmd.options).filter(([, v]) => v === true)) as WaitOptions;
  return { ...cmd, options };
}

function replayOf(real: Real): Replay {
  const concurrent = new Set(real.batch).size !== real.batch.length;
  return {
    kernel: real.cfg.name,
    commands: real.commands.map(compact),
    ...(concurrent ? { batch: [...real.batch] } : {}),
    schedule: formatChoices(real.driver.schedule()),
  };
}

/** A resolved command and the thread that issues it. */
export interface Issued {
  readonly cmd: Command;
  readonly tid: number;
}

/**
 * Submits `cmd` (issued by thread `tid`) and any `also` commands together, runs to quiescence
 * with `strategy`, and judges the outcome: advances `model.state` or throws SpecMismatch.
 */
export function step(model: Model, real: Real, cmd: Command, tid: number, strategy: Strategy, also: readonly Issued[] = []): void {
  const { driver, cfg } = real;
  const batchNo = real.batch.length === 0 ? 0 : real.batch[real.batch.length - 1]! + 1;
  const all: Issued[] = [{ cmd, tid }, ...also];
  const handles = all.map((x) => {
    real.commands.push(x.cmd);
    real.batch.push(batchNo);
    const h = driver.submit(x.cmd);
    real.open.set(h.id, h);
    return h;
  });
  const out = driver.run(strategy, cfg.maxSteps ?? 20_000);
  const where = `after command ${real.commands.length} ${all.map((x) => describe(x.cmd)).join(' || ')}`;
  if (out.violations.length > 0) {
    const v = out.violations[0]!;
    throw new SpecMismatch(`${cfg.name}: invariant ${v.invariant} violated at step ${v.step}${v.label ? ` (${v.label})` : ''} ${where}: ${v.message}`, replayOf(real));
  }
  if (out.deadlock && out.deadlock.length > 0) {
    const who = out.deadlock.map((b) => `${b.name}(tid ${b.tid}) on ${b.wchan}${b.tokens.length ? ` holding ${b.tokens.join(',')}` : ''}`).join('; ');
    throw new SpecMismatch(`${cfg.name}: deadlock ${where}: ${who}`, replayOf(real));
  }
  if (!out.quiescent) {
    throw new SpecMismatch(`${cfg.name}: no quiescence within ${cfg.maxSteps ?? 20_000} steps ${where}`, replayOf(real));
  }
  const done = [];
  for (const [id, handle] of real.open) {
    if (handle.done) {
      real.open.delete(id);
      done.push({ handle: id, result: handle.result ?? { error: 0 } });
    }
  }
  const subs = all.map((x, i) => ({ cmd: x.cmd, tid: x.tid, handle: handles[i]!.id }));
  const verdict = checkStep(model.state, { ...subs[0]!, also: subs.slice(1), done, view: driver.view() });
  if (!verdict.ok) throw new SpecMismatch(`${cfg.name}: spec mismatch ${where}: ${verdict.reason}`, replayOf(real));
  model.state = verdict.state;
  count(all.length > 1 ? 'steps:concurrent' : 'steps:single');
  for (const d of done) {
    const own = subs.find((x) => x.handle === d.handle);
    count(outcomeKey(own?.cmd ?? { kind: 'wait', pid: 0, api: 'wait4', idtype: 'P_ALL', id: 0, options: {} }, d.result, own === undefined));
  }
  for (const x of subs) if (!done.some((d) => d.handle === x.handle)) count(`${x.cmd.kind}:no return`);
}
