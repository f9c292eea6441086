/**
 * allHoldFast, the per-step hot path, is exactly the conjunction of the named invariants
 * (INVARIANTS): checked after every step of random scenarios on the current revision and on the
 * mutants, with the kernel's own per-step check off so that violating states are reached too.
 */
import { describe, expect, it } from 'vitest';
import { randomStrategy, stickyRandomStrategy, Prng } from '../kernel/strategies.js';
import { randomCommand } from '../scenario.js';
import { INVARIANTS, allHoldFast } from './invariants.js';
import { MUTANTS, createDragonflyKernel } from './index.js';

describe('allHoldFast', () => {
  it('agrees with the named invariants after every step (current revision and every mutant)', () => {
    let violating = 0;
    let steps = 0;
    for (const mutant of [undefined, ...MUTANTS.map((m) => m.name)]) {
      for (let seed = 1; seed <= 12; seed++) {
        const d = createDragonflyKernel({ invariants: false, ...(mutant === undefined ? {} : { mutant }) });
        const rng = new Prng(seed);
        const strategy = seed % 2 === 1 ? randomStrategy(seed) : stickyRandomStrategy(seed);
        for (let batch = 0; batch < 8; batch++) {
          for (let i = 0, n = 1 + rng.below(3); i < n; i++) d.submit(randomCommand(rng, d.view().procs));
          for (let s = 0; s < 2000; s++) {
            const o = d.run(strategy, 1);
            if (o.steps === 0) break;
            steps++;
            const failed = Object.keys(INVARIANTS).filter((name) => INVARIANTS[name]!(d.k) !== null);
            if (failed.length > 0) violating++;
            expect(allHoldFast(d.k), `${mutant ?? 'current'} seed ${seed} step ${steps}: ${failed.join(',')}`).toBe(failed.length === 0);
          }
        }
      }
    }
    expect(steps).toBeGreaterThan(1000);
    expect(violating, 'the mutants reach violating states, so both answers are exercised').toBeGreaterThan(0);
  });
});
