/**
 * The non-wait commands: what each may return and what it changes. A command either returns one
 * of `results`, or (exit paths) never returns to user mode (`noReturn`).
 *
 * Sources: POSIX fork(2), kill(2), setpgid(2), setsid(2), sigaction(2) (SA_NOCLDWAIT, SIG_IGN);
 * DragonFly sys_exit/sys_extexit (seed 000:111-186), procctl(2) PROC_REAP_*, ptrace(2) PT_ATTACH.
 */
import { Errno, INIT_PID, Signal, type Command, type CommandResult, type Pid } from '../impl/api.js';
import { continueProc, exitProc, killProc, stopProc, traceSignal } from './lifecycle.js';
import { cloneState, findProc, getProc, isLive, isReaper, type SpecProc, type SpecState } from './state.js';

export type NonWaitCommand = Exclude<Command, { kind: 'wait' }>;

/** Stands for "any non-zero errno" where the exact code is not specified (documented). */
export const ANY_ERROR = -1000;

export interface CommandOutcome {
  /** The state after the command, computed from the observed result (fork: the child pid). */
  readonly state: SpecState;
  /** Acceptable results; `pid: FRESH` in a fork result means "a pid not in use". */
  readonly results: readonly CommandResult[];
  /** The command may never return (the issuing thread or process died). */
  readonly noReturn: boolean;
}

export const FRESH_PID = -1;

function ok(state: SpecState, noReturn = false): CommandOutcome {
  return { state, results: [{ error: 0 }], noReturn };
}
function fail(state: SpecState, ...errors: number[]): CommandOutcome {
  return { state, results: errors.map((error) => ({ error })), noReturn: false };
}

/** Signals to a process with blocked wait calls may interrupt them (EINTR/ERESTART). */
function markSignalled(s: SpecState, pid: Pid): void {
  for (const c of s.pending) if (c.pid === pid) c.signalled = true;
}

function newChild(s: SpecState, parent: SpecProc, pid: Pid): SpecProc {
  return {
    pid,
    ppid: parent.pid,
    pgid: parent.pgid,
    sid: parent.sid,
    uid: parent.uid,
    gid: parent.gid,
    jail: parent.jail,
    state: 'running',
    tids: [s.params.firstTid],
    lastTid: s.params.firstTid,
    stopSig: 0,
    waited: false,
    continued: false,
    reaperNode: parent.reaperNode, // fork1 inherits p_reaper
    traceZombie: false,
    sigchld: parent.sigchld, // signal dispositions and SA_NOCLDWAIT survive fork
  };
}

/** Delivers `sig` to live `t` (the effects kill(2) has, DragonFly lwpsignal). */
export function deliverSignal(s: SpecState, t: SpecProc, sig: number, caller?: number): void {
  if (sig !== Signal.SIGCHLD) markSignalled(s, t.pid);
  if (s.params.tracedSignalsToTracer && t.tracer !== undefined && sig !== Signal.SIGKILL) {
    traceSignal(s, t, sig); // MINIX: held for the tracer, reported by its wait4
    return;
  }
  switch (sig) {
    case Signal.SIGKILL:
      killProc(s, t.pid, { kind: 'killed', pid: t.pid, signal: sig }, caller);
      return;
    case Signal.SIGTERM:
    case Signal.SIGHUP:
      if (t.state === 'stopped') t.pendingSig ??= sig; // stays pending until SIGCONT
      else killProc(s, t.pid, { kind: 'killed', pid: t.pid, signal: sig }, caller);
      return;
    case Signal.SIGSTOP:
      if (s.params.stopSignal === 'fatal' && t.tracer === undefined) killProc(s, t.pid, { kind: 'killed', pid: t.pid, signal: sig }, caller);
      else stopProc(s, t, sig);
      return;
    case Signal.SIGCONT:
      continueProc(s, t);
      return;
    default:
      return; // SIGCHLD: ignored by default
  }
}

/**
 * All outcomes of `cmd`, run by thread `tid` of its process, given the result the kernel
 * reported (`observed`, used only to learn a fork's child pid). The caller checks the observed
 * result against `results`.
 */
export function commandOutcomes(s0: SpecState, cmd: NonWaitCommand, tid: number, observed?: CommandResult): CommandOutcome[] {
  const s = cloneState(s0);
  const p = getProc(s, cmd.pid);
  switch (cmd.kind) {
    case 'vfork': // checked as a fork when it returns within its batch; a vfork pending across batches (until its child exits) is not modelled yet (docs/spec.md)
    case 'fork': {
      if (s.params.maxProcs !== undefined && s.procs.length >= s.params.maxProcs) return [fail(s, Errno.EAGAIN)];
      const child = observed?.pid;
      if (child === undefined || child <= INIT_PID || findProc(s, child)) {
        return [{ state: s, results: [{ error: 0, pid: FRESH_PID }], noReturn: false }];
      }
      s.procs.push(newChild(s, p, child));
      s.procs.sort((a, b) => a.pid - b.pid);
      return [{ state: s, results: [{ error: 0, pid: child }], noReturn: false }];
    }
    case 'lwp_create': {
      if (!s.params.threads) return [fail(s, ANY_ERROR)];
      p.tids.push(++p.lastTid);
      return [ok(s)];
    }
    case 'exit':
      exitProc(s, p.pid, { kind: 'exited', pid: p.pid, status: cmd.status & 0xff });
      return [ok(s, true)];
    case 'extexit': {
      if (!s.params.extexit) return [fail(s, ANY_ERROR)];
      // seed 000:131-150: both arguments are checked before anything happens.
      if (cmd.who === 'invalid' || cmd.action === 'invalid') return [fail(s, Errno.EINVAL)];
      if (cmd.who === 'EXTEXIT_LWP' && p.tids.length > 1) {
        p.tids = p.tids.filter((t) => t !== tid); // lwp_exit of this thread only (seed 000:155-166)
        return [ok(s, true)];
      }
      exitProc(s, p.pid, { kind: 'exited', pid: p.pid, status: cmd.status & 0xff });
      return [ok(s, true)];
    }
    case 'kill': {
      const t = findProc(s, cmd.target);
      if (!t) return [fail(s, Errno.ESRCH)];
      if (p.uid !== 0 && p.uid !== t.uid) return [fail(s, Errno.EPERM)];
      if (t.state === 'zombie') return [{ state: s, results: [{ error: 0 }, { error: Errno.ESRCH }], noReturn: false }];
      if (t.pid === INIT_PID) return [fail(s, Errno.EPERM)]; // init is not signalled by users here
      const sig = Signal[cmd.sig];
      deliverSignal(s, t, sig, p.pgid);
      // The caller itself may die or stop (itself the target, or MINIX's group SIGHUP).
      const me = findProc(s, p.pid);
      const selfDies = me?.state !== 'running' || me.dying !== undefined;
      return [ok(s, selfDies)];
    }
    case 'reaper_acquire':
      if (!s.params.reapers || isReaper(s, p)) return [fail(s, ANY_ERROR)]; // EALREADY
      s.reapers.push({ id: s.reapers.length, owner: p.pid, parent: p.reaperNode });
      p.reaperNode = s.reapers.length - 1;
      return [ok(s)];
    case 'reaper_release': {
      if (!s.params.reapers || !isReaper(s, p)) return [fail(s, ANY_ERROR)]; // ENOTCONN
      const node = s.reapers[p.reaperNode]!;
      node.owner = null;
      p.reaperNode = node.parent ?? 0;
      return [ok(s)];
    }
    case 'ptrace_attach': {
      const t = findProc(s, cmd.target);
      if (t && t.pid === p.pid) return [fail(s, s.params.attachSelfErrno)];
      if (!isLive(t)) return [fail(s, Errno.ESRCH)];
      if (t.tracer !== undefined) return [fail(s, Errno.EBUSY)];
      if (t.pid === INIT_PID || (p.uid !== 0 && p.uid !== t.uid)) return [fail(s, ANY_ERROR)];
      if (s.params.ptrace === 'reparent') {
        // Attaching to one's own ancestor would make the parent chain a cycle: refused (real
        // DragonFly refuses only when the caller is itself traced; docs/spec.md).
        for (let a = findProc(s, p.ppid); a; a = a.pid === INIT_PID ? undefined : findProc(s, a.ppid)) {
          if (a.pid === t.pid) return [fail(s, Errno.EINVAL, Errno.EPERM)];
        }
        t.oppid = t.ppid;
        t.ppid = p.pid;
      }
      t.tracer = p.pid;
      deliverSignal(s, t, Signal.SIGSTOP); // attach stops the target; the tracer waits for it
      return [ok(s)];
    }
    case 'sigchld':
      p.sigchld = cmd.disposition;
      return [ok(s)];
    case 'setpgid': {
      if (!s.params.setpgid) return [fail(s, ANY_ERROR)];
      if (cmd.pgid < 0) return [fail(s, Errno.EINVAL)];
      const g = cmd.pgid === 0 ? p.pid : cmd.pgid;
      if (p.sid === p.pid) return [fail(s, Errno.EPERM)]; // a session leader cannot move
      if (g !== p.pid && !s.procs.some((q) => q.pgid === g && q.sid === p.sid)) return [fail(s, Errno.EPERM)];
      p.pgid = g;
      groupChanged(s, p);
      return [ok(s)];
    }
    case 'setsid':
      if (s.procs.some((q) => q.pgid === p.pid)) return [fail(s, Errno.EPERM)]; // already a group leader
      p.sid = p.pid;
      p.pgid = p.pid;
      groupChanged(s, p);
      return [ok(s)];
  }
}

/**
 * `p` changed its process group: a wait of `p` submitted in the same step may still read p_pgid
 * at its entry, so it may wait for the new group as well (PendingCall.myPgids).
 */
function groupChanged(s: SpecState, p: SpecProc): void {
  for (const c of s.pending) {
    if (c.pid === p.pid && c.entering && c.myPgids && !c.myPgids.includes(p.pgid)) c.myPgids = [...c.myPgids, p.pgid];
  }
}

/** Does observed result `r` satisfy expected `e` (with ANY_ERROR and FRESH_PID wildcards)? */
export function resultMatches(e: CommandResult, r: CommandResult): boolean {
  if (e.error === ANY_ERROR) return r.error !== 0;
  if (e.error !== r.error) return false;
  if (e.error !== 0) return true;
  if (e.pid === FRESH_PID) return false; // fork reported no usable pid
  if (e.pid !== undefined && e.pid !== r.pid) return false;
  return true;
}
