/**
 * The harness against drivers of known behaviour: the spec-built fake must pass, and every
 * deliberately wrong fake (a mutant) must be caught, shrunk, and replayable.
 */
import { describe, expect, it } from 'vitest';
import { BSD_PARAMS, MINIX_PARAMS } from '../spec/index.js';
import { FAKE_MUTANTS, createSpecDriver, type FakeMutant } from './fake-driver.js';
import { checkKernel, envRuns, failureOf, replayScenario, type HarnessConfig } from './harness.js';

const cfg = (mutant?: FakeMutant, params = BSD_PARAMS): HarnessConfig => ({
  name: mutant ? `fake(${mutant})` : 'fake',
  makeDriver: () => createSpecDriver(params, mutant),
  params,
});

describe('harness on the spec-built fake kernel', () => {
  it('a correct kernel passes (bsd)', () => {
    const d = checkKernel(cfg(), { numRuns: envRuns(60), seed: 42 });
    expect(d.failed, d.failed ? String(d.errorInstance) : '').toBe(false);
    expect(d.numRuns).toBeGreaterThan(0);
  });

  it('a correct kernel passes (minix parameters)', () => {
    const d = checkKernel(cfg(undefined, MINIX_PARAMS), { numRuns: envRuns(40), seed: 7 });
    expect(d.failed, d.failed ? String(d.errorInstance) : '').toBe(false);
  });

  for (const mutant of FAKE_MUTANTS) {
    it(`catches the mutant '${mutant}', shrinks it, and the replay reproduces it`, () => {
      const c = cfg(mutant);
      const d = checkKernel(c, { numRuns: 1000, seed: 1 });
      expect(d.failed).toBe(true);
      const f = failureOf(d);
      expect(f, String(d.errorInstance)).toBeDefined();
      // shrunk: a handful of commands
      expect(f!.replay.commands.length).toBeLessThanOrEqual(8);
      const again = replayScenario(c, f!.replay);
      expect(again).toBeDefined();
      expect(again).toBe(f!.message.split('\nreplay:')[0]);
      // the same commands pass on the correct fake: the failure is the mutant's, not the scenario's
      expect(replayScenario(cfg(), f!.replay, { ignoreSchedule: true })).toBeUndefined();
      if (process.env['SHOW_FAILURES']) console.log(f!.message);
    });
  }
});
