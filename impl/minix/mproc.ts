/**
 * The PM process table (`struct mproc`, mproc.h) restricted to the fields fork/exit/wait touch,
 * and the boot-time table the model starts from.
 */
import {
  DEFAULT_NR_PROCS,
  INIT_PID,
  INIT_PROC_NR,
  IN_USE,
  NO_TRACER,
  PM_PROC_NR,
  PRIV_PROC,
  RS_PROC_NR,
} from './const.js';

/** Where a wait4 call asks for its rusage: no address, a good one, or one whose copy-out fails. */
export type RusageAddr = 'none' | 'ok' | 'fault';

/** Scheduler of a process (mp_scheduler): the kernel, none, or a user-space scheduler. */
export type SchedulerKind = 'KERNEL' | 'NONE' | 'SCHED';

export interface Mproc {
  readonly slot: number;
  mp_flags: number;
  mp_pid: number;
  /** Kernel endpoint: generation * NR_PROCS + slot; a new fork into a slot bumps the generation. */
  mp_endpoint: number;
  /** Parent's slot index. INIT is its own parent. */
  mp_parent: number;
  /** Tracer's slot index or NO_TRACER. */
  mp_tracer: number;
  mp_trace_flags: number;
  mp_procgrp: number;
  /** Saved wait4 pid argument and rusage address; meaningful while WAITING. */
  mp_wpid: number;
  mp_waddr: RusageAddr;
  /** (char) exit status and terminating signal (WCOREFLAG ORed in after a core dump). */
  mp_exitstatus: number;
  mp_sigstatus: number;
  mp_child_utime: number;
  mp_child_stime: number;
  mp_realuid: number;
  mp_effuid: number;
  mp_realgid: number;
  mp_effgid: number;
  /** Pending, tracer-held and ignored signals (sigset_t as sorted number arrays). */
  mp_sigpending: number[];
  mp_sigtrace: number[];
  mp_ignore: number[];
  mp_scheduler: SchedulerKind;
  mp_name: string;
  /** mp_reply.m_pm_lc_wait4.status: the status word of the next wait4 reply. */
  mp_reply_status: number;
  /** Observable SIGCHLD disposition the user asked for (kept for the view; PM ignores NOCLDWAIT). */
  sigchldDisposition: 'default' | 'ignore' | 'nocldwait';
}

export function emptySlot(slot: number): Mproc {
  return {
    slot,
    mp_flags: 0,
    mp_pid: 0,
    mp_endpoint: slot,
    mp_parent: 0,
    mp_tracer: NO_TRACER,
    mp_trace_flags: 0,
    mp_procgrp: 0,
    mp_wpid: 0,
    mp_waddr: 'none',
    mp_exitstatus: 0,
    mp_sigstatus: 0,
    mp_child_utime: 0,
    mp_child_stime: 0,
    mp_realuid: 0,
    mp_effuid: 0,
    mp_realgid: 0,
    mp_effgid: 0,
    mp_sigpending: [],
    mp_sigtrace: [],
    mp_ignore: [],
    mp_scheduler: 'NONE',
    mp_name: '',
    mp_reply_status: 0,
    sigchldDisposition: 'default',
  };
}

/** `*rmc = *rmp` (seed 004:86): a deep copy of a slot's contents into another slot. */
export function copySlot(from: Mproc, toSlot: number): Mproc {
  return {
    ...from,
    slot: toSlot,
    mp_sigpending: [...from.mp_sigpending],
    mp_sigtrace: [...from.mp_sigtrace],
    mp_ignore: [...from.mp_ignore],
  };
}

export interface TableOptions {
  readonly nrProcs?: number;
  /** Include RS (a PRIV_PROC, its own parent) so do_srv_fork can succeed. */
  readonly rs?: boolean;
  /** Real and effective uid of INIT (inherited by every user process). 0 = root. */
  readonly initUid?: number;
  /**
   * User processes in the boot image besides INIT (default 1): children of INIT with pids 2, 3...,
   * each the leader of its own group, like the shell of a booted system.
   */
  readonly bootProcs?: number;
  /** Slots for the boot processes (default: the first free ones). */
  readonly bootSlots?: readonly number[];
}

/**
 * The table at boot: PM in slot 0 (PRIV_PROC, pid 0), INIT in slot 1 (pid 1, its own parent,
 * group 1), optionally RS in slot 2, then `bootProcs` user processes. VFS is an actor outside the
 * table (see docs/minix.md).
 */
export function bootTable(opts: TableOptions = {}): Mproc[] {
  const n = opts.nrProcs ?? DEFAULT_NR_PROCS;
  const t: Mproc[] = [];
  for (let i = 0; i < n; i++) t.push(emptySlot(i));
  const pm = t[PM_PROC_NR]!;
  pm.mp_flags = IN_USE | PRIV_PROC;
  pm.mp_parent = PM_PROC_NR;
  pm.mp_name = 'pm';
  pm.mp_scheduler = 'KERNEL';
  const init = t[INIT_PROC_NR]!;
  init.mp_flags = IN_USE;
  init.mp_pid = INIT_PID;
  init.mp_parent = INIT_PROC_NR;
  init.mp_procgrp = INIT_PID;
  init.mp_name = 'init';
  init.mp_scheduler = 'KERNEL';
  init.mp_realuid = init.mp_effuid = opts.initUid ?? 0;
  if (opts.rs === true) {
    const rs = t[RS_PROC_NR]!;
    rs.mp_flags = IN_USE | PRIV_PROC;
    rs.mp_pid = 2;
    rs.mp_parent = RS_PROC_NR;
    rs.mp_procgrp = 2;
    rs.mp_name = 'rs';
    rs.mp_scheduler = 'KERNEL';
  }
  let pid = opts.rs === true ? 3 : 2;
  for (let k = 0; k < (opts.bootProcs ?? 1); k++) {
    const slot = opts.bootSlots?.[k] ?? t.findIndex((m) => m.mp_flags === 0);
    if (slot < 0 || slot >= n || t[slot]!.mp_flags !== 0) break;
    const sh = t[slot]!;
    sh.mp_flags = IN_USE;
    sh.mp_pid = pid;
    sh.mp_parent = INIT_PROC_NR;
    sh.mp_procgrp = pid;
    sh.mp_name = `sh${k}`;
    sh.mp_scheduler = 'KERNEL';
    sh.mp_realuid = sh.mp_effuid = opts.initUid ?? 0;
    pid++;
  }
  return t;
}

export function sigAdd(set: number[], sig: number): void {
  if (!set.includes(sig)) {
    set.push(sig);
    set.sort((a, b) => a - b);
  }
}

export function sigDel(set: number[], sig: number): void {
  const i = set.indexOf(sig);
  if (i >= 0) set.splice(i, 1);
}
