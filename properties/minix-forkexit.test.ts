/**
 * Directed tests of the MINIX PM fork/exit/wait mechanisms (seed 004), each with the interleaving
 * that matters forced by a strategy, and, where the catalogue has one, the mutant that breaks it.
 */
import { describe, expect, it } from 'vitest';
import { Errno } from '../impl/api.js';
import { replayStrategy, randomStrategy } from '../impl/kernel/strategies.js';
import { ENOSYS, EXITING, NEW_PARENT, PROC_STOPPED, SIGQUIT, TOLD_PARENT, VFS_CALL, WAITING, ZOMBIE } from '../impl/minix/const.js';
import { STEP_LABELS, createMinixKernel } from '../impl/minix/index.js';
import { first, flagsOf, fork, invariantNames, isFree, kernel, runWithoutVfs, slotOf, vfsFirst, vfsLast, wait4 } from './minix-helpers.js';

describe('do_fork (seed 004:44-135) and its VFS round trip', () => {
  it('the parent gets the pid only after VFS_PM_FORK_REPLY; the child is blocked until then', () => {
    const k = kernel();
    const h = k.submit({ kind: 'fork', pid: 2 });
    runWithoutVfs(k);
    expect(h.done).toBe(false);
    const child = k.view().procs.find((p) => p.ppid === 2)!;
    expect(child).toBeDefined();
    expect(flagsOf(k, child.pid)).toContain('VFS_CALL');
    const early = k.submit({ kind: 'exit', pid: child.pid, status: 1 });
    runWithoutVfs(k);
    expect(early.done).toBe(false); // the child has not returned from fork yet
    const out = k.run(first, 1000);
    expect(out.quiescent).toBe(true);
    expect(h.result).toEqual({ error: 0, pid: child.pid });
    expect(early.done).toBe(true);
    expect(k.violations()).toEqual([]);
  });

  it('pids are handed out round-robin past the boot image (get_free_pid) and are unique', () => {
    const k = kernel();
    const a = fork(k, 2);
    const b = fork(k, 2);
    expect([a, b]).toEqual([3, 4]);
    k.submit({ kind: 'exit', pid: a, status: 0 });
    const w = wait4(k, 2, a);
    k.run(first, 1000);
    expect(w.result?.pid).toBe(a);
    expect(k.pm.findProc(a)).toBeUndefined();
    expect(fork(k, 2)).toBe(5); // 3 is free again but the round-robin moved on
  });

  it('EAGAIN when the table is full; non-root processes also leave the LAST_FEW slots to root', () => {
    const root = createMinixKernel({ nrProcs: 5 }); // PM, INIT, sh + 2 free slots
    fork(root, 2);
    fork(root, 2);
    const h = root.submit({ kind: 'fork', pid: 2 });
    root.run(first, 1000);
    expect(h.result).toEqual({ error: Errno.EAGAIN });

    const user = createMinixKernel({ nrProcs: 6, initUid: 1000 }); // 3 used, NR_PROCS-LAST_FEW = 4
    fork(user, 2);
    const u = user.submit({ kind: 'fork', pid: 2 });
    user.run(first, 1000);
    expect(u.result).toEqual({ error: Errno.EAGAIN });
    expect(user.pm.procs_in_use).toBe(4);
  });

  it('NEW_PARENT: the parent dies while its fork is in VFS; the reply goes to the child only (H1)', () => {
    const k = kernel();
    const p = fork(k, 2);
    const h = k.submit({ kind: 'fork', pid: p });
    runWithoutVfs(k);
    const c = k.view().procs.find((q) => q.ppid === p)!.pid;
    k.submit({ kind: 'kill', pid: 2, target: p, sig: 'SIGKILL' }); // p itself is blocked in fork
    runWithoutVfs(k);
    expect(slotOf(k, c).mp_parent).toBe(1);
    expect(slotOf(k, c).mp_flags & NEW_PARENT).toBe(NEW_PARENT);
    k.run(first, 1000);
    expect(k.labelsCovered().has('handle_vfs_reply.fork_new_parent')).toBe(true);
    expect(h.result).toEqual({ error: Errno.EINTR }); // the forking parent died in its call
    expect(k.violations()).toEqual([]);
    expect(k.view().procs.find((q) => q.pid === c)?.ppid).toBe(1);
  });

  it('mutant ignore_new_parent: the fork reply goes to INIT, which never forked it', () => {
    const k = kernel({ mutant: 'ignore_new_parent' });
    const p = fork(k, 2);
    k.submit({ kind: 'fork', pid: p });
    runWithoutVfs(k);
    k.submit({ kind: 'kill', pid: 2, target: p, sig: 'SIGKILL' });
    k.run(vfsLast(k), 1000);
    expect(invariantNames(k)).toEqual(expect.arrayContaining(['reply_matches_call', 'no_reply_to_former_parent']));
  });

  it('a signal to a child whose fork is in VFS is held and delivered after the reply (H10)', () => {
    const k = kernel();
    const other = fork(k, 2);
    const h = k.submit({ kind: 'fork', pid: 2 });
    runWithoutVfs(k);
    const c = k.view().procs.find((q) => q.ppid === 2 && q.pid !== other)!.pid;
    const kill = k.submit({ kind: 'kill', pid: other, target: c, sig: 'SIGKILL' });
    runWithoutVfs(k);
    expect(kill.result).toEqual({ error: 0 });
    expect(slotOf(k, c).mp_flags & (PROC_STOPPED | EXITING)).toBe(PROC_STOPPED);
    k.run(first, 1000);
    expect(h.result).toEqual({ error: 0, pid: c });
    expect(k.labelsCovered().has('restart_sigs.pending')).toBe(true);
    const w = wait4(k, 2, c);
    k.run(first, 1000);
    expect(w.result).toEqual({ error: 0, pid: c, report: { kind: 'killed', pid: c, signal: 9 } });
    expect(k.violations()).toEqual([]);
  });
});

describe('exit_proc / exit_restart / cleanup: the two orders of "parent told" and "VFS done" (H5)', () => {
  it('(a) the waiting parent is told at once, before VFS closed the files; VFS_PM_EXIT_REPLY frees the slot', () => {
    const k = kernel();
    const c = fork(k, 2);
    const w = wait4(k, 2);
    k.run(first, 1000);
    expect(slotOf(k, 2).mp_flags & WAITING).toBe(WAITING);
    const slot = slotOf(k, c).slot;
    k.submit({ kind: 'exit', pid: c, status: 263 });
    runWithoutVfs(k);
    expect(w.result).toEqual({ error: 0, pid: c, report: { kind: 'exited', pid: c, status: 7 } });
    expect(k.pm.mproc[slot]!.mp_flags & (TOLD_PARENT | VFS_CALL)).toBe(TOLD_PARENT | VFS_CALL);
    const inUse = k.pm.procs_in_use;
    k.run(first, 1000);
    expect(isFree(k, slot)).toBe(true);
    expect(k.pm.procs_in_use).toBe(inUse - 1);
    expect(k.labelsCovered().has('exit_restart.cleanup')).toBe(true);
    expect(k.violations()).toEqual([]);
  });

  it('(b) VFS replies first: the slot stays a ZOMBIE until the parent waits, and do_wait4 frees it', () => {
    const k = kernel();
    const c = fork(k, 2);
    const slot = slotOf(k, c).slot;
    k.submit({ kind: 'exit', pid: c, status: 3 });
    k.run(vfsFirst(k), 1000);
    expect(k.pm.mproc[slot]!.mp_flags & (ZOMBIE | EXITING | VFS_CALL)).toBe(ZOMBIE | EXITING);
    expect(k.view().procs.find((p) => p.pid === c)?.state).toBe('zombie');
    const w = wait4(k, 2);
    k.run(first, 1000);
    expect(w.result).toEqual({ error: 0, pid: c, report: { kind: 'exited', pid: c, status: 3 } });
    expect(isFree(k, slot)).toBe(true);
    expect(k.violations()).toEqual([]);
  });

  it('mutant cleanup_while_vfs_call: freeing in order (a) before VFS replied is reported', () => {
    const k = kernel({ mutant: 'cleanup_while_vfs_call' });
    const c = fork(k, 2);
    k.submit({ kind: 'exit', pid: c, status: 0 });
    runWithoutVfs(k);
    wait4(k, 2);
    k.run(vfsLast(k), 1000);
    expect(invariantNames(k)[0]).toBe('free_only_when_quiesced');
  });

  it('mutant forget_told_parent: the collected slot is never freed (exited_notified)', () => {
    const k = kernel({ mutant: 'forget_told_parent' });
    const c = fork(k, 2);
    wait4(k, 2);
    k.run(first, 1000);
    k.submit({ kind: 'exit', pid: c, status: 0 });
    k.run(first, 1000);
    expect(invariantNames(k)).toContain('exited_notified');
  });

  it('children of an exiting parent go to INIT (NEW_PARENT only with VFS_CALL); INIT reaps the zombies (H12)', () => {
    const k = kernel();
    const p = fork(k, 2);
    const c1 = fork(k, p);
    const c2 = fork(k, p);
    k.submit({ kind: 'exit', pid: c1, status: 1 });
    k.run(vfsFirst(k), 1000); // c1 is p's zombie
    k.submit({ kind: 'exit', pid: p, status: 0 });
    k.run(first, 1000);
    expect(k.labelsCovered().has('exit_proc.offer_init')).toBe(true);
    const view = k.view().procs;
    expect(view.find((q) => q.pid === c1)).toBeUndefined(); // INIT collected it
    expect(view.find((q) => q.pid === c2)?.ppid).toBe(1);
    expect(k.violations()).toEqual([]);
  });

  it('a session leader\'s exit sends SIGHUP to its group (seed 004:283, 389-390)', () => {
    const k = kernel();
    const leader = fork(k, 2);
    k.submit({ kind: 'setsid', pid: leader });
    k.run(first, 1000);
    const member = fork(k, leader);
    k.submit({ kind: 'exit', pid: leader, status: 0 });
    k.run(first, 1000);
    expect(k.labelsCovered().has('exit_proc.sighup')).toBe(true);
    expect(k.pm.findProc(member)).toBeUndefined(); // killed by SIGHUP, collected by INIT
    expect(k.violations()).toEqual([]);
  });

  it('a core-dumping signal defers zombify until VFS_PM_CORE_REPLY (H19)', () => {
    const k = kernel();
    const c = fork(k, 2);
    const killer = fork(k, 2);
    const w = wait4(k, 2, c);
    k.run(first, 1000);
    k.submitCall({ kind: 'kill', pid: killer, target: c, sig: 'SIGTERM' }, { type: 'PM_KILL', pid: c, sig: SIGQUIT });
    runWithoutVfs(k);
    expect(w.done).toBe(false); // not told before the core dump is written
    expect(slotOf(k, c).mp_flags & (ZOMBIE | EXITING)).toBe(EXITING);
    k.run(first, 1000);
    expect(w.result).toEqual({ error: 0, pid: c, report: { kind: 'killed', pid: c, signal: SIGQUIT } });
    expect(k.labelsCovered().has('exit_restart.zombify')).toBe(true);
    expect(k.violations()).toEqual([]);
  });

  it('INIT does not exit: kill(1, SIGKILL) is EINVAL; INIT\'s exit() leaves it stopped, not EXITING (H15)', () => {
    const k = kernel();
    const h = k.submit({ kind: 'kill', pid: 2, target: 1, sig: 'SIGKILL' });
    k.run(first, 1000);
    expect(h.result).toEqual({ error: Errno.EINVAL });
    k.submit({ kind: 'exit', pid: 1, status: 0 });
    k.run(first, 1000);
    expect(k.labelsCovered().has('exit_proc.init_died')).toBe(true);
    expect(slotOf(k, 1).mp_flags & (EXITING | PROC_STOPPED)).toBe(PROC_STOPPED);
    expect(k.violations()).toEqual([]);
  });
});

describe('do_wait4 (seed 004:454-542)', () => {
  it('pid > 0 waits for that child only; -1 for any; WNOHANG returns 0; ECHILD without children', () => {
    const k = kernel();
    const a = fork(k, 2);
    const b = fork(k, 2);
    k.submit({ kind: 'exit', pid: a, status: 5 });
    k.run(first, 1000);
    const wb = wait4(k, 2, b, true);
    k.run(first, 1000);
    expect(wb.result).toEqual({ error: 0, pid: 0 });
    const wa = wait4(k, 2, -1);
    k.run(first, 1000);
    expect(wa.result).toEqual({ error: 0, pid: a, report: { kind: 'exited', pid: a, status: 5 } });
    const none = wait4(k, b, -1);
    k.run(first, 1000);
    expect(none.result).toEqual({ error: Errno.ECHILD });
    expect(k.labelsCovered().has('do_wait4.echild')).toBe(true);
  });

  it('pid < -1 waits for a group; 0 means the caller\'s group, fixed at call time', () => {
    const k = kernel();
    const a = fork(k, 2); // group 2
    const b = fork(k, 2);
    k.submit({ kind: 'setsid', pid: b }); // b leads group b
    k.run(first, 1000);
    const g = wait4(k, 2, -b);
    k.run(first, 1000);
    expect(g.done).toBe(false);
    k.submit({ kind: 'exit', pid: a, status: 1 });
    k.run(first, 1000);
    expect(g.done).toBe(false); // a is not in group b
    k.submit({ kind: 'exit', pid: b, status: 2 });
    k.run(first, 1000);
    expect(g.result?.pid).toBe(b);
    const own = wait4(k, 2, 0); // group 2: a
    k.run(first, 1000);
    expect(own.result?.pid).toBe(a);
    expect(k.violations()).toEqual([]);
  });

  it('a blocked wait is answered in the same PM step as the child\'s exit (no lost wakeup, H4)', () => {
    const k = kernel();
    const c = fork(k, 2);
    const w = wait4(k, 2);
    k.run(first, 1000);
    k.submit({ kind: 'exit', pid: c, status: 0 });
    // run exactly: the user's send, then PM handling the exit
    k.run(first, 2);
    expect(w.done).toBe(true);
    expect(k.schedule().length).toBeGreaterThan(0);
    expect(k.violations()).toEqual([]);
  });

  it('rusage copy-out failure: EFAULT and the child stays a zombie (synchronous path)', () => {
    const k = kernel();
    const c = fork(k, 2);
    k.submit({ kind: 'exit', pid: c, status: 4 });
    k.run(first, 1000);
    const bad = k.submitWait4(2, -1, { addr: 'fault' });
    k.run(first, 1000);
    expect(bad.result).toEqual({ error: Errno.EFAULT });
    expect(slotOf(k, c).mp_flags & ZOMBIE).toBe(ZOMBIE);
    const good = k.submitWait4(2, -1, { addr: 'ok' });
    k.run(first, 1000);
    expect(good.result?.report).toEqual({ kind: 'exited', pid: c, status: 4 });
    expect(k.violations()).toEqual([]);
  });

  it('finding (notes §6.1): on the asynchronous path a failed rusage copy leaves the parent WAITING', () => {
    const k = kernel();
    const c = fork(k, 2);
    const w = k.submitWait4(2, -1, { addr: 'fault' });
    k.run(first, 1000);
    k.submit({ kind: 'exit', pid: c, status: 4 });
    k.run(first, 1000);
    expect(w.result).toEqual({ error: Errno.EFAULT });
    // the seed's tell_parent (seed 004:677-682) replies but does not clear WAITING: reported
    expect(invariantNames(k)).toContain('waiting_means_blocked');
    expect(slotOf(k, 2).mp_flags & WAITING).toBe(WAITING);
  });
});

describe('calls PM refuses', () => {
  it('do_srv_fork is EPERM for anyone but RS; RS gets the pid at once and the child runs before VFS replies', () => {
    const k = kernel();
    const h = k.submitCall({ kind: 'fork', pid: 2 }, { type: 'PM_SRV_FORK', uid: 0, gid: 0 });
    k.run(first, 1000);
    expect(h.result).toEqual({ error: Errno.EPERM });

    const r = createMinixKernel({ nrProcs: 8, rs: true });
    const s = r.submitCall({ kind: 'fork', pid: 2 }, { type: 'PM_SRV_FORK', uid: 0, gid: 0 });
    runWithoutVfs(r);
    expect(s.done).toBe(true);
    const child = r.pm.findProc(s.result!.pid!)!;
    expect(child.mp_flags & VFS_CALL).toBe(VFS_CALL);
    r.run(first, 1000);
    // a system process's exit() becomes a SIGKILL through the kernel (seed 004:240-244)
    r.submit({ kind: 'exit', pid: child.mp_pid, status: 0 });
    r.run(first, 1000);
    expect(r.labelsCovered().has('do_exit.priv_sigkill')).toBe(true);
    expect(r.labelsCovered().has('process_ksig.deliver')).toBe(true);
    expect(r.pm.findProc(child.mp_pid)!.mp_flags & (EXITING | ZOMBIE)).toBe(EXITING | ZOMBIE); // RS's zombie now
    expect(r.violations()).toEqual([]);
  });

  it('finding (notes §2.2): a srv_fork child calling PM before VFS replies makes tell_vfs panic, reported as a violation', () => {
    const r = createMinixKernel({ nrProcs: 8, rs: true });
    const s = r.submitCall({ kind: 'fork', pid: 2 }, { type: 'PM_SRV_FORK', uid: 0, gid: 0 });
    runWithoutVfs(r);
    const c = s.result!.pid!;
    r.submit({ kind: 'setsid', pid: c });
    const out = r.run(vfsLast(r), 1000);
    expect(out.violations.map((v) => v.invariant)).toEqual(['exit_only_when_idle']);
    expect(out.violations[0]!.message).toContain('tell_vfs: not idle');
  });

  it('wait6, lwp_create, extexit, procctl and setpgid do not exist in MINIX PM: ENOSYS', () => {
    const k = kernel();
    const hs = [
      k.submit({ kind: 'wait', pid: 2, api: 'wait6', idtype: 'P_ALL', id: 0, options: {} }),
      k.submit({ kind: 'lwp_create', pid: 2 }),
      k.submit({ kind: 'extexit', pid: 2, who: 'EXTEXIT_PROC', action: 'EXTEXIT_SIMPLE', status: 0 }),
      k.submit({ kind: 'reaper_acquire', pid: 2 }),
      k.submit({ kind: 'setpgid', pid: 2, pgid: 0 }),
    ];
    k.run(first, 1000);
    expect(hs.map((h) => h.result?.error)).toEqual([ENOSYS, ENOSYS, ENOSYS, ENOSYS, ENOSYS]);
    expect(k.pm.findProc(2)).toBeDefined();
  });
});

describe('the schedule replays a run bit for bit', () => {
  it('a random run and its replay reach the same table, labels and schedule', () => {
    const build = () => {
      const k = kernel();
      for (const pid of [2, 2]) k.submit({ kind: 'fork', pid });
      return k;
    };
    const a = build();
    a.run(randomStrategy(3), 1000);
    const more = (k: ReturnType<typeof build>): void => {
      const kids = k.view().procs.filter((p) => p.ppid === 2).map((p) => p.pid);
      k.submit({ kind: 'exit', pid: kids[0]!, status: 1 });
      k.submit({ kind: 'kill', pid: kids[1]!, target: kids[0]!, sig: 'SIGKILL' });
      k.submit({ kind: 'exit', pid: 2, status: 0 });
      wait4(k, 2);
    };
    more(a);
    a.run(randomStrategy(9), 1000);
    const b = build();
    b.run(replayStrategy(a.schedule()), 1000);
    more(b);
    b.run(replayStrategy(a.schedule()), 1000);
    expect(b.schedule()).toEqual(a.schedule());
    expect(b.view()).toEqual(a.view());
    expect([...b.labelsCovered()].sort()).toEqual([...a.labelsCovered()].sort());
    expect(a.violations()).toEqual([]);
  });

  it('every label the kernel records is in STEP_LABELS', () => {
    const known = new Set(STEP_LABELS.map((l) => l.label));
    const k = kernel();
    const c = fork(k, 2);
    k.submit({ kind: 'exit', pid: c, status: 0 });
    wait4(k, 2);
    k.run(randomStrategy(1), 1000);
    for (const l of k.labelsCovered()) expect(known.has(l), l).toBe(true);
  });
});
