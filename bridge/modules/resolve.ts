/**
 * Name resolution: turns the loaded modules (loader.ts) into a ResolvedSpec (resolved.ts), binding
 * every identifier to what it names. See resolved.ts for the output's shape and how INSTANCE is
 * compiled away.
 *
 * Scoping follows TLA+: a name must be defined before it is used (except RECURSIVE operators and a
 * function definition's own name in its body); EXTENDS imports the extended module's constants,
 * variables and non-LOCAL definitions; `INSTANCE M` imports M's non-LOCAL definitions (not its
 * constants and variables, which are substituted); `I == INSTANCE M` makes them available as `I!Op`.
 * Errors (unknown names, wrong numbers of arguments, an operator where a value is expected, missing
 * substitutions, multiple definitions, circular EXTENDS) throw TlaError `file:line:col: ... near
 * '<text>'`.
 */
import type {
  Arg,
  Bound,
  Expr,
  FunctionDef,
  InstanceUnit,
  Module,
  ModuleDef,
  Name,
  OpApp,
  OperatorDef,
  OpDecl,
  RecursiveDecl,
  SourceLoc,
} from '../syntax/ast.js';
import { formatLoc } from '../syntax/ast.js';
import { TlaError } from '../syntax/errors.js';
import { CORE_OPERATORS, STANDARD_MODULES, type BuiltinOp } from '../syntax/stdlib.js';
import { sourceText, type LoadedSpec } from './loader.js';
import type {
  RAssume,
  RBound,
  RBoundVar,
  RConstant,
  RDef,
  RDefinition,
  RExceptPathStep,
  RExpr,
  RFnDef,
  RLambda,
  ROperator,
  RParam,
  RVariable,
  ResolvedSpec,
} from './resolved.js';

/** What a name denotes in some scope. */
export type Binding =
  | { readonly k: 'const'; readonly c: RConstant }
  | { readonly k: 'var'; readonly v: RVariable }
  /** A constant or variable of an instantiated module, replaced by an expression. */
  | { readonly k: 'subst'; readonly e: RExpr }
  | { readonly k: 'def'; readonly d: RDefinition }
  | { readonly k: 'param'; readonly p: RParam }
  | { readonly k: 'bound'; readonly v: RBoundVar }
  | { readonly k: 'builtin'; readonly op: BuiltinOp }
  | { readonly k: 'lambda'; readonly l: RLambda }
  | { readonly k: 'instance'; readonly ns: InstanceNs };

/** A named instance `I(p) == INSTANCE M`: its definitions and its own parameter count. */
export interface InstanceNs {
  readonly name: string;
  readonly module: string;
  /** Number of parameters `I` itself takes. */
  readonly ownParams: number;
  readonly names: ReadonlyMap<string, Binding>;
}

class Scope {
  private readonly map = new Map<string, Binding>();
  constructor(readonly parent?: Scope) {}
  get(name: string): Binding | undefined {
    return this.map.get(name) ?? this.parent?.get(name);
  }
  hasOwn(name: string): boolean {
    return this.map.has(name);
  }
  set(name: string, b: Binding): void {
    this.map.set(name, b);
  }
  /** Every name visible in this scope. */
  allNames(): string[] {
    return [...new Set([...this.map.keys(), ...(this.parent?.allNames() ?? [])])];
  }
  ownEntries(): Map<string, Binding> {
    return new Map(this.map);
  }
}

/** The result of resolving one module in one context. */
interface ModuleNs {
  /** Everything defined or imported in the module (its final scope). */
  readonly all: Map<string, Binding>;
  /** What EXTENDS of this module imports: constants, variables, non-LOCAL definitions. */
  readonly exported: Map<string, Binding>;
}

/** A module-resolution context: the root one (constants/variables are declared), or an instance
 * one (constants/variables are substituted). */
interface Ctx {
  readonly subst?: ReadonlyMap<string, Binding>;
  /** Parameters of enclosing parameterised instances, prepended to every definition's params. */
  readonly instParams: readonly RParam[];
  /** `I!` display prefix. */
  readonly prefix: string;
  /** Modules already resolved in this context (EXTENDS diamonds share them). */
  readonly done: Map<string, ModuleNs>;
  readonly inProgress: Set<string>;
  /** Resolving inside a LET (an INSTANCE in a LET): definitions may capture bound variables and
   * parameters of the enclosing scope, so they are marked `inLet`. */
  readonly inLet?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const BASE_SCOPE_OPS: readonly BuiltinOp[] = CORE_OPERATORS;

/** Resolves a loaded spec. */
export function resolveSpec(loaded: LoadedSpec): ResolvedSpec {
  return new Resolver(loaded).run();
}

class Resolver {
  private nextId = 1;
  private readonly constants: RConstant[] = [];
  private readonly variables: RVariable[] = [];
  private readonly assumptions: RAssume[] = [];
  private readonly moduleOrder: string[] = [];
  private readonly byModule = new Map<string, ReadonlyMap<string, RDefinition>>();
  /** Contexts of parameterless instances of modules without constants/variables, by module and
   * display prefix. */
  private readonly sharedInstances = new Map<string, Ctx>();
  /** Nesting depth of EXCEPT update values (where `@` is allowed). */
  private exceptDepth = 0;
  /** The module whose units are being resolved (LET definitions belong to it). */
  private currentModule: Module;

  constructor(private readonly loaded: LoadedSpec) {
    this.currentModule = loaded.root;
  }

  run(): ResolvedSpec {
    const ctx: Ctx = { instParams: [], prefix: '', done: new Map(), inProgress: new Set() };
    const ns = this.module(this.loaded.root, ctx);
    const definitions = new Map<string, RDefinition>();
    const builtins = new Map<string, BuiltinOp>();
    for (const [name, b] of ns.all) {
      if (b.k === 'def') definitions.set(name, b.d);
      else if (b.k === 'builtin') builtins.set(name, b.op);
      else if (b.k === 'instance' && b.ns.ownParams === 0) {
        for (const [inner, ib] of b.ns.names) if (ib.k === 'def') definitions.set(`${name}!${inner}`, ib.d);
      }
    }
    for (const s of this.loaded.standard) if (!this.moduleOrder.includes(s)) this.moduleOrder.push(s);
    return {
      module: this.loaded.root.name,
      file: this.loaded.file,
      constants: this.constants,
      variables: this.variables,
      definitions,
      definitionsByModule: this.byModule,
      assumptions: this.assumptions,
      modules: this.moduleOrder,
      builtins,
    };
  }

  private id(): number {
    return this.nextId++;
  }

  private error(loc: SourceLoc, detail: string, text?: string): TlaError {
    return new TlaError(loc, detail, text ?? sourceText(this.loaded.sources, loc));
  }

  /**
   * Binds a name introduced by a binder, a parameter or a LET. TLA+ (SANY) forbids giving a new
   * meaning to a name that already has one in the context ("Multiply-defined symbol").
   */
  private declare(scope: Scope, name: string, b: Binding, loc: SourceLoc): void {
    this.checkFresh(scope, name, loc);
    scope.set(name, b);
  }

  private checkFresh(scope: Scope, name: string, loc: SourceLoc): void {
    const existing = scope.get(name);
    if (!existing) return;
    const where = bindingLoc(existing);
    throw this.error(loc, `'${name}' is already defined${where ? ` at ${formatLoc(where)}` : ' (builtin)'}; TLA+ does not allow redefining it`, name);
  }

  // ---- modules --------------------------------------------------------------------------

  private module(m: Module, ctx: Ctx): ModuleNs {
    const cached = ctx.done.get(m.name);
    if (cached) return cached;
    if (ctx.inProgress.has(m.name)) throw this.error(m.nameLoc, `circular EXTENDS/INSTANCE of module '${m.name}'`, m.name);
    ctx.inProgress.add(m.name);
    const outer = this.currentModule;
    this.currentModule = m;
    if (!this.moduleOrder.includes(m.name)) this.moduleOrder.push(m.name);

    const base = new Scope();
    for (const op of BASE_SCOPE_OPS) base.set(op.name, { k: 'builtin', op });
    const scope = new Scope(base);
    const exported = new Map<string, Binding>();
    const importBinding = (name: string, b: Binding, loc: SourceLoc, exportIt: boolean): void => {
      const existing = scope.hasOwn(name) ? scope.get(name) : undefined;
      if (existing && !sameBinding(existing, b)) throw this.error(loc, `multiple definitions of '${name}'`);
      scope.set(name, b);
      if (exportIt) exported.set(name, b);
    };

    for (const ext of m.extends) {
      const std = STANDARD_MODULES.get(ext.name);
      const user = this.loaded.modules.get(ext.name);
      if (user) {
        const ens = this.module(user.module, ctx);
        for (const [name, b] of ens.exported) importBinding(name, b, ext.loc, true);
      } else if (std) {
        if (!this.moduleOrder.includes(ext.name)) this.moduleOrder.push(ext.name);
        for (const op of std) importBinding(op.name, { k: 'builtin', op }, ext.loc, true);
      } else {
        throw this.error(ext.loc, `cannot find module '${ext.name}'`, ext.name);
      }
    }

    const recursive = new Map<string, Mutable<RDef>>();
    for (const u of m.units) {
      switch (u.kind) {
        case 'ConstantDecl':
          for (const d of u.decls) importBinding(d.name, this.declareConstant(d, m, ctx), d.loc, true);
          break;
        case 'VariableDecl':
          for (const v of u.names) importBinding(v.name, this.declareVariable(v.name, v.loc, m, ctx), v.loc, true);
          break;
        case 'RecursiveDecl':
          this.recursiveDecl(u, m, ctx, scope, recursive, false);
          break;
        case 'OperatorDef': {
          const d = this.operatorDef(u, m, ctx, scope, recursive, false);
          importBinding(u.name, { k: 'def', d }, u.nameLoc, !u.local);
          break;
        }
        case 'FunctionDef': {
          const d = this.functionDef(u, m, ctx, scope, false);
          importBinding(u.name, { k: 'def', d }, u.nameLoc, !u.local);
          break;
        }
        case 'Instance': {
          const ins = this.instantiate(u, scope, ctx.instParams, ctx.prefix, ctx.inLet === true);
          for (const [name, b] of ins) importBinding(name, b, u.loc, !u.local);
          break;
        }
        case 'ModuleDef': {
          const b = this.moduleDef(u, scope, ctx);
          importBinding(u.name, b, u.nameLoc, !u.local);
          break;
        }
        case 'Assume': {
          const expr = this.expr(u.expr, scope);
          if (!ctx.subst) this.assumptions.push({ ...(u.name ? { name: u.name } : {}), expr, module: m.name, loc: u.loc });
          if (u.name) importBinding(u.name, { k: 'def', d: this.plainDef(u.name, expr, m, ctx, u.loc) }, u.loc, true);
          break;
        }
        case 'Theorem':
        case 'Submodule':
          break;
      }
    }
    this.checkRecursiveDefined(recursive);
    const ns: ModuleNs = { all: scope.ownEntries(), exported };
    ctx.inProgress.delete(m.name);
    ctx.done.set(m.name, ns);
    if (!ctx.subst) {
      const defsHere = new Map<string, RDefinition>();
      for (const [name, b] of ns.all) if (b.k === 'def') defsHere.set(name, b.d);
      this.byModule.set(m.name, defsHere);
    }
    this.currentModule = outer;
    return ns;
  }

  private checkRecursiveDefined(recursive: Map<string, Mutable<RDef>>): void {
    for (const d of recursive.values()) {
      if (d.body === PLACEHOLDER) throw this.error(d.loc, `RECURSIVE operator '${d.name}' is declared but never defined`, d.name);
    }
  }

  private declareConstant(d: OpDecl, m: Module, ctx: Ctx): Binding {
    if (ctx.subst) {
      const b = ctx.subst.get(d.name);
      if (!b) throw this.error(d.loc, `internal: no substitution for constant '${d.name}'`, d.name);
      return b;
    }
    const c: RConstant = { kind: 'Constant', id: this.id(), name: d.name, arity: d.arity, module: m.name, loc: d.loc };
    this.constants.push(c);
    return { k: 'const', c };
  }

  private declareVariable(name: string, loc: SourceLoc, m: Module, ctx: Ctx): Binding {
    if (ctx.subst) {
      const b = ctx.subst.get(name);
      if (!b) throw this.error(loc, `internal: no substitution for variable '${name}'`, name);
      return b;
    }
    const v: RVariable = { kind: 'Variable', id: this.id(), index: this.variables.length, name, module: m.name, loc };
    this.variables.push(v);
    return { k: 'var', v };
  }

  private newParams(decls: readonly OpDecl[]): RParam[] {
    return decls.map((d) => ({ kind: 'Param', id: this.id(), name: d.name, arity: d.arity, loc: d.loc }));
  }

  private plainDef(name: string, body: RExpr, m: Module, ctx: Ctx, loc: SourceLoc): RDef {
    return {
      kind: 'Def',
      id: this.id(),
      name,
      displayName: ctx.prefix + name,
      module: m.name,
      params: [...ctx.instParams],
      instanceParams: ctx.instParams.length,
      body,
      recursive: false,
      local: false,
      inLet: ctx.inLet === true,
      loc,
    };
  }

  private recursiveDecl(u: RecursiveDecl, m: Module, ctx: Ctx, scope: Scope, recursive: Map<string, Mutable<RDef>>, inLet: boolean): void {
    for (const d of u.decls) {
      const def: Mutable<RDef> = {
        kind: 'Def',
        id: this.id(),
        name: d.name,
        displayName: ctx.prefix + d.name,
        module: m.name,
        params: [],
        instanceParams: inLet ? 0 : ctx.instParams.length,
        body: PLACEHOLDER,
        recursive: true,
        local: false,
        inLet: inLet || ctx.inLet === true,
        loc: d.loc,
      };
      // Until the definition is seen, placeholder parameters carry the declared arity.
      def.params = [
        ...(inLet ? [] : ctx.instParams),
        ...this.newParams(Array.from({ length: d.arity }, () => ({ kind: 'OpDecl', name: '_', arity: 0, loc: d.loc }))),
      ];
      recursive.set(d.name, def);
      if (scope.hasOwn(d.name)) throw this.error(d.loc, `multiple definitions of '${d.name}'`, d.name);
      scope.set(d.name, { k: 'def', d: def });
    }
  }

  private operatorDef(u: OperatorDef, m: Module, ctx: Ctx, scope: Scope, recursive: Map<string, Mutable<RDef>>, inLet: boolean): RDef {
    const instParams = inLet ? [] : ctx.instParams;
    const own = this.newParams(u.params);
    const params = [...instParams, ...own];
    const pre = recursive.get(u.name);
    if (!pre && scope.hasOwn(u.name)) throw this.error(u.nameLoc, `multiple definitions of '${u.name}'`, u.name);
    let def: Mutable<RDef>;
    if (pre) {
      const arity = pre.params.length - pre.instanceParams;
      if (arity !== u.params.length) {
        throw this.error(u.nameLoc, `'${u.name}' is declared RECURSIVE with ${arity} parameter(s) but defined with ${u.params.length}`, u.name);
      }
      def = pre;
      def.params = params;
      def.local = u.local;
      def.loc = u.loc;
      recursive.delete(u.name);
    } else {
      def = {
        kind: 'Def',
        id: this.id(),
        name: u.name,
        displayName: ctx.prefix + u.name,
        module: m.name,
        params,
        instanceParams: instParams.length,
        body: PLACEHOLDER,
        recursive: false,
        local: u.local,
        inLet: inLet || ctx.inLet === true,
        loc: u.loc,
      };
    }
    const inner = new Scope(scope);
    for (const p of own) this.declare(inner, p.name, { k: 'param', p }, p.loc);
    def.body = this.expr(u.body, inner);
    return def;
  }

  private functionDef(u: FunctionDef, m: Module, ctx: Ctx, scope: Scope, inLet: boolean): RFnDef {
    if (scope.hasOwn(u.name)) throw this.error(u.nameLoc, `multiple definitions of '${u.name}'`, u.name);
    const instParams = inLet ? [] : ctx.instParams;
    const def: Mutable<RFnDef> = {
      kind: 'FnDef',
      id: this.id(),
      name: u.name,
      displayName: ctx.prefix + u.name,
      module: m.name,
      params: [...instParams],
      instanceParams: instParams.length,
      bounds: [],
      body: PLACEHOLDER,
      local: u.local,
      inLet: inLet || ctx.inLet === true,
      loc: u.loc,
    };
    const inner = new Scope(scope);
    def.bounds = u.bounds.map((b) => this.bound(b, scope, inner));
    this.declare(inner, u.name, { k: 'def', d: def }, u.nameLoc);
    def.body = this.expr(u.body, inner);
    return def;
  }

  private moduleDef(u: ModuleDef, scope: Scope, ctx: Ctx): Binding {
    const own = this.newParams(u.params);
    const inner = new Scope(scope);
    for (const p of own) this.declare(inner, p.name, { k: 'param', p }, p.loc);
    const names = this.instantiate(u.instance, inner, [...ctx.instParams, ...own], `${ctx.prefix}${u.name}!`, ctx.inLet === true);
    return { k: 'instance', ns: { name: u.name, module: u.instance.module.name, ownParams: own.length, names } };
  }

  /** Resolves `INSTANCE M WITH ...` in `scope`; returns the instance's exported definitions. */
  private instantiate(u: InstanceUnit, scope: Scope, instParams: readonly RParam[], prefix: string, inLet: boolean): Map<string, Binding> {
    const modName = u.module.name;
    const user = this.loaded.modules.get(modName);
    const out = new Map<string, Binding>();
    if (!user) {
      const std = STANDARD_MODULES.get(modName);
      if (!std) throw this.error(u.module.loc, `cannot find module '${modName}'`, modName);
      if (u.substitutions.length > 0) {
        const s = u.substitutions[0];
        if (s) throw this.error(s.loc, `standard module '${modName}' has no constants or variables to substitute`);
      }
      if (!this.moduleOrder.includes(modName)) this.moduleOrder.push(modName);
      for (const op of std) out.set(op.name, { k: 'builtin', op });
      return out;
    }
    // The parameters (constants and variables) of M, including those of modules M EXTENDS.
    const decls = this.moduleParameters(user.module);
    const subst = new Map<string, Binding>();
    for (const s of u.substitutions) {
      const target = decls.get(s.target.name);
      if (!target) throw this.error(s.target.loc, `module '${modName}' has no constant or variable '${s.target.name}'`, s.target.name);
      if (subst.has(s.target.name)) throw this.error(s.target.loc, `'${s.target.name}' is substituted twice`, s.target.name);
      subst.set(s.target.name, this.substitutionValue(s.value, target.arity, scope));
    }
    for (const [name, d] of decls) {
      if (subst.has(name)) continue;
      const b = scope.get(name);
      if (!b) {
        throw this.error(
          u.loc,
          `INSTANCE ${modName}: no substitution for ${d.isVariable ? 'variable' : 'constant'} '${name}' and no '${name}' is defined here`,
        );
      }
      subst.set(name, this.checkOperatorArity(b, d.arity, name, u.loc));
    }
    // A module without constants or variables instantiated without parameters means the same
    // thing wherever it is instantiated: share one copy (so two modules that both say
    // `INSTANCE Util` can be EXTENDed together, and nothing is resolved twice).
    const shareable = decls.size === 0 && instParams.length === 0 && !inLet;
    const shareKey = `${modName}|${prefix}`;
    const shared = shareable ? this.sharedInstances.get(shareKey) : undefined;
    const ctx: Ctx = shared ?? { subst, instParams, prefix, done: new Map(), inProgress: new Set(), inLet };
    if (shareable && !shared) this.sharedInstances.set(shareKey, ctx);
    const ns = this.module(user.module, ctx);
    for (const [name, b] of ns.exported) {
      if (b.k === 'def' || b.k === 'builtin' || b.k === 'instance') out.set(name, b);
    }
    // Definitions M declares LOCAL are not exported; constants/variables are parameters.
    return out;
  }

  /** Constants and variables of a module and of everything it EXTENDS (by name). */
  private moduleParameters(m: Module, seen = new Set<string>()): Map<string, { arity: number; isVariable: boolean }> {
    const out = new Map<string, { arity: number; isVariable: boolean }>();
    if (seen.has(m.name)) return out;
    seen.add(m.name);
    for (const e of m.extends) {
      const user = this.loaded.modules.get(e.name);
      if (user) for (const [k, v] of this.moduleParameters(user.module, seen)) out.set(k, v);
    }
    for (const u of m.units) {
      if (u.kind === 'ConstantDecl') for (const d of u.decls) out.set(d.name, { arity: d.arity, isVariable: false });
      if (u.kind === 'VariableDecl') for (const v of u.names) out.set(v.name, { arity: 0, isVariable: true });
    }
    return out;
  }

  private substitutionValue(value: Arg, arity: number, scope: Scope): Binding {
    if (arity === 0) {
      if (value.kind === 'Lambda' || value.kind === 'OpSymbol') throw this.error(value.loc, 'expected an expression, found an operator');
      return { k: 'subst', e: this.expr(value, scope) };
    }
    const op = this.operatorArg(value, arity, scope);
    switch (op.kind) {
      case 'Lambda':
        return { k: 'lambda', l: op };
      case 'BuiltinOp':
        return { k: 'builtin', op };
      case 'Param':
        return { k: 'param', p: op };
      case 'Constant':
        return { k: 'const', c: op };
      default:
        return { k: 'def', d: op };
    }
  }

  private checkOperatorArity(b: Binding, arity: number, name: string, loc: SourceLoc): Binding {
    const actual = bindingArity(b);
    if (actual !== undefined && actual !== arity) {
      throw this.error(loc, `'${name}' has ${actual} parameter(s) here but ${arity} in the instantiated module`);
    }
    return b;
  }

  // ---- expressions ----------------------------------------------------------------------

  private bound(b: Bound, setScope: Scope, into: Scope): RBound {
    const set = this.expr(b.set, setScope);
    return { vars: this.boundVars(b.names, into), tuple: b.tuple, set, loc: b.loc };
  }

  /** A fresh bound variable for each name, declared in `into`. */
  private boundVars(names: readonly Name[], into: Scope): RBoundVar[] {
    const vars = names.map((n): RBoundVar => ({ kind: 'BoundVar', id: this.id(), name: n.name, loc: n.loc }));
    for (const v of vars) this.declare(into, v.name, { k: 'bound', v }, v.loc);
    return vars;
  }

  /** Bounds where each set may mention the variables of the bounds before it (quantifiers). */
  private sequentialBounds(bounds: readonly Bound[], scope: Scope): { bounds: RBound[]; inner: Scope } {
    const inner = new Scope(scope);
    return { bounds: bounds.map((b) => this.bound(b, inner, inner)), inner };
  }

  /** Bounds whose sets are all in the outer scope (function constructors). */
  private parallelBounds(bounds: readonly Bound[], scope: Scope): { bounds: RBound[]; inner: Scope } {
    const inner = new Scope(scope);
    return { bounds: bounds.map((b) => this.bound(b, scope, inner)), inner };
  }

  expr(e: Expr, scope: Scope): RExpr {
    const loc = e.loc;
    switch (e.kind) {
      case 'Number':
        if (e.real !== undefined) throw this.error(loc, 'real numbers are not supported', e.real);
        return { kind: 'Number', value: e.value, loc };
      case 'String':
        return { kind: 'String', value: e.value, loc };
      case 'Bool':
        return { kind: 'Bool', value: e.value, loc };
      case 'OpApp':
        return this.opApp(e, scope);
      case 'OpSymbol':
        throw this.error(loc, `operator '${e.name}' used as a value`, e.name);
      case 'Lambda':
        throw this.error(loc, 'LAMBDA is only allowed as an argument of an operator');
      case 'Quant': {
        const { bounds, inner } = this.sequentialBounds(e.bounds, scope);
        return { kind: 'Quant', quantifier: e.quantifier, bounds, body: this.expr(e.body, inner), loc };
      }
      case 'UnboundedQuant': {
        const inner = new Scope(scope);
        const vars = this.boundVars(e.names, inner);
        return { kind: 'UnboundedQuant', quantifier: e.quantifier, vars, body: this.expr(e.body, inner), loc };
      }
      case 'Choose': {
        const set = e.set ? this.expr(e.set, scope) : undefined;
        const inner = new Scope(scope);
        const vars = this.boundVars(e.names, inner);
        return { kind: 'Choose', vars, tuple: e.tuple, ...(set ? { set } : {}), body: this.expr(e.body, inner), loc };
      }
      case 'SetEnum':
        return { kind: 'SetEnum', elems: e.elems.map((x) => this.expr(x, scope)), loc };
      case 'SetFilter': {
        const inner = new Scope(scope);
        const bound = this.bound(e.bound, scope, inner);
        return { kind: 'SetFilter', bound, pred: this.expr(e.pred, inner), loc };
      }
      case 'SetMap': {
        const { bounds, inner } = this.sequentialBounds(e.bounds, scope);
        return { kind: 'SetMap', expr: this.expr(e.expr, inner), bounds, loc };
      }
      case 'FnApp':
        return { kind: 'FnApp', fn: this.expr(e.fn, scope), args: e.args.map((a) => this.expr(a, scope)), loc };
      case 'FnCons': {
        const { bounds, inner } = this.parallelBounds(e.bounds, scope);
        return { kind: 'FnCons', bounds, body: this.expr(e.body, inner), loc };
      }
      case 'FnSet':
        return { kind: 'FnSet', domain: this.expr(e.domain, scope), range: this.expr(e.range, scope), loc };
      case 'RecordCons':
      case 'RecordSet': {
        const seen = new Set<string>();
        const fields = e.fields.map((f) => {
          if (seen.has(f.name)) throw this.error(f.loc, `field '${f.name}' appears twice`, f.name);
          seen.add(f.name);
          return { name: f.name, value: this.expr(f.value, scope), loc: f.loc };
        });
        return { kind: e.kind, fields, loc };
      }
      case 'FieldAccess':
        return { kind: 'FieldAccess', record: this.expr(e.record, scope), field: e.field.name, loc };
      case 'Except': {
        const fn = this.expr(e.fn, scope);
        const updates = e.updates.map((u) => {
          const path = u.path.map((p): RExceptPathStep =>
            p.kind === 'Field' ? p : { kind: 'Index', args: p.args.map((a) => this.expr(a, scope)), loc: p.loc },
          );
          this.exceptDepth++;
          try {
            return { path, value: this.expr(u.value, scope), loc: u.loc };
          } finally {
            this.exceptDepth--;
          }
        });
        return { kind: 'Except', fn, updates, loc };
      }
      case 'At':
        if (this.exceptDepth === 0) throw this.error(loc, "'@' is only allowed in the value of an EXCEPT update", '@');
        return { kind: 'At', loc };
      case 'Tuple':
        return { kind: 'Tuple', elems: e.elems.map((x) => this.expr(x, scope)), loc };
      case 'CartesianProduct':
        return { kind: 'CartesianProduct', sets: e.sets.map((x) => this.expr(x, scope)), loc };
      case 'If':
        return { kind: 'If', cond: this.expr(e.cond, scope), then: this.expr(e.then, scope), else: this.expr(e.else, scope), loc };
      case 'Case':
        return {
          kind: 'Case',
          arms: e.arms.map((a) => ({ guard: this.expr(a.guard, scope), body: this.expr(a.body, scope), loc: a.loc })),
          ...(e.other ? { other: this.expr(e.other, scope) } : {}),
          loc,
        };
      case 'Let':
        return this.letIn(e.defs, e.body, scope, loc);
      case 'Junction':
        return { kind: 'Junction', op: e.op, items: e.items.map((x) => this.expr(x, scope)), loc };
      case 'BoxAction':
        return { kind: 'BoxAction', action: this.expr(e.action, scope), sub: this.expr(e.sub, scope), loc };
      case 'AngleAction':
        return { kind: 'AngleAction', action: this.expr(e.action, scope), sub: this.expr(e.sub, scope), loc };
      case 'Fairness':
        return { kind: 'Fairness', strong: e.strong, sub: this.expr(e.sub, scope), action: this.expr(e.action, scope), loc };
      case 'Label':
        return { kind: 'Label', name: e.name, body: this.expr(e.body, scope), loc };
    }
  }

  private letIn(defs: readonly (OperatorDef | FunctionDef | ModuleDef | RecursiveDecl)[], body: Expr, scope: Scope, loc: SourceLoc): RExpr {
    const inner = new Scope(scope);
    const out: RDefinition[] = [];
    const recursive = new Map<string, Mutable<RDef>>();
    // LET definitions belong to the module of the enclosing definition; instance prefixes do not
    // apply (they are local), so a plain root-like context is used for naming.
    const ctx: Ctx = { instParams: [], prefix: '', done: new Map(), inProgress: new Set(), inLet: true };
    const m = this.currentModule;
    for (const d of defs) {
      if (d.kind !== 'RecursiveDecl' && !recursive.has(d.name)) this.checkFresh(inner, d.name, d.nameLoc);
      switch (d.kind) {
        case 'RecursiveDecl':
          this.recursiveDecl(d, m, ctx, inner, recursive, true);
          break;
        case 'OperatorDef': {
          const wasRecursive = recursive.get(d.name);
          const def = this.operatorDef(d, m, ctx, inner, recursive, true);
          if (!wasRecursive) inner.set(d.name, { k: 'def', d: def });
          out.push(def);
          break;
        }
        case 'FunctionDef': {
          const def = this.functionDef(d, m, ctx, inner, true);
          inner.set(d.name, { k: 'def', d: def });
          out.push(def);
          break;
        }
        case 'ModuleDef':
          inner.set(d.name, this.moduleDef(d, inner, ctx));
          break;
      }
    }
    this.checkRecursiveDefined(recursive);
    return { kind: 'Let', defs: out, body: this.expr(body, inner), loc };
  }

  private opApp(e: OpApp, scope: Scope): RExpr {
    let b: Binding | undefined;
    let explicitInstArgs: RExpr[] = [];
    if (e.qualifier.length > 0) {
      let names: ReadonlyMap<string, Binding> | undefined;
      for (const [i, q] of e.qualifier.entries()) {
        const qb = i === 0 ? scope.get(q.name) : names?.get(q.name);
        if (!qb) throw this.error(q.loc, `unknown module instance '${q.name}'`, q.name);
        if (qb.k !== 'instance') throw this.error(q.loc, `'${q.name}' is not a module instance (expected I!Op for I == INSTANCE M)`, q.name);
        if (q.args.length !== qb.ns.ownParams) {
          throw this.error(q.loc, `instance '${q.name}' takes ${qb.ns.ownParams} argument(s) but is given ${q.args.length}`);
        }
        explicitInstArgs = [...explicitInstArgs, ...q.args.map((a) => this.valueArg(a, scope))];
        names = qb.ns.names;
      }
      b = names?.get(e.name);
      if (!b) {
        const last = e.qualifier[e.qualifier.length - 1];
        throw this.error(e.nameLoc, `module instance '${last?.name ?? ''}' has no definition '${e.name}'`, e.name);
      }
    } else {
      b = scope.get(e.name);
      if (!b) throw this.error(e.nameLoc, `unknown ${e.fixity === 'name' ? 'identifier' : 'operator'} '${e.name}'${unknownHint(e.name, scope)}`, e.name);
    }
    return this.apply(b, e, scope, explicitInstArgs);
  }

  /** An expression argument (of a builtin, a constant operator, a parameter). */
  private valueArg(a: Arg, scope: Scope): RExpr {
    if (a.kind === 'Lambda' || a.kind === 'OpSymbol') throw this.error(a.loc, 'expected an expression, found an operator');
    return this.expr(a, scope);
  }

  private arityError(e: OpApp, expected: number): TlaError {
    return this.error(e.loc, `'${e.name}' takes ${expected} argument(s) but is given ${e.args.length}`);
  }

  private apply(b: Binding, e: OpApp, scope: Scope, explicitInstArgs: RExpr[]): RExpr {
    const loc = e.loc;
    const values = (): RExpr[] => e.args.map((a) => this.valueArg(a, scope));
    switch (b.k) {
      case 'const':
        if (e.args.length !== b.c.arity) throw this.arityError(e, b.c.arity);
        return { kind: 'ConstRef', constant: b.c, args: values(), loc };
      case 'var':
        if (e.args.length !== 0) throw this.arityError(e, 0);
        return { kind: 'VarRef', variable: b.v, loc };
      case 'subst':
        if (e.args.length !== 0) throw this.arityError(e, 0);
        return b.e;
      case 'bound':
        if (e.args.length !== 0) throw this.arityError(e, 0);
        return { kind: 'BoundRef', variable: b.v, loc };
      case 'param':
        if (e.args.length !== b.p.arity) throw this.arityError(e, b.p.arity);
        return { kind: 'ParamRef', param: b.p, args: values(), loc };
      case 'builtin':
        if (e.args.length !== b.op.arity) throw this.arityError(e, b.op.arity);
        return {
          kind: 'Builtin',
          op: b.op,
          args: e.args.map((a, i) => {
            const arity = b.op.paramArities?.[i] ?? 0;
            return arity > 0 ? this.operatorArgExpr(a, arity, scope) : this.valueArg(a, scope);
          }),
          loc,
        };
      case 'lambda':
        if (e.args.length !== b.l.params.length) throw this.arityError(e, b.l.params.length);
        return { kind: 'ApplyLambda', lambda: b.l, args: values(), loc };
      case 'instance':
        throw this.error(e.nameLoc, `module instance '${e.name}' used as a value (write ${e.name}!Op)`, e.name);
      case 'def': {
        const d = b.d;
        const k = d.instanceParams;
        const implicit = k - explicitInstArgs.length;
        const ownParams = d.kind === 'Def' ? d.params.slice(k) : [];
        const expected = ownParams.length;
        if (e.args.length !== expected) throw this.arityError(e, expected);
        const instArgs: RExpr[] = [];
        for (let i = 0; i < implicit; i++) {
          const p = d.params[i] as RParam;
          instArgs.push({ kind: 'ParamRef', param: p, args: [], loc });
        }
        const args = e.args.map((a, i) => {
          const p = ownParams[i];
          const arity = p ? p.arity : 0;
          return arity > 0 ? this.operatorArgExpr(a, arity, scope) : this.valueArg(a, scope);
        });
        return { kind: 'Call', def: d, args: [...instArgs, ...explicitInstArgs, ...args], loc };
      }
    }
  }

  /** An operator argument for a higher-order parameter of the given arity, as an RExpr. */
  private operatorArgExpr(a: Arg, arity: number, scope: Scope): RExpr {
    const op = this.operatorArg(a, arity, scope);
    if (op.kind === 'Lambda') return op;
    return { kind: 'OpArg', op, loc: a.loc };
  }

  /** Resolves an argument that must be an operator of `arity` parameters. */
  private operatorArg(a: Arg, arity: number, scope: Scope): ROperator {
    if (a.kind === 'Lambda') {
      if (a.params.length !== arity) throw this.error(a.loc, `expected an operator with ${arity} parameter(s), found a LAMBDA with ${a.params.length}`);
      const params = a.params.map((p): RParam => ({ kind: 'Param', id: this.id(), name: p.name, arity: 0, loc: p.loc }));
      const inner = new Scope(scope);
      for (const p of params) this.declare(inner, p.name, { k: 'param', p }, p.loc);
      return { kind: 'Lambda', params, body: this.expr(a.body, inner), loc: a.loc };
    }
    let b: Binding | undefined;
    let name: string;
    if (a.kind === 'OpSymbol') {
      name = a.name;
      b = scope.get(a.name);
    } else if (a.kind === 'OpApp' && a.args.length === 0 && a.qualifier.length === 0 && a.fixity === 'name') {
      name = a.name;
      b = scope.get(a.name);
    } else if (a.kind === 'OpApp' && a.args.length === 0 && a.qualifier.length > 0) {
      // I!Op passed as an operator
      name = a.name;
      let names: ReadonlyMap<string, Binding> | undefined;
      for (const [i, q] of a.qualifier.entries()) {
        const qb = i === 0 ? scope.get(q.name) : names?.get(q.name);
        if (!qb || qb.k !== 'instance' || qb.ns.ownParams !== 0) throw this.error(q.loc, `expected an unparameterised module instance '${q.name}'`, q.name);
        names = qb.ns.names;
      }
      b = names?.get(a.name);
    } else {
      throw this.error(a.loc, `expected an operator with ${arity} parameter(s) (a name, an operator symbol or a LAMBDA)`);
    }
    if (!b) throw this.error(a.loc, `unknown operator '${name}'`, name);
    const actual = bindingArity(b);
    if (actual !== arity) throw this.error(a.loc, `expected an operator with ${arity} parameter(s), but '${name}' has ${actual ?? 0}`, name);
    switch (b.k) {
      case 'def':
        if (b.d.instanceParams > 0) throw this.error(a.loc, `operator '${name}' of a parameterised instance cannot be passed as an argument`, name);
        return b.d;
      case 'param':
        return b.p;
      case 'const':
        return b.c;
      case 'builtin':
        return b.op;
      case 'lambda':
        return b.l;
      default:
        throw this.error(a.loc, `expected an operator, found '${name}'`, name);
    }
  }
}

/** A sentinel body for definitions whose body is not resolved yet (RECURSIVE, or in progress). */
const PLACEHOLDER: RExpr = { kind: 'Bool', value: false, loc: { file: '<placeholder>', line: 0, col: 0, endLine: 0, endCol: 0 } };


/** The number of arguments a binding takes (undefined for an instance). */
function bindingArity(b: Binding): number | undefined {
  switch (b.k) {
    case 'const':
      return b.c.arity;
    case 'param':
      return b.p.arity;
    case 'builtin':
      return b.op.arity;
    case 'lambda':
      return b.l.params.length;
    case 'def':
      if (b.d.kind === 'FnDef') return 0;
      return b.d.params.length - b.d.instanceParams;
    case 'instance':
      return undefined;
    default:
      return 0;
  }
}

function sameBinding(a: Binding, b: Binding): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'const':
      return b.k === 'const' && a.c === b.c;
    case 'var':
      return b.k === 'var' && a.v === b.v;
    case 'def':
      return b.k === 'def' && a.d === b.d;
    case 'builtin':
      return b.k === 'builtin' && a.op === b.op;
    case 'subst':
      return b.k === 'subst' && a.e === b.e;
    case 'instance':
      return b.k === 'instance' && a.ns === b.ns;
    default:
      return a === b;
  }
}

/** Where the thing a binding names is defined, when it has a source location. */
function bindingLoc(b: Binding): SourceLoc | undefined {
  switch (b.k) {
    case 'const':
      return b.c.loc;
    case 'var':
      return b.v.loc;
    case 'def':
      return b.d.loc;
    case 'param':
      return b.p.loc;
    case 'bound':
      return b.v.loc;
    case 'lambda':
      return b.l.loc;
    case 'subst':
      return b.e.loc;
    default:
      return undefined;
  }
}

/** A hint for an unknown name: the standard modules that define it, or a close name in scope. */
function unknownHint(name: string, scope: Scope): string {
  const std = [...STANDARD_MODULES].filter(([, ops]) => ops.some((o) => o.name === name)).map(([m]) => m);
  if (std.length > 0) return ` (defined in the standard module${std.length > 1 ? 's' : ''} ${std.join(', ')}: add ${std.length > 1 ? 'one' : 'it'} to EXTENDS)`;
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const cand of scope.allNames()) {
    if (!/^[A-Za-z0-9_]+$/.test(cand)) continue;
    const d = editDistance(name, cand, limit);
    if (d < bestD) {
      bestD = d;
      best = cand;
    }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

/** Edit distance with adjacent transpositions (optimal string alignment), giving up (returning
 * limit + 1) beyond `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const prev = rows[i - 1] ?? [];
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    rows.push(cur);
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}
