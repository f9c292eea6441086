/**
 * Stop reports (docs/spec.md findings 4, 5 and 7; notes 1.16; docs/dragonfly.md "Stop reports").
 *
 * Finding 4 was a simulation bug: the last thread to stop woke its parent without the parent's
 * p_token, which DragonFly's proc_stop/tstop take ("Token required to interlock kern_wait()"), so
 * the wakeup could fall between a waiter's scan and its sleep. The fix takes the token
 * (prim.ts notify_parent_stopped); the mutant no_stop_parent_token removes it again and must be
 * caught, on the finding's own replay and by a schedule search.
 *
 * Findings 5 and 7 are DragonFly's own behaviour: proc_stop sets SSTOP at once but P_WAITED is
 * cleared only when the last thread stops, so a stop reported in between is reportable again.
 * spec/ accepts it through SpecParams.lateStopNotify (true for DragonFly); the replays pass with it
 * and reproduce the double report without it.
 */
import { describe, expect, it } from 'vitest';
import type { Command, KernelDriver } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { searchSchedules, type SearchSpec } from '../impl/kernel/search.js';
import { replayScenario, type Replay } from './harness.js';
import { dragonflyHarness, dragonflyParams } from './harness-dragonfly.js';

/** Finding 4: [3] kill(2, SIGSTOP) while 1 blocks in wait4(-1, WUNTRACED|WNOWAIT). */
const FINDING_4: Replay = {"kernel":"dragonfly","commands":[{"kind":"fork","pid":1},{"kind":"fork","pid":2},{"kind":"wait","pid":2,"api":"wait4","idtype":"P_ALL","id":-1,"options":{"WEXITED":true}},{"kind":"wait","pid":1,"api":"wait4","idtype":"P_ALL","id":-1,"options":{"WUNTRACED":true,"WEXITED":true,"WNOWAIT":true}},{"kind":"kill","pid":3,"target":2,"sig":"SIGSTOP"}],"batch":[0,1,2,3,3],"schedule":["run:1","run:1","run:1","run:1","run:1","run:2","run:3","run:4","run:4","run:4","run:4","run:4","run:4","run:5","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:1","run:1","run:1","run:1","run:1","run:1","run:1","run:5","run:5","run:5","run:5","run:1","run:1"]};

/*
 * The schedules of findings 5 and 7 were recorded when lwp_create was one step; each lwp_create
 * now takes one more `run` (lwp_create1.insert after lwp_fork2's blocking allocation).
 */
/** Finding 5: a blocked wait reports the attach stop, then a WNOHANG wait reports it again. */
const FINDING_5: Replay = {"kernel":"dragonfly","commands":[{"kind":"lwp_create","pid":1},{"kind":"fork","pid":1},{"kind":"fork","pid":2},{"kind":"wait","pid":1,"api":"wait4","idtype":"P_ALL","id":-1,"options":{},"tid":2},{"kind":"ptrace_attach","pid":1,"target":2},{"kind":"extexit","pid":3,"who":"EXTEXIT_PROC","action":"EXTEXIT_SIMPLE","status":0},{"kind":"wait","pid":1,"api":"wait4","idtype":"P_ALL","id":-1,"options":{"WNOHANG":true,"WEXITED":true},"tid":1}],"batch":[0,1,2,3,3,4,4],"schedule":["run:1","run:1","run:1","run:1","run:1","run:2","run:3","run:4","run:1","run:1","run:1","run:1","run:1","run:5","run:5","run:5","run:5","run:5","run:5","run:6","run:1","run:1","run:1","run:1","run:1","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:5","run:5","run:1","run:1","run:1","run:1","run:1","run:1","run:1","run:1","run:1","run:1","run:1","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:6","run:5"]};

/** Finding 7: [t3] wait4(-1) || ptrace_attach(2) || [t2] wait4(0, WNOHANG) both report `stopped 2`. */
const FINDING_7: Replay = {"kernel":"dragonfly","commands":[{"kind":"lwp_create","pid":1},{"kind":"lwp_create","pid":1},{"kind":"fork","pid":1},{"kind":"wait","pid":1,"api":"wait4","idtype":"P_ALL","id":-1,"options":{"WEXITED":true},"tid":3},{"kind":"ptrace_attach","pid":1,"target":2},{"kind":"wait","pid":1,"api":"wait4","idtype":"P_ALL","id":0,"options":{"WNOHANG":true},"tid":2}],"batch":[0,1,2,3,3,3],"schedule":["run:1","run:1","run:1","run:1","run:1","run:2","run:3","run:4","run:1","run:1","run:1","run:1","run:1","run:5","run:1","run:1","run:1","run:1","run:1","run:6","run:1","run:1","run:1","run:1","run:1","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:4","run:5","run:5","run:5","run:5","run:5","run:5","run:5","run:5","run:5","run:6","run:6","run:5","run:5","run:5","run:5","run:5","run:5","run:5","run:5","run:5"]};

const strictStops = { ...dragonflyHarness(), params: { ...dragonflyParams, lateStopNotify: false } };

describe('finding 4: the stop notification takes the parent token', () => {
  it('the recorded schedule reproduces the lost wakeup on the mutant no_stop_parent_token', () => {
    expect(replayScenario(dragonflyHarness({ mutant: 'no_stop_parent_token' }), FINDING_4)).toMatch(/lost wakeup: \[1\] wait4\(-1, WUNTRACED\|WEXITED\|WNOWAIT\).*"kind":"stopped","pid":2/);
  });

  it('the fixed kernel leaves that schedule at the contended token (the notifier waits for the waiter to sleep)', () => {
    expect(replayScenario(dragonflyHarness(), FINDING_4)).toMatch(/replay diverges at choice \d+: recorded run:5/);
    expect(replayScenario(dragonflyHarness(), FINDING_4, { ignoreSchedule: true })).toBeUndefined();
  });

  type H = { done: boolean; result?: { error: number; pid?: number; report?: { kind: string; pid?: number } } };
  const search = (mutant?: string): SearchSpec => ({
    make: () => createDragonflyKernel(mutant === undefined ? {} : { mutant }),
    setup: [{ kind: 'fork', pid: 1 }, { kind: 'fork', pid: 2 }],
    race: [
      { kind: 'wait', pid: 2, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} },
      { kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WUNTRACED: true, WNOWAIT: true } },
      { kind: 'kill', pid: 3, target: 2, sig: 'SIGSTOP' },
    ] satisfies Command[],
    seeds: 300,
    check: (_d: KernelDriver, handles) => {
      const w = handles[1] as H;
      if (!w.done) return 'the parent still sleeps in wait4(WUNTRACED) although pid 2 stopped';
      if (w.result?.report?.kind !== 'stopped' || w.result.report.pid !== 2) return `wrong wait result ${JSON.stringify(w.result)}`;
      return null;
    },
  });

  it('no searched schedule loses the stop report', () => {
    const r = searchSchedules(search());
    expect(r.hit?.checkFailure).toBeUndefined();
    expect(r.distinctSchedules).toBeGreaterThan(20);
  });

  it('the mutant no_stop_parent_token is caught by the same search', () => {
    const r = searchSchedules(search('no_stop_parent_token'));
    expect(r.hit?.checkFailure).toMatch(/still sleeps/);
  });
});

describe('findings 5 and 7: one stop reported twice is DragonFly behaviour (SpecParams.lateStopNotify)', () => {
  it('finding 5 replays without a mismatch under the DragonFly parameters', () => {
    expect(replayScenario(dragonflyHarness(), FINDING_5)).toBeUndefined();
  });

  it('finding 5 is the double report once lateStopNotify is off', () => {
    expect(replayScenario(strictStops, FINDING_5)).toMatch(/\[1\/t1\] wait4\(-1, WNOHANG\|WEXITED\).*"kind":"stopped","pid":2.*allowed now: \{"error":0,"pid":0\}/);
  });

  it('finding 7 replays without a mismatch under the DragonFly parameters', () => {
    expect(replayScenario(dragonflyHarness(), FINDING_7)).toBeUndefined();
  });

  it('finding 7 is the double report once lateStopNotify is off', () => {
    expect(replayScenario(strictStops, FINDING_7)).toMatch(/ptrace\(PT_ATTACH, 2\)/);
  });
});
