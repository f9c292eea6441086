/**
 * The seen-state store of the breadth-first search: 64-bit state fingerprints (two 32-bit
 * halves) in an open-addressing hash table of state numbers, plus, per state number, its
 * fingerprint and its parent's state number for counterexample reconstruction. About 20-40 bytes
 * per stored state (table at load factor at most 1/2, arrays grown by doubling), see `bytes()`.
 */
export class FpStore {
  private table: Int32Array;
  private mask: number;
  private his: Uint32Array;
  private los: Uint32Array;
  private parents: Int32Array;
  private n = 0;

  constructor(initialCapacity = 1 << 10) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.his = new Uint32Array(initialCapacity);
    this.los = new Uint32Array(initialCapacity);
    this.parents = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.n;
  }

  /** Adds a fingerprint; returns its new state number, or -1 when it was already present. */
  add(hi: number, lo: number, parent: number): number {
    hi >>>= 0;
    lo >>>= 0;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    const t = this.table;
    for (;;) {
      const e = t[i]!;
      if (e < 0) break;
      if (this.los[e] === lo && this.his[e] === hi) return -1;
      i = (i + 1) & this.mask;
    }
    const id = this.n++;
    if (id >= this.his.length) this.growArrays();
    this.his[id] = hi;
    this.los[id] = lo;
    this.parents[id] = parent;
    t[i] = id;
    if (this.n * 2 > t.length) this.rehash();
    return id;
  }

  /** Whether the fingerprint is stored. */
  has(hi: number, lo: number): boolean {
    return this.find(hi, lo) >= 0;
  }

  /** The state number of a stored fingerprint, or -1. */
  find(hi: number, lo: number): number {
    hi >>>= 0;
    lo >>>= 0;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const e = this.table[i]!;
      if (e < 0) return -1;
      if (this.los[e] === lo && this.his[e] === hi) return e;
      i = (i + 1) & this.mask;
    }
  }

  parent(id: number): number {
    return this.parents[id]!;
  }

  hi(id: number): number {
    return this.his[id]!;
  }

  lo(id: number): number {
    return this.los[id]!;
  }

  /** Bytes allocated for the store. */
  bytes(): number {
    return this.table.byteLength + this.his.byteLength + this.los.byteLength + this.parents.byteLength;
  }

  private growArrays(): void {
    const cap = this.his.length * 2;
    const h = new Uint32Array(cap);
    h.set(this.his);
    this.his = h;
    const l = new Uint32Array(cap);
    l.set(this.los);
    this.los = l;
    const p = new Int32Array(cap);
    p.set(this.parents);
    this.parents = p;
  }

  private rehash(): void {
    const cap = this.table.length * 2;
    const t = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let id = 0; id < this.n; id++) {
      let i = (this.los[id]! ^ Math.imul(this.his[id]!, 0x9e3779b1)) & mask;
      while (t[i]! >= 0) i = (i + 1) & mask;
      t[i] = id;
    }
    this.table = t;
    this.mask = mask;
  }
}
