/**
 * Runs the small TLA+ model configurations of tla/ through exitspec's checker (`checkSpec`):
 * every clean config must succeed, every mutant config must fail with its expected verdict and
 * property, and each clean config's reachability witnesses must be violated (so a model that
 * silently stops doing anything cannot pass). The large configs run in `npm run verify`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSpec } from '../bridge/index.js';
import { STEP_LABELS, tlaActionName } from '../impl/dragonfly/labels.js';
import { MODELS, type ModelEntry } from './models.js';

const TLA_DIR = dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'exitspec-tla-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const small = MODELS.filter((m) => m.size === 'small');
/** Per-config time limit: a few seconds normally, generous for a loaded 2-core machine. */
const TIMEOUT_MS = 240_000;

/** The config text with its INVARIANTS/PROPERTIES replaced by one invariant. */
export function withOnlyInvariant(cfgText: string, invariant: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of cfgText.split('\n')) {
    const kw = /^(INVARIANTS?|PROPERTY|PROPERTIES|CHECK_DEADLOCK|SPECIFICATION|CONSTANTS?)\b/.exec(line);
    if (kw !== null) skipping = /^(INVARIANTS?|PROPERTY|PROPERTIES|CHECK_DEADLOCK)$/.test(kw[1]!);
    if (!skipping) out.push(line);
  }
  out.push('INVARIANT', `    ${invariant}`, 'CHECK_DEADLOCK FALSE', '');
  return out.join('\n');
}

async function run(m: ModelEntry) {
  return checkSpec({ spec: join(TLA_DIR, `${m.name}.tla`), config: join(TLA_DIR, `${m.name}.cfg`) });
}

describe('tla/ model configurations (small)', () => {
  it('the catalogue lists only existing .tla/.cfg pairs, each once', () => {
    const names = MODELS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const m of MODELS) {
      expect(() => readFileSync(join(TLA_DIR, `${m.name}.tla`), 'utf8')).not.toThrow();
      expect(() => readFileSync(join(TLA_DIR, `${m.name}.cfg`), 'utf8')).not.toThrow();
    }
  });

  for (const m of small) {
    it(`${m.name}: ${m.expect}${m.violated !== undefined ? ` (${m.violated})` : ''} -- ${m.about}`, async () => {
      const r = await run(m);
      expect(r.message ?? '', `checker message for ${m.name}`).not.toMatch(/error/i);
      expect(r.result).toBe(m.expect);
      if (m.violated !== undefined) expect(r.violated ?? '').toMatch(new RegExp(`^${m.violated}\\b`));
      if (m.expect !== 'success') {
        // a counterexample is produced and ends in the reported state
        expect(r.trace?.states.length ?? 0).toBeGreaterThan(1);
      } else {
        expect(r.distinctStates).toBeGreaterThan(0);
      }
    }, TIMEOUT_MS);
  }

  // One witness per small clean config here (the first); verify runs all of them.
  const withWitnesses = small.filter((m) => (m.witnesses ?? []).length > 0);
  for (const m of withWitnesses) {
    for (const w of (m.witnesses ?? []).slice(0, 1)) {
      it(`${m.name}: the clean model reaches a state violating witness ${w}`, async () => {
        const cfg = withOnlyInvariant(readFileSync(join(TLA_DIR, `${m.name}.cfg`), 'utf8'), w);
        const cfgPath = join(scratch, `${m.name}-${w}.cfg`);
        writeFileSync(cfgPath, cfg);
        const r = await checkSpec({ spec: join(TLA_DIR, `${m.name}.tla`), config: cfgPath });
        expect(r.result).toBe('invariant');
        expect(r.violated).toBe(w);
      }, TIMEOUT_MS);
    }
  }
});

/** Model actions that are not implementation steps: mutant-only splits and the environment. */
const MODEL_ONLY_ACTIONS = new Set(['killalllwps_set_wexit_late', 'lwp_create1_insert', 'vfork_ppwait']);

describe('DragonflyExit.tla actions are named by the step-label table', () => {
  it('every thread action of ThreadStep(t) is tlaActionName(label) of a label in impl/dragonfly/labels.ts', () => {
    const text = readFileSync(join(TLA_DIR, 'DragonflyExit.tla'), 'utf8');
    const start = text.indexOf('ThreadStep(t) ==');
    const end = text.indexOf('Next ==', start);
    expect(start).toBeGreaterThan(0);
    const actions = [...text.slice(start + 'ThreadStep(t) =='.length, end).matchAll(/(\w+)\(t\)/g)].map((m) => m[1]!);
    expect(actions.length).toBeGreaterThan(40);
    const names = new Set(STEP_LABELS.map((l) => tlaActionName(l.label)));
    const unknown = actions.filter((a) => !names.has(a) && !MODEL_ONLY_ACTIONS.has(a));
    expect(unknown).toEqual([]);
    // and each action is defined in the module
    for (const a of actions) expect(text).toMatch(new RegExp(`^${a}\\(t\\) ==`, 'm'));
  });
});
