/**
 * Simulation (TLC's -simulate): random behaviours of at most `depth` states, each starting from a
 * random initial state and taking a uniformly random successor at every step, reproducible from
 * the seed. Invariants are checked on every state, action properties on every step, and a state
 * without successors is a deadlock when CHECK_DEADLOCK is on. For models too big to exhaust;
 * liveness properties are not checked in simulation.
 */
import type { CheckResult, ItfTrace } from '../result.js';
import { TlcExitCode } from '../result.js';
import { AssertionFailure, EvalError, type Value } from '../eval/value.js';
import type { CheckModel } from './model.js';
import { firstViolatedInvariant, toItfTrace, type Step } from './bfs.js';

export interface SimulateOptions {
  /** Maximum number of states per behaviour (TLC's -depth, default 100). */
  readonly depth?: number;
  /** Number of behaviours (default 1000). */
  readonly traces?: number;
  /** Seed of the pseudo-random generator (default 0). */
  readonly seed?: number;
}

export interface SimulateOutcome {
  readonly result: CheckResult;
  readonly exitCode: number;
  readonly traces: number;
  readonly seed: number;
}

/** xorshift32, seeded: the same seed gives the same behaviours. */
function rng(seed: number): (n: number) => number {
  let x = (seed | 0) ^ 0x9e3779b9 || 1;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

export function simulate(model: CheckModel, opts: SimulateOptions = {}): SimulateOutcome {
  const t0 = Date.now();
  const depth = opts.depth ?? 100;
  const traces = opts.traces ?? 1000;
  const seed = opts.seed ?? 0;
  const pick = rng(seed);
  const nvars = model.vars.length;
  const compiler = model.compiler;
  const ctx = compiler.newCtx([], new Array<Value | undefined>(nvars).fill(undefined));
  let generated = 0;
  let maxDepth = 0;

  const complete = (p: readonly (Value | undefined)[]): Value[] | undefined => (p.some((x) => x === undefined) ? undefined : (p.slice() as Value[]));
  const done = (result: CheckResult['result'], exitCode: number, extra: Partial<CheckResult>, steps?: readonly Step[]): SimulateOutcome => {
    const trace: ItfTrace | undefined = steps ? toItfTrace(model, steps) : undefined;
    return {
      result: { result, distinctStates: 0, totalStates: generated, depth: maxDepth, seconds: (Date.now() - t0) / 1000, tool: 'exitspec', ...extra, ...(trace ? { trace } : {}) },
      exitCode,
      traces,
      seed,
    };
  };
  const violatedInvariant = (s: readonly Value[]): string | undefined => {
    ctx.s = s;
    return firstViolatedInvariant(model, ctx);
  };

  let behaviour: Step[] = [];
  try {
    const inits: Step[] = [];
    ctx.s = [];
    ctx.p = new Array<Value | undefined>(nvars).fill(undefined);
    model.init(ctx, () => {
      const s = complete(ctx.p);
      if (s === undefined) throw new EvalError('An initial state is not completely specified');
      inits.push({ state: s, label: undefined });
    });
    generated += inits.length;
    if (inits.length === 0) return done('success', TlcExitCode.SUCCESS, {});
    for (let t = 0; t < traces; t++) {
      let cur = inits[pick(inits.length)]!;
      behaviour = [cur];
      const bad = violatedInvariant(cur.state);
      if (bad !== undefined) return done('invariant', TlcExitCode.VIOLATION_SAFETY, { violated: bad }, behaviour);
      for (let d = 1; d < depth; d++) {
        const succs: Step[] = [];
        ctx.s = cur.state;
        const p = new Array<Value | undefined>(nvars).fill(undefined);
        ctx.p = p;
        model.next(ctx, () => {
          const s = complete(p);
          if (s === undefined) throw new EvalError('A successor state is not completely specified');
          for (const ac of model.actionConstraints) if (ac.fn(ctx) !== true) return;
          for (const ap of model.actionProperties) {
            if (ap.fn(ctx) !== true) throw Object.assign(new EvalError(''), { actionProperty: ap.name, step: { state: s, label: compiler.label } });
          }
          succs.push({ state: s, label: compiler.label });
        });
        generated += succs.length;
        if (succs.length === 0) {
          if (model.checkDeadlock) return done('deadlock', TlcExitCode.VIOLATION_DEADLOCK, {}, behaviour);
          break;
        }
        cur = succs[pick(succs.length)]!;
        behaviour.push(cur);
        if (behaviour.length > maxDepth) maxDepth = behaviour.length;
        ctx.s = cur.state;
        if (model.constraints.some((c) => c.fn(ctx) !== true)) {
          const badOut = violatedInvariant(cur.state);
          if (badOut !== undefined) return done('invariant', TlcExitCode.VIOLATION_SAFETY, { violated: badOut }, behaviour);
          break; // outside the model: end this behaviour
        }
        const bad2 = violatedInvariant(cur.state);
        if (bad2 !== undefined) return done('invariant', TlcExitCode.VIOLATION_SAFETY, { violated: bad2 }, behaviour);
      }
    }
    return done('success', TlcExitCode.SUCCESS, {});
  } catch (e) {
    if (e instanceof EvalError) {
      const ap = (e as EvalError & { actionProperty?: string; step?: Step }).actionProperty;
      if (ap !== undefined) {
        const step = (e as EvalError & { step?: Step }).step!;
        return done('invariant', TlcExitCode.VIOLATION_SAFETY, { violated: ap, message: `Action property ${ap} is violated.` }, [...behaviour, step]);
      }
      const message = e.location ? `${e.message}\nThe error occurred at ${e.location}` : e.message;
      return done('error', e instanceof AssertionFailure ? TlcExitCode.VIOLATION_ASSERT : TlcExitCode.FAILURE_SPEC_EVAL, { message }, behaviour.length > 0 ? behaviour : undefined);
    }
    throw e;
  }
}
