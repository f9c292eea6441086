/**
 * Schedule search for directed tests and tools: runs a fixed scenario (setup to quiescence, then a
 * batch of concurrent commands) under many seeded random schedules, and reports the first run that
 * violates an invariant or deadlocks, with everything needed to replay it.
 */
import type { Choice, Command, KernelDriver, RunOutcome, Strategy, Violation } from '../api.js';
import { randomStrategy, roundRobinStrategy, stickyRandomStrategy } from './strategies.js';

export interface SearchSpec {
  /** A fresh kernel. */
  readonly make: () => KernelDriver;
  /** Commands run one at a time to quiescence (round-robin) before the race. */
  readonly setup: readonly Command[];
  /** Commands submitted together, then run under the searched schedule. */
  readonly race: readonly Command[];
  /** Seeds tried: 1..seeds (odd: uniform random schedules, even: sticky random). */
  readonly seeds: number;
  readonly maxSteps?: number;
  /** Extra check of the final state; returns a message on failure. */
  readonly check?: (d: KernelDriver, handles: readonly { done: boolean; result?: unknown }[]) => string | null;
}

export interface SearchHit {
  readonly seed: number;
  readonly violations: readonly Violation[];
  readonly deadlock?: RunOutcome['deadlock'];
  readonly checkFailure?: string;
  readonly schedule: readonly Choice[];
}

export interface SearchResult {
  readonly runs: number;
  readonly hit?: SearchHit;
  /** Distinct schedules (choice sequences) run (a rough measure of schedule diversity). */
  readonly distinctSchedules: number;
}

/** Runs the setup of `spec` on a fresh kernel; throws if a setup command fails. */
export function prepare(spec: SearchSpec): KernelDriver {
  const d = spec.make();
  const rr = roundRobinStrategy();
  for (const c of spec.setup) {
    const h = d.submit(c);
    const o = d.run(rr, spec.maxSteps ?? 50_000);
    if (!h.done || h.result?.error !== 0 || o.violations.length > 0) {
      throw new Error(`setup command ${JSON.stringify(c)} failed: ${JSON.stringify(h.result)} ${JSON.stringify(o.violations)}`);
    }
  }
  return d;
}

export function searchSchedules(spec: SearchSpec): SearchResult {
  const seen = new Set<string>();
  for (let seed = 1; seed <= spec.seeds; seed++) {
    // Odd seeds: uniform random; even seeds: sticky random (long solo runs of one thread).
    const run = runOnce(spec, () => (seed % 2 === 1 ? randomStrategy(seed) : stickyRandomStrategy(seed)));
    seen.add(scheduleKey(run.d));
    const hit = hitOf(spec, seed, run);
    if (hit !== undefined) return { runs: seed, hit, distinctSchedules: seen.size };
  }
  return { runs: spec.seeds, distinctSchedules: seen.size };
}

/**
 * The default schedule of the bounded search: keep running the thread that ran last while it has
 * a `run` choice; otherwise take the first offered choice (lowest thread id). At the race steps in
 * `deviations` (step index counted from the race start -> option index) it takes that option.
 */
function deviatingStrategy(raceStart: number, deviations: ReadonlyMap<number, number>, widths?: number[], defaults?: number[]): Strategy {
  let last = -1;
  return {
    name: 'bounded',
    pick(options: readonly Choice[], step: number): number {
      const rel = step - raceStart;
      let def = 0;
      for (let j = 0; j < options.length; j++) {
        if (options[j]!.tid === last && options[j]!.kind === 'run') {
          def = j;
          break;
        }
      }
      if (widths !== undefined) widths[rel] = options.length;
      if (defaults !== undefined) defaults[rel] = def;
      let i = deviations.get(rel);
      if (i === undefined || i >= options.length) i = def;
      last = options[i]!.tid;
      return i;
    },
  };
}

interface Run {
  readonly d: KernelDriver;
  readonly o: RunOutcome;
  readonly handles: readonly { done: boolean; result?: unknown }[];
}

/** Prepares `spec`, submits its race and runs it under `strategy` (given the race's first step). */
function runOnce(spec: SearchSpec, strategy: (raceStart: number) => Strategy): Run {
  const d = prepare(spec);
  const handles = spec.race.map((c) => d.submit(c));
  const o = d.run(strategy(d.schedule().length), spec.maxSteps ?? 50_000);
  return { d, o, handles };
}

/** A run's schedule as a string, to count distinct schedules. */
function scheduleKey(d: KernelDriver): string {
  return d.schedule().map((c) => `${c.kind[0]}${c.tid}`).join('');
}

/** The hit of a run that violated an invariant, deadlocked or failed `spec.check`; else undefined. */
function hitOf(spec: SearchSpec, seed: number, { d, o, handles }: Run): SearchHit | undefined {
  const checkFailure = o.violations.length === 0 && o.deadlock === undefined && spec.check !== undefined ? spec.check(d, handles) : null;
  if (o.violations.length === 0 && o.deadlock === undefined && checkFailure === null) return undefined;
  const hit: { seed: number; violations: readonly Violation[]; schedule: readonly Choice[]; deadlock?: RunOutcome['deadlock']; checkFailure?: string } = {
    seed,
    violations: o.violations,
    schedule: [...d.schedule()],
  };
  if (o.deadlock !== undefined) hit.deadlock = o.deadlock;
  if (checkFailure !== null) hit.checkFailure = checkFailure;
  return hit;
}

/**
 * Systematic search: every schedule that differs from the default (run the current thread until
 * it blocks, then the lowest thread id) in at most `maxDeviations` choices (a deviation takes any
 * other offered choice at some step of the race). With 1 it finds every bug that needs one
 * thread preempted once (e.g. a child's whole exit between the parent's scan and its sleep).
 * `limit` bounds the number of runs (the result says how many were made).
 */
export function boundedSearch(spec: SearchSpec, maxDeviations = 1, limit = 20_000): SearchResult & { readonly complete: boolean } {
  const seen = new Set<string>();
  let runs = 0;
  const attempt = (devs: Map<number, number>, widths: number[], defaults: number[]): SearchHit | undefined => {
    runs++;
    const run = runOnce(spec, (start) => deviatingStrategy(start, devs, widths, defaults));
    seen.add(scheduleKey(run.d));
    return hitOf(spec, 0, run);
  };
  // Depth-first over deviation sets with increasing step indices.
  const explore = (devs: Map<number, number>, from: number): SearchHit | 'limit' | undefined => {
    const widths: number[] = [];
    const defaults: number[] = [];
    const hit = attempt(devs, widths, defaults);
    if (hit !== undefined) return hit;
    if (devs.size >= maxDeviations) return undefined;
    for (let step = from; step < widths.length; step++) {
      const w = widths[step] ?? 1;
      for (let alt = 0; alt < w; alt++) {
        if (alt === defaults[step]) continue; // the run without this deviation, already made
        if (runs >= limit) return 'limit';
        const next = new Map(devs);
        next.set(step, alt);
        const r = explore(next, step + 1);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  };
  const r = explore(new Map(), 0);
  if (r === 'limit') return { runs, distinctSchedules: seen.size, complete: false };
  if (r !== undefined) return { runs, hit: r, distinctSchedules: seen.size, complete: true };
  return { runs, distinctSchedules: seen.size, complete: true };
}
