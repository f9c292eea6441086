/**
 * wait4/wait6 as a user observes them: argument decoding, which children match, which of them
 * has something to report, and what collecting a report changes.
 *
 * Sources: POSIX wait(2)/waitid(2); DragonFly wait(2) and kern_wait (seed 000:903-1455): wait4's
 * pid encoding (seed 000:912-927), option validation (seed 000:1006-1012), the idtype filters
 * (seed 000:1063-1113), WLINUXCLONE (seed 000:1120-1124), zombie/stop/continue reports
 * (seed 000:1127-1408), ECHILD/WNOHANG (seed 000:1412-1420). MINIX do_wait4 (seed 004:474-564).
 */
import { Errno, INIT_PID, type CommandResult, type IdType, type Pid, type WaitReport } from '../impl/api.js';
import { ANY_ERROR } from './commands.js';
import { initCollect, initCollectAll, notifyDeath, reapZombie } from './lifecycle.js';
import { findProc, getProc, type PendingCall, type SpecProc, type SpecState, type WaitCommand } from './state.js';

/** Options after the syscall layer: what kern_wait actually tests. */
export interface EffectiveOptions {
  readonly WNOHANG: boolean;
  readonly WSTOPPED: boolean;
  readonly WCONTINUED: boolean;
  readonly WEXITED: boolean;
  readonly WTRAPPED: boolean;
  readonly WNOWAIT: boolean;
  readonly WLINUXCLONE: boolean;
}

export type DecodedWait =
  | { readonly ok: false; readonly error: number }
  | { readonly ok: true; readonly idtype: IdType; readonly id: number; readonly options: EffectiveOptions };

/**
 * sys_wait4/sys_wait6 argument decoding and kern_wait's EINVAL checks. `myPgid`: the group
 * WAIT_MYPGRP was read as at the call's entry (default: the waiter's current group).
 */
export function decodeWait(s: SpecState, waiter: SpecProc, cmd: WaitCommand, myPgid: number = waiter.pgid): DecodedWait {
  const o = cmd.options;
  const params = s.params;
  if (cmd.api === 'wait6' && !params.wait6) return { ok: false, error: ANY_ERROR }; // no such syscall
  if (params.waitOptions && o.invalidBits) return { ok: false, error: Errno.EINVAL };
  let options: EffectiveOptions;
  if (!params.waitOptions) {
    // MINIX: everything but WNOHANG is ignored; exits are always reported, stops to tracers.
    options = { WNOHANG: !!o.WNOHANG, WSTOPPED: false, WCONTINUED: false, WEXITED: true, WTRAPPED: true, WNOWAIT: false, WLINUXCLONE: false };
  } else {
    const wait4 = cmd.api === 'wait4';
    options = {
      WNOHANG: !!o.WNOHANG,
      WSTOPPED: !!o.WUNTRACED,
      WCONTINUED: !!o.WCONTINUED,
      WEXITED: wait4 || !!o.WEXITED, // wait4 adds WEXITED|WTRAPPED (seed 000:912)
      WTRAPPED: wait4 || !!o.WTRAPPED,
      WNOWAIT: !!o.WNOWAIT,
      WLINUXCLONE: !!o.WLINUXCLONE,
    };
    if (!options.WEXITED && !options.WSTOPPED && !options.WCONTINUED && !options.WTRAPPED) {
      return { ok: false, error: Errno.EINVAL }; // seed 000:1010-1012
    }
  }
  if (cmd.api === 'wait4') {
    const pid = cmd.id;
    if (pid === -1) return { ok: true, idtype: 'P_ALL', id: 0, options };
    if (pid === 0 && params.waitMyPgrpOneIsAny && myPgid === 1) return { ok: true, idtype: 'P_ALL', id: 0, options };
    if (pid === 0) return { ok: true, idtype: 'P_PGID', id: myPgid, options };
    if (pid < 0) return { ok: true, idtype: 'P_PGID', id: -pid, options };
    return { ok: true, idtype: 'P_PID', id: pid, options };
  }
  if ((cmd.idtype === 'P_PID' || cmd.idtype === 'P_PGID') && cmd.id === 0) {
    return { ok: true, idtype: 'P_PGID', id: myPgid, options }; // WAIT_MYPGRP (seed 000:960-971)
  }
  return { ok: true, idtype: cmd.idtype, id: cmd.id, options };
}

/** The idtype filter of kern_wait. Unjailed children match any P_JAILID (seed 000:1098-1107). */
export function matchesId(p: SpecProc, idtype: IdType, id: number): boolean {
  switch (idtype) {
    case 'P_ALL':
      return true;
    case 'P_PID':
      return p.pid === id;
    case 'P_PGID':
      return p.pgid === id;
    case 'P_SID':
      return p.sid === id;
    case 'P_UID':
      return p.uid === id;
    case 'P_GID':
      return p.gid === id;
    case 'P_JAILID':
      return p.jail === 0 || p.jail === id;
  }
}

/** Processes `waiter` may wait for: its children, and (MINIX) its tracees. */
export function waitableBy(s: SpecState, waiter: Pid): SpecProc[] {
  if (s.params.ptrace === 'reparent') return s.procs.filter((p) => p.ppid === waiter && p.pid !== waiter);
  // MINIX do_wait4: parent or tracer; a tracer no longer sees a non-child zombie it was told of.
  return s.procs.filter(
    (p) =>
      p.pid !== waiter &&
      (p.ppid === waiter || p.tracer === waiter) &&
      !(p.ppid !== waiter && p.state === 'zombie' && !p.traceZombie),
  );
}

/** What `waiter` would be told about child `p` right now, if anything. */
export function reportOf(s: SpecState, waiter: Pid, p: SpecProc, o: EffectiveOptions): WaitReport | undefined {
  const minix = s.params.ptrace === 'pseudo-parent';
  if (p.state === 'zombie' && o.WEXITED && p.exit) {
    // MINIX do_wait4 (seed 004:480-508): the tracer collects a TRACE_ZOMBIE, the parent a ZOMBIE
    // (a zombie keeps mp_tracer after its tracer was told, so tracer == waiter is not enough).
    if (minix && (p.traceZombie ? p.tracer !== waiter : p.ppid !== waiter)) return undefined;
    return p.exit;
  }
  if (s.params.tracedSignalsToTracer && p.tracer === waiter && p.state === 'stopped') {
    const sig = p.sigtrace?.[0];
    return sig === undefined || !o.WTRAPPED ? undefined : { kind: 'stopped', pid: p.pid, signal: sig };
  }
  if (p.state === 'stopped' && !p.waited) {
    const traced = minix ? p.tracer === waiter : p.tracer !== undefined;
    const jobControl = s.params.jobControlReports && o.WSTOPPED && (!minix || p.ppid === waiter);
    if ((traced && o.WTRAPPED) || jobControl) return { kind: 'stopped', pid: p.pid, signal: p.stopSig };
  }
  if (s.params.jobControlReports && o.WCONTINUED && p.continued) return { kind: 'continued', pid: p.pid };
  return undefined;
}

/** Everything a wait call may observe now. */
export interface WaitChoices {
  /** Acceptable completions (each a full CommandResult). */
  readonly results: readonly CommandResult[];
  /** The call may legitimately still be blocked. */
  readonly mayBlock: boolean;
}

export function waitChoices(s: SpecState, call: PendingCall): WaitChoices {
  const pgids = call.myPgids;
  if (pgids === undefined || pgids.length <= 1) return waitChoicesIn(s, call, pgids?.[0]);
  // entered concurrently with a setpgid/setsid of its process: either group may have been read
  const each = pgids.map((g) => waitChoicesIn(s, call, g));
  const results: CommandResult[] = [];
  for (const r of each.flatMap((c) => c.results)) if (!results.some((x) => sameResult(x, r) && sameResult(r, x))) results.push(r);
  return { results, mayBlock: each.some((c) => c.mayBlock) };
}

function waitChoicesIn(s: SpecState, call: PendingCall, myPgid: number | undefined): WaitChoices {
  const waiter = findProc(s, call.pid);
  if (!waiter || waiter.state === 'zombie') return { results: [], mayBlock: true };
  const interrupted: CommandResult[] = call.signalled ? [{ error: Errno.EINTR }, { error: Errno.ERESTART }] : [];
  const d = decodeWait(s, waiter, call.cmd, myPgid ?? waiter.pgid);
  if (!d.ok) return { results: [{ error: d.error }], mayBlock: false };
  const matching = d.options.WLINUXCLONE ? [] : waitableBy(s, call.pid).filter((p) => matchesId(p, d.idtype, d.id));
  // A zombie another waiter is collecting (PWAITRES) is skipped and not counted.
  const found = matching.filter((p) => p.hiddenBy === undefined || p.hiddenBy === call.handle);
  if (found.length < matching.length) {
    const blind: CommandResult[] = d.options.WNOHANG ? [{ error: 0, pid: 0 }, { error: Errno.ECHILD }] : [{ error: Errno.ECHILD }];
    const seen = found.flatMap((p) => {
      const report = reportOf(s, call.pid, p, d.options);
      return report ? [{ error: 0, pid: p.pid, report }] : [];
    });
    return { results: [...seen, ...blind, ...interrupted], mayBlock: true };
  }
  const results: CommandResult[] = [];
  for (const p of found) {
    const report = reportOf(s, call.pid, p, d.options);
    if (report) results.push({ error: 0, pid: p.pid, report });
  }
  // initIsOwnParent: INIT counts itself as a child (never ECHILD when its pid test admits INIT).
  const selfChild = s.params.initIsOwnParent && call.pid === INIT_PID && matchesId(waiter, d.idtype, d.id);
  // MINIX: signals that may be held for this tracer are optional reports (SpecProc.maybeHeld).
  const lingering: CommandResult[] = found.flatMap((p) =>
    p.state === 'stopped' && p.tracer === call.pid ? (p.maybeHeld ?? []).map((sig) => ({ error: 0, pid: p.pid, report: { kind: 'stopped' as const, pid: p.pid, signal: sig } })) : [],
  );
  const stopped = waiter.state === 'stopped';
  const blind = results.length > 0 && results.every((r) => r.pid !== undefined && (call.blindTo ?? []).includes(r.pid));
  if (results.length > 0) return { results: [...results, ...lingering, ...interrupted], mayBlock: stopped || blind };
  if (found.length === 0 && !selfChild) return { results: [{ error: Errno.ECHILD }, ...interrupted], mayBlock: true };
  if (d.options.WNOHANG) return { results: [{ error: 0, pid: 0 }, ...lingering], mayBlock: stopped };
  return { results: [...lingering, ...interrupted], mayBlock: true };
}

/** Does observed `b` satisfy expected `a` (ANY_ERROR in `a` matches any non-zero errno)? */
export function sameResult(a: CommandResult, b: CommandResult): boolean {
  if (a.error === ANY_ERROR) return b.error !== 0;
  if (a.error !== b.error) return false;
  if (a.error !== 0) return true;
  if ((a.pid ?? 0) !== (b.pid ?? 0)) return false;
  const ra = a.report;
  const rb = b.report;
  if (!ra || !rb) return !ra && !rb;
  return JSON.stringify(ra, Object.keys(ra).sort()) === JSON.stringify(rb, Object.keys(rb).sort());
}

/**
 * The completed wait `call` returned `r` (already checked to be allowed): advance the model.
 * Collecting a zombie frees it or gives it back to p_oppid (seed 000:1235-1249); a stop report
 * sets P_WAITED, a continue report clears P_CONTINUED, both unless WNOWAIT (seed 000:1334-1408).
 */
export function applyWaitResult(s: SpecState, call: PendingCall, r: CommandResult): void {
  applyWaitResultTo(s, call, r);
  // initIsOwnParent: INIT's own call returned, so its reaping loop runs again.
  if (s.params.initIsOwnParent && call.pid === INIT_PID) initCollectAll(s);
}

function applyWaitResultTo(s: SpecState, call: PendingCall, r: CommandResult): void {
  s.pending = s.pending.filter((c) => c.handle !== call.handle);
  const waiter = findProc(s, call.pid);
  if (!waiter || r.error !== 0 || !r.report || !r.pid) return;
  const d = decodeWait(s, waiter, call.cmd);
  if (!d.ok || d.options.WNOWAIT) return;
  const child = getProc(s, r.pid);
  switch (r.report.kind) {
    case 'exited':
    case 'killed':
      if (s.params.ptrace === 'pseudo-parent' && child.traceZombie && child.tracer === call.pid) {
        // MINIX tell_tracer, then check_parent: the parent is told; mp_tracer stays set until
        // the tracer dies (seed 004:705-726, 738).
        child.traceZombie = false;
        notifyDeath(s, child, child.ppid);
        initCollect(s, child);
      } else {
        reapZombie(s, child);
      }
      return;
    case 'stopped':
      if (s.params.tracedSignalsToTracer && child.tracer === call.pid) {
        const sig = r.report.signal;
        child.sigtrace = (child.sigtrace ?? []).filter((x) => x !== sig);
        if (child.maybeHeld) child.maybeHeld = child.maybeHeld.filter((x) => x !== sig);
      } else {
        child.waited = true;
      }
      return;
    case 'continued':
      child.continued = false;
      return;
  }
}
