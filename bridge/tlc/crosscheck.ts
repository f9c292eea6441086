/**
 * Comparing our checker's CheckResult with TLC's on the same model, for
 * `exitspec check --cross-check-tlc`: an empty list means they agree.
 */
import type { CheckResult } from '../result.js';

export interface CrossCheckOptions {
  /**
   * Also compare distinct-state counts when both found a violation. Off by default: TLC stops
   * as soon as it meets the violating state, so the count at that moment depends on the order in
   * which successors are generated, not only on the state space.
   */
  readonly countsOnViolation?: boolean;
}

/** Lists the differences in verdict, violated property, distinct states and counterexample length. */
export function crossCheck(ours: CheckResult, tlc: CheckResult, opts: CrossCheckOptions = {}): string[] {
  const diffs: string[] = [];
  if (ours.result !== tlc.result) {
    diffs.push(`verdict: exitspec says '${ours.result}'${ours.violated ? ` (${ours.violated})` : ''}, TLC says '${tlc.result}'${tlc.violated ? ` (${tlc.violated})` : ''}${tlc.result === 'error' && tlc.message ? `: ${tlc.message.split('\n')[0]}` : ''}`);
    return diffs;
  }
  if (ours.result === 'error') return diffs;
  // TLC names a false assumption by its location ("line 3, col 8 to ... of module M"), not by name.
  if (ours.result !== 'assumption' && ours.violated !== undefined && tlc.violated !== undefined && ours.violated !== tlc.violated) {
    diffs.push(`violated property: exitspec reports '${ours.violated}', TLC reports '${tlc.violated}'`);
  }
  if (ours.result === 'success' || opts.countsOnViolation) {
    if (ours.distinctStates !== tlc.distinctStates) {
      diffs.push(`distinct states: exitspec found ${ours.distinctStates}, TLC found ${tlc.distinctStates}`);
    }
  }
  if ((ours.result === 'invariant' || ours.result === 'deadlock') && ours.trace && tlc.trace) {
    if (ours.trace.states.length !== tlc.trace.states.length) {
      diffs.push(`counterexample length: exitspec's has ${ours.trace.states.length} states, TLC's has ${tlc.trace.states.length} (both should be shortest, BFS)`);
    }
  }
  return diffs;
}
