/**
 * Round trip between the model checker and the trace checker: every counterexample the checker
 * prints for the conformance suite (bridge/conformance/manifest.ts) is a behaviour of its spec,
 * with and without its action labels, and breaking one state of it is detected at that step.
 */
import { describe, expect, it } from 'vitest';
import { checkSpec, traceCheck } from '../index.js';
import type { ItfState, ItfTrace } from '../result.js';
import { CONFORMANCE, casePaths } from '../conformance/manifest.js';

const VIOLATIONS = CONFORMANCE.filter((c) => (c.expect.result === 'invariant' || c.expect.result === 'deadlock') && c.knownDivergence === undefined);

function withoutMeta(t: ItfTrace): ItfTrace {
  return { ...t, states: t.states.map((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== '#meta')) as ItfState) };
}

describe('check -> trace-check round trip', () => {
  it('has violating conformance cases to round-trip', () => {
    expect(VIOLATIONS.length).toBeGreaterThan(2);
  });

  it.each(VIOLATIONS.map((c) => [c.name, c] as const))('%s: the counterexample is a behaviour of the spec', async (_n, c) => {
    const paths = casePaths(c);
    const r = await checkSpec(paths);
    expect(r.trace).toBeDefined();
    const trace = r.trace!;
    const labelled = await traceCheck({ trace, ...paths });
    expect(labelled.message).toMatch(/is a behaviour/);
    expect((await traceCheck({ trace: withoutMeta(trace), ...paths })).ok).toBe(true);
    if (trace.states.length >= 2) {
      // mutant: the last state replaced by the initial state, under the last step's action label:
      // in these specs that action never leads back to the initial state, so the step is caught
      const last = trace.states.length - 1;
      const broken: ItfTrace = { ...trace, states: [...trace.states.slice(0, last), { ...trace.states[0]!, '#meta': trace.states[last]!['#meta'] }] };
      const b = await traceCheck({ trace: broken, ...paths });
      expect(b.ok).toBe(false);
      expect(b.failure?.step).toBe(last);
    }
  });
});

describe('liveness lasso round trip', () => {
  it('the lasso counterexample closes its loop under trace-check; a wrong loop index is caught', async () => {
    const c = CONFORMANCE.find((x) => x.name === 'LiveClockNever')!;
    const paths = casePaths(c);
    const r = await checkSpec(paths);
    expect(r.result).toBe('liveness');
    const trace = r.trace!;
    expect(trace.loop).toBeDefined();
    expect((await traceCheck({ trace, ...paths })).ok).toBe(true);
    // the clock only moves forward: from the last state (hand = 2) it cannot return to hand = 1
    const wrong = trace.states.findIndex((s) => s['hand'] === 1);
    const bad = await traceCheck({ trace: { ...trace, loop: wrong }, ...paths });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/lasso does not close/);
  });
});

