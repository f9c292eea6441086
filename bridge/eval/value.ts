/**
 * TLC's value universe, in a representation chosen for speed:
 * - booleans are JS booleans, integers are JS numbers (TLC's integers are Java 32-bit ints and
 *   arithmetic that leaves that range is an error, which we mirror: see arith.ts);
 * - strings are JS strings; model values are interned `ModelValue` objects;
 * - sets are `SetValue`: a canonically ordered, duplicate-free array plus a lazily built hash index;
 * - functions, records, tuples and sequences are all `FcnValue` (TLC treats records and tuples as
 *   functions: `[a |-> 1] = [x \in {"a"} |-> 1]` and `<<1,2>> = [i \in 1..2 |-> i]` are TRUE):
 *   a canonically ordered domain array and a parallel array of values;
 * - infinite sets (Nat, Int, Seq(S), STRING, [S -> T] kept lazy when large) are `LazySet`s that
 *   support membership but not enumeration;
 * - operators passed as arguments (higher-order) are `OpValue`s.
 *
 * Composite values are immutable and cache their hash. `compare` is a total canonical order used
 * to normalise sets and domains; `equals` follows TLC, raising `EvalError` where TLC refuses to
 * compare values of different kinds (e.g. `1 = "a"`), while model values are unequal to
 * everything but themselves.
 */

export type Value = boolean | number | string | ModelValue | SetValue | FcnValue | LazySet | OpValue;

/** An evaluation error, optionally located in TLA+ source. */
export class EvalError extends Error {
  location: string | undefined;
  constructor(message: string, location?: string) {
    super(message);
    this.name = 'EvalError';
    this.location = location;
  }
}

/** A failed TLC `Assert` (TLC exits 14 for it rather than 75). */
export class AssertionFailure extends EvalError {
  constructor(message: string, location?: string) {
    super(message, location);
    this.name = 'AssertionFailure';
  }
}

export class ModelValue {
  private static readonly interned = new Map<string, ModelValue>();
  /** Hash of the name: the same in every thread (interning order is not). */
  readonly nameHash: number;
  private constructor(readonly name: string) {
    this.nameHash = fnv1a(name);
  }
  static of(name: string): ModelValue {
    let mv = ModelValue.interned.get(name);
    if (mv === undefined) {
      mv = new ModelValue(name);
      ModelValue.interned.set(name, mv);
    }
    return mv;
  }
}

export class SetValue {
  /** Elements in canonical order, without duplicates. Do not mutate. */
  readonly elems: readonly Value[];
  private h = 0;
  private hashed = false;
  private h2 = 0;
  private hashed2 = false;
  private index: Map<number, Value[]> | undefined;
  private constructor(elems: readonly Value[]) {
    this.elems = elems;
  }
  /** From elements already sorted canonically and deduplicated. */
  static fromSorted(elems: readonly Value[]): SetValue {
    return new SetValue(elems);
  }
  /** From arbitrary elements: sorts and deduplicates. */
  static of(elems: Value[]): SetValue {
    if (elems.length <= 1) return new SetValue(elems);
    elems.sort(compare);
    let w = 1;
    for (let r = 1; r < elems.length; r++) {
      if (compare(elems[r]!, elems[w - 1]!) !== 0) elems[w++] = elems[r]!;
    }
    elems.length = w;
    return new SetValue(elems);
  }
  get size(): number {
    return this.elems.length;
  }
  hash(): number {
    if (!this.hashed) {
      let h = 0x5e7;
      for (const e of this.elems) h = mix(h, hashValue(e));
      this.h = fin(h, this.elems.length);
      this.hashed = true;
    }
    return this.h;
  }
  hash2(): number {
    if (!this.hashed2) {
      let h = 0x3c6ef372;
      for (const e of this.elems) h = mix(h, hashValue2(e));
      this.h2 = fin(h, this.elems.length + 11);
      this.hashed2 = true;
    }
    return this.h2;
  }
  has(v: Value): boolean {
    const n = this.elems.length;
    if (n <= 8) {
      const es = this.elems;
      if (typeof v !== 'object' || v instanceof ModelValue) {
        for (let i = 0; i < n; i++) if (es[i] === v) return true;
        return false;
      }
      if (v instanceof SetValue || v instanceof FcnValue) {
        // composites: compare only candidates with the same (cached) hash
        const h = v.hash();
        for (let i = 0; i < n; i++) {
          const e = es[i]!;
          if (e === v) return true;
          if ((e instanceof SetValue || e instanceof FcnValue) && e.hash() === h && compare(e, v) === 0) return true;
        }
        return false;
      }
      for (let i = 0; i < n; i++) if (compare(es[i]!, v) === 0) return true;
      return false;
    }
    if (this.index === undefined) {
      this.index = new Map();
      for (const e of this.elems) {
        const k = hashValue(e);
        const b = this.index.get(k);
        if (b === undefined) this.index.set(k, [e]);
        else b.push(e);
      }
    }
    const b = this.index.get(hashValue(v));
    if (b === undefined) return false;
    for (const e of b) if (compare(e, v) === 0) return true;
    return false;
  }
}

export class FcnValue {
  /** Domain in canonical order. Do not mutate. */
  readonly dom: readonly Value[];
  /** values[i] is the image of dom[i]. Do not mutate. */
  readonly vals: readonly Value[];
  /** True when the domain is exactly 1..n (a tuple / sequence). */
  readonly isSeq: boolean;
  private h = 0;
  private hashed = false;
  private h2 = 0;
  private hashed2 = false;
  private constructor(dom: readonly Value[], vals: readonly Value[], isSeq: boolean) {
    this.dom = dom;
    this.vals = vals;
    this.isSeq = isSeq;
  }
  static tuple(vals: readonly Value[]): FcnValue {
    const dom: number[] = new Array<number>(vals.length);
    for (let i = 0; i < vals.length; i++) dom[i] = i + 1;
    return new FcnValue(dom, vals, true);
  }
  /** From a domain already in canonical order (no duplicates). */
  static fromSorted(dom: readonly Value[], vals: readonly Value[]): FcnValue {
    let isSeq = true;
    for (let i = 0; i < dom.length; i++) {
      if (dom[i] !== i + 1) {
        isSeq = false;
        break;
      }
    }
    return new FcnValue(dom, vals, isSeq);
  }
  /** From arbitrary (key, value) pairs with distinct keys. */
  static fromPairs(pairs: [Value, Value][]): FcnValue {
    pairs.sort((a, b) => compare(a[0], b[0]));
    return FcnValue.fromSorted(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
  }
  /** Record from field names and values in any order. */
  static record(fields: readonly string[], vals: readonly Value[]): FcnValue {
    const pairs: [Value, Value][] = fields.map((f, i) => [f, vals[i]!]);
    return FcnValue.fromPairs(pairs);
  }
  get size(): number {
    return this.dom.length;
  }
  /** Index of `k` in the domain, or -1. */
  indexOf(k: Value): number {
    if (this.isSeq) {
      return typeof k === 'number' && k >= 1 && k <= this.dom.length && Number.isInteger(k) ? k - 1 : -1;
    }
    const d = this.dom;
    if (d.length <= 8) {
      if (typeof k !== 'object' || k instanceof ModelValue) {
        // primitives and interned model values: identity is equality
        for (let i = 0; i < d.length; i++) if (d[i] === k) return i;
        return -1;
      }
      for (let i = 0; i < d.length; i++) if (d[i] === k || compare(d[i]!, k) === 0) return i;
      return -1;
    }
    let lo = 0;
    let hi = d.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compare(d[mid]!, k);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  /** Returns a copy with the value at domain index i replaced. */
  withIndex(i: number, v: Value): FcnValue {
    const vals = this.vals.slice();
    vals[i] = v;
    const f = new FcnValue(this.dom, vals, this.isSeq);
    // incremental hashes: the sums of per-entry hashes change only at entry i
    if (this.summed) {
      const d = this.dom[i]!;
      const old = this.vals[i]!;
      f.sum1 = (this.sum1 - entry1(d, old) + entry1(d, v)) | 0;
      f.summed = true;
    }
    if (this.summed2) {
      const d = this.dom[i]!;
      const old = this.vals[i]!;
      f.sum2 = (this.sum2 - entry2(d, old) + entry2(d, v)) | 0;
      f.summed2 = true;
    }
    return f;
  }
  private sum1 = 0;
  private summed = false;
  private sum2 = 0;
  private summed2 = false;
  /** Hash: a finalised sum of per-entry hashes (order-independent, so EXCEPT updates it in O(1)). */
  hash(): number {
    if (!this.hashed) {
      if (!this.summed) {
        let acc = 0;
        for (let i = 0; i < this.dom.length; i++) acc = (acc + entry1(this.dom[i]!, this.vals[i]!)) | 0;
        this.sum1 = acc;
        this.summed = true;
      }
      this.h = fin(this.sum1 ^ 0xf00d, this.dom.length);
      this.hashed = true;
    }
    return this.h;
  }
  hash2(): number {
    if (!this.hashed2) {
      if (!this.summed2) {
        let acc = 0;
        for (let i = 0; i < this.dom.length; i++) acc = (acc + entry2(this.dom[i]!, this.vals[i]!)) | 0;
        this.sum2 = acc;
        this.summed2 = true;
      }
      this.h2 = fin(this.sum2 ^ 0xa54ff53a, this.dom.length + 13);
      this.hashed2 = true;
    }
    return this.h2;
  }
}

function entry1(d: Value, v: Value): number {
  return fin(mix(mix(0x51ed27, hashValue(d)), hashValue(v)), 2);
}

function entry2(d: Value, v: Value): number {
  return fin(mix(mix(0x2f1b3c, hashValue2(d)), hashValue2(v)), 7);
}

/** An infinite or not-to-be-enumerated set: membership only. */
export class LazySet {
  private nameText: string | undefined;
  constructor(
    /** The set's TLA+ text, or a function computing it (only when printed or compared). */
    private readonly nameOf: string | (() => string),
    readonly member: (v: Value) => boolean,
    /** Enumerates the set when it is finite but kept lazy (e.g. a large SUBSET). */
    readonly enumerate?: () => SetValue,
  ) {}
  get name(): string {
    if (this.nameText === undefined) this.nameText = typeof this.nameOf === 'string' ? this.nameOf : this.nameOf();
    return this.nameText;
  }
}

/** An operator passed as a value (higher-order argument or LAMBDA). */
export class OpValue {
  constructor(
    readonly name: string,
    readonly arity: number,
    readonly apply: (args: Value[]) => Value,
  ) {}
}

// ---------------------------------------------------------------- kinds, order, equality

const enum Kind {
  Bool = 0,
  Int = 1,
  Str = 2,
  Model = 3,
  Set = 4,
  Fcn = 5,
  Lazy = 6,
  Op = 7,
}

function kindOf(v: Value): Kind {
  switch (typeof v) {
    case 'boolean':
      return Kind.Bool;
    case 'number':
      return Kind.Int;
    case 'string':
      return Kind.Str;
    default:
      if (v instanceof SetValue) return Kind.Set;
      if (v instanceof FcnValue) return Kind.Fcn;
      if (v instanceof ModelValue) return Kind.Model;
      if (v instanceof LazySet) return Kind.Lazy;
      return Kind.Op;
  }
}

/** Total canonical order on values (kind first, then structure). */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) return ka - kb;
  switch (ka) {
    case Kind.Bool:
      return a === false ? -1 : 1;
    case Kind.Model:
      // by name, so the canonical order (and so fingerprints) is the same in every worker thread
      return (a as ModelValue).name < (b as ModelValue).name ? -1 : 1;
    case Kind.Set: {
      const x = (a as SetValue).elems;
      const y = (b as SetValue).elems;
      if (x.length !== y.length) return x.length - y.length;
      for (let i = 0; i < x.length; i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return 0;
    }
    case Kind.Fcn: {
      const x = a as FcnValue;
      const y = b as FcnValue;
      if (x.dom.length !== y.dom.length) return x.dom.length - y.dom.length;
      if (!(x.isSeq && y.isSeq)) {
        for (let i = 0; i < x.dom.length; i++) {
          const c = compare(x.dom[i]!, y.dom[i]!);
          if (c !== 0) return c;
        }
      }
      for (let i = 0; i < x.vals.length; i++) {
        const c = compare(x.vals[i]!, y.vals[i]!);
        if (c !== 0) return c;
      }
      return 0;
    }
    case Kind.Lazy:
      return (a as LazySet).name < (b as LazySet).name ? -1 : (a as LazySet).name > (b as LazySet).name ? 1 : 0;
    default:
      return (a as OpValue).name < (b as OpValue).name ? -1 : 1;
  }
}

const KIND_NAMES = ['boolean', 'integer', 'string', 'model value', 'set', 'function', 'set', 'operator'];

/** Kind name for error messages. */
export function kindName(v: Value): string {
  return KIND_NAMES[kindOf(v)]!;
}

/**
 * TLA+ equality with TLC's rules: values of different kinds are an error (`1 = "a"`,
 * `{} = 0`), except that a model value is unequal to anything other than itself, and sets
 * compare with lazily represented sets by enumeration when possible.
 */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === kb) {
    if (ka === Kind.Lazy) return lazyEquals(a as LazySet, b);
    return compare(a, b) === 0;
  }
  if (ka === Kind.Model || kb === Kind.Model) return false;
  if (ka === Kind.Lazy) return lazyEquals(a as LazySet, b);
  if (kb === Kind.Lazy) return lazyEquals(b as LazySet, a);
  throw new EvalError(`Attempted to check equality of ${kindName(a)} ${show(a)} with non-${kindName(a)}:\n${show(b)}`);
}

function lazyEquals(a: LazySet, b: Value): boolean {
  if (b instanceof LazySet) {
    if (a.name === b.name) return true;
    if (a.enumerate && b.enumerate) return compare(a.enumerate(), b.enumerate()) === 0;
    throw new EvalError(`Attempted to compare the infinite sets ${a.name} and ${b.name}`);
  }
  if (b instanceof SetValue) {
    if (a.enumerate) return compare(a.enumerate(), b) === 0;
    return false; // an infinite set is not equal to a finite one
  }
  throw new EvalError(`Attempted to check equality of set ${a.name} with non-set:\n${show(b)}`);
}

// ---------------------------------------------------------------- hashing

/** One murmur3 mixing round: folds the 32-bit word k into the hash h. */
export function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fin(h: number, len: number): number {
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** FNV-1a over the UTF-16 code units of `s`. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

function hashString(s: string): number {
  return fin(fnv1a(s), s.length);
}

/** A 32-bit structural hash consistent with `compare(a, b) === 0`. */
export function hashValue(v: Value): number {
  switch (typeof v) {
    case 'boolean':
      return v ? 0x2f3a1 : 0x1b7c5;
    case 'number':
      return fin(mix(0x1234567, v | 0), 4);
    case 'string':
      return hashString(v);
    default:
      if (v instanceof SetValue || v instanceof FcnValue) return v.hash();
      if (v instanceof ModelValue) return fin(mix(0x77aa, v.nameHash), 3);
      if (v instanceof LazySet) return hashString('lazy:' + v.name);
      return hashString('op:' + v.name);
  }
}

/** A second, independent 32-bit hash (different seeds) used for the upper fingerprint half. */
export function hashValue2(v: Value): number {
  switch (typeof v) {
    case 'boolean':
      return v ? 0x9e3779b9 : 0x7f4a7c15;
    case 'number':
      return fin(mix(0x2545f491, v | 0), 8);
    case 'string':
      return fin(mix(hashString(v), 0x27d4eb2f), 9);
    default:
      if (v instanceof ModelValue) return fin(mix(0x165667b1, v.nameHash), 7);
      if (v instanceof SetValue || v instanceof FcnValue) return v.hash2();
      return fin(mix(hashValue(v), 0x510e527f), 5);
  }
}

// ---------------------------------------------------------------- printing (TLC syntax)

function quote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

function isRecord(f: FcnValue): boolean {
  if (f.dom.length === 0) return false;
  for (const d of f.dom) if (typeof d !== 'string') return false;
  return true;
}

/** Prints a value the way TLC does in traces and error messages. */
export function show(v: Value): string {
  switch (typeof v) {
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    case 'number':
      return String(v);
    case 'string':
      return quote(v);
    default:
      if (v instanceof ModelValue) return v.name;
      if (v instanceof SetValue) return '{' + v.elems.map(show).join(', ') + '}';
      if (v instanceof FcnValue) {
        if (v.isSeq) return '<<' + v.vals.map(show).join(', ') + '>>';
        if (isRecord(v)) return '[' + v.dom.map((d, i) => `${d as string} |-> ${show(v.vals[i]!)}`).join(', ') + ']';
        return '(' + v.dom.map((d, i) => `${show(d)} :> ${show(v.vals[i]!)}`).join(' @@ ') + ')';
      }
      return v.name; // a LazySet or an OpValue
  }
}
