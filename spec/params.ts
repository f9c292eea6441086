/**
 * SpecParams: every place where the observable semantics of the kernels we judge legitimately
 * differ is one documented parameter here (docs/spec.md, "Parameters"), never a fork of the model.
 */

import { Errno } from '../impl/api.js';

export type Flavour = 'bsd' | 'minix';

export interface SpecParams {
  readonly flavour: Flavour;
  /**
   * Process-table size: fork fails with EAGAIN when this many processes (zombies included) exist.
   * MINIX: NR_PROCS (minus the LAST_FEW reserve for non-root). Undefined = unlimited.
   */
  readonly maxProcs?: number;
  /** Processes may have several threads (lwp_create, EXTEXIT_LWP). MINIX: false. */
  readonly threads: boolean;
  /** wait6 exists, and with it every idtype other than the wait4 encodings. MINIX: false. */
  readonly wait6: boolean;
  /**
   * wait options are validated (EINVAL for unknown bits, wait6 without any of
   * WEXITED|WUNTRACED|WCONTINUED|WTRAPPED) and honoured (WNOWAIT, WUNTRACED, WCONTINUED,
   * WLINUXCLONE). MINIX: false (every option except WNOHANG is ignored).
   */
  readonly waitOptions: boolean;
  /** Parents learn of job-control stops and continues (WUNTRACED/WCONTINUED). MINIX: false. */
  readonly jobControlReports: boolean;
  /**
   * How ptrace attach is seen: 'reparent' (BSD: the tracer becomes the parent, the old parent is
   * remembered in p_oppid and gets the zombie back after the tracer collected it) or
   * 'pseudo-parent' (MINIX: parent unchanged; the tracer waits for the tracee as well, and
   * is told of its death first).
   */
  readonly ptrace: 'reparent' | 'pseudo-parent';
  /**
   * The errno of ptrace attach to oneself. BSD: EINVAL (kern_ptrace, "can't trace yourself");
   * MINIX: EPERM (trace.c T_ATTACH refuses self with EPERM, notes minix-pm 2.12).
   */
  readonly attachSelfErrno: number;
  /** procctl(PROC_REAP_ACQUIRE/RELEASE) exists. MINIX: false (orphans always go to INIT). */
  readonly reapers: boolean;
  /**
   * A parent ignoring SIGCHLD or with SA_NOCLDWAIT gets no zombies: the exiting child is handed
   * to its reaper (BSD exit1, seed 000:598-602). MINIX: false (zombies stay until collected).
   */
  readonly nocldwaitReparents: boolean;
  /** init collects its zombie children at once (so they leave the process table). */
  readonly initReaps: boolean;
  /**
   * MINIX exit_proc (seed 004:283, 390): when the dying process leads the *caller's* process
   * group (the caller is the process itself for exit, the killer for kill), every process in
   * that group gets SIGHUP. BSD: false (SIGHUP goes only to a controlling tty's foreground group,
   * and the simulated kernels have no ttys).
   */
  readonly groupHupOnLeaderExit: boolean;
  /**
   * A stop signal that arrives after a fatal signal was posted but before the target acted on it
   * stops the target anyway; it dies once continued. DragonFly: true (lwpsignal calls proc_stop
   * without looking for a pending SIGKILL, and tstop sleeps without PCATCH; unverified against a
   * real machine, docs/spec.md). false: a dying process ignores stop signals.
   */
  readonly stopDefersPendingKill: boolean;
  /**
   * What SIGSTOP does to an untraced process: 'job-control' (BSD: it stops, WUNTRACED reports
   * it) or 'fatal' (MINIX PM has no job-control stop: the default action terminates it).
   * A traced process stops for its tracer either way.
   */
  readonly stopSignal: 'job-control' | 'fatal';
  /**
   * wait4(0, ...) by a member of process group 1 waits for any child: MINIX turns pid 0 into
   * -procgrp, and -1 means "any" (seed 004:472). BSD: false (its own group, 1).
   */
  readonly waitMyPgrpOneIsAny: boolean;
  /**
   * While one thread collects a zombie (PWAITRES set: from its zombie-lock until it returns,
   * WNOWAIT or not), other waiters' scans skip that zombie without counting it (seed 000:1052-1053,
   * 1148). So a waiter for which that zombie matched may get ECHILD (or 0 with WNOHANG), or keep
   * sleeping, although the parent has a child at every instant (the zombie, and its orphans that
   * exit1 moves to the reaper only after SZOMB, seed 000:523 vs 543-576). DragonFly: true (an
   * anomaly of the seed code, docs/spec.md, Findings). false: POSIX.
   */
  readonly waitresHidesZombie: boolean;
  /**
   * MINIX sig_proc(trace=TRUE): every signal but SIGKILL sent to a traced process goes to its
   * tracer: it joins mp_sigtrace, the process stays stopped (TRACE_STOPPED), and each tracer wait4
   * reports one of them, lowest first, as a stop (seed 004:498-513). Children's deaths notify with
   * SIGCHLD whoever is told (tracer, then parent) unless it is waiting for them. BSD: false.
   */
  readonly tracedSignalsToTracer: boolean;
  /**
   * A stop can be reported twice. proc_stop sets SSTOP at once, so the stop is reportable at once,
   * but the parent is notified (P_WAITED cleared, parent woken, under the parent's token) only
   * when the last thread has stopped (tstop, kern_synch.c; proc_stop's tail when every thread was
   * already asleep). A waiter that reports the stop in between sets P_WAITED; the late
   * notification clears it again, so the same stop is reportable once more (findings 5 and 7 of
   * docs/spec.md). DragonFly: true (its kern_wait reports on SSTOP && !P_WAITED, and tstop clears
   * P_WAITED unconditionally; docs/dragonfly.md). The model allows at most one extra report per
   * stop, taken when a wait observes it. false: POSIX (a stop is reported once).
   */
  readonly lateStopNotify: boolean;
  /**
   * INIT is its own parent (MINIX: mp_parent of INIT is INIT, and do_wait4 counts every slot whose
   * parent is the caller, seed 004:474-478). So INIT's own wait4 never gets ECHILD when its pid
   * test admits INIT (-1, 0 in group 1, 1, -pgrp of INIT): WNOHANG gives 0, otherwise it blocks.
   * INIT's zombie children and TRACE_ZOMBIE tracees are collected by its SIGCHLD-driven loop only
   * while INIT has no call of its own in progress: while one of INIT's wait4 calls is pending they
   * stay zombies, and a blocked one is told of a matching one at once (tell_parent/tell_tracer);
   * when it returns the loop collects the rest. Signals held for INIT as tracer (mp_sigtrace) may
   * linger until the loop runs, so INIT's wait4 may still report them. BSD: false.
   */
  readonly initIsOwnParent: boolean;
  /** setpgid exists. MINIX PM: false (only setsid; setpgid fails, ENOSYS). */
  readonly setpgid: boolean;
  /** The extexit syscall exists (DragonFly). MINIX: false, it fails with some errno (ENOSYS). */
  readonly extexit: boolean;
  /** Thread id of a process's first thread; lwp_create numbers the next ones upwards. */
  readonly firstTid: number;
}

/** DragonFly BSD (seed 000). */
export const BSD_PARAMS: SpecParams = {
  flavour: 'bsd',
  threads: true,
  wait6: true,
  waitOptions: true,
  jobControlReports: true,
  ptrace: 'reparent',
  attachSelfErrno: Errno.EINVAL,
  reapers: true,
  nocldwaitReparents: true,
  initReaps: true,
  extexit: true,
  tracedSignalsToTracer: false,
  waitresHidesZombie: true,
  lateStopNotify: true,
  initIsOwnParent: false,
  setpgid: true,
  stopSignal: 'job-control',
  waitMyPgrpOneIsAny: false,
  stopDefersPendingKill: true,
  groupHupOnLeaderExit: false,
  firstTid: 1,
};

/** MINIX 3 PM (seed 004). */
export const MINIX_PARAMS: SpecParams = {
  flavour: 'minix',
  maxProcs: 8,
  threads: false,
  wait6: false,
  waitOptions: false,
  jobControlReports: false,
  ptrace: 'pseudo-parent',
  attachSelfErrno: Errno.EPERM,
  reapers: false,
  nocldwaitReparents: false,
  initReaps: true,
  extexit: false,
  tracedSignalsToTracer: true,
  waitresHidesZombie: false,
  lateStopNotify: false,
  initIsOwnParent: true,
  setpgid: false,
  stopSignal: 'fatal',
  waitMyPgrpOneIsAny: true,
  stopDefersPendingKill: false,
  groupHupOnLeaderExit: true,
  firstTid: 1,
};

/** The parameters of a flavour, with overrides. */
export function specParams(flavour: Flavour, overrides: Partial<SpecParams> = {}): SpecParams {
  return { ...(flavour === 'bsd' ? BSD_PARAMS : MINIX_PARAMS), ...overrides, flavour };
}
