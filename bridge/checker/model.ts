/**
 * Binds a resolved spec to a TLC model configuration and compiles what the search needs: the
 * constants' values (`C = v`, model values, `C <- Def`), Init and Next (from INIT/NEXT or from
 * SPECIFICATION `Init /\ [][Next]_vars /\ WF/SF...`), invariants, state and action constraints,
 * action properties `[][A]_v` (and `[]P` for a state predicate P), SYMMETRY and VIEW.
 * Configuration mistakes raise `CheckError` with TLC's config-error exit code (151) and the
 * .cfg location; temporal properties this checker cannot check raise the "not supported yet"
 * error with exit code 150.
 */
import type { CfgValue, ModelConfig } from '../cfg/types.js';
import type { RConstant, RDefinition, RExpr, ResolvedSpec, SourceLoc } from '../modules/resolved.js';
import { TlcExitCode } from '../result.js';
import type { Runtime } from '../eval/builtins.js';
import { Compiler, type Act, type ConstantBinding, type Fn } from '../eval/compile.js';
import { EvalError, FcnValue, ModelValue, SetValue, type Value } from '../eval/value.js';
import { elems } from '../eval/ops.js';
import { show } from '../eval/value.js';
import { fairness, liveProps, UnsupportedTemporal, type FairCond, type LiveProp } from './temporal.js';

/** A located, user-facing checker failure with the exit code TLC would use. */
export class CheckError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CheckError';
  }
}

export interface NamedPred {
  readonly name: string;
  readonly fn: Fn;
}

export interface CheckModel {
  readonly spec: ResolvedSpec;
  readonly config: ModelConfig;
  readonly compiler: Compiler;
  readonly vars: readonly string[];
  readonly init: Act;
  readonly initName: string;
  readonly initLoc: SourceLoc;
  readonly next: Act;
  /** The next-state relation's expression (for splitting into actions). */
  readonly nextExpr: RExpr;
  readonly invariants: readonly NamedPred[];
  readonly constraints: readonly NamedPred[];
  readonly actionConstraints: readonly NamedPred[];
  /** Action properties, checked on every transition (`c.s` = before, `c.p` = after). */
  readonly actionProperties: readonly NamedPred[];
  /** Permutations of model values for SYMMETRY (empty when none). */
  readonly symmetry: readonly ReadonlyMap<ModelValue, ModelValue>[];
  readonly view?: Fn;
  readonly checkDeadlock: boolean;
  /** State-predicate conjuncts of properties (e.g. the Init of a refined spec): initial states only. */
  readonly initProperties: readonly NamedPred[];
  /** Liveness properties (PROPERTY conjuncts other than [][A]_v and []P). */
  readonly liveProps: readonly LiveProp[];
  /** WF/SF conditions of the SPECIFICATION. */
  readonly fairness: readonly FairCond[];
  /** Configuration entries accepted but without effect (printed by the CLI). */
  readonly warnings: readonly string[];
  /** ASSUME formulas, evaluated before the search. */
  readonly assumptions: readonly { readonly name: string; readonly fn: Fn }[];
}

function cfgLoc(config: ModelConfig, at: { line: number; col: number }): string {
  return `${config.file}:${at.line}:${at.col}`;
}

/** A .cfg literal as a value. */
export function cfgValue(v: CfgValue): Value {
  switch (v.kind) {
    case 'int': {
      const n = Number(v.value);
      if (n > 2147483647 || n < -2147483648) throw new EvalError(`The integer ${v.value} is outside TLC's 32-bit range`);
      return n;
    }
    case 'string':
      return v.value;
    case 'bool':
      return v.value;
    case 'modelValue':
      return ModelValue.of(v.name);
    case 'set':
      return SetValue.of(v.elems.map(cfgValue));
    case 'tuple':
      return FcnValue.tuple(v.elems.map(cfgValue));
  }
}

function callOf(def: RDefinition): RExpr {
  return { kind: 'Call', def, args: [], loc: def.loc };
}

function isTemporal(e: RExpr): boolean {
  switch (e.kind) {
    case 'Fairness':
      return true;
    case 'Builtin':
      if (e.op.name === '/\\' || e.op.name === '\\/') return e.args.some(isTemporal);
      return e.op.name === '[]' || e.op.name === '<>' || e.op.name === '~>' || e.op.name === '-+->';
    case 'Quant':
      return isTemporal(e.body);
    case 'Call':
      return e.def.kind === 'Def' && e.def.params.length === 0 && isTemporal(e.def.body);
    case 'Junction':
      return e.items.some(isTemporal);
    case 'Label':
      return isTemporal(e.body);
    default:
      return false;
  }
}

/** Splits a formula into its conjuncts, expanding zero-argument definitions. */
function conjuncts(e: RExpr): RExpr[] {
  if (e.kind === 'Junction' && e.op === 'and') return e.items.flatMap(conjuncts);
  if (e.kind === 'Builtin' && e.op.name === '/\\') return e.args.flatMap(conjuncts);
  if (e.kind === 'Label') return conjuncts(e.body);
  if (e.kind === 'Call' && e.def.kind === 'Def' && e.def.params.length === 0 && isTemporal(e.def.body)) return conjuncts(e.def.body);
  return [e];
}

/** `[][A]_v` → A's BoxAction node. */
function boxAction(e: RExpr): (RExpr & { kind: 'BoxAction' }) | undefined {
  if (e.kind === 'Builtin' && e.op.name === '[]') {
    const a = e.args[0]!;
    if (a.kind === 'BoxAction') return a;
  }
  return undefined;
}

function containsPrimeOrTemporal(e: RExpr, seen = new Set<object>()): boolean {
  if (e.kind === 'Builtin' && ["'", 'UNCHANGED', '[]', '<>', '~>'].includes(e.op.name)) return true;
  if (e.kind === 'Builtin' && e.op.name === 'ENABLED') return false; // ENABLED A is state-level
  if (e.kind === 'BoxAction' || e.kind === 'AngleAction' || e.kind === 'Fairness') return true;
  if (e.kind === 'Call' && !seen.has(e.def)) {
    seen.add(e.def);
    if (containsPrimeOrTemporal(e.def.body, seen)) return true;
  }
  let found = false;
  forEachSub(e, (x) => {
    if (!found && containsPrimeOrTemporal(x, seen)) found = true;
  });
  return found;
}

function forEachSub(e: RExpr, f: (x: RExpr) => void): void {
  // a light walk sufficient for level detection
  const anyE = e as unknown as Record<string, unknown>;
  for (const key of Object.keys(anyE)) {
    if (key === 'loc' || key === 'def' || key === 'op' || key === 'variable' || key === 'constant' || key === 'param') continue;
    const v = anyE[key];
    if (Array.isArray(v)) {
      for (const x of v) visitUnknown(x, f);
    } else visitUnknown(v, f);
  }
}

function visitUnknown(x: unknown, f: (x: RExpr) => void): void {
  if (x === null || typeof x !== 'object') return;
  const o = x as Record<string, unknown>;
  if (typeof o['kind'] === 'string' && 'loc' in o && o['kind'] !== 'BoundVar' && o['kind'] !== 'Param') {
    f(x as RExpr);
    return;
  }
  // RBound / RField / RCaseArm / RExceptUpdate
  for (const key of Object.keys(o)) {
    if (key === 'loc') continue;
    const v = o[key];
    if (Array.isArray(v)) for (const y of v) visitUnknown(y, f);
    else visitUnknown(v, f);
  }
}

export interface ModelOptions {
  readonly runtime: Runtime;
}

/** Builds the compiled model; throws CheckError for configuration problems. */
export function buildModel(spec: ResolvedSpec, config: ModelConfig, opts: ModelOptions): CheckModel {
  const bindings = new Map<RConstant, ConstantBinding>();
  const byName = new Map(spec.constants.map((c) => [c.name, c] as const));
  const cfgErr = (at: { line: number; col: number }, msg: string): never => {
    throw new CheckError(`${cfgLoc(config, at)}: ${msg}`, TlcExitCode.ERROR_CONFIG_PARSE);
  };
  for (const entry of config.constants) {
    const c = byName.get(entry.name);
    if (c === undefined) {
      cfgErr(entry, `the configuration assigns ${entry.name}, which is not a CONSTANT of module ${spec.module}`);
      continue;
    }
    if (entry.kind === 'value') {
      if (entry.args.length > 0) cfgErr(entry, `constant operator entries ${entry.name}(...) = v are not supported`);
      try {
        bindings.set(c, { kind: 'value', value: cfgValue(entry.value) });
      } catch (e) {
        cfgErr(entry, e instanceof Error ? e.message : String(e));
      }
    } else {
      const def = spec.definitions.get(entry.def);
      if (def === undefined) cfgErr(entry, `the substitution ${entry.name} <- ${entry.def} names an operator ${entry.def} that is not defined in module ${spec.module}`);
      else if ('params' in def && def.params.length !== c.arity) {
        cfgErr(entry, `the substitution ${entry.name} <- ${entry.def} replaces a constant of arity ${c.arity} by an operator of arity ${def.params.length}`);
      } else bindings.set(c, { kind: 'def', def });
    }
  }
  for (const c of spec.constants) {
    if (!bindings.has(c)) {
      throw new CheckError(
        `${config.file}: the constant ${c.name} (declared at ${c.loc.file}:${c.loc.line}:${c.loc.col}) is not assigned a value by the configuration file`,
        TlcExitCode.ERROR_CONFIG_PARSE,
      );
    }
  }
  if (config.postconditions.length > 0) {
    const pc = config.postconditions[0]!;
    cfgErr(pc, `POSTCONDITION ${pc.name} is not supported yet by exitspec check`);
  }
  const warnings: string[] = [];
  if (config.alias !== undefined) {
    warnings.push(`${cfgLoc(config, config.alias)}: ALIAS ${config.alias.name} is ignored: counterexamples show the spec's variables`);
  }
  const compiler = new Compiler(bindings, opts.runtime);
  const lookup = (n: { name: string; line: number; col: number }, what: string): RDefinition => {
    const d = spec.definitions.get(n.name);
    if (d === undefined) return cfgErr(n, `the ${what} ${n.name} is not defined in module ${spec.module}`);
    return d;
  };

  // Init / Next
  let fairParts: RExpr[] = [];
  let initExpr: RExpr;
  let nextExpr: RExpr;
  let initName = 'Init';
  let initLoc: SourceLoc;
  if (config.specification !== undefined) {
    const specDef = lookup(config.specification, 'specification');
    const parts = conjuncts(specDef.body);
    const inits: RExpr[] = [];
    let next: RExpr | undefined;
    fairParts = [];
    for (const p of parts) {
      const box = boxAction(p);
      if (box !== undefined) {
        if (next !== undefined) cfgErr(config.specification, `the specification ${specDef.name} has more than one [][Next]_vars conjunct`);
        next = box.action;
      } else if (isTemporal(p)) {
        fairParts.push(p); // fairness: only relevant to liveness
      } else inits.push(p);
    }
    if (next === undefined) return cfgErr(config.specification, `the specification ${specDef.name} has no conjunct of the form [][Next]_vars`);
    if (inits.length === 0) return cfgErr(config.specification, `the specification ${specDef.name} has no initial predicate`);
    initExpr = inits.length === 1 ? inits[0]! : { kind: 'Junction', op: 'and', items: inits, loc: specDef.body.loc };
    nextExpr = next;
    const first = inits[0]!;
    if (first.kind === 'Call') {
      initName = first.def.displayName;
      initLoc = first.def.body.loc;
    } else initLoc = first.loc;
  } else {
    if (config.init === undefined) throw new CheckError(`${config.file}: the configuration has neither SPECIFICATION nor INIT`, TlcExitCode.ERROR_CONFIG_PARSE);
    if (config.next === undefined) throw new CheckError(`${config.file}: the configuration has INIT but no NEXT`, TlcExitCode.ERROR_CONFIG_PARSE);
    const i = lookup(config.init, 'initial predicate');
    const n = lookup(config.next, 'next-state relation');
    initExpr = callOf(i);
    nextExpr = callOf(n);
    initName = i.displayName;
    initLoc = i.body.loc;
  }

  const located = <T>(at: { line: number; col: number }, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof CheckError) throw e;
      if (e instanceof EvalError) return cfgErr(at, `${e.message}${e.location ? ` (at ${e.location})` : ''}`);
      throw e;
    }
  };

  const init = compiler.init(initExpr);
  const next = compiler.action(nextExpr, true);
  const pred = (n: { name: string; line: number; col: number }, what: string): NamedPred => {
    const d = lookup(n, what);
    if (d.params.length > 0) cfgErr(n, `the ${what} ${n.name} takes arguments`);
    return { name: n.name, fn: located(n, () => compiler.expr(callOf(d))) };
  };
  const invariants = config.invariants.map((n) => {
    const d = lookup(n, 'invariant');
    if (containsPrimeOrTemporal(d.body)) cfgErr(n, `the invariant ${n.name} is not a state predicate (it contains primes or temporal operators)`);
    return pred(n, 'invariant');
  });
  // TLC stops on a constraint that is not a boolean; the searches only test `=== true`.
  const boolPred = (n: { name: string; line: number; col: number }, what: string): NamedPred => {
    const p = pred(n, what);
    return {
      name: p.name,
      fn: (ctx) => {
        const r = p.fn(ctx);
        if (r !== true && r !== false) throw new EvalError(`The ${what} ${n.name} evaluated to a non-boolean value: ${show(r)}`);
        return r;
      },
    };
  };
  const constraints = config.constraints.map((n) => boolPred(n, 'state constraint'));
  const actionConstraints = config.actionConstraints.map((n) => boolPred(n, 'action constraint'));
  const actionProperties: NamedPred[] = [];
  const liveProperties: LiveProp[] = [];
  const initProperties: NamedPred[] = [];
  for (const n of config.properties) {
    const d = lookup(n, 'property');
    for (const part of conjuncts(d.body)) {
      const box = boxAction(part);
      if (box !== undefined) {
        actionProperties.push({ name: n.name, fn: located(n, () => compiler.expr(box)) });
        continue;
      }
      if (!containsPrimeOrTemporal(part)) {
        // a state predicate as a temporal formula holds of a behaviour iff it holds initially
        const fn = located(n, () => compiler.expr(part));
        initProperties.push({ name: n.name, fn });
        continue;
      }
      if (part.kind === 'Builtin' && part.op.name === '[]' && !containsPrimeOrTemporal(part.args[0]!)) {
        // []P for a state predicate P: an invariant
        const body = part.args[0]!;
        const fn = located(n, () => compiler.expr(body));
        invariants.push({ name: n.name, fn });
        continue;
      }
      try {
        liveProperties.push(...located(n, () => liveProps(compiler, n.name, part, [], show)));
      } catch (e) {
        if (!(e instanceof UnsupportedTemporal)) throw e;
        throw new CheckError(
          `${cfgLoc(config, n)}: the property ${n.name} is not supported yet by exitspec check: ${e.message} (supported: [][A]_v, []P, <>P, []<>P, <>[]P, P ~> Q, conjunctions and \\A of them)`,
          TlcExitCode.ERROR_SPEC_PARSE,
        );
      }
    }
  }

  let fair: FairCond[] = [];
  // the SPECIFICATION's other temporal conjuncts must be fairness (TLC rejects anything else too);
  // they are compiled even without liveness properties so that nothing is silently ignored
  try {
    fair = fairParts.flatMap((p) => fairness(compiler, p, [], show));
  } catch (e) {
    if (!(e instanceof UnsupportedTemporal)) throw e;
    throw new CheckError(`${config.file}: ${e.message}`, TlcExitCode.ERROR_SPEC_PARSE);
  }
  if (liveProperties.length === 0) fair = [];
  let symmetry: ReadonlyMap<ModelValue, ModelValue>[] = [];
  if (config.symmetry !== undefined) {
    const d = lookup(config.symmetry, 'symmetry set');
    const perms = located(config.symmetry, () => elems(compiler.defValue(d, compiler.newCtx([], []))));
    symmetry = perms.map((p) => {
      if (!(p instanceof FcnValue)) return cfgErr(config.symmetry!, `the symmetry set ${d.name} must be a set of permutations of model values`);
      const m = new Map<ModelValue, ModelValue>();
      p.dom.forEach((k, i) => {
        const v = p.vals[i];
        if (!(k instanceof ModelValue) || !(v instanceof ModelValue)) cfgErr(config.symmetry!, `the symmetry set ${d.name} must permute model values only`);
        m.set(k as ModelValue, v as ModelValue);
      });
      return m;
    });
  }
  if (symmetry.length > 0 && liveProperties.length > 0) {
    throw new CheckError(`${cfgLoc(config, config.symmetry!)}: liveness properties cannot be checked with SYMMETRY (as in TLC)`, TlcExitCode.ERROR_CONFIG_PARSE);
  }
  let view: Fn | undefined;
  if (config.view !== undefined) view = pred(config.view, 'view').fn;

  const assumptions = spec.assumptions.map((a, i) => ({
    name: a.name ?? `line ${a.loc.line}, col ${a.loc.col} to line ${a.loc.endLine}, col ${a.loc.endCol} of module ${a.module}`,
    fn: compiler.expr(a.expr),
    index: i,
  }));
  return {
    spec,
    config,
    compiler,
    vars: spec.variables.map((v) => v.name),
    init,
    initName,
    initLoc,
    next,
    nextExpr,
    invariants,
    constraints,
    actionConstraints,
    actionProperties,
    symmetry,
    ...(view !== undefined ? { view } : {}),
    checkDeadlock: config.checkDeadlock ?? true,
    initProperties,
    warnings,
    liveProps: liveProperties,
    fairness: fair,
    assumptions,
  };
}
