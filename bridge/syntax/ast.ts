/**
 * The TLA+ abstract syntax tree produced by bridge/syntax/parse.ts from the tree-sitter concrete
 * tree. Every node is a member of a discriminated union on `kind` and carries a `loc` (1-based line
 * and column, as TLC and SANY print them; `endCol` is the column of the last character, inclusive).
 *
 * The AST is purely syntactic: names are strings, nothing is resolved. bridge/modules/ turns it into
 * a ResolvedSpec (bridge/modules/resolved.ts) in which every reference is bound.
 *
 * Conventions:
 * - Operator symbols are normalised to one canonical ASCII spelling (see `OP_SYMBOLS` in
 *   parse.ts): `\land`/`∧` become `/\`, `#` becomes `/=`, `\o`/`\circ` become `\o`, `=<`/`\leq`
 *   become `<=`, `\intersect` becomes `\cap`, `\union` becomes `\cup`, `\times` becomes `\X`,
 *   prefix minus is `-.` (TLA+'s name for it, as in `-. a == ...`).
 * - Parentheses are dropped (the inner node keeps its own `loc`, without the parentheses).
 * - Builtin operators of the core language (`=`, `\in`, `'`, `UNCHANGED`, `[]`, `SUBSET`...) and
 *   standard-module operators (`+`, `Len`, `:>`...) are all `OpApp` nodes; resolution decides what
 *   each name means.
 */

/** A source range. Lines and columns are 1-based; `endLine`/`endCol` point at the last character. */
export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** Formats a location the way error messages print it: `file:line:col`. */
export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

interface Node {
  readonly loc: SourceLoc;
}

/** A name with its location (declared or referenced identifier, or operator symbol). */
export interface Name extends Node {
  readonly kind: 'Name';
  readonly name: string;
}

// ---------------------------------------------------------------------------------------------
// Modules and units
// ---------------------------------------------------------------------------------------------

/** `---- MODULE Name ----` ... `====`. */
export interface Module extends Node {
  readonly kind: 'Module';
  readonly name: string;
  readonly nameLoc: SourceLoc;
  /** `EXTENDS A, B` (in order). */
  readonly extends: readonly Name[];
  readonly units: readonly Unit[];
}

/** A top-level (or LET-level) item of a module. */
export type Unit =
  | ConstantDecl
  | VariableDecl
  | OperatorDef
  | FunctionDef
  | InstanceUnit
  | ModuleDef
  | RecursiveDecl
  | Assume
  | Theorem
  | Submodule;

/** A declared operator parameter or constant: `c` (arity 0) or `F(_, _)` (arity 2), or an
 * operator-symbol declaration `_ \prec _` (arity 2), `-. _` (arity 1). */
export interface OpDecl extends Node {
  readonly kind: 'OpDecl';
  readonly name: string;
  readonly arity: number;
}

/** `CONSTANT(S) a, F(_), _ \prec _`. */
export interface ConstantDecl extends Node {
  readonly kind: 'ConstantDecl';
  readonly decls: readonly OpDecl[];
}

/** `VARIABLE(S) x, y`. */
export interface VariableDecl extends Node {
  readonly kind: 'VariableDecl';
  readonly names: readonly Name[];
}

/** `Op(p, F(_)) == body`, `a \prec b == body`, `-. a == body`, `a ^+ == body`. */
export interface OperatorDef extends Node {
  readonly kind: 'OperatorDef';
  readonly name: string;
  readonly nameLoc: SourceLoc;
  /** Parameters; a higher-order parameter `F(_, _)` has arity 2, an ordinary one arity 0. */
  readonly params: readonly OpDecl[];
  readonly body: Expr;
  readonly local: boolean;
}

/** `f[x \in S, <<a, b>> \in T] == body` (may refer to itself: recursive function). */
export interface FunctionDef extends Node {
  readonly kind: 'FunctionDef';
  readonly name: string;
  readonly nameLoc: SourceLoc;
  readonly bounds: readonly Bound[];
  readonly body: Expr;
  readonly local: boolean;
}

/** `x <- e` in `INSTANCE M WITH ...` (the target may be an operator symbol: `+ <- Plus`). */
export interface Substitution extends Node {
  readonly kind: 'Substitution';
  readonly target: Name;
  /** An expression, a LAMBDA, or an operator symbol / operator name given as an operator. */
  readonly value: Arg;
}

/** `INSTANCE M WITH a <- e, ...` (as a unit: imports M's definitions unqualified). */
export interface InstanceUnit extends Node {
  readonly kind: 'Instance';
  readonly module: Name;
  readonly substitutions: readonly Substitution[];
  readonly local: boolean;
}

/** `I == INSTANCE M WITH ...` or parameterised `I(p, q) == INSTANCE M WITH ...`. */
export interface ModuleDef extends Node {
  readonly kind: 'ModuleDef';
  readonly name: string;
  readonly nameLoc: SourceLoc;
  readonly params: readonly OpDecl[];
  readonly instance: InstanceUnit;
  readonly local: boolean;
}

/** `RECURSIVE F(_), G(_, _)`. */
export interface RecursiveDecl extends Node {
  readonly kind: 'RecursiveDecl';
  readonly decls: readonly OpDecl[];
}

/** `ASSUME e` / `ASSUME Name == e` (also ASSUMPTION, AXIOM). */
export interface Assume extends Node {
  readonly kind: 'Assume';
  readonly name?: string;
  readonly expr: Expr;
}

/** `THEOREM ...` and proofs: kept only as a located marker; the checker ignores them. */
export interface Theorem extends Node {
  readonly kind: 'Theorem';
  readonly name?: string;
}

/** A module nested in another module's text (a submodule). */
export interface Submodule extends Node {
  readonly kind: 'Submodule';
  readonly module: Module;
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

export type Expr =
  | NumberLit
  | StringLit
  | BoolLit
  | OpApp
  | OpSymbol
  | Lambda
  | Quant
  | UnboundedQuant
  | Choose
  | SetEnum
  | SetFilter
  | SetMap
  | FnApp
  | FnCons
  | FnSet
  | RecordCons
  | RecordSet
  | FieldAccess
  | Except
  | At
  | Tuple
  | CartesianProduct
  | If
  | Case
  | Let
  | Junction
  | BoxAction
  | AngleAction
  | Fairness
  | Label;

/** An argument of an operator application: an expression, or (for higher-order parameters and
 * INSTANCE substitutions) a LAMBDA, an operator symbol (`OpSymbol`), or a bare operator name
 * (an `OpApp` with no arguments, whose meaning resolution decides). */
export type Arg = Expr;

/** A natural-number literal (decimal, `\b`, `\o`, `\h`), as an arbitrary-precision integer.
 * A real literal (`3.14`) is kept with `real` set; TLC rejects them at evaluation. */
export interface NumberLit extends Node {
  readonly kind: 'Number';
  readonly value: bigint;
  /** Source text of a real literal (`value` is then 0n). */
  readonly real?: string;
}

/** `"text"` with escapes (`\"`, `\\`, `\n`, `\t`, `\r`, `\f`) decoded. */
export interface StringLit extends Node {
  readonly kind: 'String';
  readonly value: string;
}

/** `TRUE` / `FALSE`. */
export interface BoolLit extends Node {
  readonly kind: 'Bool';
  readonly value: boolean;
}

/** A step of a module-qualified reference `I(a)!Op(x)`: here `I` with args `[a]`. */
export interface QualifierStep extends Node {
  readonly name: string;
  readonly args: readonly Arg[];
}

/**
 * A reference to or application of a named operator:
 * - identifier `x`, `Op(a, b)`, number sets `Nat`/`Int`/`Real`, `BOOLEAN`, `STRING`;
 * - prefix `~a` (`~`), `-a` (`-.`), `SUBSET s`, `UNION s`, `DOMAIN f`, `ENABLED A`,
 *   `UNCHANGED v`, `[]F`, `<>F`;
 * - infix `a + b`, user-defined `a \prec b`, `a :> b`, `f @@ g`, `s \o t`, `A ~> B`, `A -+-> B`,
 *   `A \cdot B`, `a = b`, `a \in S`, `a /\ b` (an infix conjunction, not a bullet list);
 * - postfix `x'` (`'`), `r^+`, `r^*`, `r^#`;
 * - nonfix `+(a, b)`;
 * - module-qualified `M!Op(args)`, `I(p)!J!Op`: `qualifier` lists the steps before the last `!`.
 */
export interface OpApp extends Node {
  readonly kind: 'OpApp';
  readonly name: string;
  readonly fixity: 'name' | 'prefix' | 'infix' | 'postfix';
  readonly args: readonly Arg[];
  readonly qualifier: readonly QualifierStep[];
  /** Location of the operator name/symbol itself. */
  readonly nameLoc: SourceLoc;
}

/** An operator symbol used as an operator argument or substitution value: `F(+)`, `+ <- P`. */
export interface OpSymbol extends Node {
  readonly kind: 'OpSymbol';
  readonly name: string;
}

/** `LAMBDA x, y : e` (only as an operator argument or substitution value). */
export interface Lambda extends Node {
  readonly kind: 'Lambda';
  readonly params: readonly Name[];
  readonly body: Expr;
}

/** A binder `x, y \in S` or `<<x, y>> \in S` (`tuple` true). */
export interface Bound extends Node {
  readonly kind: 'Bound';
  readonly names: readonly Name[];
  /** `<<x, y>> \in S`: each element of S is a tuple destructured into the names. */
  readonly tuple: boolean;
  readonly set: Expr;
}

/** `\A x \in S, <<a, b>> \in T : e` / `\E ...`. */
export interface Quant extends Node {
  readonly kind: 'Quant';
  readonly quantifier: 'A' | 'E';
  readonly bounds: readonly Bound[];
  readonly body: Expr;
}

/** `\A x : e`, `\E x : e` (unbounded; temporal formulas), `\AA x : e`, `\EE x : e`. */
export interface UnboundedQuant extends Node {
  readonly kind: 'UnboundedQuant';
  readonly quantifier: 'A' | 'E' | 'AA' | 'EE';
  readonly names: readonly Name[];
  readonly body: Expr;
}

/** `CHOOSE x \in S : e`, `CHOOSE <<a, b>> \in S : e`, unbounded `CHOOSE x : e` (`set` absent). */
export interface Choose extends Node {
  readonly kind: 'Choose';
  readonly names: readonly Name[];
  readonly tuple: boolean;
  readonly set?: Expr;
  readonly body: Expr;
}

/** `{a, b, c}` (possibly empty). */
export interface SetEnum extends Node {
  readonly kind: 'SetEnum';
  readonly elems: readonly Expr[];
}

/** `{x \in S : P}` / `{<<a, b>> \in S : P}`. */
export interface SetFilter extends Node {
  readonly kind: 'SetFilter';
  readonly bound: Bound;
  readonly pred: Expr;
}

/** `{e : x \in S, y \in T}`. */
export interface SetMap extends Node {
  readonly kind: 'SetMap';
  readonly expr: Expr;
  readonly bounds: readonly Bound[];
}

/** `f[a]`, `f[a, b]` (the latter applies f to the tuple `<<a, b>>`). */
export interface FnApp extends Node {
  readonly kind: 'FnApp';
  readonly fn: Expr;
  readonly args: readonly Expr[];
}

/** `[x \in S, y \in T |-> e]`. */
export interface FnCons extends Node {
  readonly kind: 'FnCons';
  readonly bounds: readonly Bound[];
  readonly body: Expr;
}

/** `[S -> T]`. */
export interface FnSet extends Node {
  readonly kind: 'FnSet';
  readonly domain: Expr;
  readonly range: Expr;
}

export interface RecordField extends Node {
  readonly name: string;
  readonly value: Expr;
}

/** `[a |-> 1, b |-> 2]`. */
export interface RecordCons extends Node {
  readonly kind: 'RecordCons';
  readonly fields: readonly RecordField[];
}

/** `[a : S, b : T]` (`value` of each field is the set). */
export interface RecordSet extends Node {
  readonly kind: 'RecordSet';
  readonly fields: readonly RecordField[];
}

/** `r.field`. */
export interface FieldAccess extends Node {
  readonly kind: 'FieldAccess';
  readonly record: Expr;
  readonly field: Name;
}

/** One step of an EXCEPT path: `[a, b]` (function argument; several = a tuple) or `.f`. */
export type ExceptPathStep =
  | { readonly kind: 'Index'; readonly args: readonly Expr[]; readonly loc: SourceLoc }
  | { readonly kind: 'Field'; readonly name: string; readonly loc: SourceLoc };

/** `!path = value` in an EXCEPT. `value` may mention `@` (the old value at `path`). */
export interface ExceptUpdate extends Node {
  readonly kind: 'ExceptUpdate';
  readonly path: readonly ExceptPathStep[];
  readonly value: Expr;
}

/** `[f EXCEPT ![a].b = e, ![c] = @ + 1]`. */
export interface Except extends Node {
  readonly kind: 'Except';
  readonly fn: Expr;
  readonly updates: readonly ExceptUpdate[];
}

/** `@` inside an EXCEPT update value: the previous value at the update's path. */
export interface At extends Node {
  readonly kind: 'At';
}

/** `<<a, b, c>>` (possibly empty). */
export interface Tuple extends Node {
  readonly kind: 'Tuple';
  readonly elems: readonly Expr[];
}

/** `A \X B \X C` (n-ary: a set of triples; explicitly parenthesised `(A \X B) \X C` is binary). */
export interface CartesianProduct extends Node {
  readonly kind: 'CartesianProduct';
  readonly sets: readonly Expr[];
}

/** `IF c THEN a ELSE b`. */
export interface If extends Node {
  readonly kind: 'If';
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

export interface CaseArm extends Node {
  readonly guard: Expr;
  readonly body: Expr;
}

/** `CASE g1 -> e1 [] g2 -> e2 [] OTHER -> e3`. */
export interface Case extends Node {
  readonly kind: 'Case';
  readonly arms: readonly CaseArm[];
  readonly other?: Expr;
}

/** `LET defs IN body`. */
export interface Let extends Node {
  readonly kind: 'Let';
  readonly defs: readonly (OperatorDef | FunctionDef | ModuleDef | RecursiveDecl)[];
  readonly body: Expr;
}

/** An aligned bullet list: `/\ a` `/\ b` (op 'and') or `\/ a` `\/ b` (op 'or'). */
export interface Junction extends Node {
  readonly kind: 'Junction';
  readonly op: 'and' | 'or';
  readonly items: readonly Expr[];
}

/** `[A]_v`: A or v unchanged. */
export interface BoxAction extends Node {
  readonly kind: 'BoxAction';
  readonly action: Expr;
  readonly sub: Expr;
}

/** `<<A>>_v`: A and v changed. */
export interface AngleAction extends Node {
  readonly kind: 'AngleAction';
  readonly action: Expr;
  readonly sub: Expr;
}

/** `WF_v(A)` / `SF_v(A)`. */
export interface Fairness extends Node {
  readonly kind: 'Fairness';
  readonly strong: boolean;
  readonly sub: Expr;
  readonly action: Expr;
}

/** `lbl :: e` / `lbl(a, b) :: e` (a positional label; evaluates to `e`). */
export interface Label extends Node {
  readonly kind: 'Label';
  readonly name: string;
  readonly params: readonly Name[];
  readonly body: Expr;
}

/** Every AST node type, for generic walkers. */
export type AstNode =
  | Module
  | Unit
  | Expr
  | Bound
  | Name
  | OpDecl
  | Substitution
  | ExceptUpdate;

/** A parsed source file: its modules in order (the first one is the root module of a spec file;
 * later ones are further modules usable by EXTENDS/INSTANCE from the same file). */
export interface SourceFile {
  readonly file: string;
  readonly modules: readonly Module[];
}
