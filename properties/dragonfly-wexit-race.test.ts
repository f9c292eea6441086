/**
 * Directed test of the killalllwps P_WEXIT master-exit interlock (seed 000:195-203, hazard H1):
 * two lwps of one process call exit at once. Exactly one becomes the master; the other loses
 * the race (EALREADY) and leaves through lwp_exit(0). The mutant `no_wexit_interlock` (the
 * P_WEXIT test removed) must be caught by the same schedule search.
 */
import { describe, expect, it } from 'vitest';
import type { Command, KernelDriver } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { boundedSearch, searchSchedules, type SearchSpec } from '../impl/kernel/search.js';

const setup: Command[] = [
  { kind: 'fork', pid: 1 }, // pid 2
  { kind: 'lwp_create', pid: 2 }, // lwp 2.2
  { kind: 'lwp_create', pid: 2 }, // lwp 2.3
];
const race: Command[] = [
  { kind: 'exit', pid: 2, tid: 1, status: 5 },
  { kind: 'exit', pid: 2, tid: 2, status: 6 },
];

function spec(mutant?: string): SearchSpec {
  return {
    make: () => createDragonflyKernel(mutant === undefined ? {} : { mutant }),
    setup,
    race: [...race, { kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_PID', id: 2, options: {} }],
    seeds: 300,
    check: (d: KernelDriver, handles) => {
      const w = handles[2] as { done: boolean; result?: { error: number; report?: { kind: string; status?: number } } };
      if (!w.done || w.result?.error !== 0) return `wait did not reap pid 2: ${JSON.stringify(w)}`;
      const st = w.result.report?.status;
      if (w.result.report?.kind !== 'exited' || (st !== 5 && st !== 6)) return `wrong status ${JSON.stringify(w.result.report)}`;
      if (d.view().procs.some((p) => p.pid === 2)) return 'pid 2 still present';
      return null;
    },
  };
}

describe('killalllwps P_WEXIT race (two lwps exiting at once)', () => {
  it('the current revision: one master, the zombie is reaped with one of the two statuses under every searched schedule (uniform and sticky random seeds)', () => {
    const r = searchSchedules(spec());
    expect(r.hit).toBeUndefined();
    expect(r.distinctSchedules).toBeGreaterThan(50);
  });

  it('mutant no_wexit_interlock is caught (two masters)', () => {
    const r = searchSchedules(spec('no_wexit_interlock'));
    expect(r.hit).toBeDefined();
    const names = r.hit!.violations.map((v) => v.invariant);
    expect(names).toContain('single_master_exit');
  });
});

describe('systematic: every schedule within two deviations from run-until-blocked', () => {
  it('the current revision passes the complete bounded search', () => {
    const r = boundedSearch(spec(), 2);
    expect(r.complete).toBe(true);
    expect(r.hit).toBeUndefined();
    expect(r.runs).toBeGreaterThan(100);
  });

  it('the mutant is caught by the bounded search', () => {
    const r = boundedSearch(spec('no_wexit_interlock'), 2);
    expect(r.hit?.violations.map((v) => v.invariant)).toContain('single_master_exit');
  });
});
