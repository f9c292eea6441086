/**
 * The MINIX kernel against spec/ through the kernel-generic stateful harness (flavour 'minix'):
 * random command sequences (fork, wait4, exit, kill, sigchld, setsid, ptrace attach, and the calls
 * MINIX does not have: setpgid, extexit) each run to quiescence under a fast-check-chosen order of
 * PM messages, VFS replies and user calls; the kernel's invariants are checked after every step.
 * Every command is generated, INIT's own wait4 included: where MINIX differs from BSD, spec/ has a
 * documented parameter (docs/spec.md, "Parameters"; docs/minix.md, "spec/ and MINIX").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Errno, type Command, type CommandHandle, type KernelDriver } from '../impl/api.js';
import { createMinixKernel } from '../impl/minix/index.js';
import { specParams, type SpecParams } from '../spec/index.js';
import { KernelCommand, abstractCmdArb, envRuns, failureOf, newReal, replayScenario, type HarnessConfig, type Model, type Real } from './harness.js';

const params = specParams('minix', { maxProcs: 8 });
const KINDS: readonly Command['kind'][] = ['fork', 'wait', 'exit', 'kill', 'sigchld', 'setsid', 'setpgid', 'extexit', 'ptrace_attach'];

const minixHarness: HarnessConfig = {
  name: 'minix',
  // NR_PROCS = maxProcs + 1: PM's own slot is in the table but is not a user-visible process.
  makeDriver: () => createMinixKernel({ nrProcs: 9 }),
  params,
  maxProcs: 9,
  kinds: KINDS,
};

function minixCommands(cfg: HarnessConfig, maxCommands: number): fc.Arbitrary<Iterable<fc.Command<Model, Real>>> {
  const one = fc
    .tuple(
      abstractCmdArb(KINDS),
      fc.array(fc.nat(15), { maxLength: 48 }),
    )
    .map(([abs, choices]) => new KernelCommand(abs, choices, cfg));
  return fc.commands([one], { maxCommands, size: 'large' });
}

function check(cfg: HarnessConfig, numRuns: number, seed: number): fc.RunDetails<[Iterable<fc.Command<Model, Real>>]> {
  const prop = fc.property(minixCommands(cfg, 25), (cmds) => {
    fc.modelRun(() => newReal(cfg), cmds);
  });
  return fc.check(prop, { numRuns, seed });
}

/** The harness with one MINIX parameter set to its BSD value. */
function withParam(over: Partial<SpecParams>): HarnessConfig {
  return { ...minixHarness, name: `minix(${Object.keys(over).join(',')})`, params: specParams('minix', { maxProcs: 8, ...over }) };
}

describe('MINIX PM against spec/ (flavour minix)', () => {
  it('random command sequences and message orders agree with the spec, invariants hold', () => {
    // INIT's own wait4 calls, by outcome: the generator must reach the INIT cases it used to skip
    const init = new Map<string, number>();
    const handles: CommandHandle[] = [];
    const cfg: HarnessConfig = {
      ...minixHarness,
      makeDriver: () => {
        const k: KernelDriver = createMinixKernel({ nrProcs: 9 });
        const submit = (c: Command): CommandHandle => {
          const h = k.submit(c);
          if (c.kind === 'wait' && c.pid === 1) handles.push(h);
          return h;
        };
        return { kernel: k.kernel, submit, run: (st, n) => k.run(st, n), view: () => k.view(), schedule: () => k.schedule(), labelsCovered: () => k.labelsCovered() };
      },
    };
    const d = check(cfg, envRuns(150), 11);
    const f = failureOf(d);
    expect(d.failed, f ? f.message : String(d.errorInstance)).toBe(false);
    for (const h of handles) {
      const r = h.result;
      const key = !h.done || !r ? 'blocked' : r.error !== 0 ? `errno ${r.error}` : r.pid ? (r.report?.kind ?? '?') : 'nohang-0';
      init.set(key, (init.get(key) ?? 0) + 1);
    }
    // WNOHANG 0 (INIT counts itself), a block with nothing to wait for, and collected children
    for (const key of ['nohang-0', 'blocked', 'exited']) expect(init.get(key) ?? 0, `INIT wait4 outcome ${key} never seen: ${JSON.stringify([...init])}`).toBeGreaterThan(0);
  });

  it('the harness catches mutant forget_told_parent (a collected child counts again) and its replay reproduces it', () => {
    const cfg: HarnessConfig = { ...minixHarness, name: 'minix(forget_told_parent)', makeDriver: () => createMinixKernel({ nrProcs: 9, mutant: 'forget_told_parent' }) };
    const d = check(cfg, 400, 3);
    expect(d.failed).toBe(true);
    const f = failureOf(d);
    expect(f, String(d.errorInstance)).toBeDefined();
    expect(f!.message).toMatch(/free_only_when_quiesced|exited_notified/);
    expect(replayScenario(cfg, f!.replay)).toBe(f!.message.split('\nreplay:')[0]);
    // the same commands and schedule pass on the real kernel
    expect(replayScenario(minixHarness, f!.replay)).toBeUndefined();
  });

  // Each MINIX parameter that random generation relies on is needed: with its BSD value the same
  // generator finds a disagreement, and the message names the behaviour.
  it.each([
    [{ initIsOwnParent: false }, /\[1\] wait4/],
    [{ tracedSignalsToTracer: false }, /ptrace_attach|stopped|tracer/],
    [{ stopSignal: 'job-control' as const }, /SIGSTOP/],
    [{ waitMyPgrpOneIsAny: false }, /wait4\(0/],
    [{ groupHupOnLeaderExit: false }, /kill|exit/],
    [{ attachSelfErrno: Errno.EINVAL }, /ptrace\(PT_ATTACH.*returned \{"error":1\}/],
  ])('with %o the kernel disagrees with spec/', (over, pattern) => {
    const cfg = withParam(over);
    const d = check(cfg, 400, 11);
    const f = failureOf(d);
    expect(f, String(d.errorInstance)).toBeDefined();
    expect(f!.message).toMatch(pattern);
    expect(replayScenario(minixHarness, f!.replay)).toBeUndefined();
  });
});
