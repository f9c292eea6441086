/**
 * Value-level operations shared by the compiler and the built-in operators: type checks with
 * TLC-style error messages, 32-bit integer arithmetic (TLC's `IntValue` is a Java int and TLC
 * reports overflow as an error: we mirror that), set enumeration and membership, function
 * application.
 */
import { EvalError, FcnValue, LazySet, SetValue, compare, equals, kindName, show, type Value } from './value.js';

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

export function int(v: Value, what = 'an integer'): number {
  if (typeof v !== 'number') throw new EvalError(`Expected ${what}, but got ${kindName(v)} ${show(v)}`);
  return v;
}

export function bool(v: Value, what = 'a boolean'): boolean {
  if (typeof v !== 'boolean') throw new EvalError(`Expected ${what}, but got ${kindName(v)} ${show(v)}`);
  return v;
}

export function checkInt(n: number): number {
  if (n < INT_MIN || n > INT_MAX || !Number.isFinite(n)) {
    throw new EvalError(`Overflow: the integer result ${n} lies outside TLC's 32-bit range [${INT_MIN}, ${INT_MAX}]`);
  }
  return n;
}

export function fcn(v: Value, what = 'a function'): FcnValue {
  if (!(v instanceof FcnValue)) throw new EvalError(`Expected ${what}, but got ${kindName(v)} ${show(v)}`);
  return v;
}

export function seq(v: Value, op: string): FcnValue {
  if (!(v instanceof FcnValue) || !v.isSeq) throw new EvalError(`The argument of ${op} should be a sequence, but instead it is:\n${show(v)}`);
  return v;
}

const lazyCache = new WeakMap<LazySet, SetValue>();

/** The elements of a finite set value, or an error for non-sets and infinite sets. */
export function elems(v: Value): readonly Value[] {
  if (v instanceof SetValue) return v.elems;
  if (v instanceof LazySet) {
    if (v.enumerate === undefined) throw new EvalError(`TLC cannot enumerate the infinite set ${v.name}`);
    let s = lazyCache.get(v);
    if (s === undefined) {
      s = v.enumerate();
      lazyCache.set(v, s);
    }
    return s.elems;
  }
  throw new EvalError(`Expected a set, but got ${kindName(v)} ${show(v)}`);
}

export function toSet(v: Value): SetValue {
  if (v instanceof SetValue) return v;
  return SetValue.fromSorted(elems(v));
}

export function member(x: Value, s: Value): boolean {
  if (s instanceof SetValue) return s.has(x);
  if (s instanceof LazySet) return s.member(x);
  throw new EvalError(`Attempted to check if ${show(x)} is an element of the non-set ${show(s)}`);
}

/** f[x]. */
export function apply(f: Value, x: Value): Value {
  if (f instanceof FcnValue) {
    const i = f.indexOf(x);
    if (i < 0) throw new EvalError(`Attempted to apply function:\n${show(f)}\nto argument ${show(x)}, which is not in the domain of the function.`);
    return f.vals[i]!;
  }
  throw new EvalError(`A non-function (${kindName(f)} ${show(f)}) was applied as a function.`);
}

export function range(a: number, b: number): SetValue {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return SetValue.fromSorted(out);
}

function infinite(v: Value): v is LazySet {
  return v instanceof LazySet && v.enumerate === undefined;
}

export function union(a: Value, b: Value): Value {
  if (infinite(a) || infinite(b)) {
    return new LazySet(
      () => `${show(a)} \\cup ${show(b)}`,
      (v) => member(v, a) || member(v, b),
    );
  }
  const x = elems(a);
  const y = elems(b);
  if (y.length === 0) return toSet(a);
  if (x.length === 0) return toSet(b);
  const out: Value[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const c = compare(x[i]!, y[j]!);
    if (c < 0) out.push(x[i++]!);
    else if (c > 0) out.push(y[j++]!);
    else {
      out.push(x[i++]!);
      j++;
    }
  }
  while (i < x.length) out.push(x[i++]!);
  while (j < y.length) out.push(y[j++]!);
  return SetValue.fromSorted(out);
}

export function intersect(a: Value, b: Value): Value {
  if (infinite(a) && infinite(b)) {
    return new LazySet(
      () => `${show(a)} \\cap ${show(b)}`,
      (v) => member(v, a) && member(v, b),
    );
  }
  if (b instanceof LazySet && b.enumerate === undefined) return SetValue.fromSorted(elems(a).filter((e) => b.member(e)));
  if (a instanceof LazySet && a.enumerate === undefined) return SetValue.fromSorted(elems(b).filter((e) => a.member(e)));
  const sb = toSet(b);
  return SetValue.fromSorted(elems(a).filter((e) => sb.has(e)));
}

export function minus(a: Value, b: Value): Value {
  if (infinite(a)) {
    // e.g. Nat \ {0}: membership only, as TLC decides it without enumerating
    return new LazySet(
      () => `${show(a)} \\ ${show(b)}`,
      (v) => member(v, a) && !member(v, b),
    );
  }
  return SetValue.fromSorted(elems(a).filter((e) => !member(e, b)));
}

export function subseteq(a: Value, b: Value): boolean {
  for (const e of elems(a)) if (!member(e, b)) return false;
  return true;
}

/** Cartesian product S1 \X ... \X Sn as a set of tuples. */
export function product(sets: readonly Value[]): SetValue {
  let acc: Value[][] = [[]];
  for (const s of sets) {
    const es = elems(s);
    const next: Value[][] = [];
    for (const t of acc) for (const e of es) next.push([...t, e]);
    acc = next;
  }
  return SetValue.of(acc.map((t) => FcnValue.tuple(t)));
}

/** SUBSET S, kept lazy (membership without enumerating 2^n subsets). */
export function powerset(s: Value): LazySet {
  const base = toSet(s);
  return new LazySet(
    () => `SUBSET ${show(base)}`,
    (v) => v instanceof SetValue && v.elems.every((e) => base.has(e)),
    () => {
      const n = base.size;
      if (n > 24) throw new EvalError(`SUBSET of a set with ${n} elements is too large to enumerate`);
      const out: Value[] = [];
      for (let m = 0; m < 1 << n; m++) {
        const sub: Value[] = [];
        for (let i = 0; i < n; i++) if (m & (1 << i)) sub.push(base.elems[i]!);
        out.push(SetValue.fromSorted(sub));
      }
      return SetValue.of(out);
    },
  );
}

/** [S -> T], kept lazy. */
export function fcnSet(domain: Value, rng: Value): LazySet {
  const d = toSet(domain);
  return new LazySet(
    () => `[${show(d)} -> ${rng instanceof LazySet ? rng.name : show(rng)}]`,
    (v) => {
      if (!(v instanceof FcnValue) || v.dom.length !== d.size) return false;
      for (let i = 0; i < v.dom.length; i++) if (compare(v.dom[i]!, d.elems[i]!) !== 0) return false;
      return v.vals.every((x) => member(x, rng));
    },
    () => {
      const r = elems(rng);
      let acc: Value[][] = [[]];
      for (let i = 0; i < d.size; i++) {
        const next: Value[][] = [];
        for (const t of acc) for (const e of r) next.push([...t, e]);
        acc = next;
        if (acc.length > 5_000_000) throw new EvalError('Function set too large to enumerate');
      }
      return SetValue.of(acc.map((vals) => FcnValue.fromSorted(d.elems, vals)));
    },
  );
}

/** [a : S, b : T], kept lazy. */
export function recordSet(fields: readonly string[], sets: readonly Value[]): LazySet {
  const order = fields.map((f, i) => [f, i] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const dom = order.map((o) => o[0]);
  return new LazySet(
    () => '[' + fields.map((f, i) => `${f} : ${show(sets[i]!)}`).join(', ') + ']',
    (v) => {
      if (!(v instanceof FcnValue) || v.dom.length !== dom.length) return false;
      for (let i = 0; i < dom.length; i++) if (v.dom[i] !== dom[i]) return false;
      return order.every((o, i) => member(v.vals[i]!, sets[o[1]]!));
    },
    () => {
      let acc: Value[][] = [[]];
      for (const o of order) {
        const es = elems(sets[o[1]]!);
        const next: Value[][] = [];
        for (const t of acc) for (const e of es) next.push([...t, e]);
        acc = next;
      }
      return SetValue.of(acc.map((vals) => FcnValue.fromSorted(dom, vals)));
    },
  );
}

export function eq(a: Value, b: Value): boolean {
  return equals(a, b);
}
