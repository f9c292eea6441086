/**
 * The builtin operators: those of the core language (module name `Core`, e.g. `=`, `\in`, `'`,
 * `UNCHANGED`, `SUBSET`) and those of the bundled standard modules (Naturals, Integers,
 * Sequences, FiniteSets, TLC, Bags, TLCExt). Resolution binds names to these; the evaluator
 * (bridge/eval) implements their semantics keyed by `builtinKey(module, name)` = `Module!name`,
 * e.g. `Naturals!+`, `Sequences!Append`, `Core!\in`.
 *
 * Operator names use the canonical spellings of ast.ts (`-.` for prefix minus, `\o` for
 * concatenation, `/=` for inequality...). An operator re-exported by a module that EXTENDS
 * another keeps the key of the module that defines it (`Integers` exports `+` as `Naturals!+`).
 * Modules that use others only through `LOCAL INSTANCE` (Sequences uses Naturals) do not
 * re-export them, as in the real standard modules.
 */

export type Fixity = 'name' | 'prefix' | 'infix' | 'postfix';

/** One builtin operator. */
export interface BuiltinOp {
  readonly kind: 'BuiltinOp';
  /** Defining module (`Core` for the language's own operators). */
  readonly module: string;
  /** Canonical name/symbol. */
  readonly name: string;
  /** Number of arguments (0 for constants like `Nat`). */
  readonly arity: number;
  readonly fixity: Fixity;
  /** The arity of each parameter: 0 for a value, n for an operator argument (SelectSeq's test
   * takes 1 argument, SortSeq's order 2, BagOfAll's map 1). Absent: all values. */
  readonly paramArities?: readonly number[];
  /** `Module!name`: the key the evaluator implements the operator under. */
  readonly key: string;
}

/** The evaluator's key for a builtin. */
export function builtinKey(module: string, name: string): string {
  return `${module}!${name}`;
}

function op(module: string, name: string, arity: number, fixity: Fixity = 'name', paramArities?: readonly number[]): BuiltinOp {
  return { kind: 'BuiltinOp', module, name, arity, fixity, paramArities: paramArities ?? new Array<number>(arity).fill(0), key: builtinKey(module, name) };
}

function infix(module: string, ...names: string[]): BuiltinOp[] {
  return names.map((n) => op(module, n, 2, 'infix'));
}

/** Operators of the core language, visible in every module. */
export const CORE_OPERATORS: readonly BuiltinOp[] = [
  ...infix('Core', '=', '/=', '\\in', '\\notin', '/\\', '\\/', '=>', '<=>', '\\equiv'),
  ...infix('Core', '\\cup', '\\cap', '\\', '\\subseteq', '~>', '-+->', '\\cdot'),
  op('Core', '~', 1, 'prefix'),
  op('Core', 'SUBSET', 1, 'prefix'),
  op('Core', 'UNION', 1, 'prefix'),
  op('Core', 'DOMAIN', 1, 'prefix'),
  op('Core', 'ENABLED', 1, 'prefix'),
  op('Core', 'UNCHANGED', 1, 'prefix'),
  op('Core', '[]', 1, 'prefix'),
  op('Core', '<>', 1, 'prefix'),
  op('Core', "'", 1, 'postfix'),
  op('Core', 'BOOLEAN', 0),
  op('Core', 'STRING', 0),
];

const NATURALS: readonly BuiltinOp[] = [
  op('Naturals', 'Nat', 0),
  ...infix('Naturals', '+', '-', '*', '^', '<', '>', '<=', '>=', '%', '\\div', '..'),
];

const INTEGERS: readonly BuiltinOp[] = [...NATURALS, op('Integers', 'Int', 0), op('Integers', '-.', 1, 'prefix')];

const SEQUENCES: readonly BuiltinOp[] = [
  op('Sequences', 'Seq', 1),
  op('Sequences', 'Len', 1),
  op('Sequences', '\\o', 2, 'infix'),
  op('Sequences', 'Append', 2),
  op('Sequences', 'Head', 1),
  op('Sequences', 'Tail', 1),
  op('Sequences', 'SubSeq', 3),
  op('Sequences', 'SelectSeq', 2, 'name', [0, 1]),
];

const FINITE_SETS: readonly BuiltinOp[] = [op('FiniteSets', 'IsFiniteSet', 1), op('FiniteSets', 'Cardinality', 1)];

const TLC: readonly BuiltinOp[] = [
  op('TLC', 'Print', 2),
  op('TLC', 'PrintT', 1),
  op('TLC', 'Assert', 2),
  op('TLC', 'JavaTime', 0),
  op('TLC', 'TLCGet', 1),
  op('TLC', 'TLCSet', 2),
  op('TLC', ':>', 2, 'infix'),
  op('TLC', '@@', 2, 'infix'),
  op('TLC', 'Permutations', 1),
  op('TLC', 'SortSeq', 2, 'name', [0, 2]),
  op('TLC', 'RandomElement', 1),
  op('TLC', 'Any', 0),
  op('TLC', 'ToString', 1),
  op('TLC', 'TLCEval', 1),
];

const BAGS: readonly BuiltinOp[] = [
  op('Bags', 'IsABag', 1),
  op('Bags', 'BagToSet', 1),
  op('Bags', 'SetToBag', 1),
  op('Bags', 'BagIn', 2),
  op('Bags', 'EmptyBag', 0),
  op('Bags', '(+)', 2, 'infix'),
  op('Bags', '(-)', 2, 'infix'),
  op('Bags', 'BagUnion', 1),
  op('Bags', '\\sqsubseteq', 2, 'infix'),
  op('Bags', 'SubBag', 1),
  op('Bags', 'BagOfAll', 2, 'name', [1, 0]),
  op('Bags', 'BagCardinality', 1),
  op('Bags', 'CopiesIn', 2),
];

const TLCEXT: readonly BuiltinOp[] = [
  op('TLCExt', 'AssertEq', 2),
  op('TLCExt', 'AssertError', 2),
  op('TLCExt', 'TLCModelValue', 1),
  op('TLCExt', 'TLCNoOp', 1),
  op('TLCExt', 'TLCDefer', 1),
  op('TLCExt', 'PickSuccessor', 1),
  op('TLCExt', 'Trace', 0),
];

/** The bundled standard modules and the operators each one exports (including re-exports of
 * modules it EXTENDS). */
export const STANDARD_MODULES: ReadonlyMap<string, readonly BuiltinOp[]> = new Map<string, readonly BuiltinOp[]>([
  ['Naturals', NATURALS],
  ['Integers', INTEGERS],
  ['Sequences', SEQUENCES],
  ['FiniteSets', FINITE_SETS],
  ['TLC', TLC],
  ['Bags', BAGS],
  ['TLCExt', TLCEXT],
]);

/** Whether `name` is a bundled standard module. */
export function isStandardModule(name: string): boolean {
  return STANDARD_MODULES.has(name);
}

