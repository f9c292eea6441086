/**
 * Scheduling strategies: seeded random (a small fast PRNG), round-robin, and replay of an explicit
 * schedule. All are deterministic: the same inputs give the same picks.
 */
import type { Choice, Strategy } from '../api.js';

/** mulberry32: a 32-bit seeded PRNG, fast and allocation-free. Returns floats in [0, 1). */
export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform integer in [0, n). */
  below(n: number): number {
    return this.nextU32() % n;
  }
  next(): number {
    return this.nextU32() / 4294967296;
  }
}

/** Picks uniformly among the offered choices with a seeded PRNG. */
export function randomStrategy(seed: number): Strategy {
  const rng = new Prng(seed);
  return {
    name: `random(${seed})`,
    pick(options: readonly Choice[]): number {
      return options.length === 1 ? 0 : rng.below(options.length);
    },
  };
}

/**
 * Round-robin over thread ids: picks the first choice whose thread id is greater than the last
 * picked one (wrapping around); among one thread's choices, the first offered.
 */
export function roundRobinStrategy(): Strategy {
  let last = 0;
  return {
    name: 'roundrobin',
    pick(options: readonly Choice[]): number {
      let best = -1;
      let lowest = -1;
      for (let i = 0; i < options.length; i++) {
        const tid = options[i]!.tid;
        if (tid > last && (best < 0 || tid < options[best]!.tid)) best = i;
        if (lowest < 0 || tid < options[lowest]!.tid) lowest = i;
      }
      const i = best >= 0 ? best : lowest;
      last = options[i]!.tid;
      return i;
    },
  };
}

/** A replayed schedule asked for a choice the run does not offer (or ran out). */
export class ScheduleDivergence extends Error {
  constructor(
    readonly step: number,
    readonly expected: Choice | undefined,
    readonly offered: readonly Choice[],
  ) {
    super(
      expected === undefined
        ? `schedule exhausted at step ${step}; offered: ${offered.map(formatChoice).join(', ')}`
        : `schedule diverges at step ${step}: it says ${formatChoice(expected)} but the run offers ${
            offered.length === 0 ? 'nothing' : offered.map(formatChoice).join(', ')
          }`,
    );
    this.name = 'ScheduleDivergence';
  }
}

export function formatChoice(c: Choice): string {
  return `${c.kind}:${c.tid}`;
}

/** Parses `run:3`, `timeout:4`, `spurious:2`, `signal:5`, or a bare thread id (= run). */
export function parseChoice(text: string): Choice | undefined {
  const m = /^(?:(run|timeout|spurious|signal):)?(\d+)$/.exec(text.trim());
  if (m === null) return undefined;
  const tid = Number(m[2]);
  const kind = (m[1] ?? 'run') as Choice['kind'];
  return { kind, tid };
}

/**
 * Replays `schedule` (choices, in order), counting from the scheduler step at which it is first
 * asked (`offset`, default 0). Throws ScheduleDivergence when the run does not offer the next
 * recorded choice or the schedule is exhausted.
 */
export function replayStrategy(schedule: readonly Choice[], offset = 0): Strategy {
  return {
    name: 'replay',
    pick(options: readonly Choice[], step: number): number {
      const c = schedule[step - offset];
      if (c === undefined) throw new ScheduleDivergence(step, undefined, [...options]);
      for (let i = 0; i < options.length; i++) {
        const o = options[i]!;
        if (o.tid === c.tid && o.kind === c.kind) return i;
      }
      throw new ScheduleDivergence(step, c, [...options]);
    },
  };
}

/**
 * Seeded random with stickiness: with probability `stay` keeps running the thread it picked last
 * (when that thread is offered a choice), otherwise picks uniformly. Long solo runs of one thread
 * reach interleavings where one thread does many steps between two steps of another (e.g. a
 * child's whole exit between a parent's scan and its sleep), which uniform choice rarely does.
 */
export function stickyRandomStrategy(seed: number, stay = 0.9): Strategy {
  const rng = new Prng(seed);
  const threshold = Math.floor(stay * 4294967296);
  let last = -1;
  return {
    name: `sticky(${seed})`,
    pick(options: readonly Choice[]): number {
      if (options.length === 1) {
        last = options[0]!.tid;
        return 0;
      }
      if (last >= 0 && rng.nextU32() < threshold) {
        for (let i = 0; i < options.length; i++) if (options[i]!.tid === last && options[i]!.kind === 'run') return i;
      }
      const i = rng.below(options.length);
      last = options[i]!.tid;
      return i;
    },
  };
}
