/**
 * Trace export: a run of the MINIX kernel as an ITF trace of tla/MinixPM.tla's variable `pm`
 * (with Atomic = TRUE, one TLA step per PM message), so `traceCheck` can validate the
 * implementation against the model step by step.
 *
 * The projection (docs/minix.md, "Trace validation"): slots are the model's pids; flags become
 * the model's flag names; `wpid` is the waited-for slot (-1 for any) while WAITING, else 0;
 * `ex` is the terminating signal or the exit status; `vfs` the VFS request in flight; `call` the
 * call PM has received and not answered; `fc` that fork's child slot; `tp`/`tt` the times the
 * parent/tracer were told (per incarnation); `sigtr` the signals held for the tracer; `pend`
 * the pending SIGHUP/SIGKILL; `used` whether the slot ever held a process; `pg` the group (as
 * the slot of the pid that named it). A state is emitted
 * after every step whose projection differs from the previous one (other steps are stutters:
 * a user sending a call, VFS answering, a refused call).
 */
import type { ItfState, ItfTrace, ItfValue } from '../../bridge/result.js';
import {
  EXITING,
  IN_USE,
  NEW_PARENT,
  PRIV_PROC,
  PROC_STOPPED,
  SIGHUP,
  SIGKILL,
  TOLD_PARENT,
  TRACE_STOPPED,
  TRACE_ZOMBIE,
  VFS_CALL,
  WAITING,
  ZOMBIE,
  flagNames,
} from './const.js';
import { tlaActionName } from './labels.js';
import type { MinixSystem } from './system.js';

/** The flags MinixPM.tla models, by name. */
const MODEL_FLAGS: ReadonlyArray<readonly [number, string]> = [
  [IN_USE, 'IN_USE'],
  [WAITING, 'WAITING'],
  [ZOMBIE, 'ZOMBIE'],
  [PROC_STOPPED, 'PROC_STOPPED'],
  [EXITING, 'EXITING'],
  [TOLD_PARENT, 'TOLD_PARENT'],
  [TRACE_STOPPED, 'TRACE_STOPPED'],
  [VFS_CALL, 'VFS_CALL'],
  [NEW_PARENT, 'NEW_PARENT'],
  [PRIV_PROC, 'PRIV_PROC'],
  [TRACE_ZOMBIE, 'TRACE_ZOMBIE'],
];
const MODEL_MASK = MODEL_FLAGS.reduce((a, [b]) => a | b, 0);

const CALL_NAMES: Readonly<Record<string, string>> = {
  PM_FORK: 'fork',
  FORK_CHILD: 'forkchild',
  PM_WAIT4: 'wait',
  PM_EXIT: 'exit',
};

/** A run that leaves what MinixPM.tla models (a flag or call it has no name for). */
export class OutOfModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutOfModelError';
  }
}

const set = (xs: readonly ItfValue[]): ItfValue => ({ '#set': xs });

/**
 * The model's `pm` value for the kernel's state now. `used` lists the slots ever in use;
 * `slotOfPid` maps every pid seen so far to its slot (the model's pids are slots, and a group id
 * outlives its leader), so runs must not reuse slots (`Reuse = FALSE`).
 */
export function projectPm(sys: MinixSystem, used: ReadonlySet<number>, pidSlots: ReadonlyMap<number, number>): ItfValue {
  const mproc = sys.pm.mproc;
  const calls = sys.outstandingCalls();
  const vfs = sys.vfsRequests();
  const counters = sys.notificationCounters();
  const slotOfPid = (pid: number): number => {
    if (pid === 0) return 0;
    const s = pidSlots.get(pid);
    if (s === undefined) throw new OutOfModelError(`pid ${pid} was never seen`);
    return s;
  };
  const procs: [ItfValue, ItfValue][] = mproc.map((m) => {
    if ((m.mp_flags & ~MODEL_MASK) !== 0) throw new OutOfModelError(`slot ${m.slot} has flags outside the model: ${flagNames(m.mp_flags & ~MODEL_MASK)}`);
    const oc = calls[m.slot];
    const live = oc !== undefined && oc.accepted && oc.endpoint === m.mp_endpoint ? oc : undefined;
    const call = live === undefined ? 'none' : CALL_NAMES[live.kind];
    if (call === undefined) throw new OutOfModelError(`slot ${m.slot} is blocked in ${live!.kind}, which the model does not have`);
    const v = vfs.get(m.slot);
    const vfsName = v === undefined || v.endpoint !== m.mp_endpoint ? 'none' : v.type === 'VFS_PM_FORK' ? 'fork' : v.type === 'VFS_PM_EXIT' ? 'exit' : undefined;
    if (vfsName === undefined) throw new OutOfModelError(`slot ${m.slot} waits for ${v!.type}, which the model does not have`);
    const c = counters.get(m.mp_endpoint);
    const waiting = (m.mp_flags & WAITING) !== 0;
    const rec: Record<string, ItfValue> = {
      fl: set(MODEL_FLAGS.filter(([b]) => (m.mp_flags & b) !== 0).map(([, n]) => n)),
      par: m.mp_parent,
      tr: m.mp_tracer,
      wpid: waiting ? (m.mp_wpid === -1 ? -1 : slotOfPid(m.mp_wpid)) : 0,
      ex: m.mp_sigstatus !== 0 ? m.mp_sigstatus : m.mp_exitstatus,
      vfs: vfsName,
      call,
      fc: live?.kind === 'PM_FORK' ? (live.forkChild ?? 0) : 0,
      tp: c?.parentTold ?? 0,
      tt: c?.tracerTold ?? 0,
      sigtr: set([...m.mp_sigtrace]),
      pend: set(m.mp_sigpending.filter((x) => x === SIGHUP || x === SIGKILL)),
      used: used.has(m.slot),
      pg: slotOfPid(m.mp_procgrp),
    };
    return [m.slot, rec];
  });
  return { proc: { '#map': procs }, piu: sys.pm.procs_in_use, bad: set([]), stack: [] };
}

/**
 * Records the run of `sys` from now on as an ITF trace of MinixPM's `pm` (call before the first
 * `run`). `trace()` returns the states so far; each step state names the impl's step label as
 * its TLA+ action.
 */
export function recordTlaTrace(sys: MinixSystem): { trace(): ItfTrace } {
  const used = new Set<number>();
  const pidSlots = new Map<number, number>();
  const noteUsed = (): void => {
    for (const m of sys.pm.mproc) {
      if ((m.mp_flags & IN_USE) === 0) continue;
      if (m.mp_pid === 0) {
        used.add(m.slot); // PM
        continue;
      }
      if (used.has(m.slot) && pidSlots.get(m.mp_pid) !== m.slot) throw new OutOfModelError(`slot ${m.slot} reused (pid ${m.mp_pid}): the model's pids are slots`);
      used.add(m.slot);
      pidSlots.set(m.mp_pid, m.slot);
    }
  };
  noteUsed();
  const states: ItfState[] = [];
  let last = JSON.stringify(projectPm(sys, used, pidSlots));
  states.push({ '#meta': { index: 0, action: 'Init' }, pm: JSON.parse(last) as ItfValue });
  sys.observe((label) => {
    noteUsed();
    const now = projectPm(sys, used, pidSlots);
    const text = JSON.stringify(now);
    if (text === last) return;
    last = text;
    states.push({ '#meta': { index: states.length, action: tlaActionName(label) }, pm: now });
  });
  return {
    trace: () => ({ '#meta': { format: 'ITF', source: 'impl/minix', description: 'MINIX PM run projected on tla/MinixPM.tla (Atomic = TRUE)' }, vars: ['pm'], states: [...states] }),
  };
}
