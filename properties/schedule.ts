/**
 * A Strategy driven by fast-check: a list of choice indices (each taken modulo the number of
 * offered choices), then round-robin once the list runs out. Shrinking the list shrinks the
 * interleaving towards "always the first offered choice".
 */
import type { Choice, Strategy } from '../impl/api.js';

export function choiceListStrategy(choices: readonly number[]): Strategy {
  let i = 0;
  let last = -1;
  return {
    name: `choices[${choices.join(',')}]+roundrobin`,
    pick(options: readonly Choice[]): number {
      if (options.length === 0) return 0;
      if (i < choices.length) return choices[i++]! % options.length;
      // round-robin over thread ids: the next tid above the last one picked, wrapping around
      let best = -1;
      let lowest = 0;
      for (let k = 0; k < options.length; k++) {
        const tid = options[k]!.tid;
        if (tid > last && (best < 0 || tid < options[best]!.tid)) best = k;
        if (tid < options[lowest]!.tid) lowest = k;
      }
      const pick = best >= 0 ? best : lowest;
      last = options[pick]!.tid;
      return pick;
    },
  };
}

export function formatChoices(schedule: readonly Choice[]): string[] {
  return schedule.map((c) => `${c.kind}:${c.tid}`);
}

export function parseChoices(texts: readonly string[]): Choice[] {
  return texts.map((t, i) => {
    const m = /^(run|timeout|spurious|signal):(\d+)$/.exec(t);
    if (!m) throw new Error(`replay schedule entry ${i}: expected kind:tid (e.g. run:3), got '${t}'`);
    return { kind: m[1] as Choice['kind'], tid: Number(m[2]) };
  });
}
