/**
 * The rest of the DragonFly mutant catalogue, each caught by a directed schedule search:
 * no_killlwps_wait (H2) and reap3_zero (H13). The mechanism mutants are in the
 * dragonfly-wexit-race, -zombie-lock, -waitgen and -stop-report (no_stop_parent_token) tests.
 */
import { describe, expect, it } from 'vitest';
import { MUTANTS, createDragonflyKernel } from '../impl/dragonfly/index.js';
import { searchSchedules } from '../impl/kernel/search.js';

describe('mutant catalogue', () => {
  it('no_killlwps_wait: the master tears down while a sibling still runs', () => {
    const r = searchSchedules({
      make: () => createDragonflyKernel({ mutant: 'no_killlwps_wait' }),
      setup: [{ kind: 'fork', pid: 1 }, { kind: 'lwp_create', pid: 2 }],
      race: [{ kind: 'exit', pid: 2, tid: 1, status: 1 }],
      seeds: 50,
    });
    expect(r.hit?.violations.map((v) => v.invariant)).toContain('killalllwps_leaves_one');
  });

  it('reap3_zero: the reaper waits for its own hold (self-deadlock in reap3)', () => {
    const r = searchSchedules({
      make: () => createDragonflyKernel({ mutant: 'reap3_zero' }),
      setup: [{ kind: 'fork', pid: 1 }],
      race: [
        { kind: 'exit', pid: 2, status: 0 },
        { kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} },
      ],
      seeds: 10,
    });
    expect(r.hit?.deadlock?.map((b) => b.wchan)).toEqual(['reap3']);
  });

  it('every catalogue entry is covered by a test (by name)', () => {
    expect(MUTANTS.map((m) => m.name).sort()).toEqual(
      ['no_killlwps_wait', 'no_pwaitres', 'no_stop_parent_token', 'no_waitgen', 'no_waitgen_only', 'no_wexit_interlock', 'no_zombie_lock', 'ppwait_after_reap1', 'reap3_zero'].sort(), // ppwait_after_reap1: dragonfly-vfork.test.ts
    );
  });
});
