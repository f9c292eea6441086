/**
 * DragonFly proc / lwp / thread structures with the fields the exit path touches (seed 000 field
 * names), their flag values (sys/sys/proc.h, sys/sys/thread.h as summarised in
 * notes dragonfly-primitives.md 1.1, 1.15), and `kfree`, which poisons a freed object so that any
 * later access through a stale reference raises a use-after-free fault.
 *
 * Fields prefixed `g_` are ghost state for invariants (not in the C structures).
 */
import { KernelFault, Token, type KThread } from '../kernel/sched.js';
import type { Command, CommandResult } from '../api.js';

// proc states (sys/sys/proc_common.h)
export const SIDL = 1;
export const SACTIVE = 2;
export const SSTOP = 3;
export const SZOMB = 4;
export const SCORE = 5;

// p_flags (subset)
export const P_CONTROLT = 0x00000002;
export const P_PPWAIT = 0x00000010;
export const P_PROFIL = 0x00000020;
export const P_WAITED = 0x00000100;
export const P_WEXIT = 0x00002000;
export const P_TRACED = 0x00000800;
export const P_POSTEXIT = 0x00020000;
export const P_CONTINUED = 0x00040000;
export const P_MAYBETHREADED = 0x00080000;

// p_lock bits (new layout, notes 1.1)
export const PLOCK_WAITING = 0x40000000;
export const PLOCK_ZOMB = 0x20000000;
export const PLOCK_WAITRES = 0x10000000;
export const PLOCK_MASK = 0x0fffffff;

// lwp_mpflags
export const LWP_MP_WSTOP = 0x0004;
export const LWP_MP_WEXIT = 0x0008;

// td_flags / td_mpflags
export const TDF_RUNNING = 0x0001;
export const TDF_RUNQ = 0x0002;
export const TDF_PREEMPT_LOCK = 0x0004;
export const TDF_TSLEEPQ = 0x0080;
export const TDF_EXITING = 0x0400;
export const TDF_MP_EXITWAIT = 0x0001;
export const TDF_MP_EXITSIG = 0x0002;

// sigacts ps_flag
export const PS_NOCLDWAIT = 0x0001;
export const PS_CLDSIGIGN = 0x0002;

// sysreaper flags
export const REAPER_STAT_OWNED = 0x0001;
export const REAPER_STAT_REALINIT = 0x0002;

/** BSD signal numbers used by the path. */
export const SIGHUP = 1;
export const SIGKILL = 9;
export const SIGUSR1 = 30;
export const SIGTERM = 15;
export const SIGSTOP = 17;
export const SIGCONT = 19;
export const SIGCHLD = 20;

export const sigmask = (sig: number): number => 1 << sig;
/** Signals whose default action terminates the process. */
export const FATAL_SIGS = sigmask(SIGKILL) | sigmask(SIGTERM) | sigmask(SIGHUP);

export const W_EXITCODE = (ret: number, sig: number): number => ((ret & 0xff) << 8) | (sig & 0x7f);

export interface Session {
  s_sid: number;
  s_leader: Proc | null;
}

export interface Ucred {
  cr_uid: number;
  cr_gid: number;
  cr_prison: { pr_id: number } | null;
}

export interface Sigacts {
  ps_flag: number;
  ps_refcnt: number;
}

/** struct sysreaper (sys/sys/procctl.h), notes 1.13. */
export interface Sysreaper {
  p: Proc | null;
  parent: Sysreaper | null;
  refs: number;
  flags: number;
}

/** A user command queued on an lwp, with the handle that reports its result. */
export interface PendingCommand {
  readonly cmd: Command;
  readonly handle: MutableHandle;
}

export interface MutableHandle {
  readonly id: number;
  readonly cmd: Command;
  done: boolean;
  result?: CommandResult;
}

export class Proc {
  p_stat = SIDL;
  p_flags = 0;
  p_lock = 0;
  p_nthreads = 0;
  p_nstopped = 0;
  p_lasttid = 0;
  /** p_lwp_tree, kept ordered by lwp_tid (RB tree order). */
  p_lwp_tree: Lwp[] = [];
  /** p_children: LIST_INSERT_HEAD puts new children first. */
  p_children: Proc[] = [];
  p_pptr: Proc | null = null;
  p_ppid = 0;
  p_waitgen = 0;
  p_xstat = 0;
  p_ru = 0;
  p_cru = 0;
  p_sigparent = SIGCHLD;
  p_oppid = 0;
  p_pgid: number;
  p_session: Session;
  p_ucred: Ucred | null;
  p_sigacts: Sigacts | null;
  p_siglist = 0;
  p_reaper: Sysreaper | null = null;
  p_leader: Proc;
  p_peers: Proc | null = null;
  readonly p_token: Token;
  /** Wakeup idents standing for &p->p_lock, &p->p_nthreads, &p->p_nstopped. */
  readonly id_lock = { ident: 'p_lock' };
  readonly id_nthreads = { ident: 'p_nthreads' };
  readonly id_nstopped = { ident: 'p_nstopped' };
  // ghost state
  g_masterExits = 0;
  /** killalllwps(0) returned 0 for this process. */
  g_killDone = false;
  /** killlwps finished its signalling loop for this process (H21, invariant killed_lwps_marked). */
  g_killlwpsSignalled = false;
  g_zombHolders = 0;
  g_onAllproc = false;
  constructor(
    readonly p_pid: number,
    pgid: number,
    session: Session,
    ucred: Ucred,
    sigacts: Sigacts,
  ) {
    this.p_pgid = pgid;
    this.p_session = session;
    this.p_ucred = ucred;
    this.p_sigacts = sigacts;
    this.p_leader = this;
    this.p_token = new Token(`p_token[${p_pid}]`);
  }
}

export class Lwp {
  lwp_proc: Proc | null;
  lwp_lock = 0;
  lwp_mpflags = 0;
  lwp_siglist = 0;
  lwp_ru = 0;
  lwp_thread: Td | null = null;
  readonly lwp_token: Token;
  /** Ident the lwp sleeps on while in user mode (stands for being on a cpu in user mode). */
  readonly id_user = { ident: 'user' };
  readonly queue: PendingCommand[] = [];
  /** In user mode (waiting for a command or an AST). */
  g_user = false;
  /** Sleeping in tstop. */
  g_inTstop = false;
  constructor(
    readonly lwp_tid: number,
    p: Proc,
    readonly cpu: number,
  ) {
    this.lwp_proc = p;
    this.lwp_token = new Token(`lwp_token[${p.p_pid}.${lwp_tid}]`);
  }
}

export class Td {
  td_flags = TDF_RUNNING;
  td_mpflags = 0;
  td_refs = 0;
  constructor(
    readonly kt: KThread,
    public td_lwp: Lwp | null,
    public td_proc: Proc | null,
  ) {}
}

/**
 * Per-class poisoned prototypes: a null-prototype object whose every field of the class is an
 * accessor that raises a use-after-free fault (built once per constructor, shared by every kfree).
 */
const POISON = new Map<unknown, { readonly proto: object; readonly keys: ReadonlySet<string>; readonly order: readonly string[] }>();

/** The same keys in the same order (the usual case: objects of one class built by its constructor). */
function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function poisonPrototype(obj: object, keys: readonly string[]): object {
  const ctor = (obj as { constructor?: unknown }).constructor;
  const cached = POISON.get(ctor);
  if (cached !== undefined) {
    if (sameKeys(keys, cached.order)) return cached.proto;
    let covered = true;
    for (let i = 0; i < keys.length; i++) if (!cached.keys.has(keys[i]!)) covered = false;
    if (covered) return cached.proto;
  }
  const proto: object = Object.create(null);
  const all = new Set<string>(cached === undefined ? keys : [...cached.keys, ...keys]);
  for (const key of all) {
    const fault = function (this: { __freed?: string }): never {
      throw new KernelFault('no_use_after_free', `use after free: ${this.__freed ?? 'object'}.${key}`);
    };
    Object.defineProperty(proto, key, { get: fault, set: fault, configurable: false, enumerable: false });
  }
  POISON.set(ctor, { proto, keys: all, order: cached === undefined ? [...keys] : cached.order });
  return proto;
}

/**
 * kfree: poisons `obj`. Its own fields are removed and its prototype becomes the class's poisoned
 * prototype, so every read or write of a field through a stale reference raises a use-after-free
 * fault instead of being silently allowed. (Fields are deleted newest first: V8 undoes such
 * deletions by map transition, which keeps kfree a few microseconds; redefining each field as
 * an accessor in place costs about ten times more.)
 */
export function kfree(obj: object, what: string): void {
  const keys = Object.keys(obj);
  const proto = poisonPrototype(obj, keys);
  const rec = obj as Record<string, unknown>;
  for (let i = keys.length - 1; i >= 0; i--) delete rec[keys[i]!];
  Object.setPrototypeOf(obj, proto);
  Object.defineProperty(obj, '__freed', { value: what, enumerable: false });
}

/** True when `obj` was freed by kfree (safe to call on freed objects). */
export function isFreed(obj: object): boolean {
  return Object.prototype.hasOwnProperty.call(obj, '__freed');
}
