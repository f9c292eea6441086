/**
 * The MINIX kernel against spec/ through the kernel-generic stateful harness (flavour 'minix'):
 * random command sequences (fork, wait4, exit, kill, ptrace attach, sigchld, setsid...) each run
 * to quiescence under a fast-check-chosen order of PM messages, VFS replies and user calls.
 */
import { describe, expect, it } from 'vitest';
import { createMinixKernel } from '../impl/minix/index.js';
import { specParams } from '../spec/index.js';
import { checkKernel, envRuns, failureOf, type HarnessConfig } from './harness.js';

const params = specParams('minix', { maxProcs: 8 });

export const minixHarness: HarnessConfig = {
  name: 'minix',
  // NR_PROCS = maxProcs + 1: PM's own slot is in the table but not a user-visible process.
  makeDriver: () => createMinixKernel({ nrProcs: 9 }),
  params,
  maxProcs: 9,
};

describe('MINIX PM against spec/ (flavour minix)', () => {
  it('random command sequences and message orders agree with the spec, invariants hold', () => {
    const d = checkKernel(minixHarness, { numRuns: envRuns(150), seed: 11, maxCommands: 25 });
    const f = failureOf(d);
    expect(d.failed, f ? f.message : String(d.errorInstance)).toBe(false);
  });
});
