/**
 * A Strategy driven by fast-check: a list of choice numbers, one per scheduler decision. 0 means
 * "keep running the thread that ran last" (when it is offered); k > 0 picks offered choice
 * k mod n. Past the end of the list every decision is 0. So the all-zero list (where shrinking
 * heads) is the least-interleaved schedule, and every non-zero entry is one deliberate switch:
 * shrunk counterexamples show exactly the preemptions that matter.
 */
import type { Choice, Strategy } from '../impl/api.js';
import { formatChoice } from '../impl/kernel/strategies.js';

export function choiceListStrategy(choices: readonly number[]): Strategy {
  let i = 0;
  let last = -1;
  return {
    name: `choices[${choices.join(',')}]+sticky`,
    pick(options: readonly Choice[]): number {
      if (options.length === 0) return 0;
      const c = i < choices.length ? choices[i]! : 0;
      i++;
      let pick: number;
      if (c > 0) {
        pick = c % options.length;
      } else {
        pick = options.findIndex((o) => o.kind === 'run' && o.tid === last);
        if (pick < 0) {
          // the last thread cannot run: the next thread id above it, wrapping around
          let best = -1;
          let lowest = 0;
          for (let k = 0; k < options.length; k++) {
            const tid = options[k]!.tid;
            if (options[k]!.kind === 'run' && tid > last && (best < 0 || tid < options[best]!.tid)) best = k;
            if (tid < options[lowest]!.tid) lowest = k;
          }
          pick = best >= 0 ? best : lowest;
        }
      }
      last = options[pick]!.tid;
      return pick;
    },
  };
}

export function formatChoices(schedule: readonly Choice[]): string[] {
  return schedule.map(formatChoice);
}

export function parseChoices(texts: readonly string[]): Choice[] {
  return texts.map((t, i) => {
    const m = /^(run|timeout|spurious|signal):(\d+)$/.exec(t);
    if (!m) throw new Error(`replay schedule entry ${i}: expected kind:tid (e.g. run:3), got '${t}'`);
    return { kind: m[1] as Choice['kind'], tid: Number(m[2]) };
  });
}
