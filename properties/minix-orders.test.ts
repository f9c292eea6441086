/**
 * Random message orders on the MINIX PM: a process tree is built, then a batch of calls (exit,
 * kill, wait4, fork, ptrace attach, setsid) is submitted *at once* and run under a
 * fast-check-chosen order of user calls, PM messages and VFS replies, so VFS replies overtake or
 * trail parent deaths, waits and tracer exits. Every invariant of impl/minix/invariants.ts is
 * checked after every step, and at quiescence no call may be stuck (deadlock).
 *
 * The same property must fail on every mutant of the catalogue, for one of the reasons the
 * catalogue names (this is what shows each mutant is caught by an invariant or a deadlock).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command, SignalName } from '../impl/api.js';
import { MINIX_MUTANTS, createMinixKernel, type MinixMutant } from '../impl/minix/index.js';
import { envRuns } from './harness.js';
import { first } from './minix-helpers.js';
import { choiceListStrategy } from './schedule.js';

type BatchKind = 'exit' | 'kill' | 'wait' | 'waitnohang' | 'fork' | 'attach' | 'setsid';

interface BatchCmd {
  readonly kind: BatchKind;
  readonly who: number;
  readonly target: number;
  readonly sig: SignalName;
  readonly status: number;
}

interface Scenario {
  /** Parent index (into the live user processes) of each setup fork. */
  readonly forks: readonly number[];
  /** Setup ptrace attachments: [tracer index, tracee index]. */
  readonly attaches: readonly (readonly [number, number])[];
  readonly batch: readonly BatchCmd[];
  readonly choices: readonly number[];
}

const batchArb: fc.Arbitrary<BatchCmd> = fc.record({
  kind: fc.constantFrom<BatchKind>('exit', 'exit', 'kill', 'wait', 'wait', 'waitnohang', 'fork', 'attach', 'setsid'),
  who: fc.nat(7),
  target: fc.nat(7),
  sig: fc.constantFrom<SignalName>('SIGKILL', 'SIGTERM', 'SIGHUP', 'SIGCHLD', 'SIGCONT'),
  status: fc.nat(300),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  forks: fc.array(fc.nat(5), { minLength: 1, maxLength: 5 }),
  attaches: fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 2 }),
  batch: fc.array(batchArb, { minLength: 1, maxLength: 7 }),
  choices: fc.array(fc.nat(20), { maxLength: 80 }),
});

interface ScenarioOutcome {
  readonly violations: readonly { invariant: string; message: string }[];
  readonly deadlock: readonly string[];
  readonly quiescent: boolean;
}

/** Runs a scenario on a fresh kernel; the setup runs to quiescence before the batch. */
function runScenario(sc: Scenario, mutant?: MinixMutant): ScenarioOutcome {
  const k = createMinixKernel({ nrProcs: 10, ...(mutant !== undefined ? { mutant } : {}) });
  const users = (): number[] => k.view().procs.filter((p) => p.pid !== 1 && p.state === 'running').map((p) => p.pid);
  for (const f of sc.forks) {
    const u = users();
    k.submit({ kind: 'fork', pid: u[f % u.length]! });
    k.run(first, 10_000);
  }
  for (const [a, b] of sc.attaches) {
    const u = users();
    const tracer = u[a % u.length]!;
    const tracee = u[b % u.length]!;
    if (tracer !== tracee) k.submit({ kind: 'ptrace_attach', pid: tracer, target: tracee });
    k.run(first, 10_000);
  }
  const all = k.view().procs.filter((p) => p.pid !== 1).map((p) => p.pid);
  for (const b of sc.batch) {
    const who = all[b.who % all.length]!;
    const target = all[b.target % all.length]!;
    let cmd: Command;
    switch (b.kind) {
      case 'exit':
        cmd = { kind: 'exit', pid: who, status: b.status };
        break;
      case 'kill':
        cmd = { kind: 'kill', pid: who, target, sig: b.sig };
        break;
      case 'wait':
      case 'waitnohang':
        cmd = { kind: 'wait', pid: who, api: 'wait4', idtype: 'P_ALL', id: b.target % 3 === 0 ? target : -1, options: { WNOHANG: b.kind === 'waitnohang' } };
        break;
      case 'fork':
        cmd = { kind: 'fork', pid: who };
        break;
      case 'attach':
        cmd = { kind: 'ptrace_attach', pid: who, target };
        break;
      case 'setsid':
        cmd = { kind: 'setsid', pid: who };
        break;
    }
    k.submit(cmd);
  }
  const out = k.run(choiceListStrategy(sc.choices), 50_000);
  return {
    violations: k.violations().map((v) => ({ invariant: v.invariant, message: v.message })),
    deadlock: (out.deadlock ?? []).map((b) => `${b.name} in ${b.wchan}`),
    quiescent: out.quiescent,
  };
}

function describeFailure(o: ScenarioOutcome): string {
  return [...o.violations.map((v) => `${v.invariant}: ${v.message}`), ...o.deadlock.map((d) => `deadlock: ${d}`), ...(o.quiescent || o.deadlock.length > 0 || o.violations.length > 0 ? [] : ['no quiescence'])].join('; ');
}

describe('MINIX PM under random message orders', () => {
  it('clean kernel: every invariant holds at every step and no call is stuck', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const o = runScenario(sc);
        if (o.violations.length > 0 || o.deadlock.length > 0 || !o.quiescent) throw new Error(describeFailure(o));
      }),
      { numRuns: envRuns(400), seed: 5 },
    );
  });

  for (const m of MINIX_MUTANTS) {
    it(`mutant ${m.name} is caught (${m.caughtBy.join(' or ')})`, () => {
      const d = fc.check(
        fc.property(scenarioArb, (sc) => {
          const o = runScenario(sc, m.name);
          return o.violations.length === 0 && o.deadlock.length === 0 && o.quiescent;
        }),
        { numRuns: 3000, seed: 17 },
      );
      expect(d.failed, `mutant ${m.name} survived ${d.numRuns} scenarios`).toBe(true);
      const o = runScenario(d.counterexample![0], m.name);
      const first = o.violations[0]?.invariant;
      expect(m.caughtBy, describeFailure(o)).toContain(first);
      // and the very same scenario is clean on the real kernel
      const clean = runScenario(d.counterexample![0]);
      expect(describeFailure(clean)).toBe('');
    });
  }
});
