/**
 * Breadth-first exhaustive search, TLC style (tlc2/tool/ModelChecker.java): initial states, then
 * level by level; each new distinct state (by 64-bit fingerprint of its canonical form under
 * SYMMETRY, or of its VIEW) has the invariants checked; states outside the state constraints are
 * neither counted nor explored; every transition is checked against the action constraints and
 * action properties; a state without any successor is a deadlock when CHECK_DEADLOCK is on.
 * Counterexamples are shortest (BFS order) and rebuilt from parent pointers by re-generating
 * successors and matching fingerprints, as TLC does.
 */
import type { CheckResult, ItfState, ItfTrace, ItfValue } from '../result.js';
import { TlcExitCode } from '../result.js';
import type { ActionLabel, Ctx } from '../eval/compile.js';
import { AssertionFailure, EvalError, FcnValue, ModelValue, SetValue, hashValue, hashValue2, mix, type Value } from '../eval/value.js';
import { FpStore } from './fpstore.js';
import type { CheckModel } from './model.js';
import { toItf } from './itf-values.js';
import { showLocation } from './location.js';
import { LiveGraph } from './liveness.js';

export interface SearchOptions {
  /** Stop with an error after this many distinct states. */
  readonly maxStates?: number;
  /** Called with TLC-style progress lines (every `progressMs`). */
  readonly onProgress?: (line: string) => void;
  readonly progressMs?: number;
}

export interface SearchOutcome {
  readonly result: CheckResult;
  readonly exitCode: number;
  readonly statesLeftOnQueue: number;
  readonly storeBytes: number;
}

export interface Step {
  readonly state: readonly Value[];
  readonly label: ActionLabel | undefined;
}

class Violation {
  constructor(
    /** 'error' only names the path to the state whose exploration raised an evaluation error. */
    readonly kind: 'invariant' | 'deadlock' | 'action' | 'error',
    readonly name: string,
    /** State number of the last state of the trace in the store, or -1. */
    readonly lastId: number,
    /** A final state not in the store (action property, eval error in successor). */
    readonly extra: Step | undefined,
    readonly message?: string,
  ) {}
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function permute(v: Value, m: ReadonlyMap<ModelValue, ModelValue>): Value {
  if (v instanceof ModelValue) return m.get(v) ?? v;
  if (v instanceof SetValue) return SetValue.of(v.elems.map((e) => permute(e, m)));
  if (v instanceof FcnValue) {
    if (v.isSeq) return FcnValue.tuple(v.vals.map((e) => permute(e, m)));
    return FcnValue.fromPairs(v.dom.map((d, i) => [permute(d, m), permute(v.vals[i]!, m)]));
  }
  return v;
}

/** The fingerprinter for a model: canonical under SYMMETRY, or over the VIEW. */
export function fingerprinter(model: CheckModel, ctx: Ctx): (s: readonly Value[]) => [number, number] {
  const raw = (s: readonly Value[]): [number, number] => {
    let a = 0x12345678;
    let b = 0x9abcdef0;
    for (let i = 0; i < s.length; i++) {
      a = mix(a, hashValue(s[i]!));
      b = mix(b, hashValue2(s[i]!));
    }
    return [fmix(a ^ s.length), fmix(b ^ (s.length * 31))];
  };
  const view = model.view;
  const viewFp = view
    ? (s: readonly Value[]): [number, number] => {
        const saved = ctx.s;
        ctx.s = s;
        try {
          return raw([view(ctx)]);
        } finally {
          ctx.s = saved;
        }
      }
    : raw;
  if (model.symmetry.length === 0) return viewFp;
  const perms = model.symmetry;
  return (s) => {
    let best: [number, number] | undefined;
    for (const p of perms) {
      const fp = viewFp(s.map((v) => permute(v, p)));
      if (best === undefined || fp[0] < best[0] || (fp[0] === best[0] && fp[1] < best[1])) best = fp;
    }
    return best!;
  };
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS` as TLC prints times. */
export function tlcTime(d = new Date()): string {
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Runs the search. */
/**
 * The first invariant the state in `ctx.s` violates, or undefined. An invariant that evaluates to
 * a non-boolean is an evaluation error (exit 75), as in TLC, wherever the state is checked: in or
 * outside the constraints, in the sequential, parallel or simulation search.
 */
export function firstViolatedInvariant(model: CheckModel, ctx: Ctx): string | undefined {
  for (const inv of model.invariants) {
    const r = inv.fn(ctx);
    if (r === true) continue;
    if (r !== false) throw new EvalError(`The invariant ${inv.name} evaluated to a non-boolean value`);
    return inv.name;
  }
  return undefined;
}

export function search(model: CheckModel, opts: SearchOptions = {}): SearchOutcome {
  const t0 = Date.now();
  const nvars = model.vars.length;
  const compiler = model.compiler;
  const ctx = compiler.newCtx([], new Array<Value | undefined>(nvars).fill(undefined));
  const fp = fingerprinter(model, ctx);
  const store = new FpStore();
  const queue: (readonly Value[])[] = [];
  const queueIds: number[] = [];
  let head = 0;
  let generated = 0;
  let depth = 0;
  let level = 1;
  let levelEnd = 0;
  let lastProgress = t0;
  let lastGen = 0;
  let lastDistinct = 0;
  const progressMs = opts.progressMs ?? 5000;
  let sinceCheck = 0;

  const checkState = (s: readonly Value[], id: number): void => {
    const saved = ctx.s;
    ctx.s = s;
    try {
      const bad = firstViolatedInvariant(model, ctx);
      if (bad !== undefined) throw new Violation('invariant', bad, id, undefined);
    } finally {
      ctx.s = saved;
    }
  };
  const checkOutside = (t: readonly Value[], sid: number): void => {
    const saved = ctx.s;
    ctx.s = t;
    try {
      const bad = firstViolatedInvariant(model, ctx);
      if (bad !== undefined) throw new Violation('invariant', bad, sid, { state: t, label: compiler.label });
    } finally {
      ctx.s = saved;
    }
  };
  const inModel = (s: readonly Value[]): boolean => {
    if (model.constraints.length === 0) return true;
    const saved = ctx.s;
    ctx.s = s;
    try {
      for (const c of model.constraints) if (c.fn(ctx) !== true) return false;
      return true;
    } finally {
      ctx.s = saved;
    }
  };

  const complete = (p: readonly (Value | undefined)[], what: string): Value[] => {
    const out = new Array<Value>(nvars);
    for (let i = 0; i < nvars; i++) {
      const v = p[i];
      if (v === undefined) {
        throw new EvalError(`${what} is not completely specified: variable ${model.vars[i]} was not assigned a value`);
      }
      out[i] = v;
    }
    return out;
  };

  const outcome = (v: Violation | undefined, err?: EvalError): SearchOutcome => {
    const seconds = (Date.now() - t0) / 1000;
    const base = {
      distinctStates: store.size,
      totalStates: generated,
      depth,
      seconds,
      tool: 'exitspec' as const,
    };
    const left = queue.length - head;
    if (err !== undefined) {
      const message = err.location ? `${err.message}\nThe error occurred at ${err.location}` : err.message;
      const code = err instanceof AssertionFailure ? TlcExitCode.VIOLATION_ASSERT : TlcExitCode.FAILURE_SPEC_EVAL;
      let trace: ItfTrace | undefined;
      if (exploring >= 0) {
        try {
          trace = buildTrace(model, ctx, fp, store, new Violation('error', '', exploring, undefined));
        } catch {
          trace = undefined; // the error recurs while replaying: report it without the behaviour
        }
      }
      return { result: { ...base, result: 'error', message, ...(trace ? { trace } : {}) }, exitCode: code, statesLeftOnQueue: left, storeBytes: store.bytes() };
    }
    if (v === undefined) {
      return { result: { ...base, result: 'success' }, exitCode: TlcExitCode.SUCCESS, statesLeftOnQueue: 0, storeBytes: store.bytes() };
    }
    const trace = buildTrace(model, ctx, fp, store, v);
    if (v.kind === 'deadlock') {
      return { result: { ...base, result: 'deadlock', trace }, exitCode: TlcExitCode.VIOLATION_DEADLOCK, statesLeftOnQueue: left, storeBytes: store.bytes() };
    }
    return {
      result: { ...base, result: 'invariant', violated: v.name, trace, ...(v.kind === 'action' ? { message: `Action property ${v.name} is violated.` } : {}) },
      exitCode: TlcExitCode.VIOLATION_SAFETY,
      statesLeftOnQueue: left,
      storeBytes: store.bytes(),
    };
  };

  const graph = model.liveProps.length > 0 ? new LiveGraph(compiler, model.liveProps, model.fairness, nvars) : undefined;
  const initIds: number[] = [];
  let succIds: number[] = [];
  /** The state being explored (for the behaviour printed with an evaluation error). */
  let exploring = -1;
  try {
    // assumptions
    for (const a of model.assumptions) {
      const r = a.fn(ctx);
      if (r !== true) {
        return {
          result: { result: 'assumption', violated: a.name, distinctStates: 0, totalStates: 0, depth: 0, seconds: (Date.now() - t0) / 1000, tool: 'exitspec' },
          exitCode: TlcExitCode.VIOLATION_ASSUMPTION,
          statesLeftOnQueue: 0,
          storeBytes: store.bytes(),
        };
      }
    }
    // initial states
    ctx.s = [];
    ctx.p = new Array<Value | undefined>(nvars).fill(undefined);
    model.init(ctx, () => {
      const s = complete(ctx.p, 'An initial state');
      generated++;
      if (!inModel(s)) return;
      const [hi, lo] = fp(s);
      const id = store.add(hi, lo, -1);
      if (id < 0) return;
      initIds.push(id);
      depth = 1;
      checkState(s, id);
      if (model.initProperties.length > 0) {
        ctx.s = s;
        for (const ip of model.initProperties) {
          if (ip.fn(ctx) !== true) throw new Violation('invariant', ip.name, id, undefined, `Property ${ip.name} is violated by the initial state.`);
        }
        ctx.s = [];
      }
      queue.push(s);
      queueIds.push(id);
    });
    levelEnd = queue.length;
    const maxStates = opts.maxStates ?? Infinity;
    while (head < queue.length) {
      if (head === levelEnd) {
        level++;
        levelEnd = queue.length;
      }
      const s = queue[head]!;
      const sid = queueIds[head]!;
      exploring = sid;
      queue[head] = [];
      head++;
      if (head > 100_000 && head * 2 > queue.length) {
        queue.splice(0, head);
        queueIds.splice(0, head);
        levelEnd -= head;
        head = 0;
      }
      ctx.s = s;
      const p = new Array<Value | undefined>(nvars).fill(undefined);
      ctx.p = p;
      let successors = 0;
      if (graph !== undefined) succIds = [];
      model.next(ctx, () => {
        successors++;
        generated++;
        const t = complete(p, 'A successor state');
        for (const ap of model.actionProperties) {
          if (ap.fn(ctx) !== true) throw new Violation('action', ap.name, sid, { state: t, label: compiler.label });
        }
        let allowed = true;
        for (const ac of model.actionConstraints) {
          if (ac.fn(ctx) !== true) {
            allowed = false;
            break;
          }
        }
        if (!allowed || !inModel(t)) {
          // TLC (ModelChecker.doNext) still checks the invariants of a successor outside the
          // model, without storing or exploring it
          checkOutside(t, sid);
          return;
        }
        const [hi, lo] = fp(t);
        const id = store.add(hi, lo, sid);
        if (id < 0) {
          if (graph !== undefined) succIds.push(store.find(hi, lo));
          return;
        }
        if (graph !== undefined) succIds.push(id);
        if (level + 1 > depth) depth = level + 1;
        checkState(t, id);
        queue.push(t);
        queueIds.push(id);
      });
      if (successors === 0 && model.checkDeadlock) throw new Violation('deadlock', '', sid, undefined);
      if (graph !== undefined) graph.record(sid, s, succIds, fp, store);
      if (store.size >= maxStates) {
        const seconds = (Date.now() - t0) / 1000;
        return {
          result: {
            result: 'error',
            message: `Stopped after ${store.size} distinct states (--max-states ${maxStates}); the state space was not explored completely.`,
            distinctStates: store.size,
            totalStates: generated,
            depth,
            seconds,
            tool: 'exitspec',
          },
          exitCode: TlcExitCode.ERROR_STATESPACE_TOO_LARGE,
          statesLeftOnQueue: queue.length - head,
          storeBytes: store.bytes(),
        };
      }
      if (opts.onProgress && ++sinceCheck >= 256) {
        sinceCheck = 0;
        const now = Date.now();
        if (now - lastProgress >= progressMs) {
          const mins = (now - lastProgress) / 60000;
          opts.onProgress(
            `Progress(${depth}) at ${tlcTime()}: ${fmtInt(generated)} states generated (${fmtInt((generated - lastGen) / mins)} s/min), ${fmtInt(store.size)} distinct states found (${fmtInt((store.size - lastDistinct) / mins)} ds/min), ${fmtInt(queue.length - head)} states left on queue.`,
          );
          lastProgress = now;
          lastGen = generated;
          lastDistinct = store.size;
        }
      }
    }
    if (graph !== undefined) {
      for (let pi = 0; pi < model.liveProps.length; pi++) {
        const lasso = graph.violation(pi, initIds, (id) => store.parent(id));
        if (lasso === undefined) continue;
        const trace = toItfTrace(model, replay(model, ctx, fp, store, lasso.ids));
        const withLoop: ItfTrace = lasso.stuttering
          ? { ...trace, '#meta': { ...trace['#meta'], stuttering: true } }
          : { ...trace, loop: lasso.loop! };
        return {
          result: {
            result: 'liveness',
            violated: model.liveProps[pi]!.name,
            distinctStates: store.size,
            totalStates: generated,
            depth,
            seconds: (Date.now() - t0) / 1000,
            tool: 'exitspec',
            trace: withLoop,
          },
          exitCode: TlcExitCode.VIOLATION_LIVENESS,
          statesLeftOnQueue: 0,
          storeBytes: store.bytes(),
        };
      }
    }
    return outcome(undefined);
  } catch (e) {
    if (e instanceof Violation) return outcome(e);
    if (e instanceof EvalError) return outcome(undefined, e);
    throw e;
  }
}

/** Rebuilds the shortest trace to `v.lastId` (plus `v.extra`) and converts it to ITF. */
function buildTrace(model: CheckModel, ctx: Ctx, fp: (s: readonly Value[]) => [number, number], store: FpStore, v: Violation): ItfTrace {
  const ids: number[] = [];
  for (let id = v.lastId; id >= 0; id = store.parent(id)) ids.push(id);
  ids.reverse();
  return toItfTrace(model, replay(model, ctx, fp, store, ids, v.extra));
}

/** The states along a path of state numbers, re-generated from the initial states. */
function replay(model: CheckModel, ctx: Ctx, fp: (s: readonly Value[]) => [number, number], store: FpStore, ids: readonly number[], extra?: Step): Step[] {
  return replayPath(model, ctx, fp, (id) => [store.hi(id), store.lo(id)], ids, extra);
}

/**
 * The states along a path of state numbers (re-generated from the initial states and matched by
 * fingerprint), plus optionally a last successor given by its fingerprint (`extraFp`).
 */
export function replayPath(
  model: CheckModel,
  ctx: Ctx,
  fp: (s: readonly Value[]) => [number, number],
  fpOf: (id: number) => readonly [number, number],
  ids: readonly number[],
  extra?: Step,
  extraFp?: readonly [number, number],
): Step[] {
  const nvars = model.vars.length;
  const steps: Step[] = [];
  const matchesFp = (s: readonly Value[], want: readonly [number, number]): boolean => {
    const [hi, lo] = fp(s);
    return hi >>> 0 === want[0] >>> 0 && lo >>> 0 === want[1] >>> 0;
  };
  const matches = (s: readonly Value[], id: number): boolean => matchesFp(s, fpOf(id));
  const Found = class {
    constructor(readonly step: Step) {}
  };
  const findNext = (gen: (k: () => void) => void, id: number): Step => {
    try {
      gen(() => {
        const p = ctx.p;
        if (p.some((x) => x === undefined)) return;
        const s = p as Value[];
        if (matches(s, id)) throw new Found({ state: s.slice(), label: model.compiler.label });
      });
    } catch (e) {
      if (e instanceof Found) return e.step;
      throw e;
    }
    throw new Error('internal: could not reconstruct the counterexample trace');
  };
  if (ids.length > 0) {
    ctx.s = [];
    ctx.p = new Array<Value | undefined>(nvars).fill(undefined);
    steps.push(findNext((k) => model.init(ctx, k), ids[0]!));
    for (let i = 1; i < ids.length; i++) {
      ctx.s = steps[i - 1]!.state;
      ctx.p = new Array<Value | undefined>(nvars).fill(undefined);
      steps.push(findNext((k) => model.next(ctx, k), ids[i]!));
    }
  }
  if (extra) steps.push(extra);
  if (extraFp !== undefined && steps.length > 0) {
    ctx.s = steps[steps.length - 1]!.state;
    const p = new Array<Value | undefined>(nvars).fill(undefined);
    ctx.p = p;
    let found: Step | undefined;
    try {
      model.next(ctx, () => {
        if (found !== undefined || p.some((x) => x === undefined)) return;
        if (matchesFp(p as Value[], extraFp)) found = { state: (p as Value[]).slice(), label: model.compiler.label };
      });
    } finally {
      ctx.p = [];
    }
    if (found !== undefined) steps.push(found);
  }
  return steps;
}

/** Converts trace steps to an ITF trace with the action of each step in `#meta`. */
export function toItfTrace(model: CheckModel, steps: readonly Step[]): ItfTrace {
  const mvs = new Set<string>();
  const states: ItfState[] = steps.map((st, i) => {
    const meta: Record<string, unknown> = { index: i };
    if (i === 0) {
      meta['action'] = model.initName;
      meta['location'] = showLocation(model.initLoc, model.spec.module);
    } else if (st.label) {
      meta['action'] = st.label.name;
      meta['location'] = showLocation(st.label.loc, st.label.module);
      if (st.label.params.length > 0) {
        const ps: Record<string, ItfValue> = {};
        for (const [n, x] of st.label.params) ps[n] = toItf(x, mvs);
        meta['actionParams'] = ps;
      }
    }
    const out: Record<string, unknown> = { '#meta': meta };
    model.vars.forEach((name, j) => {
      out[name] = toItf(st.state[j]!, mvs);
    });
    return out as ItfState;
  });
  return {
    '#meta': { format: 'ITF', source: model.spec.file, modelValues: [...mvs].sort() },
    vars: model.vars,
    states,
  };
}
