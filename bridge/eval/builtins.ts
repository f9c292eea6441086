/**
 * The standard modules' operators, implemented natively as TLC does (Java overrides): Naturals,
 * Integers, Sequences, FiniteSets, TLC, Bags (the cheap part). Operators that need laziness
 * (/\, \/, =>, IF, quantifiers) are compiled by compile.ts, not here.
 */
import { apply, bool, checkInt, elems, fcn, int, intersect, member, minus, powerset, product, range, seq, subseteq, union } from './ops.js';
import { AssertionFailure, EvalError, FcnValue, LazySet, OpValue, SetValue, equals, show, type Value } from './value.js';

/** Hooks a run provides to the TLC module's side-effecting operators. */
export interface Runtime {
  print(text: string): void;
  tlcGet(key: Value): Value;
  tlcSet(key: Value, v: Value): void;
  random(n: number): number;
}

export interface Builtin {
  /** Number of arguments; -1 for variadic (\X). */
  readonly arity: number;
  /** Indexes of arguments that are operators (higher-order), passed as OpValue. */
  readonly opArgs?: readonly number[];
  /** Not constant: must not be folded (Print, TLCGet, RandomElement...). */
  readonly effect?: boolean;
  readonly fn: (args: Value[], rt: Runtime) => Value;
}

const isNat = (v: Value): boolean => typeof v === 'number' && v >= 0;
const isInt = (v: Value): boolean => typeof v === 'number';

export const NAT = new LazySet('Nat', isNat);
export const INT = new LazySet('Int', isInt);
export const STRING = new LazySet('STRING', (v) => typeof v === 'string');
export const BOOLEAN = SetValue.fromSorted([false, true]);

function seqSet(s: Value): LazySet {
  return new LazySet(() => `Seq(${show(s)})`, (v) => v instanceof FcnValue && v.isSeq && v.vals.every((x) => member(x, s)));
}

function opv(v: Value, what: string): OpValue {
  if (!(v instanceof OpValue)) throw new EvalError(`The argument of ${what} should be an operator`);
  return v;
}

function cmp2(op: string, f: (a: number, b: number) => boolean): Builtin {
  return { arity: 2, fn: ([a, b]) => f(int(a!, `an integer as first argument of ${op}`), int(b!, `an integer as second argument of ${op}`)) };
}

function permutations(s: Value): SetValue {
  const es = elems(s);
  const out: Value[] = [];
  const perm = (rest: Value[], acc: Value[]): void => {
    if (rest.length === 0) {
      out.push(FcnValue.fromSorted(es, acc.slice()));
      return;
    }
    for (let i = 0; i < rest.length; i++) {
      acc.push(rest[i]!);
      perm([...rest.slice(0, i), ...rest.slice(i + 1)], acc);
      acc.pop();
    }
  };
  perm([...es], []);
  return SetValue.of(out);
}

function bag(v: Value): FcnValue {
  return fcn(v, 'a bag');
}

function bagOf(pairs: Map<Value, number>): FcnValue {
  const ps: [Value, Value][] = [];
  for (const [k, n] of pairs) if (n > 0) ps.push([k, n]);
  return FcnValue.fromPairs(ps);
}

function bagCounts(b: FcnValue): Map<Value, number> {
  const m = new Map<Value, number>();
  b.dom.forEach((d, i) => m.set(d, int(b.vals[i]!)));
  return m;
}

function bagMerge(a: FcnValue, b: FcnValue, sign: 1 | -1): FcnValue {
  const out = new Map<Value, number>();
  const keys: Value[] = [...a.dom];
  for (const d of b.dom) if (a.indexOf(d) < 0) keys.push(d);
  for (const k of keys) {
    const x = a.indexOf(k) >= 0 ? int(apply(a, k)) : 0;
    const y = b.indexOf(k) >= 0 ? int(apply(b, k)) : 0;
    out.set(k, x + sign * y);
  }
  return bagOf(out);
}

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  // Naturals / Integers
  '+': { arity: 2, fn: ([a, b]) => checkInt(int(a!) + int(b!)) },
  '-': { arity: 2, fn: ([a, b]) => checkInt(int(a!) - int(b!)) },
  '*': { arity: 2, fn: ([a, b]) => checkInt(int(a!) * int(b!)) },
  '-.': { arity: 1, fn: ([a]) => checkInt(-int(a!)) },
  '^': { arity: 2, fn: ([a, b]) => checkInt(int(a!) ** int(b!)) },
  '\\div': {
    arity: 2,
    fn: ([a, b]) => {
      const d = int(b!);
      if (d === 0) throw new EvalError('The second argument of \\div is 0.');
      return Math.floor(int(a!) / d);
    },
  },
  '%': {
    arity: 2,
    fn: ([a, b]) => {
      const d = int(b!);
      if (d <= 0) throw new EvalError(`The second argument of % should be a positive number, but instead it is: ${d}`);
      const r = int(a!) % d;
      return r < 0 ? r + d : r;
    },
  },
  '<': cmp2('<', (a, b) => a < b),
  '>': cmp2('>', (a, b) => a > b),
  '<=': cmp2('<=', (a, b) => a <= b),
  '=<': cmp2('=<', (a, b) => a <= b),
  '\\leq': cmp2('\\leq', (a, b) => a <= b),
  '>=': cmp2('>=', (a, b) => a >= b),
  '\\geq': cmp2('\\geq', (a, b) => a >= b),
  '..': { arity: 2, fn: ([a, b]) => range(int(a!), int(b!)) },
  Nat: { arity: 0, fn: () => NAT },
  Int: { arity: 0, fn: () => INT },
  BOOLEAN: { arity: 0, fn: () => BOOLEAN },
  STRING: { arity: 0, fn: () => STRING },
  // equality, sets
  '=': { arity: 2, fn: ([a, b]) => equals(a!, b!) },
  '#': { arity: 2, fn: ([a, b]) => !equals(a!, b!) },
  '/=': { arity: 2, fn: ([a, b]) => !equals(a!, b!) },
  '\\in': { arity: 2, fn: ([a, b]) => member(a!, b!) },
  '\\notin': { arity: 2, fn: ([a, b]) => !member(a!, b!) },
  '\\cup': { arity: 2, fn: ([a, b]) => union(a!, b!) },
  '\\union': { arity: 2, fn: ([a, b]) => union(a!, b!) },
  '\\cap': { arity: 2, fn: ([a, b]) => intersect(a!, b!) },
  '\\intersect': { arity: 2, fn: ([a, b]) => intersect(a!, b!) },
  '\\': { arity: 2, fn: ([a, b]) => minus(a!, b!) },
  '\\subseteq': { arity: 2, fn: ([a, b]) => subseteq(a!, b!) },
  '\\subset': { arity: 2, fn: ([a, b]) => subseteq(a!, b!) && elems(a!).length < elems(b!).length },
  '\\supseteq': { arity: 2, fn: ([a, b]) => subseteq(b!, a!) },
  '\\supset': { arity: 2, fn: ([a, b]) => subseteq(b!, a!) && elems(b!).length < elems(a!).length },
  '\\X': { arity: -1, fn: (args) => product(args) },
  '\\times': { arity: -1, fn: (args) => product(args) },
  SUBSET: { arity: 1, fn: ([s]) => powerset(s!) },
  UNION: {
    arity: 1,
    fn: ([s]) => {
      let acc: Value = SetValue.fromSorted([]);
      for (const e of elems(s!)) acc = union(acc, e);
      return acc;
    },
  },
  DOMAIN: { arity: 1, fn: ([f]) => SetValue.fromSorted(fcn(f!, 'a function as argument of DOMAIN').dom) },
  // FiniteSets
  Cardinality: { arity: 1, fn: ([s]) => elems(s!).length },
  IsFiniteSet: { arity: 1, fn: ([s]) => s instanceof SetValue || (s instanceof LazySet && s.enumerate !== undefined) },
  // Sequences
  Seq: { arity: 1, fn: ([s]) => seqSet(s!) },
  Len: { arity: 1, fn: ([s]) => seq(s!, 'Len').size },
  Append: { arity: 2, fn: ([s, e]) => FcnValue.tuple([...seq(s!, 'Append').vals, e!]) },
  Head: {
    arity: 1,
    fn: ([s]) => {
      const q = seq(s!, 'Head');
      if (q.size === 0) throw new EvalError('Attempted to apply Head to the empty sequence.');
      return q.vals[0]!;
    },
  },
  Tail: {
    arity: 1,
    fn: ([s]) => {
      const q = seq(s!, 'Tail');
      if (q.size === 0) throw new EvalError('Attempted to apply Tail to the empty sequence.');
      return FcnValue.tuple(q.vals.slice(1));
    },
  },
  SubSeq: {
    arity: 3,
    fn: ([s, m, n]) => {
      const q = seq(s!, 'SubSeq');
      const a = int(m!);
      const b = int(n!);
      if (a > b) return FcnValue.tuple([]);
      if (a < 1 || b > q.size) throw new EvalError(`The second and third arguments of SubSeq (${a}, ${b}) are out of range for a sequence of length ${q.size}.`);
      return FcnValue.tuple(q.vals.slice(a - 1, b));
    },
  },
  '\\o': { arity: 2, fn: ([a, b]) => FcnValue.tuple([...seq(a!, '\\o').vals, ...seq(b!, '\\o').vals]) },
  '\\circ': { arity: 2, fn: ([a, b]) => FcnValue.tuple([...seq(a!, '\\o').vals, ...seq(b!, '\\o').vals]) },
  SelectSeq: {
    arity: 2,
    opArgs: [1],
    fn: ([s, t]) => {
      const test = opv(t!, 'SelectSeq');
      return FcnValue.tuple(seq(s!, 'SelectSeq').vals.filter((e) => bool(test.apply([e]), 'a boolean from the test of SelectSeq')));
    },
  },
  // TLC
  ':>': { arity: 2, fn: ([a, b]) => FcnValue.fromSorted([a!], [b!]) },
  '@@': {
    arity: 2,
    fn: ([f, g]) => {
      const x = fcn(f!);
      const y = fcn(g!);
      const pairs: [Value, Value][] = x.dom.map((d, i) => [d, x.vals[i]!]);
      y.dom.forEach((d, i) => {
        if (x.indexOf(d) < 0) pairs.push([d, y.vals[i]!]);
      });
      return FcnValue.fromPairs(pairs);
    },
  },
  Print: {
    arity: 2,
    effect: true,
    fn: ([out, v], rt) => {
      rt.print(show(out!));
      return v!;
    },
  },
  PrintT: {
    arity: 1,
    effect: true,
    fn: ([out], rt) => {
      rt.print(show(out!));
      return true;
    },
  },
  Assert: {
    arity: 2,
    fn: ([c, msg]) => {
      if (c !== true) throw new AssertionFailure(`The first argument of Assert evaluated to FALSE; the second argument was:\n${show(msg!)}`);
      return true;
    },
  },
  Permutations: { arity: 1, fn: ([s]) => permutations(s!) },
  SortSeq: {
    arity: 2,
    opArgs: [1],
    fn: ([s, lt]) => {
      const less = opv(lt!, 'SortSeq');
      const vals = [...seq(s!, 'SortSeq').vals];
      vals.sort((a, b) => (less.apply([a, b]) === true ? -1 : less.apply([b, a]) === true ? 1 : 0));
      return FcnValue.tuple(vals);
    },
  },
  ToString: { arity: 1, fn: ([v]) => show(v!) },
  RandomElement: {
    arity: 1,
    effect: true,
    fn: ([s], rt) => {
      const es = elems(s!);
      if (es.length === 0) throw new EvalError('Attempted to apply RandomElement to the empty set.');
      return es[rt.random(es.length)]!;
    },
  },
  TLCGet: { arity: 1, effect: true, fn: ([k], rt) => rt.tlcGet(k!) },
  TLCSet: {
    arity: 2,
    effect: true,
    fn: ([k, v], rt) => {
      rt.tlcSet(k!, v!);
      return true;
    },
  },
  JavaTime: { arity: 0, effect: true, fn: () => Math.floor(Date.now() / 1000) },
  TLCEval: { arity: 1, fn: ([v]) => v! },
  // Bags (the cheap part)
  EmptyBag: { arity: 0, fn: () => FcnValue.fromSorted([], []) },
  SetToBag: { arity: 1, fn: ([s]) => FcnValue.fromSorted(elems(s!), elems(s!).map(() => 1)) },
  BagToSet: { arity: 1, fn: ([b]) => SetValue.fromSorted(bag(b!).dom) },
  BagIn: { arity: 2, fn: ([e, b]) => bag(b!).indexOf(e!) >= 0 },
  CopiesIn: {
    arity: 2,
    fn: ([e, b]) => {
      const x = bag(b!);
      const i = x.indexOf(e!);
      return i < 0 ? 0 : x.vals[i]!;
    },
  },
  '(+)': { arity: 2, fn: ([a, b]) => bagMerge(bag(a!), bag(b!), 1) },
  '(-)': { arity: 2, fn: ([a, b]) => bagMerge(bag(a!), bag(b!), -1) },
  BagCardinality: { arity: 1, fn: ([b]) => bag(b!).vals.reduce<number>((n, v) => n + int(v), 0) },
  IsABag: { arity: 1, fn: ([b]) => b instanceof FcnValue && b.vals.every((v) => typeof v === 'number' && v > 0) },
  '\\sqsubseteq': {
    arity: 2,
    fn: ([a, b]) => {
      const x = bagCounts(bag(a!));
      const y = bag(b!);
      for (const [k, n] of x) if (y.indexOf(k) < 0 || int(apply(y, k)) < n) return false;
      return true;
    },
  },
  BagUnion: {
    arity: 1,
    fn: ([s]) => {
      let acc = FcnValue.fromSorted([], []);
      for (const b of elems(s!)) acc = bagMerge(acc, bag(b), 1);
      return acc;
    },
  },
};
