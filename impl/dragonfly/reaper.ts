/**
 * The process reaper (struct sysreaper; kern_fork.c reaper_* and sys_procctl PROC_REAP_*), as
 * described in notes dragonfly-primitives.md 1.13. Not in seed 000; exit1 calls reaper_exit,
 * reaper_get and reaper_drop (seed 000:533, 545, 600, 606).
 *
 * The sysreaper lockmgr lock is not modelled: every operation here is one atomic step of its
 * caller (see docs/dragonfly.md, divergences).
 */
import { PHOLD } from './prim.js';
import { REAPER_STAT_OWNED, REAPER_STAT_REALINIT, type Proc, type Sysreaper } from './structs.js';

export const EALREADY = 37;
export const ENOTCONN = 57;

/** reaper_init(p, r): p becomes a reaper; r->parent takes over p's old reference. */
export function reaper_init(p: Proc, isInit: boolean): Sysreaper {
  const r: Sysreaper = { p, parent: p.p_reaper, refs: isInit ? 2 : 1, flags: REAPER_STAT_OWNED | (isInit ? REAPER_STAT_REALINIT : 0) };
  p.p_reaper = r;
  return r;
}

export function reaper_hold(r: Sysreaper | null): void {
  if (r !== null) r.refs++;
}

/** reaper_drop: on 1 -> 0 the node goes and the drop continues with its parent. */
export function reaper_drop(r: Sysreaper | null): void {
  while (r !== null) {
    r.refs--;
    if (r.refs > 0) return;
    r = r.parent;
  }
}

/** reaper_get(r): the nearest live reaper process upward from r, PHELD; null if none. */
export function reaper_get(r: Sysreaper | null): Proc | null {
  while (r !== null) {
    if (r.p !== null) {
      PHOLD(r.p);
      return r.p;
    }
    r = r.parent;
  }
  return null;
}

/** PROC_REAP_ACQUIRE: 0 or EALREADY. */
export function reaper_acquire(p: Proc): number {
  if (p.p_reaper !== null && p.p_reaper.p === p) return EALREADY;
  reaper_init(p, false);
  return 0;
}

/** PROC_REAP_RELEASE: 0 or ENOTCONN. */
export function reaper_release(p: Proc): number {
  const r = p.p_reaper;
  if (r === null || r.p !== p || (r.flags & REAPER_STAT_REALINIT) !== 0) return ENOTCONN;
  r.p = null;
  p.p_reaper = r.parent;
  reaper_hold(r.parent);
  reaper_drop(r);
  return 0;
}

/** reaper_exit(p): disown the reaper p owns, detach p->p_reaper and return it (caller drops). */
export function reaper_exit(p: Proc): Sysreaper | null {
  const r = p.p_reaper;
  if (r !== null && r.p === p) r.p = null;
  p.p_reaper = null;
  return r;
}
