/**
 * Simulation: random behaviours reproducible from the seed, invariant violations found with a
 * valid behaviour as counterexample, deadlocks, and a clean run on a correct model.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareModel } from './run.js';
import { simulate } from './simulate.js';

const dir = mkdtempSync(join(tmpdir(), 'exitspec-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spec = join(dir, 'Walk.tla');
writeFileSync(
  spec,
  `---- MODULE Walk ----
EXTENDS Integers
VARIABLE x
Init == x = 0
Next == \\/ x' = x + 1
        \\/ x' = x - 1
Small == x < 6
Bounded == x > -50 /\\ x < 50
====
`,
);
const cfg = (body: string): string => {
  const f = join(dir, `c${Math.random().toString(36).slice(2)}.cfg`);
  writeFileSync(f, body);
  return f;
};

describe('simulation', () => {
  it('finds an invariant violation with a valid behaviour, the same one for the same seed', async () => {
    const model = await prepareModel({ spec, config: cfg('INIT Init\nNEXT Next\nINVARIANT Small\n'), print: () => undefined });
    const a = simulate(model, { depth: 200, traces: 200, seed: 42 });
    expect(a.exitCode).toBe(12);
    expect(a.result).toMatchObject({ result: 'invariant', violated: 'Small' });
    const xs = a.result.trace!.states.map((s) => s['x'] as number);
    expect(xs[0]).toBe(0);
    expect(xs[xs.length - 1]).toBe(6);
    for (let i = 1; i < xs.length; i++) expect(Math.abs(xs[i]! - xs[i - 1]!)).toBe(1); // each step is a Next step
    const b = simulate(model, { depth: 200, traces: 200, seed: 42 });
    expect(b.result.trace!.states.map((s) => s['x'])).toEqual(xs);
    const c = simulate(model, { depth: 200, traces: 200, seed: 43 });
    expect(c.result.trace!.states.map((s) => s['x'])).not.toEqual(xs); // another seed, another walk
  });

  it('a correct model runs all behaviours without error; depth bounds each behaviour', async () => {
    const model = await prepareModel({ spec, config: cfg('INIT Init\nNEXT Next\nINVARIANT Bounded\n'), print: () => undefined });
    const o = simulate(model, { depth: 30, traces: 50, seed: 1 });
    expect(o.result.result).toBe('success');
    expect(o.result.depth).toBe(30);
    expect(o.result.totalStates).toBe(1 + 50 * 29 * 2); // 1 initial state; 2 successors per step
  });

  it('reports a deadlock when a behaviour reaches a state without successors', async () => {
    const dead = join(dir, 'Dead.tla');
    writeFileSync(dead, '---- MODULE Dead ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x\' = x + 1\n====\n');
    const d = join(dir, 'Dead.cfg');
    writeFileSync(d, 'INIT Init\nNEXT Next\n');
    const model = await prepareModel({ spec: dead, config: d, print: () => undefined });
    const o = simulate(model, { depth: 10, traces: 1, seed: 0 });
    expect(o.exitCode).toBe(11);
    expect(o.result.trace!.states.map((s) => s['x'])).toEqual([0, 1, 2]);
  });
});
