/**
 * The MINIX PM kernel (impl/minix, seed 004) against spec/ with flavour 'minix' and the full
 * command mix MINIX has, ptrace attach included: a check of spec/'s MINIX parameters
 * (docs/spec.md, "Parameters"). E7's properties/minix-spec.test.ts runs the same harness with
 * its own mutants. Only INIT's own waits are not generated: INIT is its own parent in MINIX and
 * its SIGCHLD loop collects in the background.
 */
import { describe, expect, it } from 'vitest';
import { createMinixKernel } from '../impl/minix/index.js';
import { specParams } from '../spec/index.js';
import { checkKernel, coverage, envRuns, failureOf, replayScenario, type HarnessConfig } from './harness.js';

const minix: HarnessConfig = {
  name: 'minix',
  // NR_PROCS = maxProcs + 1: PM's own slot is in the table but not a user-visible process.
  makeDriver: () => createMinixKernel({ nrProcs: 9 }),
  params: specParams('minix', { maxProcs: 8 }),
  maxProcs: 9,
  kinds: ['fork', 'wait', 'exit', 'kill', 'sigchld', 'setsid', 'setpgid', 'ptrace_attach', 'lwp_create', 'extexit', 'reaper_acquire'],
  avoid: (_s, cmd) => (cmd.kind === 'wait' && cmd.pid === 1 ? 'INIT is its own parent' : undefined),
};

describe('MINIX PM against spec/ (all MINIX parameters)', () => {
  it('random commands, message orders and races agree with the spec; invariants hold', () => {
    coverage.clear();
    const d = checkKernel(minix, { numRuns: envRuns(150), seed: 404, maxCommands: 25 });
    const f = failureOf(d);
    if (f) expect(replayScenario(minix, f.replay)).toBe(f.message.split('\nreplay:')[0]);
    expect(d.failed, f ? f.message : String(d.errorInstance)).toBe(false);
    const seen = (key: string): number => [...coverage].filter(([k]) => k === key || k.startsWith(`${key} (`)).reduce((n, [, v]) => n + v, 0);
    // exits, kills, tracer stop reports, EAGAIN-free forks, absent syscalls, concurrency all occurred
    for (const key of ['wait:exited', 'wait:killed', 'wait:stopped', 'wait:errno 10', 'wait:nohang-0', 'fork:ok', 'ptrace_attach:ok', 'steps:concurrent']) {
      expect(seen(key), `outcome ${key} never exercised`).toBeGreaterThan(0);
    }
  });
});
