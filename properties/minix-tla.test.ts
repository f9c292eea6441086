/**
 * The MINIX TLA+ model (tla/MinixPM.tla) through exitspec's checker: the clean worlds pass every
 * invariant, each reachability witness is violated (so the interesting states are reached, not
 * vacuously safe), each mutant of impl/minix/mutants.ts violates the invariant the catalogue
 * names, the refinement to ExitWait holds between PM steps, and every TLA+ action is named after
 * a label of impl/minix/labels.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../bridge/index.js';
import { MINIX_MUTANTS, STEP_LABELS, tlaActionName } from '../impl/minix/index.js';

const TLA = join(import.meta.dirname, '..', 'tla');
const check = (name: string, config?: string) => checkSpec({ spec: join(TLA, `${name}.tla`), config: config ?? join(TLA, `${name}.cfg`) });

/** A copy of `base`.cfg whose only invariant is `inv`. */
function witnessConfig(base: string, inv: string): string {
  const text = readFileSync(join(TLA, `${base}.cfg`), 'utf8');
  const cut = text.slice(0, text.indexOf('INVARIANTS'));
  const dir = mkdtempSync(join(tmpdir(), 'minix-tla-'));
  const file = join(dir, `${base}-${inv}.cfg`);
  writeFileSync(file, `${cut}INVARIANTS\n    ${inv}\nCHECK_DEADLOCK FALSE\n`);
  return file;
}

/** TLA+ invariant name of an impl invariant: snake_case to CamelCase. */
const camel = (s: string): string => s.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

describe('tla/MinixPM.tla', () => {
  it.each(['MCMinixPM', 'MCMinixPMTree'])('%s: every invariant holds', async (name) => {
    const r = await check(name);
    expect(r.result, r.message ?? r.violated).toBe('success');
    expect(r.distinctStates).toBeGreaterThan(1000);
  });

  it.each([
    ['MCMinixPM', 'NeverToldBeforeVfs'],
    ['MCMinixPM', 'NeverFreedAfterUse'],
    ['MCMinixPMTree', 'NeverNewParent'],
    ['MCMinixPMTree', 'NeverTraceZombie'],
  ])('%s reaches the state %s rules out (anti-vacuity)', async (base, inv) => {
    const r = await check(base, witnessConfig(base, inv));
    expect(r.result).toBe('invariant');
    expect(r.violated).toBe(inv);
  });

  for (const m of MINIX_MUTANTS) {
    it(`mutant ${m.name} is caught by ${m.caughtBy.join(' or ')}`, async () => {
      const r = await check(`MCBug_Minix_${m.name}`);
      expect(r.result).toBe('invariant');
      const expected = [...m.caughtBy.map(camel), 'ReplyMatchesCall'];
      expect(expected, `violated ${r.violated}`).toContain(r.violated);
      expect(r.trace?.states.length ?? 0).toBeGreaterThan(1);
    });
  }

  it('refines ExitWait between PM steps (MCMinixRefinement), and a mutant breaks the refinement', async () => {
    const r = await check('MCMinixRefinement');
    expect(r.result, r.message ?? r.violated).toBe('success');
    const text = readFileSync(join(TLA, 'MCMinixRefinement.cfg'), 'utf8').replace('Bug = "none"', 'Bug = "forget_told_parent"');
    const dir = mkdtempSync(join(tmpdir(), 'minix-tla-'));
    writeFileSync(join(dir, 'R.cfg'), text);
    const bad = await check('MCMinixRefinement', join(dir, 'R.cfg'));
    expect(bad.result).not.toBe('success');
  });

  it('liveness (MCMinixPMLive): waiting parents are answered and collected slots freed, under fairness only', async () => {
    const r = await check('MCMinixPMLive');
    expect(r.result, r.message ?? r.violated).toBe('success');
    const text = readFileSync(join(TLA, 'MCMinixPMLive.cfg'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'minix-tla-'));
    // without fairness VFS may never answer: a collected slot is never freed
    writeFileSync(join(dir, 'unfair.cfg'), text.replace('SPECIFICATION FairSpec', 'SPECIFICATION Spec'));
    const unfair = await check('MCMinixPMLive', join(dir, 'unfair.cfg'));
    expect(unfair.result).toBe('liveness');
    // tracer_died_no_reparent leaves INIT waiting forever for a TRACE_ZOMBIE nobody will collect
    const tree = text
      .replace('N = 4', 'N = 5')
      .replace('Boot = {2}', 'Boot = {2, 3}')
      .replace('WaitPids = {-1, 3}', 'WaitPids = {}')
      .replace('Bug = "none"', 'Bug = "tracer_died_no_reparent"')
      .replace('Atomic = FALSE', 'Atomic = TRUE');
    writeFileSync(join(dir, 'tracer.cfg'), tree);
    const mutant = await check('MCMinixPMLive', join(dir, 'tracer.cfg'));
    expect(mutant.result).toBe('liveness');
  });

  it('every action of the model is a step or path label of impl/minix/labels.ts', () => {
    const text = readFileSync(join(TLA, 'MinixPM.tla'), 'utf8');
    const actions = [...text.matchAll(/^([a-z][a-z0-9_]*)(\([^)]*\))? ==/gm)].map((m) => m[1]!).filter((a) => a !== 'vars');
    const known = new Set(STEP_LABELS.map((l) => tlaActionName(l.label)));
    expect(actions.length).toBeGreaterThan(10);
    for (const a of actions) expect(known.has(a), a).toBe(true);
  });
});
