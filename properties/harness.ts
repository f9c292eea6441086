/**
 * Kernel-generic fast-check stateful test: random command sequences, each run to quiescence under
 * a fast-check-chosen schedule, judged by spec/ (results of every handle that finished, the
 * process table after every command, no blocked wait with something to report) and by the
 * kernel's own invariants (RunOutcome.violations empty, no deadlock). A failure shrinks to a
 * minimal command list plus schedule and carries a replay (commands + full schedule) that
 * `replayScenario` re-runs.
 *
 * Used by properties/kernel-*.test.ts with a driver factory and SpecParams (DragonFly: 'bsd';
 * MINIX reuses it with 'minix').
 */
import fc from 'fast-check';
import type { Choice, Command, Strategy } from '../impl/api.js';
import { SpecMismatch, type HarnessConfig, type Replay } from './harness-config.js';
import { commandsArb } from './fc-commands.js';
import { choiceListStrategy, parseChoices } from './schedule.js';
import { newReal, step, type Model, type Real } from './step.js';

export * from './harness-config.js';
export * from './generate.js';
export * from './step.js';
export * from './fc-commands.js';
export { diffViews, isLive, modelView } from '../spec/index.js';

export interface PropertyOptions {
  readonly numRuns?: number;
  readonly maxCommands?: number;
  readonly seed?: number;
}

/** Runs the stateful property; returns fast-check's details (failed, counterexample, error). */
export function checkKernel(cfg: HarnessConfig, opts: PropertyOptions = {}): fc.RunDetails<[Iterable<fc.Command<Model, Real>>]> {
  const prop = fc.property(commandsArb(cfg, opts.maxCommands ?? 25), (cmds) => {
    fc.modelRun(() => newReal(cfg), cmds);
  });
  return fc.check(prop, { numRuns: opts.numRuns ?? 100, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
}

/** The numRuns to use: PROPERTY_RUNS from the environment (docs/spec.md), else `dflt`. */
export function envRuns(dflt: number): number {
  const v = Number(process.env['PROPERTY_RUNS']);
  return Number.isInteger(v) && v > 0 ? v : dflt;
}

/** The failure carried by a failed run, with its replay. */
export function failureOf<T extends unknown[]>(details: fc.RunDetails<T>): SpecMismatch | undefined {
  const e = details.errorInstance;
  return e instanceof SpecMismatch ? e : undefined;
}

/**
 * Re-runs a replay on a fresh driver with the recorded schedule: returns the first mismatch
 * message, or undefined if the whole replay passes. A schedule that no longer fits the kernel
 * (ScheduleDivergence from impl/kernel) is reported as such.
 */
export function replayScenario(cfg: HarnessConfig, replay: Replay, opts: { readonly ignoreSchedule?: boolean } = {}): string | undefined {
  const schedule: Choice[] = parseChoices(replay.schedule);
  const { model, real } = newReal(cfg);
  let pos = 0;
  const strategy: Strategy = opts.ignoreSchedule ? choiceListStrategy([]) : {
    name: 'replay',
    pick(options: readonly Choice[]): number {
      const c = schedule[pos++];
      const i = c ? options.findIndex((o) => o.kind === c.kind && o.tid === c.tid) : -1;
      if (i < 0) throw new Error(`replay diverges at choice ${pos - 1}: recorded ${c ? `${c.kind}:${c.tid}` : 'nothing'}, offered ${options.map((o) => `${o.kind}:${o.tid}`).join(', ')}`);
      return i;
    },
  };
  const tidOf = (cmd: Command): number =>
    'tid' in cmd && cmd.tid !== undefined ? cmd.tid : Math.min(...(model.state.procs.find((p) => p.pid === cmd.pid)?.tids ?? [0]));
  try {
    const cmds = replay.commands;
    for (let i = 0; i < cmds.length; ) {
      let j = i + 1;
      while (replay.batch && j < cmds.length && replay.batch[j] === replay.batch[i]) j++;
      const group = cmds.slice(i, j).map((cmd) => ({ cmd, tid: tidOf(cmd) }));
      step(model, real, group[0]!.cmd, group[0]!.tid, strategy, group.slice(1));
      i = j;
    }
  } catch (e) {
    return e instanceof SpecMismatch ? e.message.split('\nreplay:')[0] : String(e);
  }
  return undefined;
}
