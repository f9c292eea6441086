/**
 * vfork (H8; the model's vfork_ppwait / exit1_ppwait, tla/MCVfork and MCBug_ppwait_after_reap1):
 * the vfork parent's thread sleeps in start_forked_proc holding PHOLD on the child until exit1
 * clears P_PPWAIT (seed 000:495-508), which it does before the zombie move so that reap1 does not
 * wait for that hold. The mutant ppwait_after_reap1 clears it after the zombie move: deadlock.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { prepare } from '../impl/kernel/search.js';
import { randomStrategy, roundRobinStrategy, stickyRandomStrategy } from '../impl/kernel/strategies.js';

type H = { done: boolean; result?: { error: number; pid?: number; report?: { kind: string; pid?: number; status?: number } } };

// P (2) vforks C (3); then, while P's vfork thread sleeps, another thread of P waits and C exits.
const SETUP: Command[] = [{ kind: 'fork', pid: 1 }, { kind: 'lwp_create', pid: 2 }];
const RACE: Command[] = [
  { kind: 'wait', pid: 2, tid: 2, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} },
  { kind: 'exit', pid: 3, status: 7 },
];

interface Outcome {
  readonly seed: number;
  readonly violations: readonly string[];
  readonly deadlock: string;
  readonly failure: string | null;
}

/** vfork to quiescence (its thread asleep in start_forked_proc), then RACE under seeded schedules. */
function runSeeds(seeds: number, mutant?: string): { first: Outcome | undefined; distinct: number } {
  const seen = new Set<string>();
  for (let seed = 1; seed <= seeds; seed++) {
    const d = prepare({ make: () => createDragonflyKernel(mutant === undefined ? {} : { mutant }), setup: SETUP, race: [], seeds: 0 });
    const vf = d.submit({ kind: 'vfork', pid: 2, tid: 1 }) as H;
    d.run(roundRobinStrategy(), 10_000);
    const hs = RACE.map((c) => d.submit(c) as H);
    const o = d.run(seed % 2 === 1 ? randomStrategy(seed) : stickyRandomStrategy(seed), 50_000);
    seen.add(d.schedule().map((c) => `${c.kind[0]}${c.tid}`).join(''));
    const w = hs[0]!;
    let failure: string | null = null;
    if (!vf.done || vf.result?.error !== 0 || vf.result.pid !== 3) failure = `vfork did not return pid 3: ${JSON.stringify(vf)}`;
    else if (!w.done || w.result?.pid !== 3 || w.result.report?.kind !== 'exited' || w.result.report.status !== 7) failure = `wait did not reap 3: ${JSON.stringify(w)}`;
    if (o.violations.length > 0 || o.deadlock !== undefined || failure !== null) {
      return { first: { seed, violations: o.violations.map((v) => v.invariant), deadlock: JSON.stringify(o.deadlock ?? null), failure }, distinct: seen.size };
    }
  }
  return { first: undefined, distinct: seen.size };
}

describe('vfork: the parent sleeps until P_PPWAIT clears (H8)', () => {
  it('vfork returns only once the child exited, with its pid; the child is reaped normally', () => {
    const d = prepare({ make: () => createDragonflyKernel(), setup: SETUP, race: [], seeds: 0 });
    const vf = d.submit({ kind: 'vfork', pid: 2, tid: 1 });
    let o = d.run(roundRobinStrategy(), 10_000);
    expect(o.violations).toEqual([]);
    expect(vf.done).toBe(false); // still in start_forked_proc: the child (3) is running
    expect(d.view().procs.find((p) => p.pid === 3)?.state).toBe('running');
    const ex = d.submit({ kind: 'exit', pid: 3, status: 7 });
    o = d.run(roundRobinStrategy(), 10_000);
    expect(o.violations).toEqual([]);
    expect(ex.done).toBe(true);
    expect(vf.result).toEqual({ error: 0, pid: 3 });
    const labels = d.labelsCovered();
    expect(labels.has('vfork.ppwait')).toBe(true);
    expect(labels.has('exit1.ppwait')).toBe(true);
    const w = d.submit({ kind: 'wait', pid: 2, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} });
    d.run(roundRobinStrategy(), 10_000);
    expect(w.result).toMatchObject({ error: 0, pid: 3, report: { kind: 'exited', pid: 3, status: 7 } });
  });

  it('clean kernel: no searched schedule of vfork || wait || child exit deadlocks or violates an invariant', () => {
    const r = runSeeds(200);
    expect(r.first).toBeUndefined();
    expect(r.distinct).toBeGreaterThan(20);
  });

  it('mutant ppwait_after_reap1 is caught: the child waits in reap1 for the parent\'s PHOLD, the parent for P_PPWAIT', () => {
    const r = runSeeds(200, 'ppwait_after_reap1');
    expect(r.first?.violations).toContain('deadlock');
    expect(r.first?.deadlock).toMatch(/reap1/);
    expect(r.first?.failure).toMatch(/vfork did not return/); // the parent still sleeps in ppwait
  });
});
