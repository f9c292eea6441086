/**
 * Hand-reasoned scenarios for the abstract model. Each expected value comes from the cited
 * behaviour (POSIX wait(2), DragonFly wait(2)/kern_wait in seed 000), not from the model's code.
 */
import { describe, expect, it } from 'vitest';
import { Errno, type Command, type CommandResult, type ProcTableView, type WaitOptions } from '../impl/api.js';
import {
  BSD_PARAMS, MINIX_PARAMS, allowed, apply, checkStep, diffViews, initialState, modelView, specParams, waitChoices,
  type SpecParams, type SpecState,
} from './index.js';

const BOOT: ProcTableView = {
  procs: [
    { pid: 1, ppid: 1, state: 'running', pgid: 1, sid: 1, uid: 0, gid: 0, jail: 0, nthreads: 1, isReaper: true, sigchld: 'default' },
    { pid: 2, ppid: 1, state: 'running', pgid: 2, sid: 2, uid: 0, gid: 0, jail: 0, nthreads: 1, isReaper: false, sigchld: 'default' },
  ],
};

/** Runs commands sequentially; each entry's result is what a correct kernel returns. */
class Scenario {
  s: SpecState;
  handle = 100;
  constructor(params: SpecParams = BSD_PARAMS) {
    this.s = initialState(params, BOOT);
  }
  /** Applies cmd with `observed` and returns whether the model accepted it. */
  try(cmd: Command, observed: CommandResult | undefined, tid = 0): boolean {
    const v = apply(this.s, cmd, tid, observed, this.handle++);
    if (v.ok) this.s = v.state;
    return v.ok;
  }
  ok(cmd: Command, observed: CommandResult | undefined, tid = 0): this {
    const v = apply(this.s, cmd, tid, observed, this.handle++);
    if (!v.ok) throw new Error(v.reason);
    this.s = v.state;
    return this;
  }
  fork(pid: number, child: number): this {
    return this.ok({ kind: 'fork', pid }, { error: 0, pid: child });
  }
  proc(pid: number) {
    return modelView(this.s).procs.find((p) => p.pid === pid);
  }
}

const w4 = (pid: number, id: number, options: WaitOptions = {}): Command => ({ kind: 'wait', pid, api: 'wait4', idtype: 'P_ALL', id, options });
const w6 = (pid: number, idtype: Command extends infer C ? C extends { kind: 'wait'; idtype: infer I } ? I : never : never, id: number, options: WaitOptions): Command =>
  ({ kind: 'wait', pid, api: 'wait6', idtype, id, options });

describe('spec: exit and wait (POSIX wait(2))', () => {
  it('a child exit is reported once, with its status, and the zombie is freed', () => {
    const sc = new Scenario().fork(2, 10).ok({ kind: 'exit', pid: 10, status: 300 }, undefined);
    // exit status is truncated to 8 bits (WEXITSTATUS): 300 & 0xff = 44
    expect(sc.proc(10)).toMatchObject({ state: 'zombie', exit: { kind: 'exited', pid: 10, status: 44 } });
    expect(sc.try(w4(2, -1), { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 44 } })).toBe(true);
    expect(sc.proc(10)).toBeUndefined();
    // no child left: ECHILD
    expect(sc.try(w4(2, -1), { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 44 } })).toBe(false);
    expect(sc.try(w4(2, -1), { error: Errno.ECHILD })).toBe(true);
  });

  it('WNOHANG returns pid 0 while a matching child runs, and a blocking wait may not return', () => {
    const sc = new Scenario().fork(2, 10);
    expect(sc.try(w4(2, -1, { WNOHANG: true }), { error: 0, pid: 0 })).toBe(true);
    expect(sc.try(w4(2, -1, { WNOHANG: true }), { error: Errno.ECHILD })).toBe(false);
    expect(sc.try(w4(2, -1), undefined)).toBe(true); // blocked is fine
    expect(sc.s.pending).toHaveLength(1);
  });

  it('WNOWAIT reports without reaping (DragonFly kern_wait: "WNOWAIT shortcuts to done")', () => {
    const sc = new Scenario().fork(2, 10).ok({ kind: 'exit', pid: 10, status: 3 }, undefined);
    const rep = { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 3 } } as const;
    sc.ok(w6(2, 'P_PID', 10, { WEXITED: true, WNOWAIT: true }), rep);
    expect(sc.proc(10)?.state).toBe('zombie');
    sc.ok(w4(2, 10), rep);
    expect(sc.proc(10)).toBeUndefined();
  });

  it('ECHILD for a pid that is not a child; EINVAL for bad options or wait6 with no event bits', () => {
    const sc = new Scenario().fork(2, 10).fork(10, 11);
    expect(allowed(sc.s, { handle: 1, pid: 2, tid: 0, cmd: w4(2, 11) as never, signalled: false }).results).toEqual([{ error: Errno.ECHILD }]);
    expect(sc.try(w4(2, 10, { invalidBits: true }), { error: Errno.EINVAL })).toBe(true);
    expect(sc.try(w6(2, 'P_ALL', 0, { WNOHANG: true }), { error: Errno.EINVAL })).toBe(true);
    // WLINUXCLONE waits only for non-SIGCHLD children: a fork child never matches
    expect(sc.try(w4(2, -1, { WLINUXCLONE: true }), { error: Errno.ECHILD })).toBe(true);
  });

  it('wait4 pid encoding: 0 = own group, < -1 = group -pid (seed 000:913-924)', () => {
    const sc = new Scenario().fork(2, 10).fork(2, 11);
    sc.ok({ kind: 'setpgid', pid: 11, pgid: 0 }, { error: 0 });
    sc.ok({ kind: 'exit', pid: 11, status: 1 }, undefined);
    // own group (2) holds only 10, which runs: WNOHANG says 0
    expect(sc.try(w4(2, 0, { WNOHANG: true }), { error: 0, pid: 0 })).toBe(true);
    expect(sc.try(w4(2, -11, { WNOHANG: true }), { error: 0, pid: 11, report: { kind: 'exited', pid: 11, status: 1 } })).toBe(true);
  });

  it('idtype filters: P_SID, P_UID, P_GID, and P_JAILID matches unjailed children', () => {
    const sc = new Scenario().fork(2, 10).ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    const rep = { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 0 } } as const;
    expect(sc.try(w6(2, 'P_SID', 99, { WEXITED: true, WNOHANG: true }), { error: Errno.ECHILD })).toBe(true);
    expect(sc.try(w6(2, 'P_UID', 5, { WEXITED: true, WNOHANG: true }), { error: Errno.ECHILD })).toBe(true);
    expect(sc.try(w6(2, 'P_GID', 0, { WEXITED: true, WNOWAIT: true }), rep)).toBe(true);
    expect(sc.try(w6(2, 'P_JAILID', 7, { WEXITED: true }), rep)).toBe(true);
  });
});

describe('spec: stop and continue reports (WUNTRACED/WCONTINUED, reported once)', () => {
  it('a stop is reported once to WUNTRACED and a continue once to WCONTINUED', () => {
    const sc = new Scenario({ ...BSD_PARAMS, lateStopNotify: false }).fork(2, 10).ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGSTOP' }, { error: 0 });
    const stop = { error: 0, pid: 10, report: { kind: 'stopped', pid: 10, signal: 17 } } as const;
    expect(sc.try(w4(2, -1, { WNOHANG: true }), { error: 0, pid: 0 })).toBe(true); // no WUNTRACED
    sc.ok(w4(2, -1, { WUNTRACED: true }), stop);
    expect(sc.try(w4(2, -1, { WUNTRACED: true, WNOHANG: true }), stop)).toBe(false); // P_WAITED
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGCONT' }, { error: 0 });
    sc.ok(w4(2, -1, { WCONTINUED: true }), { error: 0, pid: 10, report: { kind: 'continued', pid: 10 } });
    expect(sc.try(w4(2, -1, { WCONTINUED: true, WNOHANG: true }), { error: 0, pid: 0 })).toBe(true);
  });

  it('lateStopNotify (DragonFly): a reported stop may be reported once more, never a third time', () => {
    const sc = new Scenario().fork(2, 10).ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGSTOP' }, { error: 0 });
    const stop = { error: 0, pid: 10, report: { kind: 'stopped', pid: 10, signal: 17 } } as const;
    sc.ok(w4(2, -1, { WUNTRACED: true }), stop);
    sc.ok(w4(2, -1, { WUNTRACED: true, WNOHANG: true }), stop); // the late tstop cleared P_WAITED
    expect(sc.try(w4(2, -1, { WUNTRACED: true, WNOHANG: true }), stop)).toBe(false);
    expect(sc.try(w4(2, -1, { WUNTRACED: true, WNOHANG: true }), { error: 0, pid: 0 })).toBe(true);
    // a new stop after a continue may again be reported twice, but not before it is reported once
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGCONT' }, { error: 0 });
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGSTOP' }, { error: 0 });
    sc.ok(w4(2, -1, { WUNTRACED: true }), stop).ok(w4(2, -1, { WUNTRACED: true, WNOHANG: true }), stop);
    expect(sc.try(w4(2, -1, { WUNTRACED: true, WNOHANG: true }), stop)).toBe(false);
    // a continued process has no late notification left
    const c = new Scenario().fork(2, 10).ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGSTOP' }, { error: 0 });
    c.ok(w4(2, -1, { WUNTRACED: true }), stop).ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGCONT' }, { error: 0 });
    expect(c.try(w4(2, -1, { WUNTRACED: true, WNOHANG: true }), stop)).toBe(false);
  });
});

describe('spec: WAIT_MYPGRP is read at the call\'s entry (seed 000:909-915)', () => {
  it('a blocked wait4(0) keeps waiting for its old group after setpgid by another thread', () => {
    const sc = new Scenario().fork(2, 10).ok({ kind: 'lwp_create', pid: 10 }, { error: 0 }).fork(10, 11);
    sc.ok({ ...w4(10, 0), tid: 1 }, undefined, 1); // blocks, waiting for group 2
    sc.ok({ kind: 'setpgid', pid: 10, tid: 2, pgid: 0 }, { error: 0 }, 2); // 10 now leads group 10
    expect(sc.proc(10)?.pgid).toBe(10);
    const call = sc.s.pending[0]!;
    expect(call.myPgids).toEqual([2]);
    sc.ok({ kind: 'exit', pid: 11, status: 4 }, undefined);
    const exited = { error: 0, pid: 11, report: { kind: 'exited', pid: 11, status: 4 } } as const;
    expect(waitChoices(sc.s, call).results).toContainEqual(exited);
    // reading the waiter's current group instead would not see pid 11 (group 2)
    expect(waitChoices(sc.s, { ...call, myPgids: undefined }).results).not.toContainEqual(exited);
  });
});

describe('spec: reparenting, reapers, SIGCHLD, ptrace', () => {
  it('orphans go to init, which collects zombies; with a reaper acquired they go to the reaper', () => {
    const sc = new Scenario().fork(2, 10).fork(10, 11).ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    expect(sc.proc(11)?.ppid).toBe(1);
    const r = new Scenario().ok({ kind: 'reaper_acquire', pid: 2 }, { error: 0 }).fork(2, 10).fork(10, 11);
    r.ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    expect(r.proc(11)?.ppid).toBe(2);
    expect(r.proc(2)?.isReaper).toBe(true);
    expect(r.try({ kind: 'reaper_acquire', pid: 2 }, { error: 0 })).toBe(false); // EALREADY
  });

  it('a reaper only adopts descendants forked after it acquired (p_reaper is inherited at fork)', () => {
    const sc = new Scenario().fork(2, 10).fork(10, 11);
    sc.ok({ kind: 'reaper_acquire', pid: 2 }, { error: 0 }).ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    expect(sc.proc(11)?.ppid).toBe(1);
  });

  it('SIGCHLD ignored or NOCLDWAIT: the exiting child is not left as the parent\'s zombie', () => {
    for (const disposition of ['ignore', 'nocldwait'] as const) {
      const sc = new Scenario().ok({ kind: 'sigchld', pid: 2, disposition }, { error: 0 }).fork(2, 10);
      sc.ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
      expect(sc.proc(10)).toBeUndefined();
      expect(sc.try(w4(2, -1), { error: Errno.ECHILD })).toBe(true);
    }
  });

  it('ptrace attach: the tracer sees the stop; the zombie goes back to the old parent after the tracer reaps', () => {
    const sc = new Scenario().fork(2, 10).fork(2, 11);
    sc.ok({ kind: 'ptrace_attach', pid: 11, target: 10 }, { error: 0 });
    expect(sc.proc(10)).toMatchObject({ ppid: 11, tracer: 11, state: 'stopped' });
    expect(sc.try({ kind: 'ptrace_attach', pid: 11, target: 10 }, { error: Errno.EBUSY })).toBe(true);
    sc.ok(w4(11, 10), { error: 0, pid: 10, report: { kind: 'stopped', pid: 10, signal: 17 } });
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGKILL' }, { error: 0 });
    const died = { error: 0, pid: 10, report: { kind: 'killed', pid: 10, signal: 9 } } as const;
    sc.ok(w4(11, 10), died);
    expect(sc.proc(10)).toMatchObject({ ppid: 2, state: 'zombie' });
    sc.ok(w4(2, 10), died);
    expect(sc.proc(10)).toBeUndefined();
  });

  it('a tracer that exits kills its tracees (seed 000:562-565)', () => {
    const sc = new Scenario().fork(2, 10).fork(2, 11);
    sc.ok({ kind: 'ptrace_attach', pid: 11, target: 10 }, { error: 0 }).ok({ kind: 'exit', pid: 11, status: 0 }, undefined);
    // 10 was reparented to the reaper (init), killed, collected by init and given back to 2
    expect(sc.proc(10)).toMatchObject({ ppid: 2, state: 'zombie', exit: { kind: 'killed', signal: 9 } });
  });
});

describe('spec: blocked waits and the quiescence rule', () => {
  const view = (sc: Scenario) => modelView(sc.s);

  it('a child exit must complete a blocked wait (no lost wakeup)', () => {
    const sc = new Scenario().fork(2, 10).ok(w4(2, -1), undefined, 0);
    const handle = sc.s.pending[0]!.handle;
    const after = new Scenario().fork(2, 10).ok({ kind: 'exit', pid: 10, status: 5 }, undefined);
    // kernel forgot to wake the waiter: the table shows the zombie, the wait did not return
    const lost = checkStep(sc.s, { cmd: { kind: 'exit', pid: 10, status: 5 }, handle: 999, tid: 0, done: [], view: view(after) });
    expect(lost.ok).toBe(false);
    expect(lost.ok ? '' : lost.reason).toMatch(/lost wakeup/);
    const reaped = { ...view(after), procs: view(after).procs.filter((p) => p.pid !== 10) };
    const good = checkStep(sc.s, {
      cmd: { kind: 'exit', pid: 10, status: 5 }, handle: 999, tid: 0,
      done: [{ handle, result: { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 5 } } }], view: reaped,
    });
    expect(good.ok).toBe(true);
  });

  it('two threads racing for one zombie: exactly one gets it, the other blocks or gets ECHILD', () => {
    const sc = new Scenario().ok({ kind: 'lwp_create', pid: 2 }, { error: 0 }).fork(2, 10);
    sc.ok(w4(2, 10), undefined, 0).ok(w4(2, 10), undefined, 1);
    const [h0, h1] = sc.s.pending.map((c) => c.handle) as [number, number];
    const exitCmd: Command = { kind: 'exit', pid: 10, status: 0 };
    const rep: CommandResult = { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 0 } };
    const gone = { procs: view(sc).procs.filter((p) => p.pid !== 10) };
    const both = checkStep(sc.s, { cmd: exitCmd, handle: 999, tid: 0, done: [{ handle: h0, result: rep }, { handle: h1, result: rep }], view: gone });
    expect(both.ok).toBe(false); // reaped twice
    const one = checkStep(sc.s, { cmd: exitCmd, handle: 999, tid: 0, done: [{ handle: h1, result: rep }, { handle: h0, result: { error: Errno.ECHILD } }], view: gone });
    expect(one.ok).toBe(true);
  });

  it('a wrong table is reported field by field', () => {
    const sc = new Scenario().fork(2, 10);
    const v = view(sc);
    const bad = { procs: v.procs.map((p) => (p.pid === 10 ? { ...p, ppid: 1 } : p)) };
    expect(diffViews(v, bad)).toEqual(['pid 10: ppid expected 2, kernel says 1']);
  });
});

describe('spec: MINIX parameters', () => {
  it('EAGAIN when the table is full; no threads; options other than WNOHANG ignored', () => {
    const sc = new Scenario(specParams('minix', { maxProcs: 3 })).fork(2, 10);
    expect(sc.try({ kind: 'fork', pid: 2 }, { error: Errno.EAGAIN })).toBe(true);
    expect(sc.try({ kind: 'lwp_create', pid: 2 }, { error: 0 })).toBe(false);
    sc.ok({ kind: 'exit', pid: 10, status: 1 }, undefined);
    // WNOWAIT is ignored: the zombie is collected
    sc.ok(w4(2, 10, { WNOWAIT: true }), { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 1 } });
    expect(sc.proc(10)).toBeUndefined();
  });

  it('tracer as pseudo-parent: tracer is told of the death first, then the parent collects', () => {
    const sc = new Scenario(MINIX_PARAMS).fork(2, 10).fork(2, 11);
    sc.ok({ kind: 'ptrace_attach', pid: 11, target: 10 }, { error: 0 });
    expect(sc.proc(10)).toMatchObject({ ppid: 2, tracer: 11 });
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGKILL' }, { error: 0 });
    const died = { error: 0, pid: 10, report: { kind: 'killed', pid: 10, signal: 9 } } as const;
    expect(sc.try(w4(2, 10, { WNOHANG: true }), { error: 0, pid: 0 })).toBe(true); // parent must wait for the tracer
    sc.ok(w4(11, 10), died);
    sc.ok(w4(2, 10), died);
    expect(sc.proc(10)).toBeUndefined();
  });

  it('SIGCHLD ignored does not auto-reap in MINIX', () => {
    const sc = new Scenario(MINIX_PARAMS).ok({ kind: 'sigchld', pid: 2, disposition: 'ignore' }, { error: 0 }).fork(2, 10);
    sc.ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    expect(sc.proc(10)?.state).toBe('zombie');
  });
});

describe('spec: concurrent steps and asynchronous signals', () => {
  const kill = (pid: number, target: number, sig: 'SIGKILL' | 'SIGSTOP'): Command => ({ kind: 'kill', pid, target, sig });

  it('a WNOHANG wait racing a SIGKILL may see the victim neither stopped nor dead (it runs to its death)', () => {
    // POSIX kill(2): the signal is delivered asynchronously; a stopped victim is set running first.
    const sc = new Scenario().fork(2, 10).fork(2, 11).ok(kill(2, 10, 'SIGSTOP'), { error: 0 });
    const dead = new Scenario().fork(2, 10).fork(2, 11).ok(kill(2, 10, 'SIGKILL'), { error: 0 });
    const input = (r: CommandResult) => ({
      cmd: w4(2, 10, { WUNTRACED: true, WNOHANG: true, WNOWAIT: true }), handle: 50, tid: 1,
      also: [{ cmd: kill(11, 10, 'SIGKILL'), handle: 51, tid: 1 }],
      done: [{ handle: 50, result: r }, { handle: 51, result: { error: 0 } }], view: modelView(dead.s),
    });
    // before the kill: the stop; after the death: the kill; in between (running to die): nothing
    expect(checkStep(sc.s, input({ error: 0, pid: 10, report: { kind: 'stopped', pid: 10, signal: 17 } })).ok).toBe(true);
    expect(checkStep(sc.s, input({ error: 0, pid: 10, report: { kind: 'killed', pid: 10, signal: 9 } })).ok).toBe(true);
    expect(checkStep(sc.s, input({ error: 0, pid: 0 })).ok).toBe(true);
    // but never ECHILD (10 is a child throughout) nor a continue (SIGKILL is not SIGCONT)
    expect(checkStep(sc.s, input({ error: Errno.ECHILD })).ok).toBe(false);
    expect(checkStep(sc.s, input({ error: 0, pid: 10, report: { kind: 'continued', pid: 10 } })).ok).toBe(false);
    // sequentially (no race) the dying interval does not exist: the stop must be reported
    expect(new Scenario().fork(2, 10).fork(2, 11).ok(kill(2, 10, 'SIGSTOP'), { error: 0 }).try(w4(2, 10, { WUNTRACED: true, WNOHANG: true }), { error: 0, pid: 0 })).toBe(false);
  });

  it('SIGKILL then SIGSTOP before the victim acts: stopped with the kill pending (DragonFly) or dead', () => {
    const before = new Scenario().fork(2, 10).fork(2, 11);
    const stoppedView = { procs: modelView(before.s).procs.map((p) => (p.pid === 10 ? { ...p, state: 'stopped' as const } : p)) };
    const input = {
      cmd: kill(11, 10, 'SIGKILL'), handle: 60, tid: 1, also: [{ cmd: kill(2, 10, 'SIGSTOP'), handle: 61, tid: 1 }],
      done: [{ handle: 60, result: { error: 0 } }, { handle: 61, result: { error: 0 } }], view: stoppedView,
    };
    const v = checkStep(before.s, input);
    expect(v.ok).toBe(true);
    // the kill is still pending: continuing it lets it die
    const strict = initialState(specParams('bsd', { stopDefersPendingKill: false }), BOOT);
    const sc2 = new Scenario();
    sc2.s = strict;
    sc2.fork(2, 10).fork(2, 11);
    expect(checkStep(sc2.s, input).ok).toBe(false);
  });

  it('lwp ids are not reused (p_lasttid): create, exit one, create again', () => {
    const sc = new Scenario().fork(2, 10).ok({ kind: 'lwp_create', pid: 10 }, { error: 0 });
    sc.ok({ kind: 'extexit', pid: 10, tid: 2, who: 'EXTEXIT_LWP', action: 'EXTEXIT_SIMPLE', status: 0 }, undefined, 2);
    sc.ok({ kind: 'lwp_create', pid: 10 }, { error: 0 });
    expect(sc.s.procs.find((p) => p.pid === 10)?.tids).toEqual([1, 3]);
  });
});

describe('spec: more MINIX parameters', () => {
  it('a group leader exit sends SIGHUP to its group (exit_proc, seed 004:283,390)', () => {
    const sc = new Scenario(MINIX_PARAMS).fork(2, 10).fork(10, 11);
    expect(sc.try({ kind: 'setpgid', pid: 10, pgid: 0 }, { error: 0 })).toBe(false); // no setpgid in PM
    sc.ok({ kind: 'setsid', pid: 10 }, { error: 0 }); // 10 leads group 10; 11 stays in group 2
    sc.ok({ kind: 'fork', pid: 10 }, { error: 0, pid: 12 }); // 12 in group 10
    sc.ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    expect(sc.proc(12)).toBeUndefined(); // SIGHUP killed it; orphan of init, collected
    expect(sc.proc(11)?.state).toBe('running');
    const bsd = new Scenario().fork(2, 10).ok({ kind: 'setpgid', pid: 10, pgid: 0 }, { error: 0 });
    bsd.ok({ kind: 'fork', pid: 10 }, { error: 0, pid: 12 }).ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    expect(bsd.proc(12)?.state).toBe('running'); // no tty, no SIGHUP
  });

  it('SIGSTOP terminates an untraced process; wait4(0) in group 1 means any child', () => {
    const sc = new Scenario(MINIX_PARAMS).fork(2, 10);
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGSTOP' }, { error: 0 });
    expect(sc.proc(10)).toMatchObject({ state: 'zombie', exit: { kind: 'killed', signal: 17 } });
    const g1 = initialState(MINIX_PARAMS, { procs: BOOT.procs.map((p) => ({ ...p, pgid: 1, sid: 1 })) });
    const v = apply(g1, w4(2, 0, { WNOHANG: true }), 1, { error: Errno.ECHILD });
    expect(v.ok).toBe(true); // no children at all
  });
});

describe('spec: seed 000 details', () => {
  it('a zombie keeps an unreported continue: WCONTINUED without WEXITED reports it (seed 000:1377)', () => {
    const sc = new Scenario().fork(2, 10);
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGSTOP' }, { error: 0 }).ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGCONT' }, { error: 0 });
    sc.ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    sc.ok(w6(2, 'P_ALL', 0, { WCONTINUED: true }), { error: 0, pid: 10, report: { kind: 'continued', pid: 10 } });
    expect(sc.proc(10)?.state).toBe('zombie'); // not reaped
    expect(sc.try(w6(2, 'P_ALL', 0, { WCONTINUED: true, WNOHANG: true }), { error: 0, pid: 0 })).toBe(true); // reported once
    // with WEXITED the exit wins (the SZOMB branch comes first)
    sc.ok(w6(2, 'P_ALL', 0, { WCONTINUED: true, WEXITED: true }), { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 0 } });
  });
});

describe('spec: the PWAITRES window (waitresHidesZombie)', () => {
  // Two threads of 2 wait with WNOWAIT while child 10 exits. Thread 2 reports the zombie; in
  // DragonFly thread 1's scan skips it (PWAITRES) without counting it, so it gets ECHILD although
  // 10 is a child throughout (seed 000:1052-1053, 1148). POSIX would forbid that ECHILD.
  const run = (waitresHidesZombie: boolean) => {
    const sc = new Scenario(specParams('bsd', { waitresHidesZombie })).ok({ kind: 'lwp_create', pid: 2 }, { error: 0 }).fork(2, 10);
    const after = new Scenario().ok({ kind: 'lwp_create', pid: 2 }, { error: 0 }).fork(2, 10).ok({ kind: 'exit', pid: 10, status: 0 }, undefined);
    const rep: CommandResult = { error: 0, pid: 10, report: { kind: 'exited', pid: 10, status: 0 } };
    return checkStep(sc.s, {
      cmd: w4(2, -1, { WNOWAIT: true }, ), handle: 70, tid: 1,
      also: [{ cmd: { ...w4(2, 10, { WNOWAIT: true }), tid: 2 } as Command, handle: 71, tid: 2 }, { cmd: { kind: 'exit', pid: 10, status: 0 }, handle: 72, tid: 1 }],
      done: [{ handle: 70, result: { error: Errno.ECHILD } }, { handle: 71, result: rep }],
      view: modelView(after.s),
    }).ok;
  };
  it('DragonFly allows the blind ECHILD; POSIX (false) rejects it', () => {
    expect(run(true)).toBe(true);
    expect(run(false)).toBe(false);
  });
});

describe('spec: MINIX tracing (tracedSignalsToTracer)', () => {
  it('signals to a tracee are held for the tracer and reported one per wait, lowest first', () => {
    const sc = new Scenario(MINIX_PARAMS).fork(2, 10).fork(2, 11);
    sc.ok({ kind: 'ptrace_attach', pid: 11, target: 10 }, { error: 0 }); // T_ATTACH: SIGSTOP held
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGTERM' }, { error: 0 }); // held too, not fatal
    expect(sc.proc(10)?.state).toBe('stopped');
    sc.ok(w4(11, 10, { WNOHANG: true }), { error: 0, pid: 10, report: { kind: 'stopped', pid: 10, signal: 15 } });
    sc.ok(w4(11, 10, { WNOHANG: true }), { error: 0, pid: 10, report: { kind: 'stopped', pid: 10, signal: 17 } });
    sc.ok(w4(11, 10, { WNOHANG: true }), { error: 0, pid: 0 });
    // the parent sees none of it (no job control in PM)
    expect(sc.try(w4(2, 10, { WNOHANG: true, WUNTRACED: true }), { error: 0, pid: 0 })).toBe(true);
  });

  it("a child's death is a SIGCHLD held for a traced parent that is not waiting", () => {
    const sc = new Scenario(MINIX_PARAMS).fork(2, 10).fork(10, 11).fork(2, 12);
    sc.ok({ kind: 'ptrace_attach', pid: 12, target: 10 }, { error: 0 });
    sc.ok(w4(12, 10, { WNOHANG: true }), { error: 0, pid: 10, report: { kind: 'stopped', pid: 10, signal: 17 } });
    sc.ok({ kind: 'kill', pid: 2, target: 11, sig: 'SIGKILL' }, { error: 0 });
    sc.ok(w4(12, 10, { WNOHANG: true }), { error: 0, pid: 10, report: { kind: 'stopped', pid: 10, signal: 20 } });
  });

  it('a tracer that is also the parent collects a traced zombie once (no TRACE_ZOMBIE)', () => {
    const sc = new Scenario(MINIX_PARAMS).fork(2, 10);
    sc.ok({ kind: 'ptrace_attach', pid: 2, target: 10 }, { error: 0 }).ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGKILL' }, { error: 0 });
    sc.ok(w4(2, 10, {}), { error: 0, pid: 10, report: { kind: 'killed', pid: 10, signal: 9 } });
    expect(sc.proc(10)).toBeUndefined();
  });
});

describe('spec: MINIX tracer bookkeeping and INIT (seed 004)', () => {
  const killed = (pid: number) => ({ error: 0, pid, report: { kind: 'killed' as const, pid, signal: 9 } });

  it('a zombie keeps its tracer after the tracer was told, until the tracer dies (seed 004:705-726, 738)', () => {
    const sc = new Scenario(MINIX_PARAMS).fork(2, 10).fork(2, 11);
    sc.ok({ kind: 'ptrace_attach', pid: 11, target: 10 }, { error: 0 }).ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGKILL' }, { error: 0 });
    sc.ok(w4(11, 10), killed(10)); // tell_tracer (the held SIGSTOP is dropped: exit_proc masks TRACE_STOPPED)
    expect(sc.proc(10)).toMatchObject({ state: 'zombie', ppid: 2, tracer: 11 });
    // the tracer was told: it no longer counts the zombie, the parent collects it
    expect(sc.try(w4(11, 10, { WNOHANG: true }), { error: Errno.ECHILD })).toBe(true);
    sc.ok({ kind: 'exit', pid: 11, status: 0 }, undefined); // tracer_died: only the tracer goes
    expect(sc.proc(10)).toMatchObject({ state: 'zombie', ppid: 2 });
    expect(sc.proc(10)?.tracer).toBeUndefined();
    sc.ok(w4(2, 10), killed(10));
    expect(sc.proc(10)).toBeUndefined();
  });

  it('ptrace attach to oneself: EPERM in MINIX (trace.c), EINVAL in DragonFly', () => {
    const self: Command = { kind: 'ptrace_attach', pid: 2, target: 2 };
    expect(new Scenario(MINIX_PARAMS).try(self, { error: Errno.EPERM })).toBe(true);
    expect(new Scenario(MINIX_PARAMS).try(self, { error: Errno.EINVAL })).toBe(false);
    expect(new Scenario(BSD_PARAMS).try(self, { error: Errno.EINVAL })).toBe(true);
    expect(new Scenario(BSD_PARAMS).try(self, { error: Errno.EPERM })).toBe(false);
  });

  it('INIT is its own parent: its wait4 never gets ECHILD when it may wait for itself', () => {
    const minix = new Scenario(MINIX_PARAMS);
    expect(minix.try(w4(1, 1, { WNOHANG: true }), { error: 0, pid: 0 })).toBe(true);
    expect(minix.try(w4(1, 1, { WNOHANG: true }), { error: Errno.ECHILD })).toBe(false);
    expect(minix.try(w4(1, 7, { WNOHANG: true }), { error: Errno.ECHILD })).toBe(true); // not INIT, not a child
    // group 1 is INIT's: wait4(0) means any child, INIT included
    expect(minix.try(w4(1, 0, { WNOHANG: true }), { error: 0, pid: 0 })).toBe(true);
    const not = new Scenario(specParams('minix', { initIsOwnParent: false }));
    expect(not.try(w4(1, 1, { WNOHANG: true }), { error: Errno.ECHILD })).toBe(true);
    expect(new Scenario(BSD_PARAMS).try(w4(1, 1, { WNOHANG: true }), { error: Errno.ECHILD })).toBe(true);
  });

  it("INIT's zombies wait while INIT's own wait4 is blocked; the loop collects them when it returns", () => {
    const sc = new Scenario(MINIX_PARAMS).fork(1, 10).fork(1, 11);
    sc.ok(w4(1, 11), undefined); // blocks (handle 102)
    sc.ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGKILL' }, { error: 0 });
    // 10 is not what INIT waits for, and the loop does not run while INIT's call is in progress
    expect(sc.proc(10)).toMatchObject({ state: 'zombie', ppid: 1 });
    const after = new Scenario(MINIX_PARAMS).fork(1, 10).fork(1, 11);
    after.s.procs = after.s.procs.filter((p) => p.pid !== 10 && p.pid !== 11);
    const input = (r: CommandResult) => ({
      cmd: { kind: 'kill', pid: 2, target: 11, sig: 'SIGKILL' } as Command, handle: 200, tid: 1,
      done: [{ handle: 200, result: { error: 0 } }, { handle: 102, result: r }], view: modelView(after.s),
    });
    // 11's death wakes INIT's wait; then the loop collects 10: both are gone
    expect(checkStep(sc.s, input(killed(11))).ok).toBe(true);
    expect(checkStep(sc.s, input(killed(10))).ok).toBe(false); // 10 does not match wait4(11)
    // with the loop collecting at once (no INIT call holds it back), 10 would have gone already
    const eager = new Scenario(specParams('minix', { initIsOwnParent: false })).fork(1, 10).fork(1, 11);
    eager.ok(w4(1, 11), undefined).ok({ kind: 'kill', pid: 2, target: 10, sig: 'SIGKILL' }, { error: 0 });
    expect(eager.proc(10)).toBeUndefined();
  });
});
