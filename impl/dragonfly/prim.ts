/**
 * DragonFly primitives with their real semantics (notes dragonfly-primitives.md sections 1-3):
 * LWKT tokens, tsleep/wakeup/tsleep_interlock (PINTERLOCKED, PCATCH, timeouts), PHOLD/PRELE/PSTALL,
 * PHOLDZOMB/PRELEZOMB, PWAITRES_SET/PENDING, LWPHOLD/LWPRELE, lwpsignal/ksignal, proc_stop,
 * proc_unstop and tstop.
 *
 * Each blocking primitive takes the label of the step it belongs to: when it blocks, the thread
 * yields that label (the step ended with the thread asleep) and resumes inside the primitive.
 */
import { KernelFault, TState, WAKE_SIGNAL, WAKE_TIMEOUT, type Token } from '../kernel/sched.js';
import type { Gen, Kern } from './kern.js';
import {
  FATAL_SIGS,
  LWP_MP_WEXIT,
  LWP_MP_WSTOP,
  P_CONTINUED,
  P_WAITED,
  P_WEXIT,
  PLOCK_MASK,
  PLOCK_WAITING,
  PLOCK_WAITRES,
  PLOCK_ZOMB,
  PS_CLDSIGIGN,
  SACTIVE,
  SCORE,
  SIGCHLD,
  SIGCONT,
  SIGKILL,
  SIGSTOP,
  SSTOP,
  SZOMB,
  sigmask,
  type Lwp,
  type Proc,
  type Td,
} from './structs.js';

export const PCATCH = 0x100;
export const PINTERLOCKED = 0x400;
export const EWOULDBLOCK = 35;
export const EINTR = 4;

// ---------------------------------------------------------------------------------------------
// Tokens (notes 2)
// ---------------------------------------------------------------------------------------------

/**
 * lwkt_gettoken. Returns true when the token was acquired at once. False when contended: the
 * thread has lost every token it held and must end its step blocked, so every call site reads
 * `if (!gettoken(k, td, tok)) yield label;` and resumes holding all of them (a plain function
 * rather than a generator: no generator object per acquisition on the hot path).
 */
export function gettoken(k: Kern, td: Td, tok: Token): boolean {
  return k.s.tryGetToken(td.kt, tok);
}

export function reltoken(k: Kern, td: Td, tok: Token): void {
  k.s.relToken(td.kt, tok);
}

// ---------------------------------------------------------------------------------------------
// Sleep / wakeup (notes 3)
// ---------------------------------------------------------------------------------------------

export interface TsleepExtra {
  /** Idle sleep: waiting for a user-level event (not a deadlock when nothing else runs). */
  readonly idle?: boolean;
  /** Polling sleep: the timeout is offered only when the polled condition may hold. */
  readonly pollReady?: () => boolean;
}

/** CURSIG: a signal pending for this thread's lwp that a PCATCH sleep must return for. */
export function cursig(td: Td): boolean {
  const lp = td.td_lwp;
  return lp !== null && (lp.lwp_siglist & FATAL_SIGS) !== 0;
}

export function tsleep_interlock(k: Kern, td: Td, ident: object, wmesg: string): void {
  k.s.interlock(td.kt, ident, wmesg);
}

/**
 * tsleep(ident, flags, wmesg, timo). Returns 0, EWOULDBLOCK (timeout) or EINTR (PCATCH and a
 * signal). Blocking releases every token; they are all held again on return.
 */
export function* tsleep(k: Kern, td: Td, ident: object, flags: number, wmesg: string, timo: number, label: string, extra?: TsleepExtra): Gen<number> {
  const kt = td.kt;
  const interlocked = (flags & PINTERLOCKED) !== 0;
  if (!interlocked) k.s.interlock(kt, ident, wmesg);
  if ((flags & PCATCH) !== 0 && cursig(td)) {
    kt.wchan = null;
    return EINTR;
  }
  if (!k.s.sleepOn(kt, ident, wmesg, timo > 0, (flags & PCATCH) !== 0, extra?.idle ?? false, extra?.pollReady ?? null, true)) return 0;
  yield label;
  // A stop pre-count (proc_stop counted this sleeper) stays: tstop at userret sees WSTOP already
  // set and does not count or notify the parent again; proc_unstop un-counts it.
  if (kt.wakeReason === WAKE_TIMEOUT) return EWOULDBLOCK;
  if (kt.wakeReason === WAKE_SIGNAL) return EINTR;
  return 0;
}

export function wakeup(k: Kern, ident: object): void {
  k.s.wakeup(ident);
}

// ---------------------------------------------------------------------------------------------
// Process holds (notes 1.2-1.7)
// ---------------------------------------------------------------------------------------------

export function PHOLD(p: Proc): void {
  p.p_lock += 1;
}

export function PRELE(k: Kern, p: Proc): void {
  const o = p.p_lock;
  if ((o & PLOCK_MASK) === 0) throw new KernelFault('hold_count', `PRELE of pid ${p.p_pid} with a zero hold count`);
  p.p_lock = (o - 1) & ~PLOCK_WAITING;
  if ((o & PLOCK_WAITING) !== 0) k.s.wakeup(p.id_lock);
}

/**
 * PSTALL(p, msg, n): while the hold count is above n, tsleep_interlock on &p->p_lock, set
 * PLOCK_WAITING and sleep. Returns true when the thread went to sleep (the caller ends its step
 * and calls PSTALL again once woken), false once the count is <= n. Call sites read
 * `while (PSTALL(k, td, p, msg, n)) yield label; yield label;`: one step, labelled `label`, that
 * passes once the count is <= n (a plain function: no generator per call on the reap path).
 */
export function PSTALL(k: Kern, td: Td, p: Proc, msg: string, n: number): boolean {
  for (;;) {
    const o = p.p_lock;
    if ((o & PLOCK_MASK) <= n) return false;
    k.s.interlock(td.kt, p.id_lock, msg);
    p.p_lock = o | PLOCK_WAITING;
    if (k.s.sleepOn(td.kt, p.id_lock, msg, false, false, false, null, true)) return true;
  }
}

/**
 * PHOLDZOMB: 0 = now owns the zombie lock (one count + ZOMB); 1 = failed (WAITRES set, or slept
 * while another thread owned ZOMB; never retries after sleeping).
 */
export function* PHOLDZOMB(k: Kern, td: Td, p: Proc, label: string): Gen<number> {
  const o = p.p_lock;
  if (!k.cfg.zombieLock || (o & (PLOCK_ZOMB | PLOCK_WAITRES)) === 0) {
    p.p_lock = (o + 1) | PLOCK_ZOMB;
    p.g_zombHolders++;
    return 0;
  }
  if ((o & PLOCK_WAITRES) !== 0) return 1;
  k.s.interlock(td.kt, p.id_lock, 'phldz');
  p.p_lock = o | PLOCK_WAITING;
  if (k.s.sleepOn(td.kt, p.id_lock, 'phldz', false, false, false, null, true)) yield label;
  return 1;
}

export function PRELEZOMB(k: Kern, p: Proc): void {
  const o = p.p_lock;
  if ((o & PLOCK_ZOMB) === 0 || (o & PLOCK_MASK) === 0) {
    throw new KernelFault('hold_count', `PRELEZOMB of pid ${p.p_pid} without the zombie lock and a count`);
  }
  p.p_lock = (o - 1) & ~(PLOCK_ZOMB | PLOCK_WAITING | PLOCK_WAITRES);
  p.g_zombHolders--;
  if ((o & PLOCK_WAITING) !== 0) k.s.wakeup(p.id_lock);
}

export function PWAITRES_PENDING(p: Proc): boolean {
  return (p.p_lock & PLOCK_WAITRES) !== 0;
}

export function PWAITRES_SET(k: Kern, p: Proc): void {
  const o = p.p_lock;
  if ((o & PLOCK_ZOMB) === 0 || (o & PLOCK_WAITRES) !== 0) {
    throw new KernelFault('waitres_implies_zomb', `PWAITRES_SET of pid ${p.p_pid} without ZOMB or with WAITRES`);
  }
  p.p_lock = (o | PLOCK_WAITRES) & ~PLOCK_WAITING;
  if ((o & PLOCK_WAITING) !== 0) k.s.wakeup(p.id_lock);
}

export function LWPHOLD(lp: Lwp): void {
  lp.lwp_lock++;
}

export function LWPRELE(lp: Lwp): void {
  if (lp.lwp_lock <= 0) throw new KernelFault('hold_count', `LWPRELE of lwp ${lp.lwp_tid} with a zero count`);
  lp.lwp_lock--;
}

// ---------------------------------------------------------------------------------------------
// Signals and stops (notes 1.15, 1.16, 3)
// ---------------------------------------------------------------------------------------------

/** lwp_signotify: force a user-mode lwp into the kernel (AST); PCATCH sleepers get a signal choice. */
export function lwp_signotify(k: Kern, lp: Lwp): void {
  if (lp.g_user) k.s.wakeup(lp.id_user);
}

/** STOPLWP(p, lp): the process is stopping and the lwp is not flagged for exit. */
export function STOPLWP(p: Proc, lp: Lwp): boolean {
  return (p.p_stat === SSTOP || p.p_stat === SCORE) && (lp.lwp_mpflags & LWP_MP_WEXIT) === 0;
}

/** Picks the lwp a process-directed signal goes to: the first one not exiting. */
function find_lwp_for_signal(p: Proc): Lwp | null {
  for (const lp of p.p_lwp_tree) if ((lp.lwp_mpflags & LWP_MP_WEXIT) === 0) return lp;
  return null;
}

/**
 * lwpsignal(p, lp, sig) with default dispositions. Caller holds p->p_token. Process-directed
 * signals (lp null) are dropped once P_WEXIT is set; SIGKILL to an LWP_MP_WEXIT lwp passes.
 *
 * Returns true when a SIGSTOP stopped p with every lwp already counted stopped: proc_stop's tail
 * must then notify the parent under the parent's token, which may block, so the caller (a
 * generator) runs `notify_parent_stopped` next, still holding p->p_token. Callers sending only
 * SIGKILL or SIGCHLD may ignore the result (it is always false for them).
 */
export function lwpsignal(k: Kern, p: Proc, lp: Lwp | null, sig: number): boolean {
  if (p.p_stat === SZOMB) return false;
  if (lp === null) {
    if ((p.p_flags & P_WEXIT) !== 0) return false;
    if (sig === SIGCHLD) return false; // default action: discard
    if (sig === SIGSTOP) return proc_stop(k, p, sig);
    if (sig === SIGCONT) {
      if (p.p_stat === SSTOP) {
        // kern_sig.c: SIGCONT on a stopped process sets P_CONTINUED and wakes the parent.
        p.p_flags |= P_CONTINUED;
        const pp = p.p_pptr;
        if (pp !== null) k.s.wakeup(pp);
      }
      proc_unstop(k, p);
      return false;
    }
    if (sig === SIGKILL) proc_unstop(k, p);
    lp = find_lwp_for_signal(p);
    if (lp === null) return false;
  }
  if ((sigmask(sig) & FATAL_SIGS) === 0) return false;
  lp.lwp_siglist |= sigmask(sig);
  lwp_signotify(k, lp);
  return false;
}

/**
 * ksignal(p, sig) = lwpsignal(p, NULL, sig) taking p->p_token. `takeToken` false models a
 * mutant that skips the token (the second layer of the wait interlock).
 */
export function* ksignal(k: Kern, td: Td, p: Proc, sig: number, label: string, takeToken = true): Gen {
  if (takeToken && !gettoken(k, td, p.p_token)) yield label;
  if (sig === SIGCHLD && (p.p_sigacts === null || (p.p_sigacts.ps_flag & PS_CLDSIGIGN) !== 0)) {
    // ignored
  } else if (lwpsignal(k, p, null, sig)) {
    yield* notify_parent_stopped(k, td, p, label);
  }
  if (takeToken) reltoken(k, td, p.p_token);
}

/**
 * The parent notification of the last thread to stop (the tail of proc_stop and of tstop,
 * kern_sig.c / kern_synch.c, notes 1.16): PHOLD(q); lwkt_gettoken(&q->p_token) ("Token required
 * to interlock kern_wait()"); clear P_WAITED; wakeup(q); release; PRELE(q). kern_wait holds
 * q->p_token from its scan until its interlocked sleep, so the wakeup cannot fall between the
 * two (finding 4 of docs/spec.md was this token missing). Taking the token may block, dropping
 * every token held (p->p_token included) until all can be re-acquired; the step then ends with
 * `label`. SIGCHLD to the parent is not sent: its default action is to discard it. The mutant
 * no_stop_parent_token (cfg.stopNotifyTakesParentToken false) wakes without the token.
 */
export function* notify_parent_stopped(k: Kern, td: Td, p: Proc, label: string): Gen {
  const q = p.p_pptr;
  if (q === null) {
    p.p_flags &= ~P_WAITED;
    return;
  }
  const take = k.cfg.stopNotifyTakesParentToken;
  PHOLD(q);
  if (take && !gettoken(k, td, q.p_token)) yield label;
  p.p_flags &= ~P_WAITED;
  k.s.wakeup(q);
  if (take) reltoken(k, td, q.p_token);
  PRELE(k, q);
}

/**
 * proc_stop(p, SSTOP) (kern_sig.c, notes 1.16): caller holds p_token. No-op when already stopped
 * or a zombie, or exiting. Sets SSTOP at once, pre-counts sleeping lwps and notifies running
 * ones. Returns true when every lwp is now counted stopped: the caller then runs
 * `notify_parent_stopped` (a generator: it takes the parent's token). Otherwise the last lwp to
 * reach tstop notifies. Until then the stop is already reportable (SSTOP, P_WAITED as it was):
 * a waiter reporting it in that window sets P_WAITED, which the late notification clears again,
 * so one stop can be reported twice. That is DragonFly's own behaviour (kern_wait reports on
 * SSTOP && !P_WAITED; tstop clears P_WAITED unconditionally), accepted by spec/ through
 * SpecParams.lateStopNotify (findings 5 and 7, docs/dragonfly.md).
 */
export function proc_stop(k: Kern, p: Proc, sig: number): boolean {
  if (p.p_stat === SSTOP || p.p_stat === SZOMB || p.p_stat === SCORE || (p.p_flags & P_WEXIT) !== 0) return false;
  p.p_stat = SSTOP;
  p.p_xstat = sig;
  p.p_flags &= ~P_CONTINUED;
  for (const lp of p.p_lwp_tree) {
    if ((lp.lwp_mpflags & (LWP_MP_WSTOP | LWP_MP_WEXIT)) !== 0) continue;
    const td = lp.lwp_thread;
    if (lp.g_user) {
      lwp_signotify(k, lp); // it will tstop at userret
    } else if (td !== null && td.kt.state === TState.Sleeping) {
      lp.lwp_mpflags |= LWP_MP_WSTOP; // pre-count a sleeping lwp
      ++p.p_nstopped;
    }
  }
  k.s.wakeup(p.id_nstopped);
  return p.p_nstopped >= p.p_nthreads;
}

/**
 * proc_unstop: SSTOP -> SACTIVE; un-count every lwp counted as stopped (pre-counted sleepers and
 * tstop sleepers alike; tstop's own un-count is guarded by WSTOP); wake tstop sleepers. It does not
 * set P_CONTINUED: only SIGCONT does (SIGKILL also un-stops).
 */
export function proc_unstop(k: Kern, p: Proc): void {
  if (p.p_stat !== SSTOP) return;
  p.p_stat = SACTIVE;
  for (const lp of p.p_lwp_tree) {
    if ((lp.lwp_mpflags & LWP_MP_WSTOP) !== 0) {
      lp.lwp_mpflags &= ~LWP_MP_WSTOP;
      --p.p_nstopped;
    }
  }
  k.s.wakeup(p);
}

/**
 * tstop (kern_synch.c), called at userret with p_token held: count self stopped; the last one
 * notifies the parent (under the parent's token, `notify_parent_stopped`); sleep on p while
 * STOPLWP; un-count.
 */
export function* tstop(k: Kern, td: Td, p: Proc, lp: Lwp): Gen {
  if ((lp.lwp_mpflags & LWP_MP_WSTOP) === 0) {
    lp.lwp_mpflags |= LWP_MP_WSTOP;
    ++p.p_nstopped;
    k.s.wakeup(p.id_nstopped);
    if (p.p_nstopped >= p.p_nthreads) yield* notify_parent_stopped(k, td, p, 'userret.tstop');
  }
  yield 'userret.tstop';
  lp.g_inTstop = true;
  while (STOPLWP(p, lp)) {
    k.s.interlock(td.kt, p, 'stop');
    if (k.s.sleepOn(td.kt, p, 'stop', false, false, true, null, true)) yield 'userret.tstop_sleep';
  }
  lp.g_inTstop = false;
  if ((lp.lwp_mpflags & LWP_MP_WSTOP) !== 0) {
    lp.lwp_mpflags &= ~LWP_MP_WSTOP;
    --p.p_nstopped;
  }
}
