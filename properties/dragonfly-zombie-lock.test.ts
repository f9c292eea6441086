/**
 * Directed test of the PHOLDZOMB zombie lock and PWAITRES (seed 000:1127-1159, hazards H10/H11):
 * two threads of one parent wait for the same child while it exits. Exactly one reaps it; the
 * other rescans and gets ECHILD. Mutants: `no_zombie_lock` (PHOLDZOMB always succeeds) must be
 * caught as two zombie-lock holders; `no_pwaitres` (the pre-f071b5e0ac code) must deadlock.
 */
import { describe, expect, it } from 'vitest';
import type { Command, KernelDriver } from '../impl/api.js';
import { Errno } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { boundedSearch, searchSchedules, type SearchSpec } from '../impl/kernel/search.js';

const setup: Command[] = [
  { kind: 'fork', pid: 1 }, // pid 2: the parent
  { kind: 'lwp_create', pid: 2 }, // lwp 2.2
  { kind: 'fork', pid: 2 }, // pid 3: the child
];

type H = { done: boolean; result?: { error: number; pid?: number; report?: { kind: string; status?: number } } };

function spec(mutant: string | undefined, seeds: number): SearchSpec {
  return {
    make: () => createDragonflyKernel(mutant === undefined ? {} : { mutant }),
    setup,
    race: [
      { kind: 'wait', pid: 2, tid: 1, api: 'wait4', idtype: 'P_PID', id: 3, options: {} },
      { kind: 'wait', pid: 2, tid: 2, api: 'wait6', idtype: 'P_ALL', id: 0, options: { WEXITED: true } },
      { kind: 'exit', pid: 3, status: 7 },
    ],
    seeds,
    check: (d: KernelDriver, handles) => {
      const [a, b] = handles as H[];
      if (!a!.done || !b!.done) return 'a waiter did not finish';
      const got = [a!.result!, b!.result!];
      const reaped = got.filter((r) => r.error === 0 && r.pid === 3);
      if (reaped.length !== 1) return `pid 3 reaped ${reaped.length} times: ${JSON.stringify(got)}`;
      if (reaped[0]!.report?.status !== 7) return `wrong status ${JSON.stringify(reaped[0])}`;
      if (!got.some((r) => r.error === Errno.ECHILD)) return `the other waiter should get ECHILD: ${JSON.stringify(got)}`;
      if (d.view().procs.some((p) => p.pid === 3)) return 'pid 3 still present';
      return null;
    },
  };
}

describe('PHOLDZOMB zombie lock (two parent threads waiting on one zombie)', () => {
  it('the current revision: exactly one reap, the other waiter gets ECHILD under every searched schedule (uniform and sticky random seeds)', () => {
    const r = searchSchedules(spec(undefined, 400));
    expect(r.hit).toBeUndefined();
    expect(r.distinctSchedules).toBeGreaterThan(50);
  });

  it('mutant no_zombie_lock is caught', () => {
    const r = searchSchedules(spec('no_zombie_lock', 400));
    expect(r.hit).toBeDefined();
    expect(r.hit!.violations.length + (r.hit!.checkFailure === undefined ? 0 : 1)).toBeGreaterThan(0);
  });

  it('mutant no_pwaitres deadlocks (H11: the owner in reap3 waits for the waiter asleep in pholdzomb)', () => {
    const r = searchSchedules(spec('no_pwaitres', 400));
    expect(r.hit).toBeDefined();
    expect(r.hit!.deadlock).toBeDefined();
    expect(r.hit!.deadlock!.map((b) => b.wchan).sort()).toEqual(['phldz', 'reap3']);
  });
});

describe('systematic: every schedule within two deviations from run-until-blocked', () => {
  it('the current revision passes the complete bounded search', () => {
    const r = boundedSearch(spec(undefined, 0), 2);
    expect(r.complete).toBe(true);
    expect(r.hit).toBeUndefined();
    expect(r.runs).toBeGreaterThan(100);
  });

  it('the mutant is caught by the bounded search', () => {
    const r = boundedSearch(spec('no_zombie_lock', 0), 2);
    expect(r.hit?.violations.map((v) => v.invariant)).toContain('zombie_lock_single');
  });

  it('no_pwaitres deadlocks under the bounded search too', () => {
    const r = boundedSearch(spec('no_pwaitres', 0), 2);
    expect(r.hit?.deadlock?.map((b) => b.wchan).sort()).toEqual(['phldz', 'reap3']);
  });
});
