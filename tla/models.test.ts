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
import { MODELS, type ModelEntry, withOnlyInvariant } from './models.js';

const TLA_DIR = dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'exitspec-tla-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const small = MODELS.filter((m) => m.size === 'small');
/** Per-config time limit: a few seconds normally, generous for a loaded 2-core machine. */
const TIMEOUT_MS = 240_000;

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

/**
 * Labels of impl/dragonfly/labels.ts that have no action of their own in DragonflyExit.tla, each
 * with the reason (tla/README.md, "Step labels"): stuttering steps (nothing the model keeps
 * changes), steps folded into a neighbour, and paths outside the modelled worlds. Every action of
 * the model is a label (no model-only actions remain: E11 added killalllwps.set_wexit_late,
 * lwp_create1.insert and vfork.ppwait to the implementation).
 */
export const LABELS_WITHOUT_ACTION: Readonly<Record<string, string>> = {
  'sys_exit.enter': 'stuttering',
  'exit1.session': 'stuttering',
  'exit1.fixjobc': 'stuttering',
  'exit1.calcru': 'stuttering',
  'lwp_exit.cleanup': 'stuttering',
  'lwp_wait.check_refs': 'stuttering',
  'lwp_wait.check_flags': 'stuttering',
  'reaplwps.idle': 'stuttering (the reaper task waits in its initial location)',
  'sys_wait4.enter': 'stuttering',
  'sys_wait6.enter': 'stuttering (only wait4 modelled)',
  'kern_wait.check_options': 'stuttering',
  'kern_wait.collect_status': 'stuttering',
  'kern_wait.free_creds': 'stuttering',
  'syscall.idle': 'the idle location of a user-mode thread (no step)',
  'syscall.return': 'stuttering',
  'exit1.reaper_exit': 'folded into exit1_waitgen_bump',
  'exit1.children_done': 'folded into the empty-list branch of exit1_hold_child',
  'exit1.drop_reaper': 'folded into the empty-list branch of exit1_hold_child',
  'kern_wait.ptrace_giveback': 'no ptrace in the modelled worlds',
  'kern_wait.stop_check': 'no WUNTRACED in the modelled worlds',
  'kern_wait.report_stop': 'no WUNTRACED in the modelled worlds',
  'kern_wait.cont_check': 'no WCONTINUED in the modelled worlds',
  'kern_wait.report_cont': 'no WCONTINUED in the modelled worlds',
  'fork1.create': 'processes are created by the initial state',
  'fork1.start': 'processes are created by the initial state',
  'kern_kill.send': 'signals other than the modelled stop/continue are not sent',
  'ptrace.attach': 'no ptrace in the modelled worlds',
  'procctl.reaper_acquire': 'reapers are given by the constant ReaperOf',
  'procctl.reaper_release': 'reapers are given by the constant ReaperOf',
  'sigaction.sigchld': 'dispositions are given by the constant Opts',
  'setpgid.set': 'no process groups in the DragonFly model',
  'setsid.set': 'no sessions in the DragonFly model',
};

describe('DragonflyExit.tla actions are named by the step-label table', () => {
  const text = readFileSync(join(TLA_DIR, 'DragonflyExit.tla'), 'utf8');
  const start = text.indexOf('ThreadStep(t) ==');
  const end = text.indexOf('Next ==', start);
  const threadActions = [...text.slice(start + 'ThreadStep(t) =='.length, end).matchAll(/(\w+)\(t\)/g)].map((m) => m[1]!);
  const defined = new Set([...text.matchAll(/^(\w+)\([\w, ]*\) ==/gm)].map((m) => m[1]!));

  it('every thread action of ThreadStep(t) is tlaActionName(label) of a label in impl/dragonfly/labels.ts', () => {
    expect(start).toBeGreaterThan(0);
    expect(threadActions.length).toBeGreaterThan(40);
    const names = new Set(STEP_LABELS.map((l) => tlaActionName(l.label)));
    expect(threadActions.filter((a) => !names.has(a))).toEqual([]);
    // and each action is defined in the module
    for (const a of threadActions) expect(text).toMatch(new RegExp(`^${a}\\(t\\) ==`, 'm'));
  });

  it('every label is an action of the model, or is listed with its reason in LABELS_WITHOUT_ACTION (and only then)', () => {
    const missing = STEP_LABELS.map((l) => l.label).filter((l) => !defined.has(tlaActionName(l)) && LABELS_WITHOUT_ACTION[l] === undefined);
    expect(missing).toEqual([]);
    const listedButModelled = Object.keys(LABELS_WITHOUT_ACTION).filter((l) => defined.has(tlaActionName(l)));
    expect(listedButModelled).toEqual([]);
    const unknown = Object.keys(LABELS_WITHOUT_ACTION).filter((l) => !STEP_LABELS.some((s) => s.label === l));
    expect(unknown).toEqual([]);
  });
});
