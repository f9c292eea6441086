/**
 * proc_reparent (seed 000:1443-1487) and the exit callout list at_exit / rm_at_exit
 * (seed 000:1489-1535).
 */
import type { Gen, Kern } from './kern.js';
import { PHOLD, PRELE, reltoken, wakeup } from './prim.js';
import type { Proc, Td } from './structs.js';

/**
 * proc_reparent(child, parent): seed 000:1457-1487. Takes opp, child and parent tokens (all or nothing: a contended
 * acquisition releases every token and resumes holding all), re-checks p_pptr, moves the child.
 */
export function* proc_reparent(k: Kern, td: Td, child: Proc, parent: Proc): Gen {
  PHOLD(parent);
  for (;;) {
    const opp = child.p_pptr;
    if (opp === parent || opp === null) break;
    PHOLD(opp);
    yield 'proc_reparent.hold';
    const kt = td.kt;
    const a = k.s.tryGetToken(kt, opp.p_token);
    const b = k.s.tryGetToken(kt, child.p_token);
    const c = k.s.tryGetToken(kt, parent.p_token);
    if (!(a && b && c)) yield 'proc_reparent.get_tokens';
    yield 'proc_reparent.get_tokens';
    if (child.p_pptr !== opp) {
      reltoken(k, td, parent.p_token);
      reltoken(k, td, child.p_token);
      reltoken(k, td, opp.p_token);
      PRELE(k, opp);
      yield 'proc_reparent.move';
      continue;
    }
    const i = opp.p_children.indexOf(child);
    if (i >= 0) opp.p_children.splice(i, 1);
    parent.p_children.unshift(child);
    child.p_pptr = parent;
    child.p_ppid = parent.p_pid;
    reltoken(k, td, parent.p_token);
    reltoken(k, td, child.p_token);
    reltoken(k, td, opp.p_token);
    if (opp.p_children.length === 0) wakeup(k, opp);
    PRELE(k, opp);
    yield 'proc_reparent.move';
    break;
  }
  PRELE(k, parent);
}

/** at_exit(function): seed 000:1497-1516. Adds a callback run by exit1 (0 on success). */
export function at_exit(k: Kern, fn: (td: Td) => void): number {
  rm_at_exit(k, fn);
  k.exit_list.push(fn);
  return 0;
}

/** rm_at_exit(function): seed 000:1522-1535. Returns 1 if removed, 0 if absent. */
export function rm_at_exit(k: Kern, fn: (td: Td) => void): number {
  const i = k.exit_list.indexOf(fn);
  if (i < 0) return 0;
  k.exit_list.splice(i, 1);
  return 1;
}
