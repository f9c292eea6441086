/**
 * Schedule search for directed tests and tools: runs a fixed scenario (setup to quiescence, then a
 * batch of concurrent commands) under many seeded random schedules, and reports the first run that
 * violates an invariant or deadlocks, with everything needed to replay it.
 */
import type { Choice, Command, KernelDriver, RunOutcome, Violation } from '../api.js';
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
  /** Distinct step-label sets seen (a rough measure of schedule diversity). */
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
    const d = prepare(spec);
    const handles = spec.race.map((c) => d.submit(c));
    // Odd seeds: uniform random; even seeds: sticky random (long solo runs of one thread).
    const strategy = seed % 2 === 1 ? randomStrategy(seed) : stickyRandomStrategy(seed);
    const o = d.run(strategy, spec.maxSteps ?? 50_000);
    seen.add(d.schedule().map((c) => `${c.kind[0]}${c.tid}`).join(''));
    const checkFailure = o.violations.length === 0 && o.deadlock === undefined && spec.check !== undefined ? spec.check(d, handles) : null;
    if (o.violations.length > 0 || o.deadlock !== undefined || checkFailure !== null) {
      const hit: { seed: number; violations: readonly Violation[]; schedule: readonly Choice[]; deadlock?: RunOutcome['deadlock']; checkFailure?: string } = {
        seed,
        violations: o.violations,
        schedule: [...d.schedule()],
      };
      if (o.deadlock !== undefined) hit.deadlock = o.deadlock;
      if (checkFailure !== null) hit.checkFailure = checkFailure;
      return { runs: seed, hit, distinctSchedules: seen.size };
    }
  }
  return { runs: spec.seeds, distinctSchedules: seen.size };
}
