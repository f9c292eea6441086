/**
 * The conformance suite run through our checker (`checkSpec` from bridge/index.ts): every case
 * of manifest.ts must give TLC's verdict and, for complete searches, TLC's exact distinct-state,
 * generated-state and depth counts; counterexamples must be shortest. Cases with a recorded
 * `knownDivergence` must still diverge (so the record is removed when the checker is fixed).
 * Cases that need liveness may instead be refused with a located "not supported yet" error.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSpec, type CheckResult } from '../index.js';
import { CONFORMANCE, casePaths, type ConformanceCase } from './manifest.js';

function disagreements(c: ConformanceCase, r: CheckResult): string[] {
  const d: string[] = [];
  const e = c.expect;
  if (r.result !== e.result) d.push(`verdict: expected ${e.result}, got ${r.result}${r.message ? ` (${r.message})` : ''}`);
  if (e.violated !== undefined && r.violated !== e.violated) d.push(`violated: expected ${e.violated}, got ${String(r.violated)}`);
  if (e.traceLength !== undefined && r.trace?.states.length !== e.traceLength) d.push(`trace length: expected ${e.traceLength}, got ${String(r.trace?.states.length)}`);
  if (e.counterexample === 'lasso' && (r.trace?.loop === undefined || r.trace['#meta']?.stuttering)) d.push('counterexample: expected a lasso (loop set)');
  if (e.counterexample === 'stuttering' && r.trace?.['#meta']?.stuttering !== true) d.push('counterexample: expected one ending in stuttering');
  if (e.result === 'success') {
    if (r.distinctStates !== e.distinctStates) d.push(`distinct states: expected ${String(e.distinctStates)}, got ${r.distinctStates}`);
    if (r.totalStates !== e.totalStates) d.push(`states generated: expected ${String(e.totalStates)}, got ${r.totalStates}`);
    if (r.depth !== e.depth) d.push(`depth: expected ${String(e.depth)}, got ${r.depth}`);
  }
  return d;
}

describe('conformance: exitspec check agrees with TLC', () => {
  it.each(CONFORMANCE.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await checkSpec(casePaths(c));
    if (c.needs?.includes('liveness') && r.result === 'error' && /not supported yet/.test(r.message ?? '')) {
      // Liveness not built yet: the refusal must be located in the .cfg, never a verdict.
      expect(r.message).toContain(c.config + ':');
      return;
    }
    const d = disagreements(c, r);
    if (c.knownDivergence === undefined) {
      expect(d).toEqual([]);
    } else {
      expect(d.length, `${c.name} now agrees with TLC: remove its knownDivergence in manifest.ts`).toBeGreaterThan(0);
    }
  });

  it('the disagreement report notices a wrong count (mutant manifest entry)', async () => {
    const c = CONFORMANCE.find((x) => x.name === 'TCommit')!;
    const r = await checkSpec(casePaths(c));
    expect(disagreements({ ...c, expect: { ...c.expect, distinctStates: 35 } }, r)).toEqual(['distinct states: expected 35, got 34']);
  });
});

describe('bad configurations reach the user as located errors through checkSpec', () => {
  it.each([
    ['INIT Init\nINIT Again\nNEXT Next\n', ':2:1: INIT given twice'],
    ['INIT Init\nNEXT Next\nINVARIANT\n', ":4:1: expected a definition name after INVARIANT but found 'end of file'"],
    ['CONSTANT N 3\nINIT Init\n', ":1:12: expected '=' or '<-' after constant N but found '3'"],
  ])('%j', async (cfgText, where) => {
    const dir = await mkdtemp(join(tmpdir(), 'conf-'));
    const cfg = join(dir, 'Bad.cfg');
    await writeFile(cfg, cfgText);
    const r = await checkSpec({ spec: casePaths(CONFORMANCE.find((c) => c.name === 'DeepBug')!).spec, config: cfg });
    expect(r.result).toBe('error');
    expect(r.message).toContain(cfg + where);
  });
});
