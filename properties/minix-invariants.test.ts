/**
 * Each MINIX invariant predicate fires on a state broken in exactly the way it forbids, and on
 * nothing else: a clean context is taken from a real run (a parent waiting, a child exiting with
 * its VFS reply outstanding, a traced child), one thing is corrupted, and the set of failing
 * invariants must be exactly the expected one.
 */
import { describe, expect, it } from 'vitest';
import {
  EXITING, INIT_PROC_NR, IN_USE, TOLD_PARENT, TRACE_ZOMBIE, VFS_CALL, WAITING, ZOMBIE,
} from '../impl/minix/const.js';
import { MINIX_INVARIANTS, checkMinixInvariants, type InvariantContext } from '../impl/minix/index.js';
import type { IncarnationCounters, StepEvent } from '../impl/minix/invariants.js';
import type { Mproc } from '../impl/minix/mproc.js';
import { first, fork, kernel, runWithoutVfs, wait4 } from './minix-helpers.js';

interface Fixture {
  readonly ctx: InvariantContext;
  /** parent (waiting), exited child (ZOMBIE, VFS exit in flight), traced live child, its tracer */
  readonly p: number;
  readonly z: number;
  readonly t: number;
  readonly tracer: number;
}

function fixture(): Fixture {
  const k = kernel();
  const p = fork(k, 2);
  const z = fork(k, p);
  const t = fork(k, p);
  const tracer = fork(k, 2);
  k.submit({ kind: 'ptrace_attach', pid: tracer, target: t });
  k.run(first, 1000);
  k.submit({ kind: 'exit', pid: z, status: 1 });
  runWithoutVfs(k);
  wait4(k, p, t); // p waits for the traced child only
  runWithoutVfs(k);
  const c = k.context();
  const slot = (pid: number) => k.pm.findProc(pid)!.slot;
  return {
    ctx: {
      mproc: c.mproc.map((m) => ({ ...m, mp_sigpending: [...m.mp_sigpending], mp_sigtrace: [...m.mp_sigtrace], mp_ignore: [...m.mp_ignore] })),
      procsInUse: c.procsInUse,
      vfsInFlight: new Map(c.vfsInFlight),
      outstanding: [...c.outstanding],
      events: [],
      counters: new Map([...c.counters].map(([e, v]) => [e, { ...v }])),
    },
    p: slot(p),
    z: slot(z),
    t: slot(t),
    tracer: slot(tracer),
  };
}

type Corruption = (f: Fixture, m: Mproc[]) => Partial<InvariantContext>;

const cases: readonly [string, Corruption][] = [
  ['procs_in_use_count', (f) => ({ procsInUse: f.ctx.procsInUse + 1 })],
  ['free_only_when_quiesced', (f) => ({ events: [{ kind: 'freed', slot: f.p, endpoint: f.ctx.mproc[f.p]!.mp_endpoint, flags: IN_USE | EXITING }] })],
  ['vfs_call_matches_request', (f, m) => { m[f.z]!.mp_flags &= ~VFS_CALL; return {}; }],
  ['reply_matches_call', (f) => ({ events: [{ kind: 'reply', slot: f.t, answers: 'PM_WAIT4', value: 3, outstanding: undefined }] })],
  ['no_reply_to_former_parent', (f) => ({ events: [{ kind: 'reply', slot: f.p, answers: 'PM_FORK', value: 3, outstanding: 'PM_FORK', forkChildExpected: f.t, forkChildAnnounced: f.z }] })],
  ['no_double_notification', (f) => {
    const e = f.ctx.mproc[f.z]!.mp_endpoint;
    const counters = new Map<number, IncarnationCounters>(f.ctx.counters);
    counters.set(e, { parentTold: 2, tracerTold: 0, freed: 0 });
    const events: StepEvent[] = [{ kind: 'told_parent', slot: f.z, endpoint: e, parent: f.p }];
    return { counters, events };
  }],
  ['zombies_reaped_once', (f) => {
    const e = 9999; // an earlier incarnation, properly collected and torn down, freed a second time
    const counters = new Map<number, IncarnationCounters>(f.ctx.counters);
    counters.set(e, { parentTold: 1, tracerTold: 0, freed: 2 });
    return { counters, events: [{ kind: 'freed', slot: f.t, endpoint: e, flags: IN_USE | EXITING | TOLD_PARENT }] };
  }],
  ['notification_exclusive', (f, m) => { m[f.z]!.mp_flags |= TRACE_ZOMBIE; m[f.z]!.mp_tracer = f.tracer; return {}; }],
  ['exited_notified', (f, m) => {
    m[f.z]!.mp_flags &= ~(ZOMBIE | VFS_CALL); // VFS done, but neither a zombie nor collected
    const v = new Map(f.ctx.vfsInFlight);
    v.delete(f.z);
    return { vfsInFlight: v };
  }],
  ['prompt_free', (f, m) => {
    m[f.z]!.mp_flags = (m[f.z]!.mp_flags & ~(ZOMBIE | VFS_CALL)) | TOLD_PARENT;
    const v = new Map(f.ctx.vfsInFlight);
    v.delete(f.z);
    return { vfsInFlight: v };
  }],
  ['no_lost_wakeup', (f, m) => { m[f.p]!.mp_wpid = -1; return {}; }],
  ['parent_valid', (f, m) => { m[f.t]!.mp_parent = f.z; return {}; }],
  ['tracer_valid', (f, m) => { m[f.t]!.mp_tracer = f.z; return {}; }],
  ['pid_unique', (f, m) => { m[f.t]!.mp_pid = m[f.p]!.mp_pid; return {}; }],
  ['init_alive', (f, m) => { m[INIT_PROC_NR]!.mp_flags = 0; return { procsInUse: f.ctx.procsInUse - 1 }; }],
  ['waiting_means_blocked', (f, m) => { m[f.tracer]!.mp_flags |= WAITING; m[f.tracer]!.mp_wpid = 999; return {}; }],
];

describe('MINIX invariant predicates', () => {
  it('the fixture (a real run) satisfies every invariant', () => {
    const f = fixture();
    expect(checkMinixInvariants(f.ctx)).toEqual([]);
    expect(f.ctx.mproc[f.z]!.mp_flags & (ZOMBIE | VFS_CALL)).toBe(ZOMBIE | VFS_CALL);
    expect(f.ctx.mproc[f.p]!.mp_flags & WAITING).toBe(WAITING);
  });

  it('every invariant has a corruption case below', () => {
    expect(cases.map(([n]) => n).sort()).toEqual(MINIX_INVARIANTS.map((i) => i.name).sort());
  });

  /** Corruptions that necessarily break a second invariant too. */
  const ALSO: Readonly<Record<string, readonly string[]>> = { init_alive: ['parent_valid'] };

  it.each(cases)('%s fires (alone) on its corruption', (name, corrupt) => {
    const f = fixture();
    const mproc = f.ctx.mproc as Mproc[];
    const over = corrupt(f, mproc);
    const failed = checkMinixInvariants({ ...f.ctx, ...over }).map((v) => v.name);
    expect(failed.sort()).toEqual([name, ...(ALSO[name] ?? [])].sort());
  });
});
