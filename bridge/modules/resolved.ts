/**
 * The contract between the front end (bridge/syntax + bridge/modules) and the evaluator/checker
 * (bridge/eval, bridge/checker): a fully resolved specification. Every identifier of the source is
 * bound to the object it names, so the evaluator never looks a name up by string at run time:
 *
 * - state variables → `VarRef` (variable index = position in `ResolvedSpec.variables`);
 * - declared constants of the root module (and of the modules it EXTENDS) → `ConstRef`;
 * - bound variables of `\A \E CHOOSE {x \in S : ..} {e : x \in S} [x \in S |-> e] f[x \in S]` →
 *   `BoundRef` (each binder is one `RBoundVar` object with a unique `id`);
 * - parameters of operator definitions and LAMBDAs → `ParamRef`;
 * - user definitions (top level, LET, instances) → `Call` on an `RDef` / `RFnDef` object;
 * - builtin operators (core language and standard modules) → `Builtin` on a `BuiltinOp`
 *   (keyed `Module!name`, see bridge/syntax/stdlib.ts).
 *
 * INSTANCE is compiled away: for `I == INSTANCE M WITH c <- e`, every definition of M (and of the
 * modules M EXTENDS) is copied with its constants and variables replaced by the substituted
 * expressions (inlined RExpr subtrees, resolved in the instantiating module; same-named
 * constants/variables are substituted implicitly). `I!Op(x)` is then a plain `Call` of the copy
 * `I!Op`. For a parameterised `I(p) == INSTANCE M ...`, each copied definition gets the instance
 * parameters prepended to its own (`instanceParams`), and `I(a)!Op(x)` calls it with `(a, x)`.
 * An unnamed `INSTANCE M` imports the copies unqualified.
 *
 * Definitions are shared objects: EXTENDS of the same module along two paths (a diamond) yields
 * the same RDef objects. Recursion (RECURSIVE operators, recursive function definitions) appears as
 * a `Call` whose `def` is an enclosing definition; the object graph is therefore cyclic — walk it
 * with a visited set.
 */
import type { SourceLoc } from '../syntax/ast.js';
import type { BuiltinOp } from '../syntax/stdlib.js';

export type { SourceLoc } from '../syntax/ast.js';
export type { BuiltinOp } from '../syntax/stdlib.js';

/** A declared CONSTANT of the root module or of a module it EXTENDS (cfg files give its value). */
export interface RConstant {
  readonly kind: 'Constant';
  /** Unique among all binders and definitions of the spec. */
  readonly id: number;
  readonly name: string;
  /** 0 for a value constant, n for an operator constant `F(_, ..., _)`. */
  readonly arity: number;
  readonly module: string;
  readonly loc: SourceLoc;
}

/** A declared VARIABLE of the spec. */
export interface RVariable {
  readonly kind: 'Variable';
  readonly id: number;
  /** Position in `ResolvedSpec.variables` (the state vector layout). */
  readonly index: number;
  readonly name: string;
  readonly module: string;
  readonly loc: SourceLoc;
}

/** A parameter of an operator definition or a LAMBDA (`arity` > 0: higher-order `F(_, _)`). */
export interface RParam {
  readonly kind: 'Param';
  readonly id: number;
  readonly name: string;
  readonly arity: number;
  readonly loc: SourceLoc;
}

/** A variable bound by a quantifier, CHOOSE, set filter/map, function constructor, or the bound
 * of a function definition. */
export interface RBoundVar {
  readonly kind: 'BoundVar';
  readonly id: number;
  readonly name: string;
  readonly loc: SourceLoc;
}

/** An operator definition `Op(params) == body` (top level, LET, or an instance copy). */
export interface RDef {
  readonly kind: 'Def';
  readonly id: number;
  /** The name as written (`Next`, `\prec`, `-.`). */
  readonly name: string;
  /** The name as TLC prints it: `Next`, or `I!Next` for an instance copy. */
  readonly displayName: string;
  /** Module whose text defines it. */
  readonly module: string;
  /** All parameters, instance parameters first (see `instanceParams`). */
  readonly params: readonly RParam[];
  /** How many leading `params` come from a parameterised instance `I(p) == INSTANCE ...`. */
  readonly instanceParams: number;
  /** The body. (Assigned once during resolution; cyclic for recursive operators.) */
  readonly body: RExpr;
  /** Declared RECURSIVE. */
  readonly recursive: boolean;
  readonly local: boolean;
  /** Defined in a LET (or copied from a module INSTANCEd inside a LET): its body may refer to
   * bound variables and parameters of the enclosing scope, which the evaluator must capture when
   * it evaluates the `Let`; never cache its value as a constant. */
  readonly inLet: boolean;
  readonly loc: SourceLoc;
}

/** A function definition `f[x \in S, y \in T] == body` (its body may call `f` itself). Used as a
 * zero-argument operator whose value is the function. */
export interface RFnDef {
  readonly kind: 'FnDef';
  readonly id: number;
  readonly name: string;
  readonly displayName: string;
  readonly module: string;
  /** Instance parameters of a parameterised instance copy (usually empty). */
  readonly params: readonly RParam[];
  readonly instanceParams: number;
  readonly bounds: readonly RBound[];
  readonly body: RExpr;
  readonly local: boolean;
  /** As RDef.inLet. */
  readonly inLet: boolean;
  readonly loc: SourceLoc;
}

export type RDefinition = RDef | RFnDef;

/** `x, y \in S` (`tuple` false: each var ranges over S) or `<<x, y>> \in S` (`tuple` true). */
export interface RBound {
  readonly vars: readonly RBoundVar[];
  readonly tuple: boolean;
  readonly set: RExpr;
  readonly loc: SourceLoc;
}

/** An ASSUME of the root module (or a module it EXTENDS). */
export interface RAssume {
  readonly name?: string;
  readonly expr: RExpr;
  readonly module: string;
  readonly loc: SourceLoc;
}

/** What a name in operator position (an operator argument, a substitution) can denote. */
export type ROperator = RDef | RFnDef | RParam | RConstant | BuiltinOp | RLambda;

interface R {
  readonly loc: SourceLoc;
}

/** A resolved expression. Node kinds mirror bridge/syntax/ast.ts where they are syntactic. */
export type RExpr =
  | (R & { readonly kind: 'Number'; readonly value: bigint })
  | (R & { readonly kind: 'String'; readonly value: string })
  | (R & { readonly kind: 'Bool'; readonly value: boolean })
  /** A builtin applied to `op.arity` arguments (`Nat`, `BOOLEAN`: no arguments). An argument
   * whose `op.paramArities[i]` is > 0 (SelectSeq's test, SortSeq's order, BagOfAll's map) is an
   * `OpArg` or a `Lambda`. */
  | (R & { readonly kind: 'Builtin'; readonly op: BuiltinOp; readonly args: readonly RExpr[] })
  | (R & { readonly kind: 'VarRef'; readonly variable: RVariable })
  /** A constant, applied to arguments when it is an operator constant. */
  | (R & { readonly kind: 'ConstRef'; readonly constant: RConstant; readonly args: readonly RExpr[] })
  | (R & { readonly kind: 'BoundRef'; readonly variable: RBoundVar })
  /** A parameter, applied to arguments when it is a higher-order parameter. */
  | (R & { readonly kind: 'ParamRef'; readonly param: RParam; readonly args: readonly RExpr[] })
  /** A call of a definition with `def.params.length` arguments (RFnDef: its instance params). */
  | (R & { readonly kind: 'Call'; readonly def: RDefinition; readonly args: readonly RExpr[] })
  /** An operator passed as an argument to a higher-order parameter (never evaluated as a value). */
  | (R & { readonly kind: 'OpArg'; readonly op: Exclude<ROperator, RLambda> })
  | RLambda
  /** Application of a LAMBDA (arises when an operator constant of an instance is substituted by
   * a LAMBDA). */
  | (R & { readonly kind: 'ApplyLambda'; readonly lambda: RLambda; readonly args: readonly RExpr[] })
  | (R & { readonly kind: 'Quant'; readonly quantifier: 'A' | 'E'; readonly bounds: readonly RBound[]; readonly body: RExpr })
  | (R & {
      readonly kind: 'UnboundedQuant';
      readonly quantifier: 'A' | 'E' | 'AA' | 'EE';
      readonly vars: readonly RBoundVar[];
      readonly body: RExpr;
    })
  | (R & {
      readonly kind: 'Choose';
      readonly vars: readonly RBoundVar[];
      readonly tuple: boolean;
      readonly set?: RExpr;
      readonly body: RExpr;
    })
  | (R & { readonly kind: 'SetEnum'; readonly elems: readonly RExpr[] })
  | (R & { readonly kind: 'SetFilter'; readonly bound: RBound; readonly pred: RExpr })
  | (R & { readonly kind: 'SetMap'; readonly expr: RExpr; readonly bounds: readonly RBound[] })
  | (R & { readonly kind: 'FnApp'; readonly fn: RExpr; readonly args: readonly RExpr[] })
  | (R & { readonly kind: 'FnCons'; readonly bounds: readonly RBound[]; readonly body: RExpr })
  | (R & { readonly kind: 'FnSet'; readonly domain: RExpr; readonly range: RExpr })
  | (R & { readonly kind: 'RecordCons'; readonly fields: readonly RField[] })
  | (R & { readonly kind: 'RecordSet'; readonly fields: readonly RField[] })
  | (R & { readonly kind: 'FieldAccess'; readonly record: RExpr; readonly field: string })
  | (R & { readonly kind: 'Except'; readonly fn: RExpr; readonly updates: readonly RExceptUpdate[] })
  /** `@` in an EXCEPT update value. */
  | (R & { readonly kind: 'At' })
  | (R & { readonly kind: 'Tuple'; readonly elems: readonly RExpr[] })
  | (R & { readonly kind: 'CartesianProduct'; readonly sets: readonly RExpr[] })
  | (R & { readonly kind: 'If'; readonly cond: RExpr; readonly then: RExpr; readonly else: RExpr })
  | (R & { readonly kind: 'Case'; readonly arms: readonly RCaseArm[]; readonly other?: RExpr })
  /** LET: `defs` are the LET's definitions (RECURSIVE declarations are folded into them). */
  | (R & { readonly kind: 'Let'; readonly defs: readonly RDefinition[]; readonly body: RExpr })
  /** Bullet lists `/\ a /\ b` ('and') / `\/ a \/ b` ('or'); the items are the conjuncts/disjuncts
   * trace checking reports on. (Infix `a /\ b` is a `Builtin` `Core!/\`.) */
  | (R & { readonly kind: 'Junction'; readonly op: 'and' | 'or'; readonly items: readonly RExpr[] })
  | (R & { readonly kind: 'BoxAction'; readonly action: RExpr; readonly sub: RExpr })
  | (R & { readonly kind: 'AngleAction'; readonly action: RExpr; readonly sub: RExpr })
  | (R & { readonly kind: 'Fairness'; readonly strong: boolean; readonly sub: RExpr; readonly action: RExpr })
  | (R & { readonly kind: 'Label'; readonly name: string; readonly body: RExpr });

/** `LAMBDA x, y : body`. */
export interface RLambda {
  readonly kind: 'Lambda';
  readonly params: readonly RParam[];
  readonly body: RExpr;
  readonly loc: SourceLoc;
}

export interface RField {
  readonly name: string;
  readonly value: RExpr;
  readonly loc: SourceLoc;
}

export type RExceptPathStep =
  | { readonly kind: 'Index'; readonly args: readonly RExpr[]; readonly loc: SourceLoc }
  | { readonly kind: 'Field'; readonly name: string; readonly loc: SourceLoc };

export interface RExceptUpdate {
  readonly path: readonly RExceptPathStep[];
  readonly value: RExpr;
  readonly loc: SourceLoc;
}

export interface RCaseArm {
  readonly guard: RExpr;
  readonly body: RExpr;
  readonly loc: SourceLoc;
}

/** A resolved specification: the root module with everything it EXTENDS and INSTANCEs. */
export interface ResolvedSpec {
  /** Name of the root module (the first module of the spec file). */
  readonly module: string;
  /** Path of the spec file. */
  readonly file: string;
  /** Declared constants (root module and the modules it EXTENDS, declaration order). */
  readonly constants: readonly RConstant[];
  /** Declared variables, in state-vector order (`variables[i].index === i`). */
  readonly variables: readonly RVariable[];
  /**
   * Every definition visible in the root module by its name (including LOCAL ones and those of
   * extended modules and unnamed INSTANCEs), plus `I!Op` for each definition of each named,
   * unparameterised instance `I == INSTANCE M`. This is what the cfg's INIT, NEXT, INVARIANT,
   * PROPERTY, CONSTRAINT, SYMMETRY, VIEW names and `c <- Op` substitutions look up.
   */
  readonly definitions: ReadonlyMap<string, RDefinition>;
  /**
   * For the root module and every module it EXTENDS (transitively): the definitions visible in
   * that module, by name. What a cfg's module-scoped substitution `c <- [Mod] Op` looks up.
   */
  readonly definitionsByModule: ReadonlyMap<string, ReadonlyMap<string, RDefinition>>;
  /** ASSUME formulas of the root module and the modules it EXTENDS, in order. */
  readonly assumptions: readonly RAssume[];
  /** Names of all modules loaded (user and standard), in load order. */
  readonly modules: readonly string[];
  /** Builtin operators visible in the root module, by name (e.g. `Len` → Sequences!Len). */
  readonly builtins: ReadonlyMap<string, BuiltinOp>;
}
