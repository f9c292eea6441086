/**
 * Kernel-independent random scenarios over the Command type of impl/api.ts, and running them on a
 * KernelDriver: batches of commands (so several threads act at once) each run to quiescence under
 * a strategy, with the script (submits and step counts) recorded so a run replays exactly.
 */
import type { Command, IdType, KernelDriver, ProcView, RunOutcome, SignalName, Strategy, Violation, WaitOptions } from './api.js';
import { ID_TYPES, INIT_PID } from './api.js';
import { Prng } from './kernel/strategies.js';

/** One entry of a run's script: submit a command, or run the scheduler for a number of steps. */
export type ScriptEntry = { readonly submit: Command } | { readonly run: number };

export interface ScenarioOptions {
  /** Command batches per run. */
  readonly batches?: number;
  /** Most commands per batch. */
  readonly maxBatch?: number;
  /** Most live processes before fork stops being generated. */
  readonly maxProcs?: number;
  /** Scheduler steps allowed per batch. */
  readonly maxSteps?: number;
}

export interface ScenarioRun {
  readonly script: ScriptEntry[];
  readonly steps: number;
  readonly violations: readonly Violation[];
  readonly deadlock?: RunOutcome['deadlock'];
  /** True when a batch hit maxSteps without reaching quiescence. */
  readonly exhausted: boolean;
}

const pick = <T>(rng: Prng, xs: readonly T[]): T => xs[rng.below(xs.length)]!;

const SIGS: readonly SignalName[] = ['SIGKILL', 'SIGTERM', 'SIGSTOP', 'SIGCONT', 'SIGKILL', 'SIGCHLD', 'SIGSTOP', 'SIGCONT'];

function waitOptions(rng: Prng, api: 'wait4' | 'wait6'): WaitOptions {
  const r = rng.below(16);
  const o: { -readonly [K in keyof WaitOptions]: WaitOptions[K] } = {};
  if (api === 'wait6') o.WEXITED = rng.below(5) !== 0;
  if (r === 0) o.WNOHANG = true;
  if (r === 1 || r === 2) o.WUNTRACED = true;
  if (r === 3 || r === 2 || r === 8 || r === 9) o.WCONTINUED = true;
  if (r === 4) o.WNOWAIT = true;
  if (r === 5 && api === 'wait6') o.WTRAPPED = true;
  if (r === 6 && rng.below(4) === 0) o.WLINUXCLONE = true;
  if (r === 7 && rng.below(4) === 0) o.invalidBits = true;
  return o;
}

/** A random command for the current process table (issuers are live, non-zombie processes). */
export function randomCommand(rng: Prng, procs: readonly ProcView[], opts: ScenarioOptions = {}): Command {
  const live = procs.filter((p) => p.state !== 'zombie');
  const users = live.filter((p) => p.pid !== INIT_PID);
  const maxProcs = opts.maxProcs ?? 8;
  const anyPid = (): number => (rng.below(10) === 0 ? 999 : pick(rng, procs).pid);
  const tidOf = (p: ProcView): number | undefined => (rng.below(2) === 0 ? undefined : 1 + rng.below(Math.max(1, p.nthreads + 1)));
  for (;;) {
    const r = rng.below(100);
    if (r < 18) {
      if (live.length >= maxProcs) continue;
      return { kind: 'fork', pid: pick(rng, live).pid };
    }
    if (r < 26) {
      if (users.length === 0) continue;
      const p = pick(rng, users);
      if (p.nthreads >= 3) continue;
      return { kind: 'lwp_create', pid: p.pid };
    }
    if (r < 40) {
      if (users.length === 0) continue;
      const p = pick(rng, users);
      const tid = tidOf(p);
      const status = rng.below(4);
      return tid === undefined ? { kind: 'exit', pid: p.pid, status } : { kind: 'exit', pid: p.pid, tid, status };
    }
    if (r < 46) {
      if (users.length === 0) continue;
      const p = pick(rng, users);
      const who = rng.below(8) === 0 ? 'invalid' : rng.below(2) === 0 ? 'EXTEXIT_PROC' : 'EXTEXIT_LWP';
      const action = rng.below(8) === 0 ? 'invalid' : rng.below(2) === 0 ? 'EXTEXIT_SIMPLE' : 'EXTEXIT_SETINT';
      const tid = tidOf(p);
      const base = { kind: 'extexit' as const, pid: p.pid, who, action, status: rng.below(4) } as const;
      return tid === undefined ? base : { ...base, tid };
    }
    if (r < 70) {
      const p = pick(rng, live);
      const api = rng.below(2) === 0 ? 'wait4' : 'wait6';
      const kids = procs.filter((c) => c.ppid === p.pid);
      const tid = tidOf(p);
      let idtype: IdType = 'P_ALL';
      let id = -1;
      if (api === 'wait4') {
        const c = rng.below(4);
        id = c === 0 || kids.length === 0 ? -1 : c === 1 ? 0 : c === 2 ? -pick(rng, kids).pgid : pick(rng, kids).pid;
        idtype = id === -1 ? 'P_ALL' : id === 0 || id < 0 ? 'P_PGID' : 'P_PID';
      } else {
        idtype = pick(rng, ID_TYPES);
        const c = kids.length === 0 ? undefined : pick(rng, kids);
        switch (idtype) {
          case 'P_ALL':
            id = 0;
            break;
          case 'P_PID':
            id = c?.pid ?? 0;
            break;
          case 'P_PGID':
            id = c?.pgid ?? 0;
            break;
          case 'P_SID':
            id = c?.sid ?? p.sid;
            break;
          case 'P_UID':
            id = c?.uid ?? 0;
            break;
          case 'P_GID':
            id = c?.gid ?? 0;
            break;
          case 'P_JAILID':
            id = c?.jail ?? 0;
            break;
        }
      }
      const base = { kind: 'wait' as const, pid: p.pid, api, idtype, id, options: waitOptions(rng, api) } as const;
      return tid === undefined ? base : { ...base, tid };
    }
    if (r < 82) return { kind: 'kill', pid: pick(rng, live).pid, target: anyPid(), sig: pick(rng, SIGS) };
    if (r < 86) return { kind: 'reaper_acquire', pid: pick(rng, live).pid };
    if (r < 88) return { kind: 'reaper_release', pid: pick(rng, live).pid };
    if (r < 92) return { kind: 'ptrace_attach', pid: pick(rng, live).pid, target: anyPid() };
    if (r < 96) {
      const d = rng.below(3);
      return { kind: 'sigchld', pid: pick(rng, live).pid, disposition: d === 0 ? 'default' : d === 1 ? 'ignore' : 'nocldwait' };
    }
    if (r < 98) return { kind: 'setpgid', pid: pick(rng, live).pid, pgid: rng.below(2) === 0 ? 0 : anyPid() };
    return { kind: 'setsid', pid: pick(rng, live).pid };
  }
}

/**
 * Runs a random scenario seeded by `seed` on `driver`: `batches` batches of 1..maxBatch commands,
 * each run under `strategy` until quiescent (or maxSteps). Stops at the first violation.
 */
export function runRandomScenario(driver: KernelDriver, strategy: Strategy, seed: number, opts: ScenarioOptions = {}): ScenarioRun {
  const rng = new Prng(seed ^ 0x9e3779b9);
  const batches = opts.batches ?? 12;
  const maxBatch = opts.maxBatch ?? 3;
  const maxSteps = opts.maxSteps ?? 20_000;
  const script: ScriptEntry[] = [];
  let steps = 0;
  let exhausted = false;
  let last: RunOutcome | undefined;
  for (let b = 0; b < batches; b++) {
    const n = 1 + rng.below(maxBatch);
    for (let i = 0; i < n; i++) {
      const cmd = randomCommand(rng, driver.view().procs, opts);
      driver.submit(cmd);
      script.push({ submit: cmd });
    }
    last = driver.run(strategy, maxSteps);
    script.push({ run: last.steps });
    steps += last.steps;
    if (last.violations.length > 0 || last.deadlock !== undefined) break;
    if (!last.quiescent) {
      exhausted = true;
      break;
    }
  }
  return scenarioRun(script, steps, last, exhausted);
}

/** Replays a recorded script on a fresh driver with a replay strategy. */
export function replayScript(driver: KernelDriver, strategy: Strategy, script: readonly ScriptEntry[]): ScenarioRun {
  let steps = 0;
  let last: RunOutcome | undefined;
  for (const e of script) {
    if ('submit' in e) driver.submit(e.submit);
    else {
      last = driver.run(strategy, e.run);
      steps += last.steps;
    }
  }
  return scenarioRun([...script], steps, last, false);
}

/** A ScenarioRun from a script, its step total and the outcome of its last run (if any). */
function scenarioRun(script: ScriptEntry[], steps: number, last: RunOutcome | undefined, exhausted: boolean): ScenarioRun {
  const out: { script: ScriptEntry[]; steps: number; violations: readonly Violation[]; exhausted: boolean; deadlock?: RunOutcome['deadlock'] } = {
    script,
    steps,
    violations: last?.violations ?? [],
    exhausted,
  };
  if (last?.deadlock !== undefined) out.deadlock = last.deadlock;
  return out;
}
