/**
 * The oracle: (a) the model state (SpecState), (b) `allowed(state, call)`: every result a call may
 * return right now, and whether it may still be blocked, (c) `apply(state, cmd, result)`: check an
 * observed result is allowed and advance the model. `checkStep` judges one driver step: a new
 * command plus every blocked call that finished in the same run, in whatever order they took
 * effect (the kernel is concurrent), then the quiescence rule (no blocked wait may have something
 * to report: that would be a lost wakeup) and the observable process table.
 */
import { INIT_PID, type Command, type CommandResult, type ProcTableView } from '../impl/api.js';
import { commandOutcomes, resultMatches, type NonWaitCommand } from './commands.js';
import { exitProc, initCollectAll, initHasWork, lateStopNotify } from './lifecycle.js';
import { cloneState, findProc, type PendingCall, type SpecState, type WaitCommand } from './state.js';
import { diffViews, modelView, stableJson } from './view.js';
import { applyWaitResult, sameResult, waitChoices } from './wait.js';

export interface Allowed {
  readonly results: readonly CommandResult[];
  /** The call may legitimately not have returned yet (blocked wait, or an exit path). */
  readonly mayBlock: boolean;
}

/** Every acceptable result of `call` now. Non-wait commands: see commandOutcomes. */
export function allowed(s: SpecState, call: PendingCall | { readonly cmd: NonWaitCommand; readonly tid: number }): Allowed {
  if ('handle' in call) return waitChoices(s, call);
  const outs = commandOutcomes(s, call.cmd, call.tid);
  return { results: outs.flatMap((o) => o.results), mayBlock: outs.some((o) => o.noReturn) };
}

export type Verdict = { readonly ok: true; readonly state: SpecState } | { readonly ok: false; readonly reason: string };

/** Checks one observed result of a call and advances the model (one sequential step). */
export function apply(s: SpecState, cmd: Command, tid: number, observed: CommandResult | undefined, handle = -1): Verdict {
  if (cmd.kind === 'wait') {
    const myPgid = findProc(s, cmd.pid)?.pgid;
    const call: PendingCall = { handle, pid: cmd.pid, tid, cmd, signalled: false, ...(myPgid !== undefined ? { myPgids: [myPgid] } : {}) };
    const st = cloneState(s);
    st.pending.push(call);
    if (!observed) {
      const c = waitChoices(st, call);
      return c.mayBlock ? { ok: true, state: st } : { ok: false, reason: `${describe(cmd)} should not block: allowed ${fmtResults(c.results)}` };
    }
    return completeWait(st, call, observed);
  }
  const outs = commandOutcomes(s, cmd, tid, observed);
  const reasons: string[] = [];
  for (const o of outs) {
    if (!observed) {
      if (o.noReturn) return { ok: true, state: o.state };
      reasons.push(`${describe(cmd)} did not return; it must return one of ${fmtResults(o.results)}`);
      continue;
    }
    if (o.noReturn || o.results.some((e) => resultMatches(e, observed))) return { ok: true, state: o.state };
    reasons.push(`${describe(cmd)} returned ${stableJson(observed)}; allowed ${fmtResults(o.results)}`);
  }
  return { ok: false, reason: reasons.join('; ') };
}

function completeWait(s: SpecState, call: PendingCall, r: CommandResult): Verdict {
  const c = waitChoices(s, call);
  if (!c.results.some((e) => sameResult(e, r))) {
    // lateStopNotify: a stop already reported is reportable again once its late notification
    // (the last thread's tstop) has cleared P_WAITED; let it happen just before this report.
    const child = r.report?.kind === 'stopped' ? findProc(s, r.report.pid) : undefined;
    if (child?.lateStop && child.waited && child.state === 'stopped') {
      const st = cloneState(s);
      lateStopNotify(findProc(st, child.pid)!);
      if (waitChoices(st, call).results.some((e) => sameResult(e, r))) return completeWait(st, call, r);
    }
    return { ok: false, reason: `${describe(call.cmd)} (handle ${call.handle}) returned ${stableJson(r)}; allowed now: ${fmtResults(c.results)}${c.mayBlock ? ' or still blocked' : ''}` };
  }
  const st = cloneState(s);
  applyWaitResult(st, call, r);
  return { ok: true, state: st };
}

export interface Completion {
  readonly handle: number;
  readonly result: CommandResult;
}

/** A command submitted in this step. */
export interface Submitted {
  readonly cmd: Command;
  readonly handle: number;
  readonly tid: number;
}

export interface StepInput extends Submitted {
  /** Further commands submitted together with `cmd` (they run concurrently with it). */
  readonly also?: readonly Submitted[];
  /** Every handle (a new one or a previously blocked wait) that finished during this run. */
  readonly done: readonly Completion[];
  readonly view: ProcTableView;
}

type Event =
  | { readonly kind: 'cmd'; readonly sub: Submitted }
  | { readonly kind: 'complete'; readonly c: Completion }
  | { readonly kind: 'die'; readonly pid: number }
  /** A waiter takes the zombie `pid` it will report (PWAITRES; optional, before its completion). */
  | { readonly kind: 'hide'; readonly pid: number; readonly handle: number }
  /**
   * initIsOwnParent: INIT's reaping loop runs before INIT's own new wait4 reached PM (optional,
   * offered while that call is entering and INIT has zombies to collect).
   */
  | { readonly kind: 'initLoop' };

/**
 * Judges one run to quiescence. Tries every order of the events (each new command's effect and
 * each completion); accepts if one order has every result allowed, no blocked wait left with
 * something to report, and the predicted table equal to the observed one. New wait calls are
 * blocked calls from the start, so they may take effect before or after the other events.
 */
export function checkStep(s: SpecState, input: StepInput): Verdict {
  const base = cloneState(s);
  base.deferDeaths = true;
  const subs: Submitted[] = [{ cmd: input.cmd, handle: input.handle, tid: input.tid }, ...(input.also ?? [])];
  const events: Event[] = [];
  for (const sub of subs) {
    if (sub.cmd.kind === 'wait') {
      const myPgid = findProc(base, sub.cmd.pid)?.pgid;
      base.pending.push({ handle: sub.handle, pid: sub.cmd.pid, tid: sub.tid, cmd: sub.cmd, signalled: false, entering: true, ...(myPgid !== undefined ? { myPgids: [myPgid] } : {}) });
    } else {
      events.push({ kind: 'cmd', sub });
    }
  }
  const nonWait = new Set(subs.filter((x) => x.cmd.kind !== 'wait').map((x) => x.handle));
  for (const c of input.done) {
    if (nonWait.has(c.handle)) continue;
    const call = base.pending.find((p) => p.handle === c.handle);
    if (!call) continue;
    events.push({ kind: 'complete', c });
    const r = c.result.report;
    if (s.params.waitresHidesZombie && c.result.error === 0 && r && (r.kind === 'exited' || r.kind === 'killed')) {
      events.push({ kind: 'hide', pid: r.pid, handle: c.handle });
    }
  }
  // Why each order failed (deepest first), so a mismatch explains every interleaving tried.
  const failures = new Map<string, number>();
  const fail = (depth: number, reason: string): void => {
    failures.set(reason, Math.max(depth, failures.get(reason) ?? -1));
  };
  /** The checks at quiescence, once every event has taken effect in this order. */
  const atEnd = (st: SpecState, depth: number, unreturned: readonly Submitted[]): SpecState | undefined => {
    const alive = unreturned.find((u) => {
      const p = findProc(st, u.cmd.pid);
      return p !== undefined && p.state !== 'zombie' && p.tids.includes(u.tid);
    });
    if (alive) {
      fail(depth, `${describe(alive.cmd)} did not return what it should, and its thread is still alive`);
      return undefined;
    }
    const stuck = st.pending.find((c) => !waitChoices(st, c).mayBlock);
    if (stuck) {
      const choices = waitChoices(st, stuck);
      fail(depth, `lost wakeup: ${describe(stuck.cmd)} (handle ${stuck.handle}) is still blocked at quiescence but could return ${fmtResults(choices.results)}`);
      return undefined;
    }
    const diff = diffViews(modelView(st), input.view);
    if (diff.length > 0) {
      fail(depth, `process table differs from the model after ${subs.map((x) => describe(x.cmd)).join(' || ')}:\n  ${diff.join('\n  ')}`);
      return undefined;
    }
    if (!collect) return st;
    fits.push(st);
    return fits.length >= MAX_FITS ? st : undefined;
  };
  // MINIX (tracedSignalsToTracer): orders that fit may disagree on the signals held for a tracer,
  // which nothing shows yet (e.g. a child's SIGCHLD before or after its parent was attached). The
  // search goes on after the first fit (bounded), and mergeHeld keeps the signals held in every
  // fitting order as held, the others as maybe held.
  const collect = s.params.tracedSignalsToTracer;
  const fits: SpecState[] = [];
  const MAX_FITS = 8;
  let afterFit = 0;
  const search = (st: SpecState, left: readonly Event[], depth: number, unreturnedIn: readonly Submitted[] = []): SpecState | undefined => {
    if (fits.length > 0 && ++afterFit > 400) return fits[0];
    let unreturned = unreturnedIn;
    const dying = st.procs.filter((p) => p.dying && p.state === 'running').map((p): Event => ({ kind: 'die', pid: p.pid }));
    const optional: Event[] =
      st.params.initIsOwnParent && st.params.initReaps && st.pending.some((c) => c.pid === INIT_PID && c.entering) && initHasWork(st) ? [{ kind: 'initLoop' }] : [];
    if (left.length === 0 && dying.length === 0) {
      const end = atEnd(st, depth, unreturned);
      if (end || optional.length === 0) return end;
    }
    const options = [...left, ...dying, ...optional];
    for (let i = 0; i < options.length; i++) {
      const ev = options[i]!;
      const rest = i < left.length ? left.filter((_, j) => j !== i) : left;
      let next: SpecState;
      let restAfter = rest;
      /** Further states to try after `next` (a fork that did not return may have made its child). */
      let alts: SpecState[] = [];
      if (ev.kind === 'initLoop') {
        next = cloneState(st);
        // the loop runs while INIT's own call has not been sent: that call does not hold it back
        const own = next.pending;
        next.pending = own.filter((c) => !(c.pid === INIT_PID && c.entering));
        initCollectAll(next);
        next.pending = own;
      } else if (ev.kind === 'hide') {
        const z = findProc(st, ev.pid);
        if (!z || z.state !== 'zombie' || z.hiddenBy !== undefined) continue;
        next = cloneState(st);
        findProc(next, ev.pid)!.hiddenBy = ev.handle;
        for (const c of next.pending) if (c.handle !== ev.handle) c.blindTo = [...(c.blindTo ?? []), ev.pid];
      } else if (ev.kind === 'die') {
        next = cloneState(st);
        const p = findProc(next, ev.pid)!;
        const report = p.dying!;
        const caller = p.dyingCallerPgid;
        p.dying = undefined;
        p.dyingCallerPgid = undefined;
        exitProc(next, ev.pid, report, caller);
      } else if (ev.kind === 'cmd') {
        const issuer = findProc(st, ev.sub.cmd.pid);
        if (!issuer || issuer.state === 'zombie' || (ev.sub.tid !== undefined && subs.length > 1 && !issuer.tids.includes(ev.sub.tid))) {
          next = st; // its thread died first (a concurrent exit or kill): it never runs
        } else {
          const own = input.done.find((d) => d.handle === ev.sub.handle);
          let v = apply(st, ev.sub.cmd, ev.sub.tid, own?.result);
          if (!v.ok) {
            // Not returned, or returned something else (e.g. EINTR): fine only if its thread
            // dies later in this order (checked at the end), since then no user sees it.
            fail(depth + 1, v.reason);
            const outs = commandOutcomes(st, ev.sub.cmd as NonWaitCommand, ev.sub.tid, own?.result);
            if (outs[0]) {
              v = { ok: true, state: outs[0].state };
              unreturned = [...unreturned, ev.sub];
              if (ev.sub.cmd.kind === 'fork') alts = forkChildren(st, ev.sub, input.view);
            }
          }
          if (!v.ok) continue; // its reason was recorded above
          next = v.state;
        }
      } else {
        const call = st.pending.find((p) => p.handle === ev.c.handle);
        // its inspection ends with it (a hide not taken by now is dropped)
        restAfter = rest.filter((e) => !(e.kind === 'hide' && e.handle === ev.c.handle));
        const base2 = st.procs.some((p) => p.hiddenBy === ev.c.handle) ? cloneState(st) : st;
        for (const p of base2.procs) if (p.hiddenBy === ev.c.handle) p.hiddenBy = undefined;
        if (!call || !findProc(base2, call.pid)) {
          next = base2; // its process died first: the result is never seen by anyone
        } else {
          const v = completeWait(base2, call, ev.c.result);
          if (!v.ok) {
            fail(depth + 1, v.reason);
            continue;
          }
          next = v.state;
        }
      }
      let r = search(next, restAfter, depth + 1, unreturned);
      for (const alt of alts) r ??= search(alt, restAfter, depth + 1, unreturned);
      unreturned = unreturnedIn;
      if (r) return r;
    }
    return undefined;
  };
  const found = search(base, events, 0) ?? fits[0];
  const res = found ? mergeHeld(found, fits) : undefined;
  if (res) {
    res.deferDeaths = false;
    for (const c of res.pending) delete c.entering;
    return { ok: true, state: res };
  }
  const reasons = [...failures].sort((a, b) => b[1] - a[1]).map(([r]) => r);
  if (reasons.length <= 1) return { ok: false, reason: reasons[0] ?? 'no order of events fits' };
  return { ok: false, reason: `no order of the ${events.length} events fits:\n- ${reasons.slice(0, 4).join('\n- ')}` };
}

/** `res` with each tracee's held signals narrowed to those held in every fitting state `fits`. */
function mergeHeld(res: SpecState, fits: readonly SpecState[]): SpecState {
  if (fits.length <= 1) return res;
  for (const p of res.procs) {
    if (p.tracer === undefined || p.state !== 'stopped') continue;
    const same = fits.map((o) => findProc(o, p.pid)).filter((q): q is NonNullable<typeof q> => q !== undefined && q.tracer === p.tracer && q.state === p.state);
    const all = [p, ...same];
    const held = (p.sigtrace ?? []).filter((x) => all.every((q) => (q.sigtrace ?? []).includes(x)));
    const maybe = [...new Set(all.flatMap((q) => [...(q.sigtrace ?? []), ...(q.maybeHeld ?? [])]))].filter((x) => !held.includes(x)).sort((a, b) => a - b);
    if (p.sigtrace) p.sigtrace = held;
    if (maybe.length > 0) p.maybeHeld = maybe;
  }
  return res;
}

/**
 * A fork whose thread dies before it returns may still have created its child (MINIX: do_fork ran
 * and the parent was killed during the VFS round trip; the child goes to INIT with NEW_PARENT, seed
 * 004:380-381). The model cannot know its pid, so each process of the observed table the model
 * does not have is tried as that child.
 */
function forkChildren(st: SpecState, sub: Submitted, view: ProcTableView): SpecState[] {
  const out: SpecState[] = [];
  for (const v of view.procs) {
    if (v.pid === INIT_PID || findProc(st, v.pid)) continue;
    const o = commandOutcomes(st, sub.cmd as NonWaitCommand, sub.tid, { error: 0, pid: v.pid })[0];
    if (o && findProc(o.state, v.pid)) out.push(o.state);
  }
  return out;
}

export function fmtResults(rs: readonly CommandResult[]): string {
  return rs.length === 0 ? '(nothing)' : rs.map((r) => stableJson(r)).join(' | ');
}

/** One-line human form of a command, used in failure messages and replays. */
export function describe(cmd: Command): string {
  const tid = 'tid' in cmd && cmd.tid !== undefined ? `/t${cmd.tid}` : '';
  switch (cmd.kind) {
    case 'wait': {
      const opts = Object.entries(cmd.options).filter(([, v]) => v).map(([k]) => k).join('|') || '0';
      return cmd.api === 'wait4'
        ? `[${cmd.pid}${tid}] wait4(${cmd.id}, ${opts})`
        : `[${cmd.pid}${tid}] wait6(${cmd.idtype}, ${cmd.id}, ${opts})`;
    }
    case 'exit':
      return `[${cmd.pid}${tid}] exit(${cmd.status})`;
    case 'extexit':
      return `[${cmd.pid}${tid}] extexit(${cmd.who}, ${cmd.action}, ${cmd.status})`;
    case 'kill':
      return `[${cmd.pid}] kill(${cmd.target}, ${cmd.sig})`;
    case 'ptrace_attach':
      return `[${cmd.pid}] ptrace(PT_ATTACH, ${cmd.target})`;
    case 'sigchld':
      return `[${cmd.pid}] sigchld(${cmd.disposition})`;
    case 'setpgid':
      return `[${cmd.pid}] setpgid(0, ${cmd.pgid})`;
    default:
      return `[${cmd.pid}] ${cmd.kind}()`;
  }
}
