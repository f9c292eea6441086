/**
 * A race found by `exitspec explore` in the seed 000 code (not a simulator artifact; see
 * docs/dragonfly.md, "Findings"): the parent ignores SIGCHLD with NOCLDWAIT and waits while its
 * child exits. The child becomes SZOMB, then in exit1 reparents itself to the reaper
 * (seed 000:597-602); its proc_reparent blocks on the parent's token and so loses its own. The
 * parent's kern_wait wins the zombie (PHOLDZOMB, p_pptr == q re-check, PWAITRES_SET) and sleeps in
 * "lwpzomb"; the child's proc_reparent then moves it to the reaper; the parent wakes, never
 * re-checks p_pptr, and proc_remove_zombie unlinks the zombie from the reaper's p_children
 * without the reaper's token (H16/H18).
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { searchSchedules } from '../impl/kernel/search.js';

const setup: Command[] = [
  { kind: 'fork', pid: 1 }, // pid 2: the parent
  { kind: 'sigchld', pid: 2, disposition: 'nocldwait' },
  { kind: 'fork', pid: 2 }, // pid 3: the child
];

describe('NOCLDWAIT reparent vs the parent reaping (found by explore)', () => {
  it('the current revision reproduces the unlocked p_children unlink under some schedule', () => {
    const r = searchSchedules({
      make: () => createDragonflyKernel(),
      setup,
      race: [
        { kind: 'wait', pid: 2, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} },
        { kind: 'exit', pid: 3, status: 1 },
      ],
      seeds: 2000,
    });
    expect(r.hit).toBeDefined();
    expect(r.hit!.violations.map((v) => v.invariant)).toEqual(['p_children_token']);
  });

  it('without the concurrent wait the reparent to the reaper is clean', () => {
    const r = searchSchedules({
      make: () => createDragonflyKernel(),
      setup,
      race: [{ kind: 'exit', pid: 3, status: 1 }],
      seeds: 200,
      check: (d) => (d.view().procs.find((p) => p.pid === 3)?.ppid === 1 ? null : 'pid 3 was not reparented to init'),
    });
    expect(r.hit).toBeUndefined();
  });
});
