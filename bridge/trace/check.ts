/**
 * Trace checking: is an ITF trace a behaviour of a spec? The first state must satisfy Init and
 * each step must satisfy Next, or, when the step's `#meta.action` names an action, that action
 * (Next's successors are filtered by the action that produced them, with `#meta.actionParams`
 * matched when given). Variables a state omits are existentially completed: the trace's values
 * are pre-assigned, so `x' = e` becomes a test for logged variables and an assignment for the
 * others, and every completion is carried to the next step (the set of candidate states).
 * On failure the result names the first failing step, the actions tried and, for each, the
 * conjunct that failed (the furthest one reached), with its location and source text.
 */
import { readFileSync } from 'node:fs';
import type { ItfTrace, ItfValue } from '../result.js';
import type { RExpr, SourceLoc } from '../modules/resolved.js';
import { readItfFile, validateItf } from '../itf/index.js';
import type { ActionLabel, Act, FailedConjunct } from '../eval/compile.js';
import { EvalError, compare, type Value } from '../eval/value.js';
import { fromItf } from '../checker/itf-values.js';
import { fingerprinter } from '../checker/bfs.js';
import { CheckError, prepareModel } from '../checker/run.js';
import { fileLines } from '../checker/location.js';
import type { CheckModel } from '../checker/model.js';
import { TlcExitCode } from '../result.js';

/** More completions of a partially logged state than trace checking keeps (inconclusive). */
class TooManyCompletions extends Error {}

export interface ActionAttempt {
  /** The action's name (operator name, `Init` for the first state). */
  readonly action: string;
  /** The conjunct that failed, `file:line:col: text`, when one did. */
  readonly failedConjunct?: string;
  /** An evaluation error met while trying the action. */
  readonly error?: string;
}

export interface TraceStepFailure {
  /** Index (0-based) of the first state that could not be matched. */
  readonly step: number;
  /** The action named by the step's `#meta.action`, if any. */
  readonly label?: string;
  readonly actionsTried: readonly ActionAttempt[];
}

export interface TraceCheckResult {
  /** The trace is a behaviour of the spec. */
  readonly ok: boolean;
  /** Number of states in the trace. */
  readonly states: number;
  /** A one-paragraph explanation. */
  readonly message: string;
  readonly failure?: TraceStepFailure;
  /** The exit code the CLI uses: 0 ok, 1 not a behaviour, 2 bad trace, 150/151 spec/config error. */
  readonly exitCode: number;
}

interface LeafAction {
  readonly name: string;
  readonly expr: RExpr;
}

/** The top-level actions of Next: disjuncts, through definitions and `\E`. */
export function splitActions(e: RExpr, name: string): LeafAction[] {
  if ((e.kind === 'Junction' && e.op === 'or') || (e.kind === 'Builtin' && e.op.name === '\\/')) {
    const items = e.kind === 'Junction' ? e.items : e.args;
    return items.flatMap((x) => splitActions(x, name));
  }
  if (e.kind === 'Label') return splitActions(e.body, name);
  if (e.kind === 'Let') return splitActions(e.body, name).map((a) => ({ name: a.name, expr: { ...e, body: a.expr } }));
  if (e.kind === 'Call' && e.def.kind === 'Def') {
    if (e.def.params.length === 0) {
      const inner = splitActions(e.def.body, e.def.displayName);
      if (inner.length > 1) return inner;
    }
    return [{ name: e.def.displayName, expr: e }];
  }
  if (e.kind === 'Quant' && e.quantifier === 'E') {
    return splitActions(e.body, name).map((a) => ({ name: a.name, expr: { ...e, body: a.expr } }));
  }
  return [{ name, expr: e }];
}

function sourceSnippet(loc: SourceLoc): string {
  const lines = fileLines(loc.file);
  const out: string[] = [];
  for (let l = loc.line; l <= Math.min(loc.endLine, loc.line + 3); l++) {
    const text = lines[l - 1] ?? '';
    const from = l === loc.line ? loc.col - 1 : 0;
    const to = l === loc.endLine ? loc.endCol : text.length;
    out.push(text.slice(from, to));
  }
  const s = out.join(' ').replace(/\s+/g, ' ').trim();
  return s.length > 100 ? s.slice(0, 97) + '...' : s;
}

function describe(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.col}: ${sourceSnippet(loc)}`;
}

/**
 * A `check --json` result line saved as the trace file: its `trace` is the ITF trace. Undefined
 * for anything else (an ITF file, unreadable or invalid JSON: readItfFile reports those).
 */
function readCheckResult(path: string): { result: unknown; trace: unknown } | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const o = doc as Record<string, unknown>;
  if ('vars' in o || 'states' in o || !('result' in o) || !('distinctStates' in o)) return undefined;
  return { result: o['result'], trace: o['trace'] };
}

function fail(exitCode: number, message: string): TraceCheckResult {
  return { ok: false, states: 0, message, exitCode };
}

/** An action name with dots read as underscores: a trace may name the action `A_B` as `A.B`. */
function norm(name: string): string {
  return name.replace(/\./g, '_');
}

function labelMatches(label: ActionLabel | undefined, name: string, params: Readonly<Record<string, ItfValue>> | undefined, mvs: ReadonlySet<string>): boolean {
  if (label === undefined) return false;
  if (norm(label.name) !== norm(name)) return false;
  if (params === undefined) return true;
  for (const [k, v] of Object.entries(params)) {
    const p = label.params.find((x) => x[0] === k);
    if (p === undefined) return false;
    if (compare(p[1], fromItf(v, mvs)) !== 0) return false;
  }
  return true;
}

/** Checks a trace against a spec (see the module comment). */
export async function runTraceCheck(opts: { trace: string | ItfTrace; spec: string; config?: string }): Promise<TraceCheckResult> {
  return (await createTraceChecker(opts)).check(opts.trace);
}

/** A trace checker for one spec, compiled once, for checking many traces (e.g. random runs). */
export interface TraceChecker {
  check(trace: string | ItfTrace): Promise<TraceCheckResult>;
}

/**
 * Prepares a spec for trace checking once; `check` then costs only the trace itself. Spec and
 * config problems make every `check` return the located error (as `traceCheck` does).
 */
export async function createTraceChecker(opts: { spec: string; config?: string }): Promise<TraceChecker> {
  let model: CheckModel | undefined;
  let error: TraceCheckResult | undefined;
  try {
    model = await prepareModel({ spec: opts.spec, ...(opts.config !== undefined ? { config: opts.config } : {}), print: () => undefined });
  } catch (e) {
    if (!(e instanceof CheckError)) throw e;
    error = fail(e.exitCode, e.message);
  }
  return {
    check: async (trace) => {
      if (model === undefined) return error!;
      try {
        return await checkWithModel(model, trace);
      } catch (e) {
        if (e instanceof TooManyCompletions) {
          return fail(
            TlcExitCode.ERROR_STATESPACE_TOO_LARGE,
            `${typeof trace === 'string' ? trace : '<trace>'}: inconclusive: a state of the trace has more than 100,000 completions of its omitted variables; log more variables`,
          );
        }
        throw e;
      }
    },
  };
}

async function checkWithModel(model: CheckModel, input: string | ItfTrace): Promise<TraceCheckResult> {
  let trace: ItfTrace;
  try {
    const cr = typeof input === 'string' ? readCheckResult(input) : undefined;
    if (cr !== undefined && cr.trace === undefined) {
      return fail(2, `${String(input)}: a CheckResult (result "${String(cr.result)}") without a counterexample "trace"; expected an ITF trace`);
    }
    if (cr !== undefined) trace = validateItf(cr.trace, `${String(input)} (the "trace" of a CheckResult)`);
    else trace = typeof input === 'string' ? await readItfFile(input) : validateItf(input, '<trace>');
  } catch (e) {
    if (e instanceof Error && e.name === 'ItfError') return fail(2, e.message);
    if (e instanceof Error && 'code' in e) return fail(2, `cannot read the trace ${String(input)}: ${e.message}`);
    throw e;
  }
  const where = typeof input === 'string' ? input : '<trace>';
  const unknown = trace.vars.filter((v) => !model.vars.includes(v));
  if (unknown.length > 0) {
    return fail(2, `${where}: the trace's variables ${unknown.join(', ')} are not variables of module ${model.spec.module} (which has ${model.vars.join(', ')})`);
  }
  if (trace.states.length === 0) return fail(2, `${where}: states: expected at least one state (the initial state), found an empty array`);
  const mvs = new Set<string>((trace['#meta']?.modelValues ?? []) as string[]);
  const nvars = model.vars.length;
  const compiler = model.compiler;
  const ctx = compiler.newCtx([], []);
  const fp = fingerprinter({ ...model, symmetry: [] } as CheckModel, ctx);
  const MAX_CANDIDATES = 100_000;

  const prefill = (i: number): (Value | undefined)[] => {
    const st = trace.states[i]!;
    const p = new Array<Value | undefined>(nvars).fill(undefined);
    model.vars.forEach((name, j) => {
      const v = st[name];
      if (v !== undefined) p[j] = fromItf(v as ItfValue, mvs);
    });
    return p;
  };
  const collect = (gen: Act, from: readonly Value[], pre: (Value | undefined)[], accept: () => boolean, into: Map<string, Value[]>): void => {
    ctx.s = from;
    ctx.p = pre.slice();
    gen(ctx, () => {
      if (!accept()) return;
      const s = ctx.p.slice();
      if (s.some((x) => x === undefined)) throw new EvalError('A state of the trace could not be completed: some variable is not determined by the action');
      const [hi, lo] = fp(s as Value[]);
      const key = `${hi}:${lo}`;
      if (into.has(key)) return;
      if (into.size >= MAX_CANDIDATES) throw new TooManyCompletions();
      into.set(key, s as Value[]);
    });
  };
  const attempt = (name: string, gen: Act, froms: readonly (readonly Value[])[], pre: (Value | undefined)[]): ActionAttempt => {
    compiler.trackFailures = true;
    compiler.lastFailure = undefined;
    try {
      for (const s of froms) collect(gen, s, pre, () => true, new Map());
    } catch (e) {
      if (e instanceof EvalError) return { action: name, error: `${e.location ? e.location + ': ' : ''}${e.message}` };
      throw e;
    } finally {
      compiler.trackFailures = false;
    }
    // the compiler keeps the furthest failing conjunct over all the candidate states (the cast
    // undoes TypeScript's narrowing to the undefined assigned above)
    const best = (compiler.lastFailure as FailedConjunct | undefined)?.loc;
    return best ? { action: name, failedConjunct: describe(best) } : { action: name };
  };

  // step 0: Init
  let candidates = new Map<string, Value[]>();
  try {
    collect(model.init, [], prefill(0), () => true, candidates);
  } catch (e) {
    if (e instanceof EvalError) return { ok: false, states: trace.states.length, message: `${where}: state 0: ${e.location ? e.location + ': ' : ''}${e.message}`, exitCode: 1, failure: { step: 0, actionsTried: [{ action: model.initName, error: e.message }] } };
    throw e;
  }
  if (candidates.size === 0) {
    const a = attempt(model.initName, model.init, [[]], prefill(0));
    return {
      ok: false,
      states: trace.states.length,
      message: `${where}: state 0 does not satisfy the initial predicate ${model.initName}${a.failedConjunct ? `; failed conjunct ${a.failedConjunct}` : ''}`,
      failure: { step: 0, actionsTried: [a] },
      exitCode: 1,
    };
  }
  let leaves: LeafAction[] | undefined;
  const nextExpr = (): LeafAction[] => {
    if (leaves === undefined) leaves = splitActions(model.nextExpr, 'Next');
    return leaves;
  };
  for (let i = 1; i < trace.states.length; i++) {
    const meta = trace.states[i]!['#meta'];
    const label = typeof meta?.action === 'string' ? meta.action : undefined;
    const params = meta?.actionParams;
    const pre = prefill(i);
    const next = new Map<string, Value[]>();
    try {
      for (const s of candidates.values()) {
        collect(model.next, s, pre, () => label === undefined || labelMatches(compiler.label, label, params, mvs), next);
      }
    } catch (e) {
      if (e instanceof EvalError) {
        return {
          ok: false,
          states: trace.states.length,
          message: `${where}: step ${i}: ${e.location ? e.location + ': ' : ''}${e.message}`,
          failure: { step: i, ...(label !== undefined ? { label } : {}), actionsTried: [{ action: label ?? 'Next', error: e.message }] },
          exitCode: 1,
        };
      }
      throw e;
    }
    if (next.size === 0) {
      const froms = [...candidates.values()];
      let tried: ActionAttempt[];
      const all = nextExpr();
      const named = label === undefined ? all : all.filter((a) => norm(a.name) === norm(label));
      if (label !== undefined && named.length === 0 && !model.spec.definitions.has(label) && !model.spec.definitions.has(norm(label))) {
        return fail(2, `${where}: states[${i}].#meta.action: expected the name of an action defined in module ${model.spec.module}, found unknown action "${label}"`);
      }
      const def = label === undefined ? undefined : (model.spec.definitions.get(label) ?? model.spec.definitions.get(norm(label)));
      if (def !== undefined && params !== undefined && 'params' in def) {
        const formal = def.params.map((p) => p.name);
        const stray = Object.keys(params).find((k) => !formal.includes(k));
        if (stray !== undefined) {
          return fail(2, `${where}: states[${i}].#meta.actionParams.${stray}: expected a parameter of ${label} (${formal.length > 0 ? formal.join(', ') : 'it has none'}), found "${stray}"`);
        }
      }
      if (named.length > 0) tried = named.map((a) => attempt(a.name, compiler.action(a.expr, true), froms, pre));
      else tried = [attempt(label ?? 'Next', model.next, froms, pre)];
      const detail = tried.map((t) => `  ${t.action}: ${t.failedConjunct ? `failed at ${t.failedConjunct}` : t.error ? `error: ${t.error}` : 'no successor matches the logged state'}`).join('\n');
      return {
        ok: false,
        states: trace.states.length,
        message: `${where}: step ${i} (state ${i - 1} -> state ${i}${label ? `, action ${label}` : ''}) is not a step of the spec.\nActions tried:\n${detail}`,
        failure: { step: i, ...(label !== undefined ? { label } : {}), actionsTried: tried },
        exitCode: 1,
      };
    }
    candidates = next;
  }
  if (trace.loop !== undefined) {
    // a lasso: the last state must step back to the state at `loop` (its logged values)
    const back = new Map<string, Value[]>();
    const pre = prefill(trace.loop);
    for (const s of candidates.values()) collect(model.next, s, pre, () => true, back);
    if (back.size === 0) {
      return {
        ok: false,
        states: trace.states.length,
        message: `${where}: the lasso does not close: no step of the spec leads from the last state back to state ${trace.loop}`,
        failure: { step: trace.states.length, actionsTried: [{ action: 'Next' }] },
        exitCode: 1,
      };
    }
  }
  return {
    ok: true,
    states: trace.states.length,
    message: `${where}: the trace (${trace.states.length} states) is a behaviour of ${model.spec.module}.`,
    exitCode: 0,
  };
}
