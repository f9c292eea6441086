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
  if (!s.params.initReaps || z.ppid !== INIT_PID || z.state !== 'zombie' || z.traceZombie) return;
  reapZombie(s, z);
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
export function exitProc(s: SpecState, pid: Pid, report: WaitReport, caller: Pid = pid): void {
  const p = getProc(s, pid);
  if (p.state === 'zombie') return;
  // MINIX: decided before anything changes, from the caller's group (seed 004:283).
  const hupGroup = s.params.groupHupOnLeaderExit && findProc(s, caller)?.pgid === pid;
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
    // MINIX tracer_died: tracees of the dead tracer are killed; a zombie waiting to be seen by
    // the dead tracer becomes visible to its parent.
    for (const q of s.procs) {
      if (q.tracer !== pid || q.pid === pid) continue;
      q.tracer = undefined;
      if (q.state === 'zombie') q.traceZombie = false;
      else toKill.push(q.pid);
    }
  }
  // The zombie itself: SIGCHLD ignored / NOCLDWAIT in the parent hands it to the reaper.
  const parent = findProc(s, p.ppid);
  if (s.params.nocldwaitReparents && parent && parent.sigchld !== 'default') {
    p.ppid = reproc;
  }
  if (s.params.ptrace === 'reparent') {
    p.tracer = undefined; // P_TRACED cleared after signalling the parent (seed 000:622)
  } else if (p.tracer !== undefined && isLive(findProc(s, p.tracer))) {
    p.traceZombie = true; // MINIX zombify: TRACE_ZOMBIE, the tracer is told first
  } else {
    p.tracer = undefined;
  }
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
      if (live.tracer !== undefined) stopProc(s, live, Signal.SIGHUP);
      else killProc(s, live.pid, { kind: 'killed', pid: live.pid, signal: Signal.SIGHUP }, caller);
    }
  }
}

/**
 * A fatal signal for `pid`: it dies with `report`, at once or (deferDeaths) later in the
 * interleaving. A stopped process is set running to die (SIGKILL always runs it; a continue is
 * not reported for it).
 */
export function killProc(s: SpecState, pid: Pid, report: WaitReport, caller: Pid = pid): void {
  const p = findProc(s, pid);
  if (!isLive(p)) return;
  if (!s.deferDeaths) {
    exitProc(s, pid, report, caller);
    return;
  }
  if (p.dying) {
    if (p.state === 'stopped') p.state = 'running'; // SIGKILL runs a stopped process again
    return;
  }
  p.dying = report;
  p.dyingCaller = caller;
  p.pendingSig = undefined;
  if (p.state === 'stopped') p.state = 'running';
}

/** A stop signal stops a running process (proc_stop): its stop is reportable again. */
export function stopProc(s: SpecState, p: SpecProc, sig: number): void {
  if (p.state !== 'running') return;
  if (p.dying && !s.params.stopDefersPendingKill) return; // a process about to die does not stop
  p.state = 'stopped';
  p.stopSig = sig;
  p.waited = false; // P_WAITED cleared on stop
  p.continued = false; // a later stop clears P_CONTINUED
}

/** SIGCONT on a stopped process: it runs again and a continue is reportable (P_CONTINUED). */
export function continueProc(s: SpecState, p: SpecProc): void {
  if (p.state !== 'stopped') return;
  p.state = 'running';
  p.continued = true;
  if (p.pendingSig !== undefined) {
    const sig = p.pendingSig;
    p.pendingSig = undefined;
    killProc(s, p.pid, { kind: 'killed', pid: p.pid, signal: sig });
  }
}
