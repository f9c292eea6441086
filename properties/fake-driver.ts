/**
 * A tiny KernelDriver built directly on spec/, to test the harness itself: it runs each command
 * atomically, then lets blocked waits complete one at a time, asking the strategy which waiter
 * goes first and which child it reports (so schedules matter and shrink). With a `mutant` it is
 * deliberately wrong in one way, and the harness must catch it.
 */
import {
  Errno, type Choice, type Command, type CommandHandle, type CommandResult, type KernelDriver, type ProcTableView,
  type RunOutcome, type Strategy,
} from '../impl/api.js';
import {
  ANY_ERROR, applyWaitResult, cloneState, commandOutcomes, getProc, initialState, modelView, waitChoices,
  type PendingCall, type SpecParams, type SpecState,
} from '../spec/index.js';

export type FakeMutant =
  /** Blocked waits are not woken by a later exit: a lost wakeup. */
  | 'lost-wakeup'
  /** WNOWAIT reaps the zombie anyway. */
  | 'wnowait-reaps'
  /** Orphans keep their dead parent's pid as ppid. */
  | 'no-reparent'
  /** WNOHANG with children but nothing to report returns ECHILD instead of 0. */
  | 'wnohang-echild'
  /** A stop is reported again after it was already reported (P_WAITED ignored). */
  | 'stop-twice';

export const FAKE_MUTANTS: readonly FakeMutant[] = ['lost-wakeup', 'wnowait-reaps', 'no-reparent', 'wnohang-echild', 'stop-twice'];

/** The boot table of the fake: init and one user process (pid 2, its own session). */
export const FAKE_BOOT: ProcTableView = {
  procs: [
    { pid: 1, ppid: 1, state: 'running', pgid: 1, sid: 1, uid: 0, gid: 0, jail: 0, nthreads: 1, isReaper: true, sigchld: 'default' },
    { pid: 2, ppid: 1, state: 'running', pgid: 2, sid: 2, uid: 0, gid: 0, jail: 0, nthreads: 1, isReaper: false, sigchld: 'default' },
  ],
};

interface FakeHandle extends CommandHandle {
  done: boolean;
  result?: CommandResult;
}

export function createSpecDriver(params: SpecParams, mutant?: FakeMutant): KernelDriver {
  let s: SpecState = initialState(params, FAKE_BOOT);
  let nextPid = 10;
  let nextHandle = 1;
  const queue: FakeHandle[] = [];
  const sched: Choice[] = [];
  const labels = new Set<string>();
  let steps = 0;

  const pick = (strategy: Strategy, options: Choice[]): number => {
    if (options.length === 0) return 0;
    const i = strategy.pick(options, steps++);
    sched.push(options[i]!);
    return i;
  };
  const handles = new Map<number, FakeHandle>();

  const runCommand = (h: FakeHandle): boolean => {
    const cmd = h.cmd;
    const issuer = s.procs.find((p) => p.pid === cmd.pid);
    if (!issuer || issuer.state === 'zombie') {
      h.done = true; // its process died before the command ran (a concurrent kill)
      h.result = { error: Errno.ESRCH };
      return false;
    }
    const tid = 'tid' in cmd && cmd.tid !== undefined ? cmd.tid : (issuer.tids[0] ?? 0);
    if (cmd.kind === 'wait') {
      s = cloneState(s);
      s.pending.push({ handle: h.id, pid: cmd.pid, tid, cmd, signalled: false, myPgids: [issuer.pgid] }); // p_pgid read at entry
      return false;
    }
    const before = mutant === 'no-reparent' ? s.procs.map((p) => [p.pid, p.ppid] as const) : [];
    const forked = nextPid;
    const outs = commandOutcomes(s, cmd, tid, { error: 0, pid: forked });
    const o = outs[0]!;
    s = o.state;
    if (cmd.kind === 'fork' && o.results[0]?.error === 0) nextPid++;
    if (mutant === 'no-reparent' && (cmd.kind === 'exit' || cmd.kind === 'kill' || cmd.kind === 'extexit')) {
      for (const [pid, ppid] of before) {
        const p = s.procs.find((q) => q.pid === pid);
        if (p && p.ppid !== ppid && p.state !== 'zombie' && !s.procs.some((q) => q.pid === ppid && q.state !== 'zombie')) p.ppid = ppid;
      }
    }
    labels.add(`fake.${cmd.kind}`);
    if (!o.noReturn) {
      h.done = true;
      const e = o.results[0]!;
      h.result = cmd.kind === 'fork' && e.error === 0 ? { error: 0, pid: forked } : e.error === ANY_ERROR ? { error: Errno.EINVAL } : e;
    }
    return true;
  };

  /** Completes runnable waits one at a time, in the strategy's order. */
  const settle = (strategy: Strategy, fresh: ReadonlySet<number>): void => {
    for (;;) {
      const ready: { call: PendingCall; results: CommandResult[] }[] = [];
      for (const call of s.pending) {
        if (mutant === 'lost-wakeup' && !fresh.has(call.handle)) continue;
        const c = waitChoices(s, call);
        let results = c.results.filter((r) => r.error !== Errno.EINTR && r.error !== Errno.ERESTART);
        if (mutant === 'wnohang-echild') results = results.map((r) => (r.error === 0 && r.pid === 0 ? { error: Errno.ECHILD } : r));
        if (results.length > 0 && getProc(s, call.pid).state === 'running') ready.push({ call, results });
      }
      if (ready.length === 0) return;
      const who = ready[pick(strategy, ready.map((r) => ({ kind: 'run', tid: r.call.handle })))]!;
      const result = who.results[pick(strategy, who.results.map((_, i) => ({ kind: 'run', tid: 1000 + i })))]!;
      s = cloneState(s);
      const h = handles.get(who.call.handle)!;
      h.done = true;
      h.result = result;
      labels.add('fake.wait');
      const child = result.pid ? s.procs.find((p) => p.pid === result.pid) : undefined;
      if (mutant === 'stop-twice' && result.report?.kind === 'stopped') {
        s.pending = s.pending.filter((c) => c.handle !== who.call.handle);
      } else {
        applyWaitResult(s, who.call, result);
      }
      if (mutant === 'wnowait-reaps' && who.call.cmd.options.WNOWAIT && child?.state === 'zombie') {
        s.procs = s.procs.filter((p) => p.pid !== child.pid);
      }
    }
  };

  return {
    kernel: params.flavour === 'bsd' ? 'dragonfly' : 'minix',
    submit(cmd: Command): CommandHandle {
      const h: FakeHandle = { id: nextHandle++, cmd, done: false };
      handles.set(h.id, h);
      queue.push(h);
      return h;
    },
    run(strategy: Strategy, maxSteps: number): RunOutcome {
      const start = steps;
      const fresh = new Set<number>();
      while (queue.length > 0) {
        const h = queue.shift()!;
        fresh.add(h.id);
        runCommand(h);
      }
      settle(strategy, fresh);
      void maxSteps;
      return { steps: steps - start, quiescent: true, violations: [] };
    },
    view: () => modelView(s),
    schedule: () => [...sched],
    labelsCovered: () => labels,
  };
}
