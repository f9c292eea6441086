/**
 * The note's candidate races H21, H22 and H23 (dragonfly-primitives.md section 6), found by the
 * TLA+ model (tla/MCLwpCreate, tla/MCExtexit, tla/MCReaperExit: the clean model violates
 * killed_lwps_marked, nthreads_zero_implies_zombie and parent_live) and reproduced here in the
 * implementation, faithful to seed 000, by a schedule search (impl/kernel/search.ts) in the same
 * worlds. Each test asserts that the implementation EXHIBITS the race: these are findings, not
 * regressions (docs/dragonfly.md, "Findings: candidate races H21-H23"). Each also replays the
 * schedule the search found, and checks that the same commands run one after the other (no
 * interleaving) stay clean and every wait returns, so the invariant does not flag the world itself.
 */
import { describe, expect, it } from 'vitest';
import type { Command, KernelDriver } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { prepare, searchSchedules, type SearchSpec } from '../impl/kernel/search.js';
import { replayStrategy, roundRobinStrategy } from '../impl/kernel/strategies.js';

function spec(setup: readonly Command[], race: readonly Command[], seeds: number): SearchSpec {
  return { make: () => createDragonflyKernel(), setup, race, seeds };
}

/** Replays a found schedule on a fresh kernel and returns the violated invariants. */
function replay(s: SearchSpec, schedule: Parameters<typeof replayStrategy>[0]): string[] {
  const d: KernelDriver = prepare(s);
  for (const c of s.race) d.submit(c);
  const o = d.run(replayStrategy(schedule), 50_000);
  return o.violations.map((v) => v.invariant);
}

/**
 * The same commands without the race: each runs alone to quiescence (the waits last), so the
 * window never opens. Shows the invariant does not flag the world itself.
 */
function sequential(s: SearchSpec): { violations: string[]; deadlock: boolean; allDone: boolean } {
  const d: KernelDriver = prepare(s);
  const order = [...s.race.filter((c) => c.kind !== 'wait'), ...s.race.filter((c) => c.kind === 'wait')];
  const violations: string[] = [];
  let deadlock = false;
  let allDone = true;
  for (const c of order) {
    const h = d.submit(c);
    const o = d.run(roundRobinStrategy(), 50_000);
    violations.push(...o.violations.map((v) => v.invariant));
    if (o.deadlock !== undefined) deadlock = true;
    if (c.kind === 'wait' && !h.done) allDone = false;
  }
  return { violations, deadlock, allDone };
}

// H21 (tla/MCLwpCreate): P (2) forks C (3) with two lwps; lwp 1 exits while lwp 2 calls lwp_create.
const H21 = spec(
  [{ kind: 'fork', pid: 1 }, { kind: 'fork', pid: 2 }, { kind: 'lwp_create', pid: 3 }],
  [
    { kind: 'wait', pid: 2, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} },
    { kind: 'exit', pid: 3, tid: 1, status: 0 },
    { kind: 'lwp_create', pid: 3, tid: 2 },
  ],
  400,
);

// H22 (tla/MCExtexit): the two lwps of C (3) both call extexit(EXTEXIT_LWP) while P (2) waits.
const H22 = spec(
  [{ kind: 'fork', pid: 1 }, { kind: 'fork', pid: 2 }, { kind: 'lwp_create', pid: 3 }],
  [
    { kind: 'wait', pid: 2, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} },
    { kind: 'extexit', pid: 3, tid: 1, who: 'EXTEXIT_LWP', action: 'EXTEXIT_SIMPLE', status: 0 },
    { kind: 'extexit', pid: 3, tid: 2, who: 'EXTEXIT_LWP', action: 'EXTEXIT_SIMPLE', status: 0 },
  ],
  400,
);

// H23 (tla/MCReaperExit): R (2) is a reaper and exits; its child P (3) exits; C (4), P's child,
// lives on; init waits.
const H23 = spec(
  [{ kind: 'fork', pid: 1 }, { kind: 'reaper_acquire', pid: 2 }, { kind: 'fork', pid: 2 }, { kind: 'fork', pid: 3 }],
  [
    { kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} },
    { kind: 'exit', pid: 2, status: 0 },
    { kind: 'exit', pid: 3, status: 0 },
  ],
  2000,
);

describe('candidate races of the note, reproduced in the implementation (findings)', () => {
  for (const [name, s, invariant] of [
    ['H21: an lwp created while lwp_fork2 blocks escapes killlwps (killed_lwps_marked)', H21, 'killed_lwps_marked'],
    ['H22: both last lwps pass extexit(EXTEXIT_LWP), p_nthreads reaches 0 with no exit1 (nthreads_zero_implies_zombie)', H22, 'nthreads_zero_implies_zombie'],
    ['H23: a reaper is freed with a child its exiting descendant moved in late (parent_live / freed_has_no_children)', H23, '(parent_live|freed_has_no_children)'],
  ] as const) {
    it(`${name}: the seed-faithful implementation exhibits it`, () => {
      const r = searchSchedules(s);
      expect(r.hit, `no schedule in ${r.runs} runs`).toBeDefined();
      const inv = r.hit!.violations.map((v) => v.invariant);
      expect(inv.join(',')).toMatch(new RegExp(`^${invariant}`));
      expect(replay(s, r.hit!.schedule).join(',')).toMatch(new RegExp(`^${invariant}`));
      expect(sequential(s)).toEqual({ violations: [], deadlock: false, allDone: true });
    });
  }

  it('H21 with the invariants off: the exit hangs, the master sleeping in killlwps on an lwp that never dies (tla/MCLwpCreateHang: deadlock)', () => {
    const r = searchSchedules({ ...H21, make: () => createDragonflyKernel({ invariants: false }) });
    expect(r.hit?.violations.map((v) => v.invariant)).toContain('deadlock');
    expect(JSON.stringify(r.hit?.deadlock)).toMatch(/killlwps/);
  });
});
