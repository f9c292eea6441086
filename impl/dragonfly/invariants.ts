/**
 * Invariants of the DragonFly exit path, each a named exported predicate over the kernel state,
 * checked after every scheduler step (hazards H1-H23 of notes dragonfly-primitives.md section 6;
 * docs/dragonfly.md maps each hazard to its predicate, to a free-time/fault check, or to a
 * liveness property for the TLA+ model).
 *
 * A predicate returns null when it holds, or a message describing the violation. Predicates only
 * read live objects (procs on allproc and their lwps), never freed ones.
 */
import { TState } from '../kernel/sched.js';
import type { Kern } from './kern.js';
import { LWP_MP_WEXIT, LWP_MP_WSTOP, P_WEXIT, SIDL, SIGKILL, sigmask, PLOCK_WAITRES, PLOCK_ZOMB, SZOMB, isFreed, type Proc, type Td } from './structs.js';
import { WEXITED, matchesFilter, waitRequests } from './wait.js';

export type Invariant = (k: Kern) => string | null;

/** H1: at most one thread of a process performs the master exit (sets P_WEXIT in killalllwps(0)). */
export const single_master_exit: Invariant = (k) => {
  for (const p of k.allproc) if (p.g_masterExits > 1) return `pid ${p.p_pid}: ${p.g_masterExits} threads passed killalllwps as master`;
  return null;
};

/** H2: once killalllwps returned 0, p_nthreads <= 1 (== 1 until the master's own lwp_exit). */
export const killalllwps_leaves_one: Invariant = (k) => {
  for (const p of k.allproc) if (p.g_killDone && p.p_nthreads > 1) return `pid ${p.p_pid}: master exit with p_nthreads ${p.p_nthreads}`;
  return null;
};

/** H10: at most one thread holds a process's zombie lock. */
export const zombie_lock_single: Invariant = (k) => {
  for (const p of k.allproc) if (p.g_zombHolders > 1) return `pid ${p.p_pid}: ${p.g_zombHolders} threads hold PLOCK_ZOMB`;
  return null;
};

/** H10/H11: WAITRES implies ZOMB. */
export const waitres_implies_zomb: Invariant = (k) => {
  for (const p of k.allproc) if ((p.p_lock & PLOCK_WAITRES) !== 0 && (p.p_lock & PLOCK_ZOMB) === 0) return `pid ${p.p_pid}: WAITRES without ZOMB`;
  return null;
};

/** Every live process's parent is live (not freed, still on allproc), except init. */
export const parent_live: Invariant = (k) => {
  for (const p of k.allproc) {
    if (p === k.initproc) continue;
    const pp = p.p_pptr;
    if (pp === null) return `pid ${p.p_pid} has no parent`;
    if (isFreed(pp)) return `pid ${p.p_pid}: parent was freed`;
    if (!pp.g_onAllproc) return `pid ${p.p_pid}: parent ${pp.p_pid} is no longer on allproc`;
  }
  return null;
};

/** H16: q in P.p_children iff q.p_pptr == P, for live processes. */
export const children_pptr_agree: Invariant = (k) => {
  for (const P of k.allproc) {
    for (const c of P.p_children) {
      if (isFreed(c)) return `pid ${P.p_pid}: freed child on p_children`;
      if (c.p_pptr !== P) return `pid ${c.p_pid} on p_children of ${P.p_pid} but p_pptr is ${c.p_pptr?.p_pid}`;
    }
  }
  for (const c of k.allproc) {
    const pp = c.p_pptr;
    if (pp !== null && !isFreed(pp) && !pp.p_children.includes(c)) return `pid ${c.p_pid}: not on the p_children of its parent ${pp.p_pid}`;
  }
  return null;
};

/** A zombie has at most its master lwp left, p_nthreads heading to 0, and stays on its parent's list. */
export const zombie_consistency: Invariant = (k) => {
  for (const p of k.allproc) {
    if (p.p_stat !== SZOMB) continue;
    if (p.p_nthreads > 1 || p.p_lwp_tree.length > 1) return `zombie pid ${p.p_pid}: p_nthreads ${p.p_nthreads}, ${p.p_lwp_tree.length} lwps`;
    const pp = p.p_pptr;
    if (pp === null || isFreed(pp) || !pp.p_children.includes(p)) return `zombie pid ${p.p_pid} is not on its parent's child list`;
  }
  return null;
};

/** H22: p_nthreads == 0 only for a zombie (no UNDEAD process). */
export const nthreads_zero_implies_zombie: Invariant = (k) => {
  for (const p of k.allproc) if (p.p_nthreads === 0 && p.p_stat !== SZOMB && p.p_lwp_tree.length === 0 && p.p_stat !== SIDL) return `pid ${p.p_pid}: no threads but not a zombie`;
  return null;
};

/**
 * H21: once the master exiter's killlwps has signalled every lwp, each lwp in p_lwp_tree has
 * LWP_MP_WEXIT or a pending SIGKILL (the model's killed_lwps_marked). An lwp inserted by an
 * lwp_create that blocked in lwp_fork2 during the loop has neither (a finding, docs/dragonfly.md).
 */
export const killed_lwps_marked: Invariant = (k) => {
  for (const p of k.allproc) {
    if (!p.g_killlwpsSignalled || p.p_stat === SZOMB) continue;
    for (const lp of p.p_lwp_tree) {
      if ((lp.lwp_mpflags & LWP_MP_WEXIT) === 0 && (lp.lwp_siglist & sigmask(SIGKILL)) === 0) return `pid ${p.p_pid}: lwp ${lp.lwp_tid} escaped killlwps (neither LWP_MP_WEXIT nor SIGKILL)`;
    }
  }
  return null;
};

/**
 * H6: p_nstopped counts exactly the lwps flagged LWP_MP_WSTOP, until the master exit starts.
 * After P_WEXIT an lwp that was counted as stopped while asleep (proc_stop's pre-count) and is then
 * killed leaves through lwp_exit still counted: lwp_exit does not un-count and proc_unstop only
 * un-counts sleeping lwps (kern_sig.c). The seed behaves so too; it is harmless because no stop
 * or core dump can follow P_WEXIT (docs/dragonfly.md, Findings).
 */
export const nstopped_consistent: Invariant = (k) => {
  for (const p of k.allproc) {
    if (p.p_stat === SZOMB || (p.p_flags & P_WEXIT) !== 0) continue;
    let n = 0;
    for (const lp of p.p_lwp_tree) if ((lp.lwp_mpflags & LWP_MP_WSTOP) !== 0) n++;
    if (n !== p.p_nstopped) return `pid ${p.p_pid}: p_nstopped ${p.p_nstopped} but ${n} lwps have WSTOP`;
  }
  return null;
};

/** Hold counts are never negative (PRELE/LWPRELE also assert it when they run). */
export const hold_counts_nonnegative: Invariant = (k) => {
  for (const p of k.allproc) {
    if ((p.p_lock & 0x0fffffff) > 0x07ffffff) return `pid ${p.p_pid}: p_lock count underflow`;
    for (const lp of p.p_lwp_tree) if (lp.lwp_lock < 0) return `lwp ${p.p_pid}.${lp.lwp_tid}: negative lwp_lock`;
  }
  return null;
};

/** Every per-step invariant, by name. */
export const INVARIANTS: Readonly<Record<string, Invariant>> = {
  single_master_exit,
  killalllwps_leaves_one,
  zombie_lock_single,
  waitres_implies_zomb,
  parent_live,
  children_pptr_agree,
  zombie_consistency,
  nthreads_zero_implies_zombie,
  killed_lwps_marked,
  nstopped_consistent,
  hold_counts_nonnegative,
};

const SIGKILL_MASK = sigmask(SIGKILL);

/**
 * One pass over allproc checking every predicate above at once (the per-step hot path). When it
 * returns false, the named predicates are run to say which invariant failed. It never reports a
 * failure the named predicates would not: it is only a faster conjunction of them.
 */
export function allHoldFast(k: Kern): boolean {
  const init = k.initproc;
  for (const p of k.allproc) {
    const lock = p.p_lock;
    if (p.g_masterExits > 1 || p.g_zombHolders > 1) return false;
    if ((lock & PLOCK_WAITRES) !== 0 && (lock & PLOCK_ZOMB) === 0) return false;
    if ((lock & 0x0fffffff) > 0x07ffffff) return false;
    const nth = p.p_nthreads;
    if (p.g_killDone && nth > 1) return false;
    const tree = p.p_lwp_tree;
    const zombie = p.p_stat === SZOMB;
    if (nth === 0 && !zombie && tree.length === 0 && p.p_stat !== SIDL) return false;
    const pp = p.p_pptr;
    if (p !== init) {
      if (pp === null || isFreed(pp) || !pp.g_onAllproc) return false;
      if (pp.p_children.indexOf(p) < 0) return false;
    }
    if (zombie && (nth > 1 || tree.length > 1)) return false;
    const marked = !zombie && p.g_killlwpsSignalled;
    let n = 0;
    for (let i = 0; i < tree.length; i++) {
      const lp = tree[i]!;
      if (lp.lwp_lock < 0) return false;
      const mp = lp.lwp_mpflags;
      if (marked && (mp & LWP_MP_WEXIT) === 0 && (lp.lwp_siglist & SIGKILL_MASK) === 0) return false;
      if ((mp & LWP_MP_WSTOP) !== 0) n++;
    }
    if (!zombie && (p.p_flags & P_WEXIT) === 0 && n !== p.p_nstopped) return false;
    const kids = p.p_children;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i]!;
      if (isFreed(c) || c.p_pptr !== p) return false;
    }
  }
  return true;
}

/**
 * Checks recorded when they happen rather than per step (their names appear in violations):
 * no_use_after_free (a poisoned object was touched), free_only_drained_zombie, freed_has_no_children,
 * free_once, reaped_once, hold_count, kassert, lwp_dispose_dead, token_discipline, p_children_token
 * (a child list changed without its owner's token, H16); and at the end of
 * a run: deadlock and no_lost_wakeup.
 */
export const EVENT_CHECKS = [
  'no_use_after_free',
  'free_only_drained_zombie',
  'freed_has_no_children',
  'free_once',
  'reaped_once',
  'hold_count',
  'kassert',
  'lwp_dispose_dead',
  'token_discipline',
  'p_children_token',
  'deadlock',
  'no_lost_wakeup',
] as const;

/**
 * Runs every invariant after a step. A failure is reported through the scheduler and halts the
 * run there (the schedule so far is the shortest replay of it).
 */
export function checkInvariants(k: Kern, label: string): void {
  if (allHoldFast(k)) return;
  for (const name in INVARIANTS) {
    const msg = INVARIANTS[name]!(k);
    if (msg !== null) {
      k.s.violate(name, msg, label);
      k.s.halted = true;
    }
  }
}

/**
 * H9 (at quiescence): no thread sleeps in kern_wait ("wait") while one of its children matching
 * its request is a reapable zombie, unless its last scan skipped a child another thread was
 * reaping (the S1 corner of the notes).
 */
export function lostWakeups(k: Kern): string[] {
  const out: string[] = [];
  for (const t of k.s.threads) {
    if (t.state !== TState.Sleeping || t.wmesg !== 'wait') continue;
    if (k.skippedWaitres.has(t)) continue;
    const td = t.ext as Td;
    const req = waitRequests.get(td);
    const q = td.td_proc;
    if (req === undefined || q === null || (req.options & WEXITED) === 0) continue;
    const z = q.p_children.find((c: Proc) => c.p_stat === SZOMB && matchesFilter(c, req.idtype, req.id));
    if (z !== undefined) out.push(`${t.name} sleeps in wait while its child ${z.p_pid} is a zombie`);
  }
  return out;
}
