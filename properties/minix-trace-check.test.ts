/**
 * The implementation against the TLA+ model, run by run: random MINIX scenarios (fork, exit,
 * SIGKILL, wait4, ptrace attach, under random schedules) are exported as ITF traces of
 * tla/MinixPM.tla (impl/minix/trace.ts, Atomic = TRUE: one TLA+ step per PM message) and checked
 * with exitspec's trace checker; each step must be the TLA+ action named by the impl's step label.
 * A trace from a mutant kernel must be rejected by the clean model.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceCheck } from '../bridge/index.js';
import type { Command } from '../impl/api.js';
import { randomStrategy } from '../impl/kernel/strategies.js';
import { createMinixKernel, type MinixMutant } from '../impl/minix/index.js';
import { recordTlaTrace } from '../impl/minix/trace.js';
import type { ItfTrace } from '../bridge/result.js';
import { envRuns } from './harness.js';

const SPEC = join(import.meta.dirname, '..', 'tla', 'MCMinixPMTraceCheck.tla');

interface Op {
  readonly kind: 'fork' | 'exit' | 'kill' | 'wait' | 'waitpid' | 'nohang' | 'attach';
  readonly who: number;
  readonly target: number;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom<Op['kind']>('fork', 'fork', 'exit', 'kill', 'wait', 'waitpid', 'nohang', 'attach'),
  who: fc.nat(9),
  target: fc.nat(9),
});

/** Runs batches of ops on a fresh kernel (10 slots, shells in slots 8 and 9) and returns its ITF trace. */
function traceOf(batches: readonly (readonly Op[])[], seed: number, mutant?: MinixMutant): ItfTrace {
  // shells in the last slots: forks take slots 2..7 in round-robin order and never reach a freed
  // shell's slot, so no slot is reused
  const k = createMinixKernel({ nrProcs: 10, bootProcs: 2, bootSlots: [8, 9], ...(mutant !== undefined ? { mutant } : {}) });
  const rec = recordTlaTrace(k);
  let forks = 0;
  const strategy = randomStrategy(seed);
  for (const batch of batches) {
    for (const op of batch) {
      const users = k.view().procs.filter((p) => p.pid !== 1 && p.state !== 'zombie').map((p) => p.pid);
      if (users.length === 0) break;
      const who = users[op.who % users.length]!;
      const target = users[op.target % users.length]!;
      const kids = k.view().procs.filter((p) => p.ppid === who).map((p) => p.pid);

      let cmd: Command | undefined;
      switch (op.kind) {
        case 'fork':
          // at most six forks: the ten slots are never reused (the model's pids are slots)
          if (forks++ < 6) cmd = { kind: 'fork', pid: who };
          break;
        case 'exit':
          cmd = { kind: 'exit', pid: who, status: 0 };
          break;
        case 'kill':
          cmd = { kind: 'kill', pid: who, target, sig: 'SIGKILL' };
          break;
        case 'wait':
        case 'nohang':
          cmd = { kind: 'wait', pid: who, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WNOHANG: op.kind === 'nohang' } };
          break;
        case 'waitpid':
          if (kids.length > 0) cmd = { kind: 'wait', pid: who, api: 'wait4', idtype: 'P_PID', id: kids[op.target % kids.length]!, options: {} };
          break;
        case 'attach':
          if (target !== who) cmd = { kind: 'ptrace_attach', pid: who, target };
          break;
      }
      if (cmd !== undefined) k.submit(cmd);
    }
    k.run(strategy, 5000);
  }
  return rec.trace();
}

const scenarioArb = fc.record({
  batches: fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
  seed: fc.nat(1_000_000),
});

describe('impl/minix runs are behaviours of tla/MinixPM.tla', () => {
  it('random runs trace-check against the model, step by step and label by label', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ batches, seed }) => {
        const trace = traceOf(batches, seed);
        const r = await traceCheck({ trace, spec: SPEC });
        if (!r.ok) throw new Error(`${r.message}\n${JSON.stringify(r.failure)}`);
      }),
      { numRuns: envRuns(60), seed: 23 },
    );
  });

  it('a run of mutant cleanup_while_vfs_call is rejected by the clean model', async () => {
    // the shell forks a child that exits while the shell waits: in order (a) the mutant frees the
    // slot before VFS replied, which no clean MinixPM step does
    let rejected = 0;
    for (let seed = 0; seed < 20 && rejected === 0; seed++) {
      // users are [2, 3, 4] after the fork: who 2 is the child (pid 4)
      const batches: Op[][] = [[{ kind: 'fork', who: 0, target: 0 }], [{ kind: 'wait', who: 0, target: 0 }, { kind: 'exit', who: 2, target: 0 }]];
      const clean = await traceCheck({ trace: traceOf(batches, seed), spec: SPEC });
      expect(clean.ok, clean.message).toBe(true);
      const r = await traceCheck({ trace: traceOf(batches, seed, 'cleanup_while_vfs_call'), spec: SPEC });
      if (!r.ok) {
        rejected++;
        expect(r.failure?.label).toMatch(/do_wait4_tell_parent|handle_vfs_reply_exit/);
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });
});
