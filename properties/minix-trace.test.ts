/**
 * Directed tests of MINIX tracing around exit: the tracer as a pseudo-parent (TRACE_ZOMBIE, then
 * ZOMBIE), tracer_died in each tracee state, ptrace(T_EXIT), and the mutant that forgets to hand
 * a TRACE_ZOMBIE back to its parent.
 */
import { describe, expect, it } from 'vitest';
import { Errno } from '../impl/api.js';
import { EXITING, TRACE_EXIT, TRACE_STOPPED, TRACE_ZOMBIE, ZOMBIE } from '../impl/minix/const.js';
import { first, flagsOf, fork, invariantNames, kernel, runWithoutVfs, slotOf, wait4 } from './minix-helpers.js';

/** sh(2) forks p; p forks c; t (another child of sh) attaches c. */
function traced(mutant?: 'tracer_died_no_reparent') {
  const k = kernel(mutant !== undefined ? { mutant } : {});
  const p = fork(k, 2);
  const c = fork(k, p);
  const t = fork(k, 2);
  const a = k.submit({ kind: 'ptrace_attach', pid: t, target: c });
  k.run(first, 1000);
  expect(a.result).toEqual({ error: 0 });
  return { k, p, c, t };
}

describe('the tracer is a pseudo-parent (seed 004:491-513, 569-600, 705-726)', () => {
  it('attach stops the tracee; the tracer\'s wait4 reports the stop, the parent sees nothing', () => {
    const { k, p, c, t } = traced();
    expect(slotOf(k, c).mp_flags & TRACE_STOPPED).toBe(TRACE_STOPPED);
    expect(k.view().procs.find((q) => q.pid === c)).toMatchObject({ state: 'stopped', tracer: t, ppid: p });
    const wt = wait4(k, t);
    k.run(first, 1000);
    expect(wt.result).toEqual({ error: 0, pid: c, report: { kind: 'stopped', pid: c, signal: 17 } });
    const wp = wait4(k, p, -1, true);
    k.run(first, 1000);
    expect(wp.result).toEqual({ error: 0, pid: 0 });
    expect(k.violations()).toEqual([]);
  });

  it('a dying tracee is TRACE_ZOMBIE until the tracer collects it, then its parent\'s ZOMBIE', () => {
    const { k, p, c, t } = traced();
    const wp = wait4(k, p);
    k.run(first, 1000);
    k.submit({ kind: 'kill', pid: 2, target: c, sig: 'SIGKILL' });
    k.run(first, 1000);
    expect(slotOf(k, c).mp_flags & (TRACE_ZOMBIE | ZOMBIE)).toBe(TRACE_ZOMBIE);
    expect(wp.done).toBe(false); // the parent waits: the tracer must be told first (H6)
    // TRACE_ZOMBIE is tested before TRACE_STOPPED (seed 004:491-498) and exit_proc cleared
    // TRACE_STOPPED: the death is reported, the unreported SIGSTOP is dropped.
    const wt = wait4(k, t);
    k.run(first, 1000);
    expect(wt.result).toEqual({ error: 0, pid: c, report: { kind: 'killed', pid: c, signal: 9 } });
    // do_wait4's tell_tracer path then check_parent: the waiting parent is told in the same step
    expect(wp.result).toEqual({ error: 0, pid: c, report: { kind: 'killed', pid: c, signal: 9 } });
    expect(k.pm.findProc(c)).toBeUndefined();
    expect(k.violations()).toEqual([]);
  });

  it('tracer_died on a live tracee kills it (seed 004:745-749), possibly a cascade', () => {
    const { k, p, c, t } = traced();
    k.submit({ kind: 'exit', pid: t, status: 0 });
    k.run(first, 1000);
    expect(k.labelsCovered().has('tracer_died.kill')).toBe(true);
    const wp = wait4(k, p);
    k.run(first, 1000);
    expect(wp.result).toEqual({ error: 0, pid: c, report: { kind: 'killed', pid: c, signal: 9 } });
    expect(k.violations()).toEqual([]);
  });

  it('tracer_died on a TRACE_ZOMBIE hands it to its parent (seed 004:751-759)', () => {
    const { k, p, c, t } = traced();
    k.submit({ kind: 'kill', pid: 2, target: c, sig: 'SIGKILL' });
    k.run(first, 1000);
    expect(slotOf(k, c).mp_flags & TRACE_ZOMBIE).toBe(TRACE_ZOMBIE);
    k.submit({ kind: 'exit', pid: t, status: 0 });
    k.run(first, 1000);
    expect(slotOf(k, c).mp_flags & (TRACE_ZOMBIE | ZOMBIE)).toBe(ZOMBIE);
    expect(k.labelsCovered().has('tracer_died.reparent_zombie')).toBe(true);
    const wp = wait4(k, p);
    k.run(first, 1000);
    expect(wp.result?.pid).toBe(c);
    expect(k.violations()).toEqual([]);
  });

  it('mutant tracer_died_no_reparent: the TRACE_ZOMBIE keeps no tracer and is never collected', () => {
    const { k, c, t } = traced('tracer_died_no_reparent');
    k.submit({ kind: 'kill', pid: 2, target: c, sig: 'SIGKILL' });
    k.run(first, 1000);
    k.submit({ kind: 'exit', pid: t, status: 0 });
    k.run(first, 1000);
    expect(invariantNames(k)).toContain('tracer_valid');
  });

  it('tracer == parent: the exit goes straight to ZOMBIE', () => {
    const k = kernel();
    const p = fork(k, 2);
    const c = fork(k, p);
    k.submit({ kind: 'ptrace_attach', pid: p, target: c });
    k.run(first, 1000);
    k.submit({ kind: 'kill', pid: 2, target: c, sig: 'SIGKILL' });
    k.run(first, 1000);
    expect(slotOf(k, c).mp_flags & (TRACE_ZOMBIE | ZOMBIE)).toBe(ZOMBIE);
    expect(k.violations()).toEqual([]);
  });

  it('INIT tracing a grandchild: after the parent dies the TRACE_ZOMBIE\'s tracer is its parent, and INIT still collects it', () => {
    const k = kernel({ initWaits: false }); // INIT waits only when told to
    const p = fork(k, 2);
    const c = fork(k, p);
    k.submit({ kind: 'ptrace_attach', pid: 1, target: c });
    k.run(first, 1000);
    k.submit({ kind: 'kill', pid: 2, target: c, sig: 'SIGKILL' });
    k.run(first, 1000);
    expect(slotOf(k, c).mp_flags & TRACE_ZOMBIE).toBe(TRACE_ZOMBIE);
    k.submit({ kind: 'exit', pid: p, status: 0 });
    k.run(first, 1000);
    expect(slotOf(k, c).mp_parent).toBe(slotOf(k, c).mp_tracer); // both INIT now
    const w1 = wait4(k, 1);
    k.run(first, 1000);
    expect(w1.result?.report).toEqual({ kind: 'killed', pid: c, signal: 9 }); // as tracer
    const w2 = wait4(k, 1, c);
    k.run(first, 1000);
    expect(w2.result?.report).toEqual({ kind: 'killed', pid: c, signal: 9 }); // as parent
    expect(k.pm.findProc(c)).toBeUndefined();
    expect(k.violations()).toEqual([]);
  });

  it('attach refusals: self EPERM, already traced EBUSY, exiting or missing ESRCH', () => {
    const { k, c, t } = traced();
    const self = k.submit({ kind: 'ptrace_attach', pid: t, target: t });
    const busy = k.submit({ kind: 'ptrace_attach', pid: 2, target: c });
    const none = k.submit({ kind: 'ptrace_attach', pid: 2, target: 999 });
    k.run(first, 1000);
    expect([self.result?.error, busy.result?.error, none.result?.error]).toEqual([Errno.EPERM, Errno.EBUSY, Errno.ESRCH]);
  });
});

describe('ptrace(T_RESUME / T_DETACH) (trace.c)', () => {
  it('T_RESUME lets the stopped tracee run again; it can then exit and be collected', () => {
    const { k, p, c, t } = traced();
    const wt = wait4(k, t);
    k.run(first, 1000);
    expect(wt.result?.report).toEqual({ kind: 'stopped', pid: c, signal: 17 });
    const r = k.submitCall({ kind: 'kill', pid: t, target: c, sig: 'SIGCONT' }, { type: 'PM_PTRACE', req: 'T_RESUME', pid: c, data: 0 });
    k.run(first, 1000);
    expect(r.result).toEqual({ error: 0 });
    expect(k.view().procs.find((q) => q.pid === c)?.state).toBe('running');
    k.submit({ kind: 'exit', pid: c, status: 2 });
    k.run(first, 1000);
    const wt2 = wait4(k, t);
    k.run(first, 1000);
    expect(wt2.result?.report).toEqual({ kind: 'exited', pid: c, status: 2 });
    const wp = wait4(k, p);
    k.run(first, 1000);
    expect(wp.result?.report).toEqual({ kind: 'exited', pid: c, status: 2 });
    expect(k.violations()).toEqual([]);
  });

  it('T_DETACH after the stop was reported: the tracee runs untraced', () => {
    const { k, c, t } = traced();
    wait4(k, t);
    k.run(first, 1000);
    const d = k.submitCall({ kind: 'kill', pid: t, target: c, sig: 'SIGCONT' }, { type: 'PM_PTRACE', req: 'T_DETACH', pid: c, data: 0 });
    k.run(first, 1000);
    expect(d.result).toEqual({ error: 0 });
    expect(k.view().procs.find((q) => q.pid === c)).toMatchObject({ state: 'running' });
    expect(k.view().procs.find((q) => q.pid === c)?.tracer).toBeUndefined();
    expect(k.violations()).toEqual([]);
  });

  it('finding (notes §6.3, confirmed): T_DETACH with SIGKILL before the stop was reported makes PM signal an exiting process', () => {
    const { k, c, t } = traced();
    // the tracer never waited: SIGSTOP is still held in mp_sigtrace
    k.submitCall({ kind: 'kill', pid: t, target: c, sig: 'SIGKILL' }, { type: 'PM_PTRACE', req: 'T_DETACH', pid: c, data: 9 });
    const out = k.run(first, 1000);
    // the detach loop re-sends SIGSTOP (pending: still TRACE_STOPPED), SIGKILL runs exit_proc, and
    // check_pending then calls sig_proc(SIGSTOP) on the EXITING child: PM panics (signal.c l.407-409)
    expect(out.violations.map((v) => v.invariant)).toEqual(['no_signal_to_dead']);
    expect(out.violations[0]!.message).toContain('sig_proc: signal 17');
  });
});

describe('ptrace(T_EXIT) (trace.c; seed 004:439-444)', () => {
  it('the tracer is answered only in exit_restart, after VFS replied', () => {
    const { k, p, c, t } = traced();
    const te = k.submitCall({ kind: 'kill', pid: t, target: c, sig: 'SIGKILL' }, { type: 'PM_PTRACE', req: 'T_EXIT', pid: c, data: 3 });
    runWithoutVfs(k);
    expect(te.done).toBe(false);
    expect(slotOf(k, c).mp_flags & (TRACE_EXIT | EXITING)).toBe(TRACE_EXIT | EXITING);
    k.run(first, 1000);
    expect(te.result).toEqual({ error: 0 });
    expect(k.labelsCovered().has('exit_restart.trace_exit_reply')).toBe(true);
    const wt = wait4(k, t);
    k.run(first, 1000);
    expect(wt.result?.report).toEqual({ kind: 'exited', pid: c, status: 3 });
    const wp = wait4(k, p);
    k.run(first, 1000);
    expect(wp.result?.report).toEqual({ kind: 'exited', pid: c, status: 3 });
    expect(k.violations()).toEqual([]);
  });

  it('T_EXIT while the tracee has a VFS call is deferred to restart_sigs (H9)', () => {
    const k = kernel();
    const c = fork(k, 2);
    const t = fork(k, 2);
    const sid = k.submit({ kind: 'setsid', pid: c });
    runWithoutVfs(k); // c's VFS_PM_SETSID is in flight
    k.submit({ kind: 'ptrace_attach', pid: t, target: c });
    runWithoutVfs(k); // SIGSTOP goes to the tracer first: c is trace-stopped with VFS_CALL set
    expect(flagsOf(k, c)).toContain('VFS_CALL');
    expect(flagsOf(k, c)).toContain('TRACE_STOPPED');
    const te = k.submitCall({ kind: 'kill', pid: t, target: c, sig: 'SIGKILL' }, { type: 'PM_PTRACE', req: 'T_EXIT', pid: c, data: 5 });
    runWithoutVfs(k);
    expect(slotOf(k, c).mp_flags & (TRACE_EXIT | EXITING)).toBe(TRACE_EXIT); // deferred, not exiting yet
    k.run(first, 1000);
    expect(sid.done).toBe(true); // the setsid reply came first, then restart_sigs ran the exit
    expect(k.labelsCovered().has('restart_sigs.trace_exit')).toBe(true);
    expect(te.result).toEqual({ error: 0 });
    const wt = wait4(k, t);
    k.run(first, 1000);
    expect(wt.result?.report).toEqual({ kind: 'exited', pid: c, status: 5 });
    expect(k.violations()).toEqual([]);
  });

  it('T_EXIT by a process that is not the tracer is ESRCH', () => {
    const k = kernel();
    const c = fork(k, 2);
    const h = k.submitCall({ kind: 'kill', pid: 2, target: c, sig: 'SIGKILL' }, { type: 'PM_PTRACE', req: 'T_EXIT', pid: c, data: 0 });
    k.run(first, 1000);
    expect(h.result).toEqual({ error: Errno.ESRCH });
  });
});
