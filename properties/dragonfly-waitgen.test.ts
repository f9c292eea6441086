/**
 * Directed test of the p_waitgen wait interlock (seed 000:1049, 1426-1431 and 524-526, hazard H9):
 * the child exits between the parent's child scan and its sleep; the parent must not miss it.
 * The mutant `no_waitgen` (no waitgen re-check and ksignal(pp) without the parent's token) must be
 * caught as a lost wakeup; `no_waitgen_only` (only the re-check removed) is masked by the token
 * ordering, as the notes predict (an equivalent mutant).
 */
import { describe, expect, it } from 'vitest';
import type { Command, KernelDriver } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { boundedSearch, searchSchedules, type SearchSpec } from '../impl/kernel/search.js';

const setup: Command[] = [
  { kind: 'fork', pid: 1 }, // pid 2: the parent
  { kind: 'fork', pid: 2 }, // pid 3: the child
];

type H = { done: boolean; result?: { error: number; pid?: number; report?: { kind: string; status?: number } } };

function spec(mutant: string | undefined): SearchSpec {
  return {
    make: () => createDragonflyKernel(mutant === undefined ? {} : { mutant }),
    setup,
    race: [
      { kind: 'wait', pid: 2, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} },
      { kind: 'exit', pid: 3, status: 9 },
    ],
    seeds: 600,
    check: (d: KernelDriver, handles) => {
      const w = handles[0] as H;
      if (!w.done) return 'the parent never returned from wait';
      if (w.result?.pid !== 3 || w.result.report?.status !== 9) return `wrong wait result ${JSON.stringify(w.result)}`;
      if (d.view().procs.some((p) => p.pid === 3)) return 'pid 3 still present';
      return null;
    },
  };
}

describe('p_waitgen interlock (child exits between the scan and the sleep)', () => {
  it('the current revision: no lost wakeup under every searched schedule (uniform and sticky random seeds)', () => {
    const r = searchSchedules(spec(undefined));
    expect(r.hit).toBeUndefined();
    expect(r.distinctSchedules).toBeGreaterThan(50);
  });

  it('mutant no_waitgen is caught as a lost wakeup', () => {
    const r = searchSchedules(spec('no_waitgen'));
    expect(r.hit).toBeDefined();
    expect(r.hit!.violations.map((v) => v.invariant)).toContain('no_lost_wakeup');
  });

  it('mutant no_waitgen_only is masked by the parent-token ordering (equivalent mutant)', () => {
    const r = searchSchedules(spec('no_waitgen_only'));
    expect(r.hit).toBeUndefined();
  });
});

describe('a found lost wakeup replays from its schedule', () => {
  it('replaying the hit schedule on a fresh kernel reproduces the violation', async () => {
    const { replayStrategy } = await import('../impl/kernel/strategies.js');
    const s = spec('no_waitgen');
    const r = searchSchedules(s);
    expect(r.hit).toBeDefined();
    const d = s.make();
    const strat = replayStrategy(r.hit!.schedule);
    for (const c of s.setup) {
      d.submit(c);
      d.run(strat, 50_000);
    }
    for (const c of s.race) d.submit(c);
    const o = d.run(strat, 50_000);
    expect(d.schedule()).toEqual(r.hit!.schedule);
    expect(o.violations.map((v) => v.invariant)).toEqual(r.hit!.violations.map((v) => v.invariant));
  });
});

describe('systematic: every schedule within two deviations from run-until-blocked', () => {
  it('the current revision passes the complete bounded search', () => {
    const r = boundedSearch(spec(undefined), 2);
    expect(r.complete).toBe(true);
    expect(r.hit).toBeUndefined();
    expect(r.runs).toBeGreaterThan(100);
  });

  it('the mutant is caught by the bounded search', () => {
    const r = boundedSearch(spec('no_waitgen'), 2);
    expect(r.hit?.violations.map((v) => v.invariant)).toContain('no_lost_wakeup');
  });

  it('no_waitgen_only survives the complete bounded search (equivalent mutant)', () => {
    const r = boundedSearch(spec('no_waitgen_only'), 2);
    expect(r.complete).toBe(true);
    expect(r.hit).toBeUndefined();
  });
});
