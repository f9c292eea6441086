/**
 * The conformance suite run through our checker (`checkSpec` from bridge/index.ts): every case
 * of manifest.ts must give TLC's verdict and, for complete searches, TLC's exact distinct-state,
 * generated-state and depth counts; counterexamples must be shortest.
 */
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../index.js';
import { CONFORMANCE, casePaths } from './manifest.js';

describe('conformance: exitspec check agrees with TLC', () => {
  it.each(CONFORMANCE.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await checkSpec(casePaths(c));
    expect(r.message, r.message).toBeUndefined();
    expect(r.result).toBe(c.expect.result);
    if (c.expect.violated !== undefined) expect(r.violated).toBe(c.expect.violated);
    if (c.expect.traceLength !== undefined) expect(r.trace?.states.length).toBe(c.expect.traceLength);
    if (c.expect.result === 'success') {
      expect({ distinct: r.distinctStates, total: r.totalStates, depth: r.depth }).toEqual({
        distinct: c.expect.distinctStates,
        total: c.expect.totalStates,
        depth: c.expect.depth,
      });
    }
  });
});
