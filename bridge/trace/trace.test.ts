/**
 * Trace checking: a behaviour is accepted (with and without logged actions, with variables
 * omitted), and broken traces are rejected at the first failing step with the actions tried
 * and the conjunct each failed at.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ItfState, ItfTrace } from '../result.js';
import { createTraceChecker, traceCheck } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'exitspec-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spec = join(dir, 'Jugs.tla');
// line numbers matter for the expected failure locations below
writeFileSync(
  spec,
  `---- MODULE Jugs ----
EXTENDS Naturals
VARIABLES big, small
Init == big = 0 /\\ small = 0
FillSmall == /\\ small' = 3
             /\\ big' = big
FillBig == /\\ big' = 5
           /\\ small' = small
EmptySmall == small' = 0 /\\ big' = big
Pour(n) == /\\ n <= small
           /\\ big + n <= 5
           /\\ big' = big + n
           /\\ small' = small - n
Next == FillSmall \\/ FillBig \\/ EmptySmall \\/ \\E n \\in 1..3 : Pour(n)
====
`,
);
writeFileSync(join(dir, 'Jugs.cfg'), 'INIT Init\nNEXT Next\n');

function st(big: number | undefined, small: number | undefined, action?: string, params?: Record<string, number>): ItfState {
  const s: Record<string, unknown> = {};
  if (action !== undefined) s['#meta'] = { action, ...(params ? { actionParams: params } : {}) };
  if (big !== undefined) s['big'] = big;
  if (small !== undefined) s['small'] = small;
  return s as ItfState;
}

function trace(...states: ItfState[]): ItfTrace {
  return { vars: ['big', 'small'], states };
}

describe('trace-check', () => {
  it('accepts a behaviour of the spec', async () => {
    const r = await traceCheck({ trace: trace(st(0, 0), st(0, 3), st(3, 0), st(3, 3), st(5, 1)), spec });
    expect(r.ok).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  it('accepts logged actions, matching their parameters', async () => {
    const r = await traceCheck({ trace: trace(st(0, 0), st(0, 3, 'FillSmall'), st(2, 1, 'Pour', { n: 2 })), spec });
    expect(r.ok).toBe(true);
  });

  it('completes omitted variables existentially', async () => {
    // state 1 omits small: FillSmall (small = 3) is the only completion that allows Pour(3) next
    const r = await traceCheck({ trace: trace(st(0, 0), st(0, undefined), st(3, 0)), spec });
    expect(r.ok).toBe(true);
    // and a completion must exist: big = 4 is unreachable in one step from 0,0
    const bad = await traceCheck({ trace: trace(st(0, 0), st(4, undefined)), spec });
    expect(bad.ok).toBe(false);
    expect(bad.failure?.step).toBe(1);
  });

  it('rejects a wrong initial state naming the failing conjunct', async () => {
    const r = await traceCheck({ trace: trace(st(1, 0)), spec });
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.failure?.step).toBe(0);
    expect(r.failure?.actionsTried[0]?.failedConjunct).toMatch(/Jugs\.tla:4:9: big = 0/);
  });

  it('reports the first failing step, the actions tried and the conjunct each failed at', async () => {
    const r = await traceCheck({ trace: trace(st(0, 0), st(0, 3), st(2, 2)), spec });
    expect(r.ok).toBe(false);
    expect(r.failure?.step).toBe(2);
    const tried = Object.fromEntries(r.failure!.actionsTried.map((a) => [a.action, a.failedConjunct ?? a.error ?? '']));
    expect(Object.keys(tried).sort()).toEqual(['EmptySmall', 'FillBig', 'FillSmall', 'Pour']);
    expect(tried['FillSmall']).toMatch(/Jugs\.tla:5:\d+: small' = 3/);
    expect(tried['FillBig']).toMatch(/Jugs\.tla:7:\d+: big' = 5/);
    expect(tried['EmptySmall']).toMatch(/Jugs\.tla:9:\d+: small' = 0/);
    // Pour(2) gets furthest: big' = 2 holds, then small' = 3 - 2 = 1 is not 2
    expect(tried['Pour']).toMatch(/Jugs\.tla:13:\d+: small' = small - n/);
  });

  it('checks the logged action only: a right state under the wrong action name fails', async () => {
    const r = await traceCheck({ trace: trace(st(0, 0), st(0, 3, 'FillBig')), spec });
    expect(r.ok).toBe(false);
    expect(r.failure?.label).toBe('FillBig');
    expect(r.failure?.actionsTried.map((a) => a.action)).toEqual(['FillBig']);
    expect(r.failure?.actionsTried[0]?.failedConjunct).toMatch(/Jugs\.tla:7:\d+: big' = 5/);
  });

  it('rejects traces naming variables the spec does not have (exit 2)', async () => {
    const r = await traceCheck({ trace: { vars: ['big', 'nope'], states: [st(0, 0)] }, spec });
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBe(2);
    expect(r.message).toMatch(/nope/);
  });

  it('rejects an unreadable trace file with a located message (exit 2)', async () => {
    const f = join(dir, 'bad.itf.json');
    writeFileSync(f, '{"vars": ["big"], "states": [ {"big": 0}, ');
    const r = await traceCheck({ trace: f, spec });
    expect(r.exitCode).toBe(2);
    expect(r.message).toMatch(/bad\.itf\.json/);
  });
});

describe('createTraceChecker', () => {
  it('compiles the spec once and checks many traces with the same verdicts as traceCheck', async () => {
    const checker = await createTraceChecker({ spec });
    const good = trace(st(0, 0), st(0, 3), st(3, 0));
    const bad = trace(st(0, 0), st(0, 3), st(2, 2));
    for (let i = 0; i < 3; i++) {
      expect((await checker.check(good)).ok).toBe(true);
      const b = await checker.check(bad);
      expect(b.ok).toBe(false);
      expect(b.failure?.step).toBe(2);
    }
  });

  it('a spec error is returned by every check', async () => {
    const checker = await createTraceChecker({ spec: join(dir, 'Missing.tla') });
    const r = await checker.check(trace(st(0, 0)));
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBe(150);
  });

  it('an empty trace and an unknown #meta.action are bad traces (exit 2) naming the field, not crashes', async () => {
    const empty = await traceCheck({ trace: trace(), spec });
    expect(empty).toMatchObject({ ok: false, exitCode: 2 });
    expect(empty.message).toMatch(/states: expected at least one state/);
    const unknown = await traceCheck({ trace: trace(st(0, 0), st(0, 3, 'FillMedium')), spec });
    expect(unknown).toMatchObject({ ok: false, exitCode: 2 });
    expect(unknown.message).toMatch(/states\[1\]\.#meta\.action: expected the name of an action defined in module Jugs, found unknown action "FillMedium"/);
    const stray = await traceCheck({ trace: trace(st(0, 0), st(0, 3, 'FillSmall'), st(2, 1, 'Pour', { m: 2 })), spec });
    expect(stray).toMatchObject({ ok: false, exitCode: 2 });
    expect(stray.message).toMatch(/states\[2\]\.#meta\.actionParams\.m: expected a parameter of Pour \(n\), found "m"/);
    // a defined action that does not fit the step is still "not a step" (exit 1), not "unknown"
    const wrong = await traceCheck({ trace: trace(st(0, 0), st(0, 3, 'FillBig')), spec });
    expect(wrong).toMatchObject({ ok: false, exitCode: 1 });
  });
});
