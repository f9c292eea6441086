/**
 * The MINIX system as actors on the deterministic scheduler (impl/kernel/sched.ts):
 *
 * - one PM thread: each step receives the head of PM's queue and handles it to completion
 *   (PmServer.handle); it sleeps (idle) while the queue is empty;
 * - one user thread per submitted command: its single step sends the call to PM (sendrec); it
 *   then sleeps until PM replies. A process has at most one call outstanding, so only the oldest
 *   unsent command of a process that can run is runnable;
 * - one VFS worker thread per VFS request: its single step answers the request to PM. Requests
 *   for different processes are answered in any order (the scheduler picks).
 *
 * The order in which messages reach PM is therefore a scheduler choice, and a schedule replays a
 * run. The layer also keeps the ghost state the invariants need (calls outstanding, VFS requests
 * in flight, per-incarnation notification counters) and translates replies into CommandResults.
 */
import {
  Errno,
  Signal,
  type BlockedThread,
  type Choice,
  type Command,
  type CommandHandle,
  type CommandResult,
  type KernelDriver,
  type KernelOptions,
  type ProcTableView,
  type ProcView,
  type RunOutcome,
  type Strategy,
  type Violation,
  type WaitReport,
} from '../api.js';
import { Scheduler, type KThread } from '../kernel/sched.js';
import {
  EXITING,
  INIT_PID,
  INIT_PROC_NR,
  IN_USE,
  PM_PROC_NR,
  PRIV_PROC,
  PROC_STOPPED,
  TOLD_PARENT,
  TRACE_STOPPED,
  TRACE_ZOMBIE,
  ZOMBIE,
  WAITING,
  NO_TRACER,
} from './const.js';
import { checkMinixInvariants, type IncarnationCounters, type InvariantContext, type StepEvent, type VfsInFlight } from './invariants.js';
import type { MinixMutant } from './mutants.js';
import type { Mproc, RusageAddr } from './mproc.js';
import {
  PmServer,
  VFS_REPLY_OF,
  type GhostEvent,
  type PmCall,
  type PmEnv,
  type PmMessage,
  type ReplyExtra,
  type ReplyKind,
  type VfsRequestType,
} from './pm.js';

export interface MinixKernelOptions extends KernelOptions {
  /** Number of mproc slots (default 12). */
  readonly nrProcs?: number;
  /** Include RS (slot 2) so srv_fork can be exercised. */
  readonly rs?: boolean;
  /** uid of INIT and so of every user process (default 0, root; non-root reaches LAST_FEW). */
  readonly initUid?: number;
  /** User processes in the boot image besides INIT (default 1: pid 2, its own group). */
  readonly bootProcs?: number;
  /** Slots for the boot processes (default: the first free ones after INIT/RS). */
  readonly bootSlots?: readonly number[];
  /**
   * INIT runs its SIGCHLD-driven reaping loop: whenever it has a zombie child and no call in
   * progress, it calls wait4(-1, WNOHANG) before its other calls, like /sbin/init (default true).
   * Without it orphans stay zombies.
   */
  readonly initWaits?: boolean;
}

/** A command handle; `call` is the PM call it sends (undefined: answered without PM). */
class Handle implements CommandHandle {
  done = false;
  result: CommandResult | undefined = undefined;
  thread: KThread | null = null;
  asleep = false;
  sent = false;
  /** Issued by the model itself (INIT's reaping loop), not by the driver's user. */
  internal = false;
  constructor(
    readonly id: number,
    readonly cmd: Command,
    readonly call: PmCall,
  ) {}
}

/** The call a process is blocked in (ghost state; read by invariants and the TLA+ projection). */
export interface Outstanding {
  readonly kind: ReplyKind;
  readonly endpoint: number;
  readonly handle: Handle | undefined;
  /** For PM_FORK: the child slot this fork created (set by do_fork). */
  forkChild?: number;
  /** PM has received the call (false between user.send and PM's step). */
  accepted: boolean;
}

/** Called after every scheduler step (after the system's own bookkeeping). */
export type StepObserver = (label: string, byPm: boolean) => void;

/** The step label of the VFS worker answering each request (labels.ts). */
const VFS_LABEL: Readonly<Record<VfsRequestType, string>> = {
  VFS_PM_FORK: 'vfs.pm_fork',
  VFS_PM_SRV_FORK: 'vfs.pm_srv_fork',
  VFS_PM_EXIT: 'vfs.pm_exit',
  VFS_PM_DUMPCORE: 'vfs.pm_dumpcore',
  VFS_PM_SETSID: 'vfs.pm_setsid',
};

/** Maps a kernel-independent command to the MINIX call it makes (docs/minix.md, "Commands"). */
export function callOfCommand(cmd: Command): PmCall {
  switch (cmd.kind) {
    case 'fork':
      return { type: 'PM_FORK' };
    case 'exit':
      return { type: 'PM_EXIT', status: cmd.status };
    case 'wait':
      if (cmd.api !== 'wait4') return { type: 'UNSUPPORTED', name: 'wait6' };
      return { type: 'PM_WAIT4', pid: cmd.id, wnohang: cmd.options.WNOHANG === true, addr: 'none' };
    case 'kill':
      return { type: 'PM_KILL', pid: cmd.target, sig: Signal[cmd.sig] };
    case 'ptrace_attach':
      return { type: 'PM_PTRACE', req: 'T_ATTACH', pid: cmd.target, data: 0 };
    case 'sigchld':
      return { type: 'PM_SIGACTION', disposition: cmd.disposition };
    case 'setsid':
      return { type: 'PM_SETSID' };
    case 'lwp_create':
    case 'vfork': // DragonFly only (E11: the additive Command kind of impl/api.ts)
    case 'extexit':
    case 'reaper_acquire':
    case 'reaper_release':
    case 'setpgid':
      return { type: 'UNSUPPORTED', name: cmd.kind };
  }
}

/** Decodes a wait4 status word (sys/wait.h) into the kernel-independent report. */
export function decodeWaitStatus(pid: number, status: number): WaitReport {
  const low = status & 0x7f;
  if (low === 0x7f) return { kind: 'stopped', pid, signal: (status >> 8) & 0xff };
  if (low !== 0) return { kind: 'killed', pid, signal: low };
  return { kind: 'exited', pid, status: (status >> 8) & 0xff };
}

function resultOf(kind: ReplyKind, value: number, extra: ReplyExtra): CommandResult {
  if (value < 0) return { error: -value };
  switch (kind) {
    case 'PM_FORK':
    case 'PM_SRV_FORK':
      return { error: 0, pid: value };
    case 'PM_WAIT4':
      if (value === 0) return { error: 0, pid: 0 };
      return { error: 0, pid: value, report: decodeWaitStatus(value, extra.status ?? 0) };
    default:
      return { error: 0 };
  }
}

export class MinixSystem implements KernelDriver {
  readonly kernel = 'minix' as const;
  readonly sched: Scheduler;
  readonly pm: PmServer;
  readonly mutant: MinixMutant | undefined;
  private readonly checkInvariants: boolean;
  private readonly inbox: PmMessage[] = [];
  private readonly inboxIdent = {};
  private readonly pmThread: KThread;
  private readonly handles: Handle[] = [];
  /** Unsent commands per pid, oldest first. */
  private readonly queues = new Map<number, Handle[]>();
  private readonly calls: (Outstanding | undefined)[];
  private readonly vfsInFlight = new Map<number, VfsInFlight>();
  private readonly counters = new Map<number, IncarnationCounters>();
  private events: StepEvent[] = [];
  private violationsReported = 0;
  private readonly initWaits: boolean;

  constructor(opts: MinixKernelOptions = {}, mutant?: MinixMutant) {
    this.mutant = mutant;
    this.checkInvariants = opts.invariants ?? true;
    this.sched = new Scheduler({ afterStep: (_s, t, label) => this.afterStep(label, t === this.pmThread) });
    const env: PmEnv = {
      reply: (slot, kind, value, extra) => this.reply(slot, kind, value, extra),
      sendVfs: (slot, endpoint, type) => this.sendVfs(slot, endpoint, type),
      sysKill: (endpoint, sig) => this.post({ source: 'kernel', endpoint, sig }),
      path: (label) => this.sched.labels.add(label),
      ghost: (e) => this.ghost(e),
    };
    this.initWaits = opts.initWaits ?? true;
    const pmOpts = {
      ...(opts.nrProcs !== undefined ? { nrProcs: opts.nrProcs } : {}),
      ...(opts.rs !== undefined ? { rs: opts.rs } : {}),
      ...(opts.initUid !== undefined ? { initUid: opts.initUid } : {}),
      ...(opts.bootProcs !== undefined ? { bootProcs: opts.bootProcs } : {}),
      ...(opts.bootSlots !== undefined ? { bootSlots: opts.bootSlots } : {}),
      ...(mutant !== undefined ? { mutant } : {}),
    };
    this.pm = new PmServer(env, pmOpts);
    this.calls = this.pm.mproc.map(() => undefined);
    const pmThread = this.sched.spawn('pm', null);
    pmThread.body = this.pmLoop(pmThread);
    this.sched.sleep(pmThread, this.inboxIdent, 'receive', { idle: true });
    this.pmThread = pmThread;
  }

  // --------------------------------------------------------------------------------------------
  // Threads
  // --------------------------------------------------------------------------------------------

  private *pmLoop(t: KThread): Generator<string, void, void> {
    for (;;) {
      const msg = this.inbox.shift();
      if (msg === undefined) throw new Error('PM ran with an empty queue');
      const slot = msg.endpoint % this.pm.nrProcs;
      if (msg.source === 'vfs') {
        const v = this.vfsInFlight.get(slot);
        if (v !== undefined && v.endpoint === msg.endpoint) this.vfsInFlight.delete(slot);
      } else if (msg.source === 'user') {
        const oc = this.calls[slot];
        if (oc !== undefined && oc.endpoint === msg.endpoint) oc.accepted = true;
      }
      const label = this.pm.handle(msg);
      if (this.inbox.length === 0) this.sched.sleep(t, this.inboxIdent, 'receive', { idle: true });
      yield label;
    }
  }

  private post(msg: PmMessage): void {
    this.inbox.push(msg);
    this.sched.wakeThread(this.pmThread, 0);
  }

  private *userThread(t: KThread, h: Handle): Generator<string, void, void> {
    const slot = this.slotOfPid(h.cmd.pid);
    if (slot === undefined) throw new Error('user thread ran for a missing process');
    const m = this.pm.mproc[slot]!;
    this.calls[slot] = { kind: h.call.type, endpoint: m.mp_endpoint, handle: h, accepted: false };
    h.sent = true;
    this.dequeue(h);
    this.post({ source: 'user', endpoint: m.mp_endpoint, call: h.call });
    this.sched.sleep(t, h, 'reply', { idle: true });
    h.asleep = true;
    yield 'user.send';
  }

  private sendVfs(slot: number, endpoint: number, type: VfsRequestType): void {
    this.vfsInFlight.set(slot, { endpoint, type });
    const label = VFS_LABEL[type];
    const t = this.sched.spawn(`vfs:${type}:${slot}`, null);
    const self = this;
    t.body = (function* (): Generator<string, void, void> {
      self.post({ source: 'vfs', type: VFS_REPLY_OF[type], endpoint, status: 0 });
      self.sched.finish(t);
      yield label;
    })();
  }

  // --------------------------------------------------------------------------------------------
  // Replies and ghost state
  // --------------------------------------------------------------------------------------------

  private reply(slot: number, kind: ReplyKind, value: number, extra: ReplyExtra): void {
    const oc = this.calls[slot];
    const m = this.pm.mproc[slot];
    const live = oc !== undefined && m !== undefined && m.mp_endpoint === oc.endpoint ? oc : undefined;
    const ev: StepEvent = {
      kind: 'reply',
      slot,
      answers: kind,
      value,
      outstanding: live?.kind,
      ...(kind === 'PM_FORK' && live?.forkChild !== undefined ? { forkChildExpected: live.forkChild } : {}),
      ...(extra.forkChild !== undefined ? { forkChildAnnounced: extra.forkChild } : {}),
    };
    this.events.push(ev);
    if (live === undefined) return; // ipc_sendnb to a process not receiving: the reply is lost
    this.calls[slot] = undefined;
    // The process receives whatever arrives, as the real one would (even a mismatched reply).
    if (live.handle !== undefined) this.complete(live.handle, resultOf(live.kind, value, extra));
  }

  private ghost(e: GhostEvent): void {
    this.events.push(e);
    if (e.kind === 'fork') {
      const oc = this.calls[e.caller];
      if (oc !== undefined && oc.kind === 'PM_FORK') oc.forkChild = e.child;
      // The child starts blocked in the copy of its parent's fork call (seed 004:86).
      this.calls[e.child] = { kind: 'FORK_CHILD', endpoint: e.childEndpoint, handle: undefined, accepted: true };
      return;
    }
    const c = this.counter(e.endpoint);
    if (e.kind === 'told_parent') c.parentTold++;
    else if (e.kind === 'told_tracer') c.tracerTold++;
    else c.freed++;
  }

  private counter(endpoint: number): IncarnationCounters {
    let c = this.counters.get(endpoint);
    if (c === undefined) {
      c = { parentTold: 0, tracerTold: 0, freed: 0 };
      this.counters.set(endpoint, c);
    }
    return c;
  }

  private complete(h: Handle, r: CommandResult): void {
    if (h.done) return;
    h.done = true;
    h.result = r;
    if (h.thread !== null) this.sched.finish(h.thread);
  }

  /** Calls of processes that died (or were freed) end: exit returns nothing, others EINTR. */
  private retireDeadCalls(): void {
    for (let s = 0; s < this.calls.length; s++) {
      const oc = this.calls[s];
      if (oc === undefined) continue;
      const m = this.pm.mproc[s]!;
      const gone = (m.mp_flags & IN_USE) === 0 || m.mp_endpoint !== oc.endpoint || (m.mp_flags & EXITING) !== 0;
      if (!gone) continue;
      this.calls[s] = undefined;
      if (oc.handle !== undefined) this.complete(oc.handle, oc.kind === 'PM_EXIT' ? { error: 0 } : { error: Errno.EINTR });
    }
  }

  private readonly observers: StepObserver[] = [];

  /** Registers a callback run after every step (trace export). */
  observe(fn: StepObserver): void {
    this.observers.push(fn);
  }

  /** The call each slot's process is blocked in, as the system sees it (read-only). */
  outstandingCalls(): readonly (Readonly<Outstanding> | undefined)[] {
    return this.calls;
  }

  /** VFS requests in flight, by slot (read-only). */
  vfsRequests(): ReadonlyMap<number, VfsInFlight> {
    return this.vfsInFlight;
  }

  /** Per-incarnation notification counters, by endpoint (read-only). */
  notificationCounters(): ReadonlyMap<number, Readonly<IncarnationCounters>> {
    return this.counters;
  }

  private afterStep(label: string, byPm: boolean): void {
    this.retireDeadCalls();
    this.syncUsers();
    if (this.observers.length > 0) {
      for (const o of this.observers) o(label, byPm);
    }
    if (this.checkInvariants) {
      for (const v of checkMinixInvariants(this.context())) this.sched.violate(v.name, v.message, label);
    }
    if (this.events.length > 0) this.events = [];
  }

  private readonly outstandingKinds: (ReplyKind | undefined)[] = [];

  /** The invariant context now (its arrays are reused: read it before the next step). */
  context(): InvariantContext {
    const kinds = this.outstandingKinds;
    kinds.length = this.calls.length;
    for (let i = 0; i < this.calls.length; i++) kinds[i] = this.calls[i]?.kind;
    return {
      mproc: this.pm.mproc,
      procsInUse: this.pm.procs_in_use,
      vfsInFlight: this.vfsInFlight,
      outstanding: kinds,
      events: this.events,
      counters: this.counters,
    };
  }

  // --------------------------------------------------------------------------------------------
  // User command queues
  // --------------------------------------------------------------------------------------------

  private slotOfPid(pid: number): number | undefined {
    return this.pm.findProc(pid)?.slot;
  }

  private dequeue(h: Handle): void {
    const q = this.queues.get(h.cmd.pid);
    if (q === undefined) return;
    const i = q.indexOf(h);
    if (i >= 0) q.splice(i, 1);
    if (q.length === 0) this.queues.delete(h.cmd.pid);
  }

  /**
   * Makes exactly the sendable queue heads runnable: a process that is gone or exiting fails its
   * unsent commands with ESRCH; a stopped or busy process keeps them asleep.
   */
  private syncUsers(): void {
    if (this.initWaits && this.calls[INIT_PROC_NR] === undefined && !this.initReapQueued && this.initHasZombie()) {
      // INIT's SIGCHLD-driven reaping loop: wait4(-1, WNOHANG) ahead of its other calls.
      const cmd: Command = { kind: 'wait', pid: INIT_PID, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WNOHANG: true } };
      this.enqueue(cmd, { type: 'PM_WAIT4', pid: -1, wnohang: true, addr: 'none' }, true);
    }
    for (const [pid, q] of this.queues) {
      // (deleting the entry being visited is safe in a Map iteration)
      const slot = this.slotOfPid(pid);
      const m = slot === undefined ? undefined : this.pm.mproc[slot]!;
      if (m === undefined || (m.mp_flags & EXITING) !== 0) {
        for (const h of q) this.complete(h, { error: Errno.ESRCH });
        this.queues.delete(pid);
        continue;
      }
      const canSend = this.calls[m.slot] === undefined && (m.mp_flags & (TRACE_STOPPED | PROC_STOPPED)) === 0;
      for (let i = 0; i < q.length; i++) {
        const h = q[i]!;
        const t = h.thread!;
        if (i === 0 && canSend) {
          if (h.asleep) {
            h.asleep = false;
            this.sched.wakeThread(t, 0);
          }
        } else if (!h.asleep) {
          h.asleep = true;
          this.sched.sleep(t, h, 'blocked', { idle: true });
        }
      }
    }
  }

  // --------------------------------------------------------------------------------------------
  // KernelDriver
  // --------------------------------------------------------------------------------------------

  submit(cmd: Command): CommandHandle {
    return this.submitCall(cmd, callOfCommand(cmd));
  }

  /** Submits a MINIX call directly (srv_fork, T_EXIT, wait4 with an rusage address, any signal). */
  submitCall(cmd: Command, call: PmCall): CommandHandle {
    const h = this.enqueue(cmd, call);
    this.syncUsers();
    return h;
  }

  /** Is an internal INIT reaping call queued and not yet sent? */
  private get initReapQueued(): boolean {
    return (this.queues.get(INIT_PID) ?? []).some((h) => h.internal);
  }

  private initHasZombie(): boolean {
    return this.pm.mproc.some(
      (m) =>
        ((m.mp_flags & (IN_USE | ZOMBIE)) === (IN_USE | ZOMBIE) && m.mp_parent === INIT_PROC_NR) ||
        ((m.mp_flags & (IN_USE | TRACE_ZOMBIE)) === (IN_USE | TRACE_ZOMBIE) && m.mp_tracer === INIT_PROC_NR),
    );
  }

  private enqueue(cmd: Command, call: PmCall, internal = false): Handle {
    const h = new Handle(this.handles.length + 1, cmd, call);
    h.internal = internal;
    this.handles.push(h);
    const t = this.sched.spawn(`pid${cmd.pid}:${cmd.kind}#${h.id}`, null);
    h.thread = t;
    t.body = this.userThread(t, h);
    h.asleep = true;
    this.sched.sleep(t, h, 'blocked', { idle: true });
    const q = this.queues.get(cmd.pid) ?? [];
    if (internal) q.unshift(h);
    else q.push(h);
    this.queues.set(cmd.pid, q);
    return h;
  }

  /** MINIX-specific submissions used by directed tests and docs/minix.md examples. */
  submitWait4(pid: number, pidArg: number, opts: { wnohang?: boolean; addr?: RusageAddr } = {}): CommandHandle {
    const cmd: Command = { kind: 'wait', pid, api: 'wait4', idtype: pidArg > 0 ? 'P_PID' : pidArg === -1 ? 'P_ALL' : 'P_PGID', id: pidArg, options: { WNOHANG: opts.wnohang === true } };
    return this.submitCall(cmd, { type: 'PM_WAIT4', pid: pidArg, wnohang: opts.wnohang === true, addr: opts.addr ?? 'none' });
  }

  run(strategy: Strategy, maxSteps: number): RunOutcome {
    this.syncUsers();
    const r = this.sched.run(strategy, maxSteps);
    const newViolations = this.sched.violations.slice(this.violationsReported) as Violation[];
    this.violationsReported = this.sched.violations.length;
    if (r.faulted || !r.quiescent) return { steps: r.steps, quiescent: false, violations: newViolations };
    const stuck = this.stuckCalls();
    if (stuck.length > 0) return { steps: r.steps, quiescent: false, deadlock: stuck, violations: newViolations };
    return { steps: r.steps, quiescent: true, violations: newViolations };
  }

  /**
   * At quiescence, every call still outstanding must be a wait4 PM parked with WAITING; anything
   * else (a fork or T_EXIT whose reply can no longer come, a WAITING flag lost) is a deadlock.
   */
  stuckCalls(): BlockedThread[] {
    const out: BlockedThread[] = [];
    for (let s = 0; s < this.calls.length; s++) {
      const oc = this.calls[s];
      if (oc === undefined) continue;
      const m = this.pm.mproc[s]!;
      if (oc.kind === 'PM_WAIT4' && (m.mp_flags & WAITING) !== 0) continue;
      out.push({ tid: oc.handle?.thread?.tid ?? 0, name: `pid ${m.mp_pid} (slot ${s})`, wchan: oc.kind, tokens: [] });
    }
    return out;
  }

  view(): ProcTableView {
    const procs: ProcView[] = [];
    const mp = this.pm.mproc;
    for (const m of mp) {
      if ((m.mp_flags & IN_USE) === 0 || m.slot === PM_PROC_NR || (m.mp_flags & PRIV_PROC) !== 0) continue;
      if ((m.mp_flags & TOLD_PARENT) !== 0) continue; // collected: gone for the user, slot awaits VFS
      procs.push(this.procView(m));
    }
    return { procs };
  }

  private procView(m: Mproc): ProcView {
    const mp = this.pm.mproc;
    const exiting = (m.mp_flags & EXITING) !== 0;
    const tracer = m.mp_tracer !== NO_TRACER ? mp[m.mp_tracer]?.mp_pid : undefined;
    const notified = (m.mp_flags & (ZOMBIE | TRACE_ZOMBIE)) !== 0;
    const base: ProcView = {
      pid: m.mp_pid,
      ppid: mp[m.mp_parent]!.mp_pid, // INIT is its own parent
      state: exiting ? 'zombie' : (m.mp_flags & TRACE_STOPPED) !== 0 ? 'stopped' : 'running',
      pgid: m.mp_procgrp,
      sid: m.mp_procgrp,
      uid: m.mp_effuid,
      gid: m.mp_effgid,
      jail: 0,
      nthreads: exiting ? 0 : 1,
      isReaper: m.slot === INIT_PROC_NR,
      sigchld: m.sigchldDisposition,
      ...(tracer !== undefined ? { tracer } : {}),
    };
    if (exiting && notified) return { ...base, exit: decodeWaitStatus(m.mp_pid, (((m.mp_exitstatus & 0xff) << 8) | (m.mp_sigstatus & 0xff))) };
    return base;
  }

  schedule(): readonly Choice[] {
    return this.sched.scheduleLog;
  }

  labelsCovered(): ReadonlySet<string> {
    return this.sched.labels;
  }

  /** Every violation so far. */
  violations(): readonly Violation[] {
    return this.sched.violations;
  }
}
