/**
 * The seen-state store shared by the workers of a parallel search: the same layout as FpStore
 * (open-addressing table of state numbers, per-state fingerprint halves and parent) in
 * SharedArrayBuffers, with a lock-free insert: a slot is claimed with compareExchange (0 ->
 * -1 "being written"), the state number is taken from an atomic counter, the fingerprint and
 * parent are written, and the slot is published with an atomic store of `id + 1`. Readers that
 * meet a slot being written wait for it. Capacity is fixed when the search starts.
 */
export interface SharedStoreBuffers {
  readonly table: SharedArrayBuffer;
  readonly his: SharedArrayBuffer;
  readonly los: SharedArrayBuffer;
  readonly parents: SharedArrayBuffer;
  readonly counter: SharedArrayBuffer;
  readonly capacity: number;
}

/** Thrown when more states are found than the store was sized for. */
export class StoreFull extends Error {}

export class SharedStore {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly his: Uint32Array;
  private readonly los: Uint32Array;
  private readonly parents: Int32Array;
  private readonly counter: Int32Array;
  readonly capacity: number;

  constructor(readonly buffers: SharedStoreBuffers) {
    this.table = new Int32Array(buffers.table);
    this.mask = this.table.length - 1;
    this.his = new Uint32Array(buffers.his);
    this.los = new Uint32Array(buffers.los);
    this.parents = new Int32Array(buffers.parents);
    this.counter = new Int32Array(buffers.counter);
    this.capacity = buffers.capacity;
  }

  /** Buffers for up to `capacity` states (table at load factor at most 1/2). */
  static allocate(capacity: number): SharedStoreBuffers {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    return {
      table: new SharedArrayBuffer(slots * 4),
      his: new SharedArrayBuffer(capacity * 4),
      los: new SharedArrayBuffer(capacity * 4),
      parents: new SharedArrayBuffer(capacity * 4),
      counter: new SharedArrayBuffer(16),
      capacity,
    };
  }

  get size(): number {
    return Math.min(Atomics.load(this.counter, 0), this.capacity);
  }

  /** Adds a fingerprint; returns its new state number, or -1 when it was already present. */
  add(hi: number, lo: number, parent: number): number {
    hi >>>= 0;
    lo >>>= 0;
    const t = this.table;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      let e = Atomics.load(t, i);
      if (e === 0) {
        if (Atomics.compareExchange(t, i, 0, -1) === 0) {
          const id = Atomics.add(this.counter, 0, 1);
          if (id >= this.capacity) {
            Atomics.store(t, i, 0);
            throw new StoreFull(`more than ${this.capacity} distinct states`);
          }
          this.his[id] = hi;
          this.los[id] = lo;
          this.parents[id] = parent;
          Atomics.store(t, i, id + 1);
          return id;
        }
        e = Atomics.load(t, i);
      }
      while (e === -1) e = Atomics.load(t, i);
      if (e === 0) continue; // a writer gave the slot back (store full)
      const id = e - 1;
      if (this.his[id] === hi && this.los[id] === lo) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** The state number of a stored fingerprint, or -1. */
  find(hi: number, lo: number): number {
    hi >>>= 0;
    lo >>>= 0;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      let e = Atomics.load(this.table, i);
      while (e === -1) e = Atomics.load(this.table, i);
      if (e === 0) return -1;
      const id = e - 1;
      if (this.his[id] === hi && this.los[id] === lo) return id;
      i = (i + 1) & this.mask;
    }
  }

  parent(id: number): number {
    return this.parents[id]!;
  }

  fp(id: number): readonly [number, number] {
    return [this.his[id]!, this.los[id]!];
  }

  bytes(): number {
    return this.buffers.table.byteLength + this.buffers.his.byteLength + this.buffers.los.byteLength + this.buffers.parents.byteLength;
  }
}
