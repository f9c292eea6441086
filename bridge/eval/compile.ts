/**
 * Compiles the front end's resolved expressions (bridge/modules/resolved.ts) into JS closures,
 * once per (definition, mode). Three modes:
 * - expression: `(c) => Value`, unprimed variables read `c.s` (or `c.p` when compiling a primed
 *   sub-expression or an initial predicate);
 * - action: `(c, k) => void`, a next-state generator in continuation-passing style that assigns
 *   primed variables (`x' = e`, `x' \in S`, UNCHANGED) into `c.p`, calls `k()` for each complete
 *   assignment, and undoes its assignments on return, like TLC's Tool.getNextStates: conjuncts
 *   left to right with early failure, disjuncts and `\E` enumerated;
 * - init: the same generator where unprimed variables are the targets (for Init).
 *
 * Bound variables and parameters live in one flat slot array `c.l` indexed by their unique
 * binder id (no string lookup at run time); RECURSIVE definitions save and restore the slots of
 * their own binders around each call. Zero-argument definitions that do not depend on the state
 * (e.g. `RM == {"r1", "r2"}`) are evaluated once and cached.
 */
import type {
  RBound,
  RBoundVar,
  RConstant,
  RDef,
  RDefinition,
  RExpr,
  RFnDef,
  RLambda,
  ROperator,
  SourceLoc,
} from '../modules/resolved.js';
import { BUILTINS, type Runtime } from './builtins.js';
import { apply, elems, fcnSet, member, product, recordSet } from './ops.js';
import { EvalError, FcnValue, OpValue, SetValue, equals, kindName, show, type Value } from './value.js';

/** The evaluation context: current state, next state (undefined = not yet assigned), slots. */
export interface Ctx {
  s: readonly Value[];
  p: (Value | undefined)[];
  readonly l: Value[];
}

export type Fn = (c: Ctx) => Value;
export type Act = (c: Ctx, k: () => void) => void;

/** What the cfg binds a constant to. */
export type ConstantBinding = { readonly kind: 'value'; readonly value: Value } | { readonly kind: 'def'; readonly def: RDefinition };

/** The action (top-level disjunct of Next) that produced the successor being generated. */
export interface ActionLabel {
  readonly name: string;
  readonly loc: SourceLoc;
  readonly module: string;
  readonly params: readonly (readonly [string, Value])[];
}

interface LabelSite {
  readonly name: string;
  readonly loc: SourceLoc;
  readonly module: string;
  readonly pnames: readonly string[];
}

/** A conjunct that failed while checking a given step (trace checking's diagnostics). */
export interface FailedConjunct {
  readonly loc: SourceLoc;
}

type Mode = 'e' | 'ep' | 'a' | 'i';
/** The compiled forms of one definition in one mode (built lazily, so recursion can refer to them). */
type CacheEntry = { fn: Fn | undefined; act: Act | undefined };

const ENABLED_FOUND = { enabledFound: true };

/** Expression kinds worth caching when constant (literals and names are already cheap). */
const FOLDABLE = new Set<RExpr['kind']>(['Builtin', 'Call', 'SetEnum', 'SetFilter', 'SetMap', 'FnCons', 'FnSet', 'RecordCons', 'RecordSet', 'Tuple', 'CartesianProduct', 'Quant', 'Choose', 'If', 'Case']);

export class Compiler {
  /** The action label of the successor currently being generated. */
  private site: LabelSite | undefined;
  private siteVals: readonly Value[] = [];
  /** Values of the top-level `\E` variables of an inline action (ids and names). */
  private extraIds: readonly number[] = [];
  private extraNames: readonly string[] = [];
  private extraCtx: Ctx | undefined;

  /** The action (top-level disjunct of Next) producing the current successor, built on demand. */
  get label(): ActionLabel | undefined {
    const site = this.site;
    if (site === undefined) return undefined;
    let params: (readonly [string, Value])[];
    if (site.pnames.length > 0) params = site.pnames.map((n, i) => [n, this.siteVals[i]!] as const);
    else {
      const c = this.extraCtx;
      params = c === undefined ? [] : this.extraNames.map((n, i) => [n, c.l[this.extraIds[i]!]!] as const);
    }
    return { name: site.name, loc: site.loc, module: site.module, params };
  }
  /** Deepest failing conjunct seen since the last reset (trace checking). */
  lastFailure: FailedConjunct | undefined;
  trackFailures = false;
  private readonly cache = new Map<RDefinition | RLambda, Map<Mode, CacheEntry>>();
  private readonly constCache = new Map<RDefinition, { value: Value | undefined; done: boolean }>();
  private readonly constness = new Map<object, boolean>();
  private readonly binderCache = new Map<RDefinition, number[]>();
  private readonly selfRef = new Map<RFnDef, boolean>();
  /** Slot for `@` in EXCEPT: a small stack. */
  private readonly atStack: Value[] = [];
  private maxSlot = 0;

  constructor(
    private readonly constants: ReadonlyMap<RConstant, ConstantBinding>,
    private readonly rt: Runtime,
  ) {}

  /** A fresh context sized for every binder seen so far (call after compiling). */
  newCtx(s: readonly Value[], p: (Value | undefined)[]): Ctx {
    return { s, p, l: new Array<Value>(this.maxSlot + 1).fill(false) };
  }

  // ------------------------------------------------------------------ public entry points

  /** An expression (state or action predicate with all primed variables assigned). */
  expr(e: RExpr): Fn {
    return this.compileExpr(e, 'e');
  }

  /** A next-state generator for an action (Next, or one action for trace checking). */
  action(e: RExpr, top = true): Act {
    return this.compileAct(e, 'a', top);
  }

  /** An initial-state generator for an initial predicate. */
  init(e: RExpr): Act {
    return this.compileAct(e, 'i', false);
  }

  /** Value of a definition with no arguments (used for SYMMETRY, constants, ASSUME). */
  defValue(def: RDefinition, c: Ctx): Value {
    return this.callFn(def, [], 'e')(c);
  }

  // ------------------------------------------------------------------ helpers

  private slot(v: { readonly id: number }): number {
    if (v.id > this.maxSlot) this.maxSlot = v.id;
    return v.id;
  }

  private locate<T>(loc: SourceLoc, f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw withLoc(e, loc);
    }
  }

  private entry(def: RDefinition | RLambda, mode: Mode, cache: Map<RDefinition | RLambda, Map<Mode, CacheEntry>> = this.cache): CacheEntry {
    let m = cache.get(def);
    if (m === undefined) {
      m = new Map();
      cache.set(def, m);
    }
    let en = m.get(mode);
    if (en === undefined) {
      en = { fn: undefined, act: undefined };
      m.set(mode, en);
    }
    return en;
  }

  /** Whether an expression's value is independent of the state (cacheable). */
  private isConst(e: RExpr | RDefinition): boolean {
    const known = this.constness.get(e);
    if (known !== undefined) return known;
    this.constness.set(e, true); // assume true on cycles
    let r = true;
    const visit = (x: RExpr): void => {
      if (!r) return;
      switch (x.kind) {
        case 'VarRef':
        case 'UnboundedQuant':
          r = false;
          return;
        case 'Builtin': {
          const b = BUILTINS[x.op.name];
          if ((b !== undefined && b.effect === true) || x.op.name === 'ENABLED' || x.op.name === "'" || x.op.name === 'UNCHANGED') r = false;
          break;
        }
        case 'Call':
          if (x.def.inLet || !this.isConst(x.def)) r = false;
          break;
        case 'OpArg':
          if ((x.op.kind === 'Def' || x.op.kind === 'FnDef') && (x.op.inLet || !this.isConst(x.op))) r = false;
          break;
        case 'ConstRef': {
          const b = this.constants.get(x.constant);
          if (b !== undefined && b.kind === 'def' && !this.isConst(b.def)) r = false;
          break;
        }
        default:
          break;
      }
      forEachChild(x, visit);
    };
    if ('kind' in e && (e.kind === 'Def' || e.kind === 'FnDef')) {
      visit(e.body);
      if (e.kind === 'FnDef') for (const b of e.bounds) visit(b.set);
    } else visit(e as RExpr);
    this.constness.set(e, r);
    return r;
  }

  /** Counts assignments to `c.p`, so caches of primed values notice a changed next state. */
  private pgen = 0;
  private readonly effects = new Map<object, boolean>();

  /** Whether evaluating the definition may have effects or read TLC registers (not cacheable). */
  private hasEffects(def: RDefinition): boolean {
    const known = this.effects.get(def);
    if (known !== undefined) return known;
    this.effects.set(def, false);
    let r = false;
    const visit = (x: RExpr): void => {
      if (r) return;
      if (x.kind === 'Builtin') {
        const b = BUILTINS[x.op.name];
        if (b !== undefined && b.effect === true) r = true;
      } else if (x.kind === 'Call' && this.hasEffects(x.def)) r = true;
      else if (x.kind === 'ConstRef') {
        const b = this.constants.get(x.constant);
        if (b !== undefined && b.kind === 'def' && this.hasEffects(b.def)) r = true;
      } else if (x.kind === 'OpArg' || x.kind === 'Lambda' || x.kind === 'ParamRef') r = true;
      forEachChild(x, visit);
    };
    visit(def.body);
    this.effects.set(def, r);
    return r;
  }

  private readonly primes = new Map<object, boolean>();

  /** Whether a definition reads the next state (primes, UNCHANGED, [A]_v...). */
  private usesPrimes(def: RDefinition): boolean {
    const known = this.primes.get(def);
    if (known !== undefined) return known;
    this.primes.set(def, false);
    let r = false;
    const visit = (x: RExpr): void => {
      if (r) return;
      if (x.kind === 'Builtin' && (x.op.name === "'" || x.op.name === 'UNCHANGED')) r = true;
      else if (x.kind === 'BoxAction' || x.kind === 'AngleAction') r = true;
      else if (x.kind === 'Builtin' && x.op.name === 'ENABLED') return; // reads only the current state
      else if (x.kind === 'Call' && this.usesPrimes(x.def)) r = true;
      else if (x.kind === 'ConstRef') {
        const b = this.constants.get(x.constant);
        if (b !== undefined && b.kind === 'def' && this.usesPrimes(b.def)) r = true;
      }
      forEachChild(x, visit);
    };
    visit(def.body);
    this.primes.set(def, r);
    return r;
  }

  /** Binder ids introduced in a definition's own body (params, quantifiers...), for save/restore. */
  private binders(def: RDefinition): number[] {
    let ids = this.binderCache.get(def);
    if (ids !== undefined) return ids;
    const set = new Set<number>(def.params.map((p) => this.slot(p)));
    if (def.kind === 'FnDef') for (const b of def.bounds) for (const v of b.vars) set.add(this.slot(v));
    const visit = (x: RExpr): void => {
      const bs = boundsOf(x);
      for (const b of bs) for (const v of b.vars) set.add(this.slot(v));
      if (x.kind === 'UnboundedQuant' || x.kind === 'Choose') for (const v of x.vars) set.add(this.slot(v));
      if (x.kind === 'Lambda') for (const p of x.params) set.add(this.slot(p));
      if (x.kind === 'Let') for (const d of x.defs) for (const id of this.binders(d)) set.add(id);
      forEachChild(x, visit);
    };
    visit(def.body);
    ids = [...set];
    this.binderCache.set(def, ids);
    return ids;
  }

  private isSelfRef(def: RFnDef): boolean {
    let r = this.selfRef.get(def);
    if (r !== undefined) return r;
    r = false;
    const seen = new Set<object>();
    const visit = (x: RExpr): void => {
      if (r) return;
      if (x.kind === 'Call') {
        if (x.def === def) {
          r = true;
          return;
        }
        if (!seen.has(x.def) && x.def.inLet) {
          seen.add(x.def);
          visit(x.def.body);
        }
      }
      forEachChild(x, visit);
    };
    visit(def.body);
    this.selfRef.set(def, r);
    return r;
  }

  // ------------------------------------------------------------------ definitions

  /** A closure calling `def` with argument closures in the given mode. */
  private callFn(def: RDefinition, args: readonly Fn[], mode: Mode): Fn {
    if (def.kind === 'FnDef') return this.fnDefValue(def, args, mode);
    const en = this.entry(def, mode === 'i' ? 'ep' : mode === 'a' ? 'e' : mode);
    if (en.fn === undefined) {
      en.fn = () => {
        throw new EvalError(`internal: ${def.displayName} used before compiled`);
      };
      const bodyMode: Mode = mode === 'i' ? 'ep' : mode === 'a' ? 'e' : mode;
      const body = this.compileExpr(def.body, bodyMode);
      en.fn = body;
    }
    const ref = en;
    const params = def.params.map((p) => this.slot(p));
    if (params.length === 0) {
      if (!def.inLet && this.isConst(def)) {
        let cc = this.constCache.get(def);
        if (cc === undefined) {
          cc = { value: undefined, done: false };
          this.constCache.set(def, cc);
        }
        const cell = cc;
        return (c) => {
          if (!cell.done) {
            cell.value = ref.fn!(c);
            cell.done = true;
          }
          return cell.value!;
        };
      }
      if (!def.inLet && !this.hasEffects(def)) {
        // a state function (e.g. an INSTANCE substitution AbsState == [p \in Procs |-> ...]):
        // cache its value for the current state; primed values are keyed on the next-state
        // array and its assignment generation, bumped by every assignment
        const primed = mode === 'ep' || mode === 'i';
        const both = !primed && this.usesPrimes(def); // an action-level definition reads c.s and c.p
        let lastArr: readonly (Value | undefined)[] | undefined;
        let lastS: readonly Value[] | undefined;
        let lastGen = -1;
        let lastV: Value = false;
        if (both) {
          return (c) => {
            if (c.s === lastS && c.p === lastArr && lastGen === this.pgen) return lastV;
            const v = ref.fn!(c);
            lastS = c.s;
            lastArr = c.p;
            lastGen = this.pgen;
            lastV = v;
            return v;
          };
        }
        return (c) => {
          const arr = primed ? c.p : c.s;
          if (arr === lastArr && (!primed || lastGen === this.pgen)) return lastV;
          const v = ref.fn!(c);
          lastArr = arr;
          lastGen = this.pgen;
          lastV = v;
          return v;
        };
      }
      return (c) => ref.fn!(c);
    }
    if (def.recursive) {
      const saved = this.binders(def);
      return (c) => {
        const vals = args.map((a) => a(c));
        const old = saved.map((id) => c.l[id]!);
        for (let i = 0; i < params.length; i++) c.l[params[i]!] = vals[i]!;
        try {
          return ref.fn!(c);
        } finally {
          for (let i = 0; i < saved.length; i++) c.l[saved[i]!] = old[i]!;
        }
      };
    }
    if (params.length === 1) {
      const p0 = params[0]!;
      const a0 = args[0]!;
      return (c) => {
        c.l[p0] = a0(c);
        return ref.fn!(c);
      };
    }
    if (params.length === 2) {
      const [p0, p1] = [params[0]!, params[1]!];
      const [a0, a1] = [args[0]!, args[1]!];
      return (c) => {
        const v0 = a0(c);
        const v1 = a1(c);
        c.l[p0] = v0;
        c.l[p1] = v1;
        return ref.fn!(c);
      };
    }
    if (params.length === 3) {
      const [p0, p1, p2] = [params[0]!, params[1]!, params[2]!];
      const [a0, a1, a2] = [args[0]!, args[1]!, args[2]!];
      return (c) => {
        const v0 = a0(c);
        const v1 = a1(c);
        const v2 = a2(c);
        c.l[p0] = v0;
        c.l[p1] = v1;
        c.l[p2] = v2;
        return ref.fn!(c);
      };
    }
    return (c) => {
      const vals = args.map((a) => a(c));
      for (let i = 0; i < params.length; i++) c.l[params[i]!] = vals[i]!;
      return ref.fn!(c);
    };
  }

  /** The value of a function definition `f[x \in S] == e` (materialised; cached when constant). */
  private fnDefValue(def: RFnDef, args: readonly Fn[], mode: Mode): Fn {
    const m: Mode = mode === 'a' ? 'e' : mode === 'i' ? 'ep' : mode;
    const build = this.compileFcn(def.bounds, def.body, m, def.loc);
    const params = def.params.map((p) => this.slot(p));
    const withParams: Fn =
      params.length === 0
        ? build
        : (c) => {
            const vals = args.map((a) => a(c));
            for (let i = 0; i < params.length; i++) c.l[params[i]!] = vals[i]!;
            return build(c);
          };
    if (params.length === 0 && !def.inLet && this.isConst(def) && !this.isSelfRef(def)) {
      return once(withParams);
    }
    return withParams;
  }

  /** f[args] for a recursive function definition: evaluates the body directly at the argument. */
  private fnDefApply(def: RFnDef, fargs: readonly Fn[], arg: Fn, mode: Mode): Fn {
    const en = this.entry(def, mode);
    if (en.fn === undefined) {
      en.fn = () => false;
      en.fn = this.compileExpr(def.body, mode);
    }
    const ref = en;
    const saved = this.binders(def);
    const vars = def.bounds.flatMap((b) => b.vars.map((v) => this.slot(v)));
    const sets = def.bounds.map((b) => this.compileExpr(b.set, mode));
    const params = def.params.map((p) => this.slot(p));
    const single = def.bounds.length === 1 && def.bounds[0]!.vars.length === 1 && !def.bounds[0]!.tuple;
    return (c) => {
      const x = arg(c);
      const pvals = fargs.map((a) => a(c));
      const parts = single ? [x] : tupleParts(x, vars.length);
      // domain check
      let vi = 0;
      for (let bi = 0; bi < def.bounds.length; bi++) {
        const b = def.bounds[bi]!;
        const S = sets[bi]!(c);
        if (b.tuple) {
          if (!member(FcnValue.tuple(parts.slice(vi, vi + b.vars.length)), S)) domainError(def, x);
          vi += b.vars.length;
        } else {
          for (let j = 0; j < b.vars.length; j++) if (!member(parts[vi++]!, S)) domainError(def, x);
        }
      }
      const old = saved.map((id) => c.l[id]!);
      for (let i = 0; i < params.length; i++) c.l[params[i]!] = pvals[i]!;
      for (let i = 0; i < vars.length; i++) c.l[vars[i]!] = parts[i]!;
      try {
        return ref.fn!(c);
      } finally {
        for (let i = 0; i < saved.length; i++) c.l[saved[i]!] = old[i]!;
      }
    };
  }

  /** An operator argument as an OpValue (higher-order parameters, SelectSeq's test...). */
  private opArg(e: RExpr, arity: number, mode: Mode): Fn {
    if (e.kind === 'Lambda') return this.lambdaValue(e, mode);
    if (e.kind === 'OpArg') return this.operatorValue(e.op, mode, e.loc);
    if (arity === 0) return this.compileExpr(e, mode);
    throw new EvalError(`Expected an operator argument of arity ${arity}`, locStr(e.loc));
  }

  private lambdaValue(lam: RLambda, mode: Mode): Fn {
    const body = this.compileExpr(lam.body, mode === 'a' ? 'e' : mode === 'i' ? 'ep' : mode);
    const ps = lam.params.map((p) => this.slot(p));
    return (c) =>
      new OpValue('LAMBDA', ps.length, (args) => {
        const old = ps.map((id) => c.l[id]!);
        for (let i = 0; i < ps.length; i++) c.l[ps[i]!] = args[i]!;
        try {
          return body(c);
        } finally {
          for (let i = 0; i < ps.length; i++) c.l[ps[i]!] = old[i]!;
        }
      });
  }

  private operatorValue(op: Exclude<ROperator, RLambda>, mode: Mode, loc: SourceLoc): Fn {
    switch (op.kind) {
      case 'BuiltinOp': {
        const b = BUILTINS[op.name];
        if (b === undefined) throw new EvalError(`The operator ${op.name} cannot be passed as an argument here`, locStr(loc));
        const rt = this.rt;
        const v = new OpValue(op.name, op.arity, (args) => b.fn(args, rt));
        return () => v;
      }
      case 'Param': {
        const id = this.slot(op);
        return (c) => c.l[id]!;
      }
      case 'Constant': {
        const b = this.constants.get(op);
        if (b === undefined) throw new EvalError(`No value was assigned to the constant ${op.name}`, locStr(loc));
        if (b.kind === 'value') return () => b.value;
        return this.operatorValue(b.def, mode, loc);
      }
      case 'Def':
      case 'FnDef': {
        const def = op;
        const n = def.params.length;
        return (c) =>
          new OpValue(def.displayName, n, (args) => {
            const fns = args.map((a) => () => a);
            return this.callFn(def, fns, mode)(c);
          });
      }
    }
  }

  // ------------------------------------------------------------------ expressions

  private compileExpr(e: RExpr, mode: Mode): Fn {
    const f = this.compileExpr0(e, mode);
    if (FOLDABLE.has(e.kind) && this.isClosedConst(e)) {
      // a constant sub-expression (no variables, bound names or effects): evaluate once
      return once(f);
    }
    return f;
  }

  private readonly closedConst = new WeakMap<object, boolean>();

  /** No state variables, bound variables, parameters, `@`, side effects: the value never changes. */
  private isClosedConst(e: RExpr): boolean {
    const known = this.closedConst.get(e);
    if (known !== undefined) return known;
    let r = true;
    switch (e.kind) {
      case 'VarRef':
      case 'BoundRef':
      case 'ParamRef':
      case 'At':
      case 'UnboundedQuant':
      case 'Lambda':
      case 'ApplyLambda':
      case 'OpArg':
      case 'Let':
        r = false;
        break;
      case 'Builtin': {
        const b = BUILTINS[e.op.name];
        if (b === undefined || b.effect === true) r = false;
        break;
      }
      case 'Call':
        if (e.def.inLet || !this.isConst(e.def)) r = false;
        break;
      case 'ConstRef': {
        const b = this.constants.get(e.constant);
        if (b === undefined || (b.kind === 'def' && !this.isConst(b.def))) r = false;
        break;
      }
      default:
        break;
    }
    if (r) {
      forEachChild(e, (x) => {
        if (r && !this.isClosedConst(x)) r = false;
      });
    }
    this.closedConst.set(e, r);
    return r;
  }

  private compileExpr0(e: RExpr, mode: Mode): Fn {
    const loc = e.loc;
    switch (e.kind) {
      case 'Number': {
        const v = Number(e.value);
        if (!Number.isSafeInteger(v) || v > 2147483647) {
          throw new EvalError(`The number ${e.value} is outside TLC's 32-bit integer range`, locStr(loc));
        }
        return () => v;
      }
      case 'String': {
        const v = e.value;
        return () => v;
      }
      case 'Bool': {
        const v = e.value;
        return () => v;
      }
      case 'VarRef': {
        const i = e.variable.index;
        const name = e.variable.name;
        if (mode === 'ep' || mode === 'i') {
          return (c) => {
            const v = c.p[i];
            if (v === undefined) throw new EvalError(`In evaluation, the identifier ${name} is either undefined or not an operator.`, locStr(loc));
            return v;
          };
        }
        return (c) => c.s[i]!;
      }
      case 'ConstRef': {
        const b = this.constants.get(e.constant);
        if (b === undefined) {
          const name = e.constant.name;
          return () => {
            throw new EvalError(`The constant parameter ${name} is not assigned a value by the configuration file.`, locStr(loc));
          };
        }
        if (b.kind === 'value') {
          if (e.args.length > 0) throw new EvalError(`The constant ${e.constant.name} takes no arguments`, locStr(loc));
          const v = b.value;
          return () => v;
        }
        const args = e.args.map((a, i) => this.opArg(a, paramArity(b.def, i), mode));
        return this.callFn(b.def, args, mode);
      }
      case 'BoundRef':
      case 'ParamRef': {
        const id = this.slot(e.kind === 'BoundRef' ? e.variable : e.param);
        if (e.kind === 'ParamRef' && e.args.length > 0) {
          const args = e.args.map((a) => this.compileExpr(a, mode));
          const name = e.param.name;
          return (c) => {
            const op = c.l[id];
            if (!(op instanceof OpValue)) throw new EvalError(`${name} is not an operator`, locStr(loc));
            return this.locate(loc, () => op.apply(args.map((a) => a(c))));
          };
        }
        return (c) => c.l[id]!;
      }
      case 'Call': {
        const def = e.def;
        const args = e.args.map((a, i) => this.opArg(a, paramArity(def, i), mode));
        const f = this.callFn(def, args, mode);
        return (c) => {
          try {
            return f(c);
          } catch (err) {
            throw withLoc(err, loc);
          }
        };
      }
      case 'OpArg':
        return this.operatorValue(e.op, mode, loc);
      case 'Lambda':
        return this.lambdaValue(e, mode);
      case 'ApplyLambda': {
        const lam = this.lambdaValue(e.lambda, mode);
        const args = e.args.map((a) => this.compileExpr(a, mode));
        return (c) => (lam(c) as OpValue).apply(args.map((a) => a(c)));
      }
      case 'Builtin':
        return this.compileBuiltin(e, e.op.name, e.args, mode);
      case 'Quant': {
        const body = this.compileExpr(e.body, mode);
        const isAll = e.quantifier === 'A';
        const ids = e.bounds.flatMap((b) => b.vars.map((v) => this.slot(v)));
        if (!e.bounds.some((b) => b.tuple) && ids.length <= 2) {
          // fast path: one or two plain bound variables, no closures per evaluation
          const sets = e.bounds.flatMap((b) => b.vars.map(() => this.compileExpr(b.set, mode)));
          const bloc = e.bounds[0]!.loc;
          const test = (c: Ctx): boolean => {
            const b = body(c);
            if (typeof b !== 'boolean') throw new EvalError(`The body of a quantifier is not a boolean: ${show(b)}`, locStr(loc));
            return b;
          };
          const id0 = ids[0]!;
          if (ids.length === 1) {
            const set0 = sets[0]!;
            return (c) => {
              const es = elemsAt(set0(c), bloc);
              for (let i = 0; i < es.length; i++) {
                c.l[id0] = es[i]!;
                if (test(c) !== isAll) return !isAll;
              }
              return isAll;
            };
          }
          const id1 = ids[1]!;
          const set0 = sets[0]!;
          const set1 = sets[1]!;
          return (c) => {
            const es = elemsAt(set0(c), bloc);
            for (let i = 0; i < es.length; i++) {
              c.l[id0] = es[i]!;
              const fs = elemsAt(set1(c), bloc);
              for (let j = 0; j < fs.length; j++) {
                c.l[id1] = fs[j]!;
                if (test(c) !== isAll) return !isAll;
              }
            }
            return isAll;
          };
        }
        return this.enumBounds(e.bounds, mode, (c, each) => {
          let result = isAll;
          each(() => {
            const b = body(c);
            if (typeof b !== 'boolean') throw new EvalError(`The body of a quantifier is not a boolean: ${show(b)}`, locStr(loc));
            if (b !== isAll) {
              result = b;
              return false;
            }
            return true;
          });
          return result;
        });
      }
      case 'UnboundedQuant':
        return () => {
          throw new EvalError('TLC cannot evaluate an unbounded quantifier', locStr(loc));
        };
      case 'Choose': {
        const set = e.set;
        if (set === undefined) {
          return () => {
            throw new EvalError('TLC cannot evaluate an unbounded CHOOSE', locStr(loc));
          };
        }
        const bound: RBound = { vars: e.vars, tuple: e.tuple, set, loc };
        const body = this.compileExpr(e.body, mode);
        const ids = e.vars.map((v) => this.slot(v));
        return this.enumBounds([bound], mode, (c, each) => {
          let found: Value | undefined;
          each(() => {
            if (body(c) === true) {
              found = ids.length === 1 ? c.l[ids[0]!]! : FcnValue.tuple(ids.map((id) => c.l[id]!));
              return false;
            }
            return true;
          });
          if (found === undefined) throw new EvalError('Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.', locStr(loc));
          return found;
        });
      }
      case 'SetEnum': {
        const es = e.elems.map((x) => this.compileExpr(x, mode));
        if (es.length === 0) {
          const empty = SetValue.fromSorted([]);
          return () => empty;
        }
        return (c) => SetValue.of(es.map((x) => x(c)));
      }
      case 'SetFilter': {
        const pred = this.compileExpr(e.pred, mode);
        const b = e.bound;
        const ids = b.vars.map((v) => this.slot(v));
        return this.enumBounds([b], mode, (c, each) => {
          const out: Value[] = [];
          each(() => {
            if (pred(c) === true) out.push(ids.length === 1 && !b.tuple ? c.l[ids[0]!]! : FcnValue.tuple(ids.map((id) => c.l[id]!)));
            return true;
          });
          return SetValue.of(out);
        });
      }
      case 'SetMap': {
        const body = this.compileExpr(e.expr, mode);
        return this.enumBounds(e.bounds, mode, (c, each) => {
          const out: Value[] = [];
          each(() => {
            out.push(body(c));
            return true;
          });
          return SetValue.of(out);
        });
      }
      case 'FnApp': {
        const argFn: Fn =
          e.args.length === 1
            ? this.compileExpr(e.args[0]!, mode)
            : (() => {
                const as = e.args.map((a) => this.compileExpr(a, mode));
                return (c: Ctx) => FcnValue.tuple(as.map((a) => a(c)));
              })();
        if (e.fn.kind === 'Call' && e.fn.def.kind === 'FnDef' && this.isSelfRef(e.fn.def)) {
          const def = e.fn.def;
          const fargs = e.fn.args.map((a) => this.compileExpr(a, mode));
          const f = this.fnDefApply(def, fargs, argFn, mode);
          return (c) => this.locate(loc, () => f(c));
        }
        const fn = this.compileExpr(e.fn, mode);
        return (c) => {
          const f = fn(c);
          const x = argFn(c);
          if (f instanceof FcnValue) {
            const i = f.indexOf(x);
            if (i >= 0) return f.vals[i]!;
          }
          return applyAt(f, x, loc);
        };
      }
      case 'FnCons':
        return this.compileFcn(e.bounds, e.body, mode, loc);
      case 'FnSet': {
        const d = this.compileExpr(e.domain, mode);
        const r = this.compileExpr(e.range, mode);
        return (c) => this.locate(loc, () => fcnSet(d(c), r(c)));
      }
      case 'RecordCons': {
        const names = e.fields.map((f) => f.name);
        const vals = e.fields.map((f) => this.compileExpr(f.value, mode));
        const order = names.map((n, i) => [n, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        const dom = order.map((o) => o[0]);
        const idx = order.map((o) => o[1]);
        return (c) => FcnValue.fromSorted(dom, idx.map((i) => vals[i]!(c)));
      }
      case 'RecordSet': {
        const names = e.fields.map((f) => f.name);
        const sets = e.fields.map((f) => this.compileExpr(f.value, mode));
        return (c) => this.locate(loc, () => recordSet(names, sets.map((s) => s(c))));
      }
      case 'FieldAccess': {
        const r = this.compileExpr(e.record, mode);
        const field = e.field;
        // inline cache: records built at one site share their domain array
        let lastDom: readonly Value[] | undefined;
        let lastIdx = -1;
        return (c) => {
          const v = r(c);
          if (v instanceof FcnValue) {
            if (v.dom === lastDom) return v.vals[lastIdx]!;
            const i = v.indexOf(field);
            if (i >= 0) {
              lastDom = v.dom;
              lastIdx = i;
              return v.vals[i]!;
            }
          }
          throw new EvalError(`Attempted to access field ${field} of ${kindName(v)} ${show(v)}, which does not have that field.`, locStr(loc));
        };
      }
      case 'Except':
        return this.compileExcept(e.fn, e.updates, mode, loc);
      case 'At': {
        const st = this.atStack;
        return () => {
          if (st.length === 0) throw new EvalError('@ used outside an EXCEPT', locStr(loc));
          return st[st.length - 1]!;
        };
      }
      case 'Tuple': {
        const es = e.elems.map((x) => this.compileExpr(x, mode));
        return (c) => FcnValue.tuple(es.map((x) => x(c)));
      }
      case 'CartesianProduct': {
        const sets = e.sets.map((x) => this.compileExpr(x, mode));
        return (c) => this.locate(loc, () => product(sets.map((s) => s(c))));
      }
      case 'If': {
        const cond = this.compileExpr(e.cond, mode);
        const t = this.compileExpr(e.then, mode);
        const f = this.compileExpr(e.else, mode);
        return (c) => {
          const b = cond(c);
          if (b === true) return t(c);
          if (b === false) return f(c);
          throw new EvalError(`A non-boolean expression (${kindName(b)} ${show(b)}) was used as the condition of an IF.`, locStr(loc));
        };
      }
      case 'Case': {
        const arms = e.arms.map((a) => [this.compileExpr(a.guard, mode), this.compileExpr(a.body, mode)] as const);
        const other = e.other === undefined ? undefined : this.compileExpr(e.other, mode);
        return (c) => {
          for (const [g, b] of arms) if (g(c) === true) return b(c);
          if (other !== undefined) return other(c);
          throw new EvalError('Attempted to evaluate a CASE with no conditions true.', locStr(loc));
        };
      }
      case 'Let':
        return this.compileExpr(e.body, mode);
      case 'Junction': {
        const items = e.items.map((x) => this.compileExpr(x, mode));
        const isAnd = e.op === 'and';
        return (c) => {
          for (const it of items) {
            const b = it(c);
            if (typeof b !== 'boolean') throw new EvalError(`A non-boolean (${show(b)}) was used in a ${isAnd ? 'conjunction' : 'disjunction'}`, locStr(loc));
            if (b !== isAnd) return b;
          }
          return isAnd;
        };
      }
      case 'BoxAction': {
        const a = this.compileExpr(e.action, mode === 'e' ? 'e' : mode);
        const unchanged = this.unchangedExpr(e.sub, mode);
        return (c) => a(c) === true || unchanged(c) === true;
      }
      case 'AngleAction': {
        const a = this.compileExpr(e.action, mode);
        const unchanged = this.unchangedExpr(e.sub, mode);
        return (c) => a(c) === true && unchanged(c) === false;
      }
      case 'Fairness':
        return () => {
          throw new EvalError('Fairness conditions (WF/SF) cannot be evaluated as values', locStr(loc));
        };
      case 'Label':
        return this.compileExpr(e.body, mode);
    }
  }

  private unchangedExpr(sub: RExpr, mode: Mode): Fn {
    const now = this.compileExpr(sub, mode === 'e' ? 'e' : mode);
    const next = this.compileExpr(sub, 'ep');
    return (c) => equals(now(c), next(c));
  }

  private compileBuiltin(e: RExpr, name: string, rargs: readonly RExpr[], mode: Mode): Fn {
    const loc = e.loc;
    switch (name) {
      case '/\\':
      case '\\/': {
        const a = this.compileExpr(rargs[0]!, mode);
        const b = this.compileExpr(rargs[1]!, mode);
        const isAnd = name === '/\\';
        return (c) => {
          const x = a(c);
          if (typeof x !== 'boolean') throw new EvalError(`A non-boolean (${show(x)}) was used as an argument of ${name}`, locStr(loc));
          if (x !== isAnd) return x;
          const y = b(c);
          if (typeof y !== 'boolean') throw new EvalError(`A non-boolean (${show(y)}) was used as an argument of ${name}`, locStr(loc));
          return y;
        };
      }
      case '=>': {
        const a = this.compileExpr(rargs[0]!, mode);
        const b = this.compileExpr(rargs[1]!, mode);
        return (c) => {
          const x = a(c);
          if (x === false) return true;
          if (x !== true) throw new EvalError(`A non-boolean (${show(x)}) was used as the antecedent of =>`, locStr(loc));
          return bool(b(c), loc);
        };
      }
      case '<=>':
      case '\\equiv': {
        const a = this.compileExpr(rargs[0]!, mode);
        const b = this.compileExpr(rargs[1]!, mode);
        return (c) => bool(a(c), loc) === bool(b(c), loc);
      }
      case '~': {
        const a = this.compileExpr(rargs[0]!, mode);
        return (c) => !bool(a(c), loc);
      }
      case "'": {
        if (mode === 'ep' || mode === 'i') {
          return () => {
            throw new EvalError('A primed expression inside a primed expression', locStr(loc));
          };
        }
        return this.compileExpr(rargs[0]!, 'ep');
      }
      case 'UNCHANGED':
        return this.unchangedExpr(rargs[0]!, mode);
      case '=': {
        const a = this.compileExpr(rargs[0]!, mode);
        const b = this.compileExpr(rargs[1]!, mode);
        return (c) => {
          const x = a(c);
          const y = b(c);
          if (x === y) return true;
          if (typeof x === typeof y && typeof x !== 'object') return false;
          return equalsAt(x, y, loc);
        };
      }
      case '\\in': {
        const a = this.compileExpr(rargs[0]!, mode);
        const b = this.compileExpr(rargs[1]!, mode);
        return (c) => {
          const x = a(c);
          const s = b(c);
          return memberAt(x, s, loc);
        };
      }
      case 'ENABLED': {
        // ENABLED A: some successor of the current state satisfies A (A's generator from c.s)
        const act = this.compileAct(rargs[0]!, 'a', false);
        return (c) => {
          const saved = c.p;
          c.p = new Array<Value | undefined>(c.s.length).fill(undefined);
          let found = false;
          try {
            act(c, () => {
              found = true;
              throw ENABLED_FOUND;
            });
          } catch (err) {
            if (err !== ENABLED_FOUND) throw err;
          } finally {
            c.p = saved;
          }
          return found;
        };
      }
      case '[]':
      case '<>':
      case '~>':
      case '-+->':
      case '\\cdot':
        return () => {
          throw new EvalError(`The operator ${name} is not supported by this checker outside temporal properties`, locStr(loc));
        };
      default:
        break;
    }
    const b = BUILTINS[name];
    if (b === undefined) {
      return () => {
        throw new EvalError(`The operator ${name} is not implemented by exitspec's evaluator`, locStr(loc));
      };
    }
    const opIdx = new Set(b.opArgs ?? []);
    const args = rargs.map((a, i) => (opIdx.has(i) ? this.opArg(a, 1, mode) : this.compileExpr(a, mode)));
    const rt = this.rt;
    const fn = b.fn;
    if (args.length === 0) {
      if (b.effect) return () => fn([], rt);
      const v = fn([], rt);
      return () => v;
    }
    if (args.length === 2) {
      const a0 = args[0]!;
      const a1 = args[1]!;
      return (c) => {
        const x = a0(c);
        const y = a1(c);
        try {
          return fn([x, y], rt);
        } catch (err) {
          throw withLoc(err, loc);
        }
      };
    }
    return (c) => {
      const vals = args.map((a) => a(c));
      try {
        return fn(vals, rt);
      } catch (err) {
        throw withLoc(err, loc);
      }
    };
  }

  /**
   * Enumerates the bindings of `bounds` (nested loops), calling `each(body)` where `body`
   * returns false to stop. The result closure is `run(c, each)`.
   */
  private enumBounds(bounds: readonly RBound[], mode: Mode, run: (c: Ctx, each: (visit: () => boolean) => void) => Value): Fn {
    const sets = bounds.map((b) => this.compileExpr(b.set, mode));
    const shape = bounds.map((b) => ({ ids: b.vars.map((v) => this.slot(v)), tuple: b.tuple }));
    return (c) =>
      run(c, (visit) => {
        const loop = (bi: number, vi: number): boolean => {
          if (bi === shape.length) return visit();
          const sh = shape[bi]!;
          if (vi === 0 && sh.tuple) {
            const es = elemsAt(sets[bi]!(c), bounds[bi]!.loc);
            for (const el of es) {
              const parts = tupleParts(el, sh.ids.length);
              for (let j = 0; j < sh.ids.length; j++) c.l[sh.ids[j]!] = parts[j]!;
              if (!loop(bi + 1, 0)) return false;
            }
            return true;
          }
          if (vi === sh.ids.length) return loop(bi + 1, 0);
          const es = elemsAt(sets[bi]!(c), bounds[bi]!.loc);
          const id = sh.ids[vi]!;
          for (const el of es) {
            c.l[id] = el;
            if (!loop(bi, vi + 1)) return false;
          }
          return true;
        };
        loop(0, 0);
      });
  }

  private compileFcn(bounds: readonly RBound[], body: RExpr, mode: Mode, loc: SourceLoc): Fn {
    const b = this.compileExpr(body, mode);
    const ids = bounds.flatMap((x) => x.vars.map((v) => this.slot(v)));
    const single = bounds.length === 1 && ids.length === 1 && !bounds[0]!.tuple;
    if (single) {
      const set = this.compileExpr(bounds[0]!.set, mode);
      const id = ids[0]!;
      return (c) => {
        const dom = elemsAt(set(c), loc);
        const vals = new Array<Value>(dom.length);
        for (let i = 0; i < dom.length; i++) {
          c.l[id] = dom[i]!;
          vals[i] = b(c);
        }
        return FcnValue.fromSorted(dom, vals);
      };
    }
    return this.enumBounds(bounds, mode, (c, each) => {
      const pairs: [Value, Value][] = [];
      each(() => {
        pairs.push([FcnValue.tuple(ids.map((id) => c.l[id]!)), b(c)]);
        return true;
      });
      return FcnValue.fromPairs(pairs);
    });
  }

  private compileExcept(
    fe: RExpr,
    updates: readonly { readonly path: readonly ({ readonly kind: 'Index'; readonly args: readonly RExpr[] } | { readonly kind: 'Field'; readonly name: string })[]; readonly value: RExpr }[],
    mode: Mode,
    loc: SourceLoc,
  ): Fn {
    const f = this.compileExpr(fe, mode);
    const ups = updates.map((u) => ({
      path: u.path.map((st): Fn =>
        st.kind === 'Field'
          ? ((n: string) => () => n)(st.name)
          : st.args.length === 1
            ? this.compileExpr(st.args[0]!, mode)
            : ((as: Fn[]) => (c: Ctx) => FcnValue.tuple(as.map((a) => a(c))))(st.args.map((a) => this.compileExpr(a, mode))),
      ),
      val: this.compileExpr(u.value, mode),
    }));
    const st = this.atStack;
    const upd = (c: Ctx, cur: Value, path: readonly Fn[], i: number, val: Fn): Value => {
      if (i === path.length) {
        st.push(cur);
        try {
          return val(c);
        } finally {
          st.pop();
        }
      }
      if (!(cur instanceof FcnValue)) throw new EvalError(`EXCEPT applied to a non-function ${show(cur)}`, locStr(loc));
      const k = path[i]!(c);
      const j = cur.indexOf(k);
      if (j < 0) return cur; // TLC: updating outside the domain leaves the function unchanged
      return cur.withIndex(j, upd(c, cur.vals[j]!, path, i + 1, val));
    };
    return (c) => {
      let v = f(c);
      for (const u of ups) v = upd(c, v, u.path, 0, u.val);
      return v;
    };
  }

  // ------------------------------------------------------------------ actions

  private compileAct(e: RExpr, mode: 'a' | 'i', top: boolean): Act {
    const loc = e.loc;
    const em: Mode = mode === 'i' ? 'ep' : 'e';
    switch (e.kind) {
      case 'Junction':
        return e.op === 'and' ? this.conj(e.items, mode) : this.disj(e.items, mode, top);
      case 'Builtin': {
        const name = e.op.name;
        if (name === '/\\') return this.conj(e.args, mode);
        if (name === '\\/') return this.disj(e.args, mode, top);
        if (name === '=') {
          const target = this.targetOf(e.args[0]!, mode);
          if (target !== undefined) return this.assign(target, this.compileExpr(e.args[1]!, em), loc);
        }
        if (name === '\\in') {
          const target = this.targetOf(e.args[0]!, mode);
          if (target !== undefined) return this.assignIn(target, this.compileExpr(e.args[1]!, em), loc);
        }
        if (name === 'UNCHANGED') return this.unchangedAct(e.args[0]!, mode);
        break;
      }
      case 'Quant': {
        if (e.quantifier !== 'E') break;
        const body = this.compileAct(e.body, mode, top);
        const sets = e.bounds.map((b) => this.compileExpr(b.set, em));
        const shape = e.bounds.map((b) => ({ ids: b.vars.map((v) => this.slot(v)), tuple: b.tuple, loc: b.loc }));
        const names = e.bounds.flatMap((b) => b.vars.map((v) => v.name));
        const allIds = shape.flatMap((s) => s.ids);
        return (c, k) => {
          const loop = (bi: number, vi: number): void => {
            if (bi === shape.length) {
              if (top && names.length > 0) {
                const si = this.extraIds;
                const sn = this.extraNames;
                const sc = this.extraCtx;
                this.extraIds = allIds;
                this.extraNames = names;
                this.extraCtx = c;
                try {
                  body(c, k);
                } finally {
                  this.extraIds = si;
                  this.extraNames = sn;
                  this.extraCtx = sc;
                }
              } else body(c, k);
              return;
            }
            const sh = shape[bi]!;
            if (sh.tuple) {
              for (const el of elemsAt(sets[bi]!(c), sh.loc)) {
                const parts = tupleParts(el, sh.ids.length);
                for (let j = 0; j < sh.ids.length; j++) c.l[sh.ids[j]!] = parts[j]!;
                loop(bi + 1, 0);
              }
              return;
            }
            if (vi === sh.ids.length) return loop(bi + 1, 0);
            const id = sh.ids[vi]!;
            for (const el of elemsAt(sets[bi]!(c), sh.loc)) {
              c.l[id] = el;
              loop(bi, vi + 1);
            }
          };
          loop(0, 0);
        };
      }
      case 'If': {
        const cond = this.compileExpr(e.cond, em);
        const t = this.compileAct(e.then, mode, top);
        const f = this.compileAct(e.else, mode, top);
        return (c, k) => {
          const b = cond(c);
          if (b === true) t(c, k);
          else if (b === false) f(c, k);
          else throw new EvalError(`A non-boolean expression (${show(b)}) was used as the condition of an IF.`, locStr(loc));
        };
      }
      case 'Case': {
        const arms = e.arms.map((a) => [this.compileExpr(a.guard, em), this.compileAct(a.body, mode, top)] as const);
        const other = e.other === undefined ? undefined : this.compileAct(e.other, mode, top);
        return (c, k) => {
          for (const [g, b] of arms) {
            if (g(c) === true) {
              b(c, k);
              return;
            }
          }
          if (other !== undefined) other(c, k);
          else throw new EvalError('Attempted to evaluate a CASE with no conditions true.', locStr(loc));
        };
      }
      case 'Let':
        return this.compileAct(e.body, mode, top);
      case 'Label':
        return this.compileAct(e.body, mode, top);
      case 'BoxAction': {
        const a = this.compileAct(e.action, mode, top);
        const u = this.unchangedAct(e.sub, mode);
        return (c, k) => {
          a(c, k);
          u(c, k);
        };
      }
      case 'Call': {
        const def = e.def;
        if (def.kind !== 'Def') break;
        return this.callAct(def, e.args, mode, top);
      }
      case 'ConstRef': {
        const b = this.constants.get(e.constant);
        if (b !== undefined && b.kind === 'def' && b.def.kind === 'Def') return this.callAct(b.def, e.args, mode, top);
        break;
      }
      default:
        break;
    }
    return this.guard(e, em);
  }

  private callAct(def: RDef, rargs: readonly RExpr[], mode: 'a' | 'i', top: boolean): Act {
    const em: Mode = mode === 'i' ? 'ep' : 'e';
    const key: Mode = top ? (mode === 'a' ? 'a' : 'i') : mode;
    // top-level and nested compilations differ only in labelling; cache separately
    const en = top ? this.entry(def, key) : this.entry(def, mode, this.nested);
    if (en.act === undefined) {
      en.act = () => {
        throw new EvalError(`internal: ${def.displayName} used before compiled`);
      };
      en.act = this.compileAct(def.body, mode, top);
    }
    const ref = en;
    const args = rargs.map((a, i) => this.opArg(a, paramArity(def, i), em));
    const params = def.params.map((p) => this.slot(p));
    const saved = def.recursive ? this.binders(def) : [];
    const savedIds = saved;
    let body: Act;
    if (params.length === 0) body = (c, k) => ref.act!(c, k);
    else if (saved.length === 0 && params.length === 1) {
      const [p0, a0] = [params[0]!, args[0]!];
      body = (c, k) => {
        c.l[p0] = a0(c);
        ref.act!(c, k);
      };
    } else if (saved.length === 0 && params.length === 2) {
      const [p0, p1, a0, a1] = [params[0]!, params[1]!, args[0]!, args[1]!];
      body = (c, k) => {
        const v0 = a0(c);
        const v1 = a1(c);
        c.l[p0] = v0;
        c.l[p1] = v1;
        ref.act!(c, k);
      };
    } else {
      body = (c, k) => {
        const vals = args.map((a) => a(c));
        const old = saved.map((id) => c.l[id]!);
        for (let i = 0; i < params.length; i++) c.l[params[i]!] = vals[i]!;
        ref.act!(c, k);
        for (let i = 0; i < saved.length; i++) c.l[saved[i]!] = old[i]!;
      };
    }
    if (!top) return body;
    const module = def.module;
    const name = def.displayName;
    const bodyLoc = def.body.loc;
    const pnames = def.params.map((p) => p.name);
    const site: LabelSite = { name, loc: bodyLoc, module, pnames };
    if (params.length === 0) {
      return (c, k) => {
        const saved = this.site;
        this.site = site;
        try {
          ref.act!(c, k);
        } finally {
          this.site = saved;
        }
      };
    }
    const single = params.length === 1 && savedIds.length === 0;
    const p0 = params[0]!;
    const a0 = args[0]!;
    return (c, k) => {
      const saved = this.site;
      const savedVals = this.siteVals;
      if (single) {
        const v = a0(c);
        c.l[p0] = v;
        this.siteVals = [v];
        this.site = site;
        try {
          ref.act!(c, k);
        } finally {
          this.site = saved;
          this.siteVals = savedVals;
        }
        return;
      }
      const vals = args.map((a) => a(c));
      const old = savedIds.length === 0 ? [] : savedIds.map((id) => c.l[id]!);
      for (let i = 0; i < params.length; i++) c.l[params[i]!] = vals[i]!;
      this.site = site;
      this.siteVals = vals;
      try {
        ref.act!(c, k);
      } finally {
        this.site = saved;
        this.siteVals = savedVals;
        for (let i = 0; i < savedIds.length; i++) c.l[savedIds[i]!] = old[i]!;
      }
    };
  }

  private readonly nested = new Map<RDefinition | RLambda, Map<Mode, CacheEntry>>();

  /** The variable index when `e` is an assignment target in this mode (`x'` or, for Init, `x`). */
  private targetOf(e: RExpr, mode: 'a' | 'i'): { index: number; name: string } | undefined {
    if (mode === 'i') {
      if (e.kind === 'VarRef') return { index: e.variable.index, name: e.variable.name };
      return undefined;
    }
    if (e.kind === 'Builtin' && e.op.name === "'" && e.args[0]!.kind === 'VarRef') {
      const v = e.args[0]!.variable;
      return { index: v.index, name: v.name };
    }
    return undefined;
  }

  private assign(t: { index: number; name: string }, val: Fn, loc: SourceLoc): Act {
    const i = t.index;
    const act: Act = (c, k) => {
      const v = val(c);
      const cur = c.p[i];
      if (cur === undefined) {
        c.p[i] = v;
        this.pgen++;
        try {
          k();
        } finally {
          c.p[i] = undefined;
          this.pgen++;
        }
      } else if (equalsAt(cur, v, loc)) k();
      else this.fail(loc);
    };
    this.simple.set(act, { kind: 'assign', index: i, f: val, loc });
    return act;
  }

  private assignIn(t: { index: number; name: string }, set: Fn, loc: SourceLoc): Act {
    const i = t.index;
    return (c, k) => {
      const s = set(c);
      const cur = c.p[i];
      if (cur === undefined) {
        const es = elemsAt(s, loc);
        try {
          for (const v of es) {
            c.p[i] = v;
        this.pgen++;
            k();
          }
        } finally {
          c.p[i] = undefined;
          this.pgen++;
        }
      } else if (memberAt(cur, s, loc)) k();
      else this.fail(loc);
    };
  }

  /** UNCHANGED e as assignments x' = x for each variable in e (tuples, definitions expanded). */
  private unchangedAct(e: RExpr, mode: 'a' | 'i'): Act {
    const vars: { index: number; name: string }[] = [];
    const expand = (x: RExpr): boolean => {
      if (x.kind === 'VarRef') {
        vars.push({ index: x.variable.index, name: x.variable.name });
        return true;
      }
      if (x.kind === 'Tuple') return x.elems.every(expand);
      if (x.kind === 'Call' && x.def.kind === 'Def' && x.def.params.length === 0) return expand(x.def.body);
      return false;
    };
    if (mode === 'a' && expand(e)) {
      const loc = e.loc;
      const acts = vars.map((v) => {
        const i = v.index;
        return this.assign(v, (c) => c.s[i]!, loc);
      });
      const ch = this.chain(acts);
      this.parts.set(ch, acts);
      return ch;
    }
    return this.guard({ kind: 'Builtin', op: { kind: 'BuiltinOp', module: 'Core', name: 'UNCHANGED', arity: 1, fixity: 'prefix', key: 'Core!UNCHANGED' }, args: [e], loc: e.loc }, mode === 'i' ? 'ep' : 'e');
  }

  private guard(e: RExpr, em: Mode): Act {
    const f = this.compileExpr(e, em);
    const loc = e.loc;
    const act: Act = (c, k) => {
      const b = f(c);
      if (b === true) k();
      else if (b === false) this.fail(loc);
      else throw new EvalError(`An action or predicate evaluated to a non-boolean: ${show(b)}`, locStr(loc));
    };
    this.simple.set(act, { kind: 'guard', index: -1, f, loc });
    return act;
  }

  /** Guards and plain assignments, which `chain` links without allocating continuations. */
  private readonly simple = new WeakMap<Act, { kind: 'guard' | 'assign'; index: number; f: Fn; loc: SourceLoc }>();

  /** `a /\ rest` where `a` is a guard or an assignment: no closure per evaluation. */
  private link(a: Act, r: Act): Act {
    const info = this.simple.get(a);
    if (info === undefined) return (c, k) => a(c, () => r(c, k));
    const { f, loc } = info;
    if (info.kind === 'guard') {
      return (c, k) => {
        const b = f(c);
        if (b === true) r(c, k);
        else if (b === false) this.fail(loc);
        else throw new EvalError(`An action or predicate evaluated to a non-boolean: ${show(b)}`, locStr(loc));
      };
    }
    const i = info.index;
    return (c, k) => {
      const v = f(c);
      const cur = c.p[i];
      if (cur === undefined) {
        c.p[i] = v;
        this.pgen++;
        try {
          r(c, k);
        } finally {
          c.p[i] = undefined;
          this.pgen++;
        }
      } else if (cur === v || equalsAt(cur, v, loc)) r(c, k);
      else this.fail(loc);
    };
  }

  /** Records a failed conjunct, keeping the furthest one in the source (trace diagnostics). */
  private fail(loc: SourceLoc): void {
    if (!this.trackFailures) return;
    const lf = this.lastFailure;
    if (lf === undefined || loc.line > lf.loc.line || (loc.line === lf.loc.line && loc.col > lf.loc.col)) this.lastFailure = { loc };
  }

  private chain(acts: readonly Act[]): Act {
    if (acts.length === 0) return (_c, k) => k();
    if (acts.length === 1) return acts[0]!;
    let rest: Act = acts[acts.length - 1]!;
    for (let i = acts.length - 2; i >= 0; i--) rest = this.link(acts[i]!, rest);
    return rest;
  }

  /** Conjunction chains made of simple parts (UNCHANGED), spliced into enclosing conjunctions. */
  private readonly parts = new WeakMap<Act, readonly Act[]>();

  private conj(items: readonly RExpr[], mode: 'a' | 'i'): Act {
    const acts = items.map((x) => this.compileAct(x, mode, false)).flatMap((a) => this.parts.get(a) ?? [a]);
    const ch = this.chain(acts);
    if (acts.every((a) => this.simple.has(a))) this.parts.set(ch, acts);
    return ch;
  }

  private disj(items: readonly RExpr[], mode: 'a' | 'i', top: boolean): Act {
    const acts = items.map((x) => this.compileAct(x, mode, top));
    return (c, k) => {
      for (const a of acts) a(c, k);
    };
  }
}

// ------------------------------------------------------------------ utilities

/** `f` evaluated at its first call only; later calls return that value. */
function once(f: Fn): Fn {
  let done = false;
  let v: Value = false;
  return (c) => {
    if (!done) {
      v = f(c);
      done = true;
    }
    return v;
  };
}

// Located variants of the value operations, written without closures so that hot paths do not
// allocate a context per evaluation.
function elemsAt(v: Value, loc: SourceLoc): readonly Value[] {
  try {
    return elems(v);
  } catch (e) {
    throw withLoc(e, loc);
  }
}

function equalsAt(a: Value, b: Value, loc: SourceLoc): boolean {
  try {
    return equals(a, b);
  } catch (e) {
    throw withLoc(e, loc);
  }
}

function memberAt(x: Value, s: Value, loc: SourceLoc): boolean {
  try {
    return member(x, s);
  } catch (e) {
    throw withLoc(e, loc);
  }
}

function applyAt(f: Value, x: Value, loc: SourceLoc): Value {
  try {
    return apply(f, x);
  } catch (e) {
    throw withLoc(e, loc);
  }
}

function bool(v: Value, loc: SourceLoc): boolean {
  if (typeof v !== 'boolean') throw new EvalError(`Expected a boolean, but got ${kindName(v)} ${show(v)}`, locStr(loc));
  return v;
}

function paramArity(def: RDefinition, i: number): number {
  return def.params[i]?.arity ?? 0;
}

function tupleParts(v: Value, n: number): readonly Value[] {
  if (!(v instanceof FcnValue) || !v.isSeq || v.size !== n) throw new EvalError(`Expected a tuple of length ${n}, but got ${show(v)}`);
  return v.vals;
}

function domainError(def: RFnDef, x: Value): never {
  throw new EvalError(`Attempted to apply function ${def.displayName} to argument ${show(x)}, which is not in its domain.`);
}

/** `file:line:col`. */
export function locStr(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/** TLC's explanation of a StackOverflowError, for JavaScript's own. */
export const STACK_OVERFLOW_MESSAGE =
  'This was a stack overflow. It was probably the result of an incorrect recursive function definition that caused the evaluator to enter an infinite loop when trying to compute the function or its application to an element in its putative domain.';

/**
 * Adds a location to an EvalError that has none (innermost location wins). JavaScript's stack
 * overflow (a recursive definition that never bottoms out) becomes an EvalError here, so it is
 * reported like TLC's (exit 75) with the location of the recursion, not as an internal error.
 */
export function withLoc(err: unknown, loc: SourceLoc): unknown {
  if (err instanceof RangeError && /call stack/i.test(err.message)) err = new EvalError(STACK_OVERFLOW_MESSAGE);
  if (err instanceof EvalError && err.location === undefined) err.location = locStr(loc);
  return err;
}

function boundsOf(x: RExpr): readonly RBound[] {
  switch (x.kind) {
    case 'Quant':
    case 'SetMap':
    case 'FnCons':
      return x.bounds;
    case 'SetFilter':
      return [x.bound];
    default:
      return [];
  }
}

/** Calls `f` on each direct sub-expression of `x` (not into called definitions). */
export function forEachChild(x: RExpr, f: (c: RExpr) => void): void {
  switch (x.kind) {
    case 'Number':
    case 'String':
    case 'Bool':
    case 'VarRef':
    case 'BoundRef':
    case 'At':
    case 'OpArg':
      return;
    case 'Builtin':
    case 'ConstRef':
    case 'ParamRef':
    case 'Call':
      x.args.forEach(f);
      return;
    case 'Lambda':
      f(x.body);
      return;
    case 'ApplyLambda':
      f(x.lambda.body);
      x.args.forEach(f);
      return;
    case 'Quant':
      x.bounds.forEach((b) => f(b.set));
      f(x.body);
      return;
    case 'UnboundedQuant':
      f(x.body);
      return;
    case 'Choose':
      if (x.set) f(x.set);
      f(x.body);
      return;
    case 'SetEnum':
    case 'Tuple':
      x.elems.forEach(f);
      return;
    case 'SetFilter':
      f(x.bound.set);
      f(x.pred);
      return;
    case 'SetMap':
      x.bounds.forEach((b) => f(b.set));
      f(x.expr);
      return;
    case 'FnApp':
      f(x.fn);
      x.args.forEach(f);
      return;
    case 'FnCons':
      x.bounds.forEach((b) => f(b.set));
      f(x.body);
      return;
    case 'FnSet':
      f(x.domain);
      f(x.range);
      return;
    case 'RecordCons':
    case 'RecordSet':
      x.fields.forEach((fl) => f(fl.value));
      return;
    case 'FieldAccess':
      f(x.record);
      return;
    case 'Except':
      f(x.fn);
      for (const u of x.updates) {
        for (const st of u.path) if (st.kind === 'Index') st.args.forEach(f);
        f(u.value);
      }
      return;
    case 'CartesianProduct':
      x.sets.forEach(f);
      return;
    case 'If':
      f(x.cond);
      f(x.then);
      f(x.else);
      return;
    case 'Case':
      for (const a of x.arms) {
        f(a.guard);
        f(a.body);
      }
      if (x.other) f(x.other);
      return;
    case 'Let':
      for (const d of x.defs) {
        f(d.body);
        if (d.kind === 'FnDef') d.bounds.forEach((b) => f(b.set));
      }
      f(x.body);
      return;
    case 'Junction':
      x.items.forEach(f);
      return;
    case 'BoxAction':
    case 'AngleAction':
      f(x.action);
      f(x.sub);
      return;
    case 'Fairness':
      f(x.sub);
      f(x.action);
      return;
    case 'Label':
      f(x.body);
      return;
  }
}

export type { RBoundVar };
