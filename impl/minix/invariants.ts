/**
 * MINIX PM invariants, checked after every scheduler step. Each is a named, exported predicate
 * over an `InvariantContext` (the PM table plus the ghost state the system layer keeps: VFS
 * requests in flight, the call each process is blocked in, the events of the step, and
 * per-incarnation notification counters). A predicate returns undefined when it holds, or a
 * message naming the slot and what is wrong.
 *
 * The hazard numbers H1-H22 refer to /work/shared/notes/minix-pm.md section 4.
 */
import {
  EXITING,
  INIT_PROC_NR,
  IN_USE,
  NO_TRACER,
  PM_PROC_NR,
  PRIV_PROC,
  TOLD_PARENT,
  TRACE_ZOMBIE,
  VFS_CALL,
  WAITING,
  ZOMBIE,
  flagNames,
} from './const.js';
import type { Mproc } from './mproc.js';
import type { GhostEvent, ReplyKind, VfsRequestType } from './pm.js';

/** A reply PM sent during the step, with the system layer's judgement of it. */
export interface ReplyEvent {
  readonly kind: 'reply';
  readonly slot: number;
  readonly answers: ReplyKind;
  readonly value: number;
  /** The call the target was blocked in when the reply was sent (undefined: none, reply lost). */
  readonly outstanding: ReplyKind | undefined;
  /** For a parent's fork reply: the child the caller's fork created, and the one announced. */
  readonly forkChildExpected?: number;
  readonly forkChildAnnounced?: number;
}

export type StepEvent = GhostEvent | ReplyEvent;

export interface VfsInFlight {
  readonly endpoint: number;
  readonly type: VfsRequestType;
}

export interface IncarnationCounters {
  parentTold: number;
  tracerTold: number;
  freed: number;
}

export interface InvariantContext {
  readonly mproc: readonly Mproc[];
  readonly procsInUse: number;
  /** VFS requests sent and not yet handled by PM (request or reply in flight), by slot. */
  readonly vfsInFlight: ReadonlyMap<number, VfsInFlight>;
  /** The call each slot's process is blocked in (undefined: none). */
  readonly outstanding: readonly (ReplyKind | undefined)[];
  readonly events: readonly StepEvent[];
  /** Notification counters per incarnation, keyed by endpoint. */
  readonly counters: ReadonlyMap<number, IncarnationCounters>;
}

export interface MinixInvariant {
  readonly name: string;
  readonly hazard: string;
  readonly description: string;
  readonly check: (ctx: InvariantContext) => string | undefined;
}

const has = (m: Mproc, f: number): boolean => (m.mp_flags & f) !== 0;
const inUse = (m: Mproc): boolean => has(m, IN_USE);
const desc = (m: Mproc): string => `slot ${m.slot} (pid ${m.mp_pid}, ${flagNames(m.mp_flags)})`;

function waitTest(w: Mproc, child: Mproc): boolean {
  return has(w, WAITING) && (w.mp_wpid === -1 || w.mp_wpid === child.mp_pid || -w.mp_wpid === child.mp_procgrp);
}

/** procs_in_use equals the number of IN_USE slots (H22). */
export function procsInUseCount(ctx: InvariantContext): string | undefined {
  const n = ctx.mproc.filter(inUse).length;
  return n === ctx.procsInUse ? undefined : `procs_in_use is ${ctx.procsInUse} but ${n} slots are IN_USE`;
}

/** A slot is freed only after its parent was told (TOLD_PARENT) and VFS replied (H2, H5). */
export function freeOnlyWhenQuiesced(ctx: InvariantContext): string | undefined {
  for (const e of ctx.events) {
    if (e.kind !== 'freed') continue;
    if ((e.flags & TOLD_PARENT) === 0) return `slot ${e.slot} freed before its parent was told (${flagNames(e.flags)})`;
    if ((e.flags & EXITING) === 0) return `slot ${e.slot} freed while not EXITING (${flagNames(e.flags)})`;
    const v = ctx.vfsInFlight.get(e.slot);
    if ((e.flags & VFS_CALL) !== 0 || (v !== undefined && v.endpoint === e.endpoint)) {
      return `slot ${e.slot} freed while its VFS request is outstanding (${flagNames(e.flags)})`;
    }
  }
  return undefined;
}

/** VFS_CALL is set exactly on the slots with a VFS request in flight, for the same incarnation. */
export function vfsCallMatchesRequest(ctx: InvariantContext): string | undefined {
  for (const [slot, v] of ctx.vfsInFlight) {
    const m = ctx.mproc[slot];
    if (m === undefined || !inUse(m) || m.mp_endpoint !== v.endpoint) return `VFS ${v.type} in flight for slot ${slot} that is free or reused`;
    if (!has(m, VFS_CALL)) return `VFS ${v.type} in flight for ${desc(m)} without VFS_CALL`;
  }
  for (const m of ctx.mproc) {
    if (inUse(m) && has(m, VFS_CALL) && !ctx.vfsInFlight.has(m.slot)) return `${desc(m)} has VFS_CALL but no VFS request in flight`;
  }
  return undefined;
}

/** Every reply answers a call its target is blocked in, of the same kind (H1, H17). */
export function replyMatchesCall(ctx: InvariantContext): string | undefined {
  for (const e of ctx.events) {
    if (e.kind !== 'reply') continue;
    if (e.outstanding === undefined) return `reply ${e.answers}=${e.value} to slot ${e.slot}, which is not waiting for a reply (lost)`;
    if (e.outstanding !== e.answers) return `reply ${e.answers}=${e.value} to slot ${e.slot}, which is blocked in ${e.outstanding}`;
  }
  return undefined;
}

/** A fork reply goes only to the process that called fork, not to a new parent (H1). */
export function noReplyToFormerParent(ctx: InvariantContext): string | undefined {
  for (const e of ctx.events) {
    if (e.kind !== 'reply' || e.answers !== 'PM_FORK' || e.forkChildAnnounced === undefined) continue;
    if (e.forkChildExpected !== e.forkChildAnnounced) {
      return `fork reply announcing child slot ${e.forkChildAnnounced} sent to slot ${e.slot}, which did not fork it`;
    }
  }
  return undefined;
}

/** The parent and the tracer are each told of an exit at most once (H3). */
export function noDoubleNotification(ctx: InvariantContext): string | undefined {
  for (const e of ctx.events) {
    if (e.kind !== 'told_parent' && e.kind !== 'told_tracer') continue;
    const c = ctx.counters.get(e.endpoint);
    if (c !== undefined && (c.parentTold > 1 || c.tracerTold > 1)) {
      return `slot ${e.slot} (endpoint ${e.endpoint}) notified parent ${c.parentTold}x, tracer ${c.tracerTold}x`;
    }
  }
  return undefined;
}

/** A zombie is reaped (its slot freed) at most once per incarnation (H3). */
export function zombiesReapedOnce(ctx: InvariantContext): string | undefined {
  for (const e of ctx.events) {
    if (e.kind !== 'freed') continue;
    const c = ctx.counters.get(e.endpoint);
    if (c !== undefined && c.freed > 1) return `slot ${e.slot} (endpoint ${e.endpoint}) freed ${c.freed} times`;
  }
  return undefined;
}

/** At most one of TRACE_ZOMBIE, ZOMBIE, TOLD_PARENT; any of them implies EXITING (H3). */
export function notificationExclusive(ctx: InvariantContext): string | undefined {
  for (const m of ctx.mproc) {
    if (!inUse(m)) continue;
    const n = (has(m, TRACE_ZOMBIE) ? 1 : 0) + (has(m, ZOMBIE) ? 1 : 0) + (has(m, TOLD_PARENT) ? 1 : 0);
    if (n > 1) return `${desc(m)} is in more than one notification state`;
    if (n === 1 && !has(m, EXITING)) return `${desc(m)} is a zombie but not EXITING`;
  }
  return undefined;
}

/** An exited process whose VFS exit is done is in exactly one notification state (catches leaks). */
export function exitedNotified(ctx: InvariantContext): string | undefined {
  for (const m of ctx.mproc) {
    if (!inUse(m) || !has(m, EXITING) || has(m, VFS_CALL)) continue;
    if (!has(m, TRACE_ZOMBIE | ZOMBIE | TOLD_PARENT)) return `${desc(m)} finished exiting but is neither a zombie nor collected: it can never be freed`;
  }
  return undefined;
}

/** A collected slot whose teardown is done is freed in the same step (H5). */
export function promptFree(ctx: InvariantContext): string | undefined {
  for (const m of ctx.mproc) {
    if (inUse(m) && has(m, TOLD_PARENT) && has(m, EXITING) && !has(m, VFS_CALL)) return `${desc(m)} is collected and torn down but not freed`;
  }
  return undefined;
}

/** No waiting parent (or tracer) has a child it could collect (no lost wakeup, H4). */
export function noLostWakeup(ctx: InvariantContext): string | undefined {
  for (const c of ctx.mproc) {
    if (!inUse(c)) continue;
    if (has(c, ZOMBIE)) {
      const p = ctx.mproc[c.mp_parent];
      if (p !== undefined && inUse(p) && !has(p, EXITING) && waitTest(p, c)) return `parent slot ${p.slot} waits (wpid ${p.mp_wpid}) while its child ${desc(c)} is a zombie`;
    }
    if (has(c, TRACE_ZOMBIE) && c.mp_tracer !== NO_TRACER) {
      const t = ctx.mproc[c.mp_tracer];
      if (t !== undefined && inUse(t) && waitTest(t, c)) return `tracer slot ${t.slot} waits while its tracee ${desc(c)} is a TRACE_ZOMBIE`;
    }
  }
  return undefined;
}

/** A live non-system process's parent is live and not exiting (H12). */
export function parentValid(ctx: InvariantContext): string | undefined {
  for (const c of ctx.mproc) {
    if (!inUse(c) || c.slot === PM_PROC_NR || c.slot === INIT_PROC_NR || has(c, PRIV_PROC)) continue;
    const p = ctx.mproc[c.mp_parent];
    if (p === undefined || !inUse(p)) return `${desc(c)} has a free parent slot ${c.mp_parent}`;
    if (has(p, EXITING)) return `${desc(c)} has an exiting parent ${desc(p)}`;
  }
  return undefined;
}

/** A tracer is live; a TRACE_ZOMBIE has a tracer (H6, H7). */
export function tracerValid(ctx: InvariantContext): string | undefined {
  for (const c of ctx.mproc) {
    if (!inUse(c)) continue;
    // zombify makes a TRACE_ZOMBIE only when tracer != parent, but a later reparenting to INIT
    // can make them equal (INIT tracing a grandchild); do_wait4 still collects it then.
    if (has(c, TRACE_ZOMBIE) && c.mp_tracer === NO_TRACER) return `${desc(c)} is a TRACE_ZOMBIE with no tracer: nobody will collect it`;
    if (c.mp_tracer === NO_TRACER) continue;
    const t = ctx.mproc[c.mp_tracer];
    if (t === undefined || !inUse(t) || has(t, EXITING)) return `${desc(c)} is traced by dead or exiting slot ${c.mp_tracer}`;
  }
  return undefined;
}

/** pids are unique among IN_USE slots (H22). */
export function pidUnique(ctx: InvariantContext): string | undefined {
  const t = ctx.mproc;
  for (let i = 0; i < t.length; i++) {
    const a = t[i]!;
    if (!inUse(a) || a.slot === PM_PROC_NR) continue;
    for (let j = i + 1; j < t.length; j++) {
      const b = t[j]!;
      if (inUse(b) && b.mp_pid === a.mp_pid) return `pid ${a.mp_pid} held by slots ${a.slot} and ${b.slot}`;
    }
  }
  return undefined;
}

/** INIT is never EXITING and never freed (H15). */
export function initAlive(ctx: InvariantContext): string | undefined {
  const init = ctx.mproc[INIT_PROC_NR]!;
  if (!inUse(init) || has(init, EXITING)) return `INIT is ${flagNames(init.mp_flags)}`;
  return undefined;
}

/** WAITING means the process is blocked in wait4 with no reply sent yet (H17). */
export function waitingMeansBlocked(ctx: InvariantContext): string | undefined {
  for (const m of ctx.mproc) {
    if (inUse(m) && has(m, WAITING) && ctx.outstanding[m.slot] !== 'PM_WAIT4') {
      return `${desc(m)} is WAITING but not blocked in wait4 (${ctx.outstanding[m.slot] ?? 'no call'})`;
    }
  }
  return undefined;
}

export const MINIX_INVARIANTS: readonly MinixInvariant[] = [
  { name: 'procs_in_use_count', hazard: 'H22', description: 'procs_in_use equals the number of IN_USE slots', check: procsInUseCount },
  { name: 'free_only_when_quiesced', hazard: 'H2,H5', description: 'a slot is freed only after the parent was told and VFS replied', check: freeOnlyWhenQuiesced },
  { name: 'vfs_call_matches_request', hazard: 'H2,H9', description: 'VFS_CALL is set exactly while a VFS request is in flight', check: vfsCallMatchesRequest },
  { name: 'reply_matches_call', hazard: 'H1,H17', description: 'every reply answers a call of the same kind its target is blocked in', check: replyMatchesCall },
  { name: 'no_reply_to_former_parent', hazard: 'H1', description: 'a fork reply goes only to the process that forked', check: noReplyToFormerParent },
  { name: 'no_double_notification', hazard: 'H3', description: 'parent and tracer are each told at most once', check: noDoubleNotification },
  { name: 'zombies_reaped_once', hazard: 'H3', description: 'a slot incarnation is freed at most once', check: zombiesReapedOnce },
  { name: 'notification_exclusive', hazard: 'H3', description: 'at most one of TRACE_ZOMBIE/ZOMBIE/TOLD_PARENT, only when EXITING', check: notificationExclusive },
  { name: 'exited_notified', hazard: 'H3,H5', description: 'a torn-down exited slot is a zombie or collected', check: exitedNotified },
  { name: 'prompt_free', hazard: 'H5', description: 'a collected, torn-down slot is freed at once', check: promptFree },
  { name: 'no_lost_wakeup', hazard: 'H4,H6', description: 'no waiting parent/tracer with a collectible child', check: noLostWakeup },
  { name: 'parent_valid', hazard: 'H12', description: 'every live process has a live, non-exiting parent', check: parentValid },
  { name: 'tracer_valid', hazard: 'H6,H7', description: 'tracers are live; a TRACE_ZOMBIE has a tracer', check: tracerValid },
  { name: 'pid_unique', hazard: 'H22', description: 'pids are unique among IN_USE slots', check: pidUnique },
  { name: 'init_alive', hazard: 'H15', description: 'INIT never exits', check: initAlive },
  { name: 'waiting_means_blocked', hazard: 'H17', description: 'WAITING only while blocked in wait4', check: waitingMeansBlocked },
];

const NONE: readonly { name: string; message: string }[] = Object.freeze([]);

/** Runs every invariant; returns the failed ones. */
export function checkMinixInvariants(ctx: InvariantContext): readonly { name: string; message: string }[] {
  let out: { name: string; message: string }[] | undefined;
  for (const inv of MINIX_INVARIANTS) {
    const m = inv.check(ctx);
    if (m !== undefined) (out ??= []).push({ name: inv.name, message: m });
  }
  return out ?? NONE;
}
