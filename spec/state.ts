/**
 * The abstract model's state: what a user can observe of the process table, plus the few hidden
 * bits that decide future observations (P_WAITED, P_CONTINUED, p_oppid, the reaper chain) and the
 * wait calls that are blocked right now. Pure data; every transition copies.
 */
import { INIT_PID, type Command, type Pid, type ProcState, type SigchldDisposition, type WaitReport } from '../impl/api.js';
import type { SpecParams } from './params.js';

export type WaitCommand = Extract<Command, { kind: 'wait' }>;

export interface SpecProc {
  readonly pid: Pid;
  ppid: Pid;
  pgid: Pid;
  sid: Pid;
  uid: number;
  gid: number;
  jail: number;
  state: ProcState;
  /** Live thread ids (lwp ids); empty once a zombie. */
  tids: number[];
  /** p_lasttid: the last lwp id handed out (ids are never reused within a process). */
  lastTid: number;
  /** What a wait reports once it is a zombie. */
  exit?: WaitReport;
  /** Signal that stopped it (p_xstat while stopped). */
  stopSig: number;
  /** P_WAITED: the current stop was already reported. */
  waited: boolean;
  /**
   * lateStopNotify: the current stop's late parent notification (the last thread's tstop, which
   * clears P_WAITED again) may still come, so a stop already reported may be reported once more.
   */
  lateStop?: boolean;
  /** P_CONTINUED: a continue not yet reported. */
  continued: boolean;
  /** Index into SpecState.reapers: the reaper node inherited at fork (p_reaper). */
  reaperNode: number;
  /** The tracing process, while traced. */
  tracer?: Pid;
  /** BSD: the parent before a ptrace attach (p_oppid), which gets the zombie back. */
  oppid?: Pid;
  /** MINIX: a traced zombie whose tracer has not been told yet (TRACE_ZOMBIE). */
  traceZombie: boolean;
  sigchld: SigchldDisposition;
  /** A terminating signal sent while stopped, delivered when it continues. */
  pendingSig?: number;
  /**
   * A fatal signal was posted but the process has not died yet (signal delivery is
   * asynchronous: it runs, unstopped, until its thread acts on the signal).
   */
  dying?: WaitReport;
  /** MINIX mp_sigtrace: signals held for the tracer, reported one per wait (sorted). */
  sigtrace?: number[];
  /**
   * MINIX: signals that may or may not be held for the tracer (the model cannot tell), so the
   * tracer's wait4 may report them but need not: held for INIT, whose reaping loop may not have
   * consumed them yet (initIsOwnParent, it runs only when INIT has a zombie); or held in some but
   * not all orders of a concurrent step that fit the observations (checkStep merges them).
   */
  maybeHeld?: number[];
  /** Handle of the wait call collecting this zombie right now (PWAITRES; waitresHidesZombie). */
  hiddenBy?: number;
  /** Process group of whoever sent the fatal signal (MINIX exit_proc's group SIGHUP test). */
  dyingCallerPgid?: number;
}

/** A node of the reaper chain (struct sysreaper): owned by a process until released/exited. */
export interface ReaperNode {
  readonly id: number;
  owner: Pid | null;
  readonly parent: number | null;
}

/** A wait call submitted but not finished yet. */
export interface PendingCall {
  /** The driver's CommandHandle id. */
  readonly handle: number;
  readonly pid: Pid;
  readonly tid: number;
  readonly cmd: WaitCommand;
  /** A signal was sent to the waiter since it blocked: EINTR/ERESTART become acceptable. */
  signalled: boolean;
  /**
   * The process group(s) WAIT_MYPGRP (wait4(0), wait6(P_PGID/P_PID, 0)) stands for: sys_wait4 and
   * sys_wait6 read p_pgid once, at entry (seed 000:909-915, 960-971), so a setpgid/setsid by
   * another thread of the waiter later does not change what a blocked wait waits for. Several
   * while the call entered concurrently with such a change (`entering`). Undefined: the
   * waiter's current group (sequential use).
   */
  myPgids?: number[];
  /** Submitted in the step being judged: its entry (and its reading of p_pgid) may come later. */
  entering?: boolean;
  /**
   * Zombies this call may have skipped while another thread held them (waitresHidesZombie): it
   * may sleep on although they are reportable, since nothing wakes it when they reappear.
   */
  blindTo?: number[];
}

export interface SpecState {
  readonly params: SpecParams;
  procs: SpecProc[];
  reapers: ReaperNode[];
  pending: PendingCall[];
  /**
   * Fatal signals only mark the target `dying`; checkStep then lets the death happen at any
   * point of the interleaving. Off (deaths are immediate) for sequential use.
   */
  deferDeaths?: boolean;
}

export function cloneState(s: SpecState): SpecState {
  return {
    params: s.params,
    procs: s.procs.map((p) => ({ ...p, tids: [...p.tids], ...(p.sigtrace ? { sigtrace: [...p.sigtrace] } : {}), ...(p.maybeHeld ? { maybeHeld: [...p.maybeHeld] } : {}) })),
    reapers: s.reapers.map((r) => ({ ...r })),
    pending: s.pending.map((c) => ({ ...c, ...(c.blindTo ? { blindTo: [...c.blindTo] } : {}), ...(c.myPgids ? { myPgids: [...c.myPgids] } : {}) })),
    ...(s.deferDeaths ? { deferDeaths: true } : {}),
  };
}

export function findProc(s: SpecState, pid: Pid): SpecProc | undefined {
  return s.procs.find((p) => p.pid === pid);
}

export function getProc(s: SpecState, pid: Pid): SpecProc {
  const p = findProc(s, pid);
  if (!p) throw new Error(`spec: no process ${pid}`);
  return p;
}

export function isLive(p: SpecProc | undefined): p is SpecProc {
  return p !== undefined && p.state !== 'zombie';
}

/** The process owns the reaper node it points at (procctl REAP_STATUS "owned"). */
export function isReaper(s: SpecState, p: SpecProc): boolean {
  return s.reapers[p.reaperNode]?.owner === p.pid;
}

/** reaper_get: walk up the reaper chain from `node` to the first node still owned. */
export function reaperGet(s: SpecState, node: number): Pid {
  let n: number | null = node;
  while (n !== null) {
    const r: ReaperNode | undefined = s.reapers[n];
    if (!r) break;
    if (r.owner !== null) return r.owner;
    n = r.parent;
  }
  return INIT_PID;
}
