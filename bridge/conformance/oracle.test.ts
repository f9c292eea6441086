/**
 * The manifest's expected numbers re-derived by the independent hand-written models
 * (oracles.ts); and the oracle itself shown to notice a broken protocol (mutants).
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { CONFORMANCE, casePaths } from './manifest.js';
import { ORACLES } from './oracles.js';
import { explore, type OracleModel } from './oracle.js';

describe('conformance manifest agrees with the independent oracles', () => {
  it.each(CONFORMANCE.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const oracle = ORACLES[c.name];
    expect(oracle, `no oracle for ${c.name}`).toBeDefined();
    const got = oracle!();
    // Liveness verdicts are reasoned (manifest source); the oracle only explores the state space.
    expect(got.result).toBe(c.expect.result === 'liveness' ? 'success' : c.expect.result);
    if (c.expect.violated !== undefined) expect(got.violated).toBe(c.expect.violated);
    if (c.expect.traceLength !== undefined) expect(got.traceLength).toBe(c.expect.traceLength);
    if (c.expect.result === 'success') {
      expect({ distinct: got.distinctStates, total: got.totalStates, depth: got.depth }).toEqual({
        distinct: c.expect.distinctStates,
        total: c.expect.totalStates,
        depth: c.expect.depth,
      });
    }
    const paths = casePaths(c);
    expect(existsSync(paths.spec), paths.spec).toBe(true);
    expect(existsSync(paths.config), paths.config).toBe(true);
  });

  it('every case has a unique name, an origin and a source', () => {
    expect(new Set(CONFORMANCE.map((c) => c.name)).size).toBe(CONFORMANCE.length);
    for (const c of CONFORMANCE) {
      expect(c.origin.length).toBeGreaterThan(5);
      expect(c.source.length).toBeGreaterThan(5);
    }
  });
});

describe('the oracle explorer catches broken models (mutants)', () => {
  type S = { readonly n: number };
  const counter = (limit: number, extra?: (s: S) => S[]): OracleModel<S> => ({
    init: [{ n: 0 }],
    key: (s) => String(s.n),
    next: (s) => [...(s.n < limit ? [{ n: s.n + 1 }] : [{ n: 0 }]), ...(extra ? extra(s) : [])],
    invariants: { Small: (s) => s.n <= 5 },
  });

  it('counts distinct, generated (duplicates included) and depth like TLC', () => {
    expect(explore(counter(3))).toEqual({ result: 'success', distinctStates: 4, totalStates: 5, depth: 4 });
    expect(explore(counter(3, () => [{ n: 0 }]))).toEqual({ result: 'success', distinctStates: 4, totalStates: 9, depth: 4 });
  });

  it('an extra transition that breaks the invariant is found with a shortest trace', () => {
    expect(explore(counter(3, (s) => (s.n === 2 ? [{ n: 9 }] : [])))).toMatchObject({ result: 'invariant', violated: 'Small', traceLength: 4 });
  });

  it('a missing transition is a deadlock', () => {
    const m: OracleModel<S> = { ...counter(3), next: (s) => (s.n < 3 ? [{ n: s.n + 1 }] : []) };
    expect(explore(m)).toMatchObject({ result: 'deadlock', traceLength: 4 });
    expect(explore({ ...m, checkDeadlock: false })).toMatchObject({ result: 'success', distinctStates: 4 });
  });

  it('invariants are checked on successors outside the state constraint, as TLC does', () => {
    expect(explore({ ...counter(10), constraint: (s) => s.n <= 5 })).toMatchObject({ result: 'invariant', violated: 'Small', traceLength: 7 });
  });

  it('a state constraint stops exploration but successors still count as generated', () => {
    expect(explore({ ...counter(10), constraint: (s) => s.n <= 2, invariants: {} })).toEqual({ result: 'success', distinctStates: 3, totalStates: 4, depth: 3 });
  });
});
