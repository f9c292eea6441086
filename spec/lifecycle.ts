/**
 * Process-lifecycle transitions of the abstract model: exit (with reparenting, reaper hand-off,
 * the traced-child SIGKILL and the SIGCHLD-ignored hand-off), stop, continue, init's collection.
 * Each mutates a state the caller has already cloned.
 *
 * Behaviour sources: POSIX exit(2)/wait(2); DragonFly exit1 (seed 000:292-656), kern_wait
 * (seed 000:989-1455); MINIX exit_proc/tracer_died (seed 004, see docs/spec.md).
 */
import { INIT_PID, Signal, type Pid, type WaitReport } from '../impl/api.js';
import { findProc, getProc, isLive, reaperGet, type SpecProc, type SpecState } from './state.js';

/** Where orphans of `p` go: its nearest owned reaper (BSD reaper_get) or INIT. */
export function orphanTarget(s: SpecState, p: SpecProc): Pid {
  return s.params.reapers ? reaperGet(s, p.reaperNode) : INIT_PID;
}

/**
 * init's own wait loop collecting zombie `z` (when initReaps): like any non-WNOWAIT wait, a child
 * taken by a ptrace attach goes back to its original parent if that still lives
 * (seed 000:1235-1249), otherwise it is freed.
 */
export function initCollect(s: SpecState, z: SpecProc): void {
  if (!s.params.initReaps || z.ppid !== INIT_PID || z.state !== 'zombie' || z.traceZombie || initBusy(s)) return;
  reapZombie(s, z);
}

/**
 * initIsOwnParent: INIT has a wait4 of its own in progress, so its reaping loop does not run
 * (the model's INIT sends one call at a time): its zombies wait for that call or for its return.
 */
export function initBusy(s: SpecState): boolean {
  return s.params.initIsOwnParent && s.pending.some((c) => c.pid === INIT_PID);
}

/**
 * initIsOwnParent: INIT's reaping loop runs (INIT's own call returned, or had not reached PM
 * yet): every zombie child and TRACE_ZOMBIE tracee of INIT is collected; the signals held for it
 * become "may linger" (maybeHeld).
 */
export function initCollectAll(s: SpecState): void {
  if (!s.params.initReaps || initBusy(s)) return;
  for (const p of [...s.procs]) {
    if (p.tracer === INIT_PID) initTracerCollects(s, p);
  }
  for (const z of s.procs.filter((x) => x.ppid === INIT_PID && x.state === 'zombie' && x.pid !== INIT_PID)) initCollect(s, z);
}

/** Is there work INIT's loop would do now (a zombie child or TRACE_ZOMBIE of INIT)? */
export function initHasWork(s: SpecState): boolean {
  return s.procs.some((p) => p.pid !== INIT_PID && p.state === 'zombie' && (p.traceZombie ? p.tracer === INIT_PID : p.ppid === INIT_PID));
}

/** A collecting (non-WNOWAIT) wait took zombie `z`: give back to p_oppid or free it. */
export function reapZombie(s: SpecState, z: SpecProc): void {
  const back = z.oppid !== undefined ? findProc(s, z.oppid) : undefined;
  if (s.params.ptrace === 'reparent' && isLive(back)) {
    z.ppid = back.pid;
    z.oppid = undefined;
    return;
  }
  s.procs = s.procs.filter((p) => p.pid !== z.pid);
}

/**
 * `pid` terminates with `report` (exit status or fatal signal). Seed 000:292-656 (exit1):
 * zombie first, the reaper it owned is disowned (reaper_exit), children go to the nearest reaper
 * (traced ones get SIGKILL), and if the parent ignores SIGCHLD / set NOCLDWAIT the zombie itself
 * goes to the reaper. Blocked calls of the dying process are abandoned.
 */
export function exitProc(s: SpecState, pid: Pid, report: WaitReport, callerPgid?: number): void {
  const p = getProc(s, pid);
  if (p.state === 'zombie') return;
  // MINIX: decided before anything changes, from the *caller's* group (seed 004:283): the
  // process itself for exit, the killer for kill, the outer caller for nested deaths.
  const caller = callerPgid ?? p.pgid;
  const hupGroup = s.params.groupHupOnLeaderExit && caller === pid;
  s.pending = s.pending.filter((c) => c.pid !== pid);
  p.state = 'zombie';
  p.exit = report;
  p.tids = [];
  p.pendingSig = undefined;
  p.waited = false;
  // P_CONTINUED survives exit1: a zombie with an unreported continue still reports it to a
  // wait without WEXITED (kern_wait tests it after the SZOMB branch, seed 000:1377).
  // reaper_exit: a reaper that exits stops being one (seed 000:533).
  const own = s.reapers[p.reaperNode];
  if (own && own.owner === pid) own.owner = null;

  const toKill: Pid[] = [];
  const reproc = orphanTarget(s, p);
  const orphans = s.procs.filter((q) => q.ppid === pid && q.pid !== pid);
  for (const q of orphans) {
    q.ppid = reproc;
    if (s.params.ptrace === 'reparent' && q.tracer === pid) {
      q.tracer = undefined; // P_TRACED cleared, SIGKILL sent (seed 000:565-568)
      if (q.state !== 'zombie') toKill.push(q.pid);
    }
  }
  if (s.params.ptrace === 'pseudo-parent') {
    // MINIX tracer_died (seed 004:731-760): every tracee of the dead tracer loses it; a live one
    // is killed; a zombie waiting to be seen by the dead tracer becomes visible to its parent; a
    // zombie the tracer was already told of only loses the tracer.
    for (const q of s.procs) {
      if (q.tracer !== pid || q.pid === pid) continue;
      q.tracer = undefined;
      if (q.state !== 'zombie') toKill.push(q.pid);
      else if (q.traceZombie) {
        q.traceZombie = false;
        notifyDeath(s, q, q.ppid);
      }
    }
  }
  // The zombie itself: SIGCHLD ignored / NOCLDWAIT in the parent hands it to the reaper.
  const parent = findProc(s, p.ppid);
  if (s.params.nocldwaitReparents && parent && parent.sigchld !== 'default') {
    p.ppid = reproc;
  }
  if (s.params.ptrace === 'reparent') {
    p.tracer = undefined; // P_TRACED cleared after signalling the parent (seed 000:622)
  } else if (p.tracer !== undefined && p.tracer !== p.ppid && isLive(findProc(s, p.tracer))) {
    p.traceZombie = true; // MINIX zombify: TRACE_ZOMBIE, the tracer is told first
    p.sigtrace = undefined;
    initTracerCollects(s, p);
  } else {
    // MINIX zombify keeps mp_tracer (tracer == parent: ZOMBIE at once, seed 004:582-595); only
    // tracer_died clears it. BSD: no tracer here.
    if (p.tracer !== p.ppid) p.tracer = undefined;
    notifyDeath(s, p, p.ppid);
  }
  p.sigtrace = undefined;
  p.maybeHeld = undefined; // exit_proc masks TRACE_STOPPED: no more stop reports
  for (const q of orphans) if (q.state === 'zombie') initCollect(s, q);
  for (const q of s.procs.filter((x) => x.ppid === INIT_PID && x.state === 'zombie')) initCollect(s, q);
  initCollect(s, p);
  for (const k of toKill) {
    killProc(s, k, { kind: 'killed', pid: k, signal: Signal.SIGKILL }, caller);
  }
  if (hupGroup) {
    // check_sig(-procgrp, SIGHUP): each live member dies, or (traced) stops for its tracer.
    for (const q of s.procs.filter((x) => x.pgid === pid && x.state !== 'zombie')) {
      const live = findProc(s, q.pid);
      if (!isLive(live)) continue;
      if (live.tracer !== undefined && s.params.tracedSignalsToTracer) traceSignal(s, live, Signal.SIGHUP);
      else if (live.tracer !== undefined) stopProc(s, live, Signal.SIGHUP);
      else killProc(s, live.pid, { kind: 'killed', pid: live.pid, signal: Signal.SIGHUP }, caller);
    }
  }
}

/**
 * A fatal signal for `pid`: it dies with `report`, at once or (deferDeaths) later in the
 * interleaving. A stopped process is set running to die (SIGKILL always runs it; a continue is
 * not reported for it).
 */
export function killProc(s: SpecState, pid: Pid, report: WaitReport, callerPgid?: number): void {
  const p = findProc(s, pid);
  if (!isLive(p)) return;
  if (!s.deferDeaths) {
    exitProc(s, pid, report, callerPgid);
    return;
  }
  if (p.dying) {
    if (p.state === 'stopped') p.state = 'running'; // SIGKILL runs a stopped process again
    return;
  }
  p.dying = report;
  p.dyingCallerPgid = callerPgid;
  p.pendingSig = undefined;
  if (p.state === 'stopped') p.state = 'running';
}

/** MINIX: a signal for traced `p` is held for its tracer; `p` stops (TRACE_STOPPED). */
export function traceSignal(s: SpecState, p: SpecProc, sig: number): void {
  if (p.state === 'zombie') return;
  const wasStopped = p.state === 'stopped';
  p.sigtrace = [...new Set([...(p.sigtrace ?? []), sig])].sort((a, b) => a - b);
  p.state = 'stopped';
  p.stopSig = sig;
  p.waited = false;
  if (wasStopped) {
    // Already TRACE_STOPPED: the signal only joins mp_sigtrace, no trace_stop, so a tracer
    // already asleep in wait4 is not woken for it (signal.c; docs/spec.md).
    for (const c of s.pending) if (c.pid === p.tracer) c.blindTo = [...(c.blindTo ?? []), p.pid];
  }
  initTracerCollects(s, p);
}

/**
 * MINIX: INIT, as a tracer, is always collecting (its SIGCHLD-driven wait loop): held signals
 * are consumed and a TRACE_ZOMBIE is told at once (then its parent is told).
 */
export function initTracerCollects(s: SpecState, p: SpecProc): void {
  if (!s.params.initReaps || p.tracer !== INIT_PID || initBusy(s)) return;
  if (p.sigtrace && s.params.initIsOwnParent && p.sigtrace.length > 0) p.maybeHeld = [...new Set([...(p.maybeHeld ?? []), ...p.sigtrace])].sort((a, b) => a - b);
  if (p.sigtrace) p.sigtrace = [];
  if (p.state === 'zombie' && p.traceZombie) {
    p.traceZombie = false; // tell_tracer leaves mp_tracer set (seed 004:705-726)
    notifyDeath(s, p, p.ppid);
    initCollect(s, p);
  }
}

/** Would a blocked wait of `waiter` accept `child` (MINIX wait_test: pid, any, or group)? */
function waitingFor(s: SpecState, waiter: SpecProc, child: SpecProc): boolean {
  return s.pending.some((c) => {
    if (c.pid !== waiter.pid || c.cmd.api !== 'wait4') return false;
    const id = c.cmd.id === 0 ? (s.params.waitMyPgrpOneIsAny && waiter.pgid === 1 ? -1 : -waiter.pgid) : c.cmd.id;
    return id === -1 || id === child.pid || (id < -1 && -id === child.pgid);
  });
}

/**
 * MINIX: `z`'s death is told to `to` (its tracer first, then its parent): unless `to` waits for
 * it, `to` gets SIGCHLD, which a traced `to` holds for its own tracer.
 */
export function notifyDeath(s: SpecState, z: SpecProc, to: Pid | undefined): void {
  if (!s.params.tracedSignalsToTracer || to === undefined) return;
  const t = findProc(s, to);
  if (!isLive(t) || t.tracer === undefined || waitingFor(s, t, z)) return;
  traceSignal(s, t, Signal.SIGCHLD);
}

/** A stop signal stops a running process (proc_stop): its stop is reportable again. */
export function stopProc(s: SpecState, p: SpecProc, sig: number): void {
  if (p.state !== 'running') return;
  if (p.dying && !s.params.stopDefersPendingKill) return; // a process about to die does not stop
  p.state = 'stopped';
  p.stopSig = sig;
  p.waited = false; // P_WAITED cleared on stop
  p.continued = false; // a later stop clears P_CONTINUED
  if (s.params.lateStopNotify) p.lateStop = true; // the last thread's tstop may clear P_WAITED again
}

/**
 * lateStopNotify: the late notification of `p`'s current stop happens now (P_WAITED cleared
 * again). Returns false when it cannot: not stopped, not reported yet, or already notified.
 */
export function lateStopNotify(p: SpecProc): boolean {
  if (p.state !== 'stopped' || !p.lateStop || !p.waited) return false;
  p.waited = false;
  p.lateStop = false;
  return true;
}

/** SIGCONT on a stopped process: it runs again and a continue is reportable (P_CONTINUED). */
export function continueProc(s: SpecState, p: SpecProc): void {
  if (p.state !== 'stopped') return;
  p.state = 'running';
  p.continued = true;
  p.lateStop = undefined;
  if (p.pendingSig !== undefined) {
    const sig = p.pendingSig;
    p.pendingSig = undefined;
    killProc(s, p.pid, { kind: 'killed', pid: p.pid, signal: sig });
  }
}
