/**
 * The generator's steering around known seed races (avoidSeedRaces) is needed and narrow: the
 * H21 counterexample found at PROPERTY_RUNS=2000 still fails when replayed, and the rule only
 * skips an lwp_create batched with the death of the same process.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { initialState } from '../spec/index.js';
import { replayScenario } from './harness.js';
import { avoidSeedRaces, dragonflyHarness, dragonflyParams } from './harness-dragonfly.js';

describe('avoidSeedRaces: H21 (lwp_create vs killlwps)', () => {
  it('the counterexample it steers around is a real violation (killed_lwps_marked) of the seed code', () => {
    const replay = {
      kernel: 'dragonfly',
      commands: [
        { kind: 'fork', pid: 1 },
        { kind: 'lwp_create', pid: 2 },
        { kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WNOHANG: true, WEXITED: true } },
        { kind: 'extexit', pid: 2, who: 'EXTEXIT_PROC', action: 'EXTEXIT_SIMPLE', status: 0, tid: 2 },
        { kind: 'lwp_create', pid: 2, tid: 1 },
      ] as Command[],
      batch: [0, 1, 1, 2, 2],
      schedule: ['run:1', 'run:1', 'run:1', 'run:1', 'run:1', 'run:2', 'run:3', 'run:4', ...Array<string>(11).fill('run:1'), ...Array<string>(5).fill('run:4'),
        'run:5', 'run:4', ...Array<string>(13).fill('run:5'), ...Array<string>(13).fill('run:4'), 'run:6'],
    };
    const msg = replayScenario(dragonflyHarness({ spuriousWakeups: true }), replay);
    expect(msg).toMatch(/invariant killed_lwps_marked violated/);
  });

  it('skips exactly an lwp_create batched with the exit, extexit or fatal kill of the same process', () => {
    const s = initialState(dragonflyParams, createDragonflyKernel().view());
    const create = (pid: number): Command => ({ kind: 'lwp_create', pid });
    const exit = (pid: number): Command => ({ kind: 'exit', pid, status: 0 });
    expect(avoidSeedRaces(s, exit(3), [exit(3), create(3)])).toMatch(/H21/);
    expect(avoidSeedRaces(s, create(2), [{ kind: 'kill', pid: 1, target: 2, sig: 'SIGKILL' }, create(2)])).toMatch(/H21/);
    expect(avoidSeedRaces(s, exit(3), [exit(3), create(4)])).toBeUndefined();
    expect(avoidSeedRaces(s, create(3), [create(3)])).toBeUndefined();
    expect(avoidSeedRaces(s, create(2), [{ kind: 'kill', pid: 1, target: 2, sig: 'SIGSTOP' }, create(2)])).toBeUndefined();
  });
});
