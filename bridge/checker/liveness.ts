/**
 * Liveness checking on the explored state graph, SCC-based (the method of Lichtenstein and
 * Pnueli that TLC's liveness checker also rests on), for the property forms of temporal.ts under
 * WF/SF fairness. A violation is a fair lasso of the negated property:
 * - `<>P`:      from an initial state, a fair behaviour staying in ~P forever;
 * - `[]<>P`:    a reachable fair cycle (or fair infinite stuttering) inside ~P;
 * - `<>[]P`:    a reachable fair cycle visiting a ~P state (or fair stuttering in ~P);
 * - `P ~> Q`:   a reachable P /\ ~Q state from which a fair behaviour stays in ~Q forever.
 * Every state may stutter: infinite stuttering at s is fair when no WF/SF action is enabled at s
 * (a stuttering step is no `<<A>>_v` step). A cycle through a strongly connected set C is fair
 * when, for each WF_v(A), A is disabled somewhere in C or some A-step lies in C, and, for each
 * SF_v(A), A is disabled everywhere in C or some A-step lies in C (otherwise the states where A
 * is enabled are removed and the rest searched again).
 */
import type { Ctx, Compiler } from '../eval/compile.js';
import { equals, type Value } from '../eval/value.js';
import type { FairCond, LiveProp } from './temporal.js';
import type { FpStore } from './fpstore.js';

/** A lasso of state numbers: `ids[loop..]` repeats, or the last state stutters forever. */
export interface Lasso {
  readonly ids: readonly number[];
  readonly loop?: number;
  readonly stuttering?: boolean;
}

export class LiveGraph {
  readonly succ: number[][] = [];
  /** Per property: bit 1 = P holds, bit 2 = Q holds, per state. */
  private readonly atoms: number[][];
  private readonly enabled: boolean[][];
  private readonly fairEdges: (number[] | undefined)[][];
  private readonly ctx: Ctx;

  constructor(
    compiler: Compiler,
    readonly props: readonly LiveProp[],
    readonly fairs: readonly FairCond[],
    private readonly nvars: number,
  ) {
    this.atoms = props.map(() => []);
    this.enabled = fairs.map(() => []);
    this.fairEdges = fairs.map(() => []);
    this.ctx = compiler.newCtx([], []);
  }

  /** Records an explored state: its successors and the truth of every atom at it. */
  record(id: number, s: readonly Value[], succIds: number[], fp: (t: readonly Value[]) => [number, number], store: FpStore): void {
    this.succ[id] = succIds;
    const c = this.ctx;
    c.s = s;
    this.props.forEach((pr, i) => {
      for (const [slot, v] of pr.binds) c.l[slot] = v;
      const f = pr.form;
      let bits = f.p(c) === true ? 1 : 0;
      if (f.k === 'leadsTo' && f.q(c) === true) bits |= 2;
      this.atoms[i]![id] = bits;
    });
    this.fairs.forEach((fc, i) => {
      for (const [slot, v] of fc.binds) c.l[slot] = v;
      c.s = s;
      const before = fc.sub(c);
      const p = new Array<Value | undefined>(this.nvars).fill(undefined);
      c.p = p;
      let en = false;
      const edges: number[] = [];
      fc.act(c, () => {
        const t = p.slice() as Value[];
        if (t.some((x) => x === undefined)) return;
        c.s = t;
        const after = fc.sub(c);
        c.s = s;
        if (equals(before, after)) return;
        en = true;
        const [hi, lo] = fp(t);
        const tid = store.find(hi, lo);
        if (tid >= 0) edges.push(tid);
      });
      this.enabled[i]![id] = en;
      if (edges.length > 0) this.fairEdges[i]![id] = edges;
    });
  }

  /** A fair lasso violating property `pi`, or undefined when the property holds. */
  violation(pi: number, inits: readonly number[], parentOf: (id: number) => number): Lasso | undefined {
    const prop = this.props[pi]!;
    const atoms = this.atoms[pi]!;
    const n = this.succ.length;
    const P = (id: number): boolean => (atoms[id]! & 1) !== 0;
    const Q = (id: number): boolean => (atoms[id]! & 2) !== 0;
    const k = prop.form.k;
    const inL: (id: number) => boolean = k === 'eventually' || k === 'alwaysEventually' ? (id) => !P(id) : k === 'leadsTo' ? (id) => !Q(id) : () => true;
    let starts: number[];
    if (k === 'eventually') starts = inits.filter(inL);
    else if (k === 'leadsTo') starts = [...Array(n).keys()].filter((id) => this.succ[id] !== undefined && P(id) && !Q(id));
    else starts = [...Array(n).keys()].filter((id) => this.succ[id] !== undefined && inL(id));
    if (starts.length === 0) return undefined;
    // states reachable from the starts inside L, with BFS parents for the prefix
    const par = new Int32Array(n).fill(-2);
    const order: number[] = [];
    for (const s of starts) {
      if (par[s] === -2) {
        par[s] = -1;
        order.push(s);
      }
    }
    for (let h = 0; h < order.length; h++) {
      const u = order[h]!;
      for (const v of this.succ[u] ?? []) {
        if (par[v] === -2 && this.succ[v] !== undefined && inL(v)) {
          par[v] = u;
          order.push(v);
        }
      }
    }
    const inSub = (id: number): boolean => par[id]! !== -2;
    const accept = k === 'eventuallyAlways' ? (id: number) => !P(id) : () => true;
    const prefixTo = (e: number): number[] => {
      const local: number[] = [];
      for (let x = e; x >= 0; x = par[x]!) local.push(x);
      local.reverse();
      if (k === 'eventually') return local;
      const head: number[] = [];
      for (let x = parentOf(local[0]!); x >= 0; x = parentOf(x)) head.push(x);
      head.reverse();
      return [...head, ...local];
    };
    // fair infinite stuttering
    for (const id of order) {
      if (accept(id) && this.fairs.every((_, fi) => !this.enabled[fi]![id])) return { ids: prefixTo(id), stuttering: true };
    }
    // fair cycles
    const comps = sccs(order, (u) => (this.succ[u] ?? []).filter(inSub));
    for (const comp of comps) {
      const found = this.fairComponent(comp, accept);
      if (found !== undefined) {
        const { members, witnesses } = found;
        const entry = members[0]!;
        const cycle = this.cycleThrough(entry, members, witnesses);
        const prefix = prefixTo(entry);
        return { ids: [...prefix, ...cycle.slice(1)], loop: prefix.length - 1 };
      }
    }
    return undefined;
  }

  private hasSelfOrSize(comp: readonly number[]): boolean {
    if (comp.length > 1) return true;
    const u = comp[0]!;
    return (this.succ[u] ?? []).includes(u);
  }

  /** A fair sub-component of `comp` and what the cycle must visit, or undefined. */
  private fairComponent(comp: readonly number[], accept: (id: number) => boolean): { members: number[]; witnesses: (number | [number, number])[] } | undefined {
    if (!this.hasSelfOrSize(comp)) return undefined;
    const inC = new Set(comp);
    const witnesses: (number | [number, number])[] = [];
    for (let fi = 0; fi < this.fairs.length; fi++) {
      const f = this.fairs[fi]!;
      const en = this.enabled[fi]!;
      let edge: [number, number] | undefined;
      for (const u of comp) {
        const es = this.fairEdges[fi]![u];
        if (es === undefined) continue;
        const v = es.find((x) => inC.has(x));
        if (v !== undefined) {
          edge = [u, v];
          break;
        }
      }
      if (edge !== undefined) {
        witnesses.push(edge);
        continue;
      }
      const disabled = comp.find((u) => !en[u]);
      if (!f.strong) {
        if (disabled === undefined) return undefined; // WF violated in every sub-cycle too
        witnesses.push(disabled);
        continue;
      }
      if (comp.every((u) => !en[u])) continue;
      // SF: drop the states where A is enabled and search what remains
      const rest = comp.filter((u) => !en[u]);
      const restSet = new Set(rest);
      for (const sub of sccs(rest, (u) => (this.succ[u] ?? []).filter((v) => restSet.has(v)))) {
        const r = this.fairComponent(sub, accept);
        if (r !== undefined) return r;
      }
      return undefined;
    }
    const acc = comp.find(accept);
    if (acc === undefined) return undefined;
    if (acc !== comp[0]) witnesses.push(acc);
    return { members: [...comp], witnesses };
  }

  /** A cycle from `entry` through every witness (state or edge) and back, inside `members`. */
  private cycleThrough(entry: number, members: readonly number[], witnesses: readonly (number | [number, number])[]): number[] {
    const inC = new Set(members);
    const path = (from: number, to: number): number[] => {
      if (from === to) return [from];
      const par = new Map<number, number>([[from, -1]]);
      const q = [from];
      for (let h = 0; h < q.length; h++) {
        const u = q[h]!;
        for (const v of this.succ[u] ?? []) {
          if (!inC.has(v) || par.has(v)) continue;
          par.set(v, u);
          if (v === to) {
            const out = [v];
            for (let x = u; x !== -1; x = par.get(x)!) out.push(x);
            return out.reverse();
          }
          q.push(v);
        }
      }
      throw new Error('internal: component not strongly connected');
    };
    // the returned list starts at the entry and ends with a state whose successor is the entry
    const out = [entry];
    let at = entry;
    for (const w of witnesses) {
      if (typeof w === 'number') {
        out.push(...path(at, w).slice(1));
        at = w;
      } else {
        out.push(...path(at, w[0]).slice(1), w[1]);
        at = w[1];
      }
    }
    if (at === entry) {
      if (out.length > 1) {
        out.pop();
        return out;
      }
      if ((this.succ[entry] ?? []).includes(entry)) return out; // self-loop
      const next = (this.succ[entry] ?? []).find((v) => inC.has(v) && v !== entry)!;
      out.push(...path(next, entry).slice(0, -1));
      return out;
    }
    out.push(...path(at, entry).slice(1, -1));
    return out;
  }
}

/** Tarjan's strongly connected components (iterative), over `nodes` with `edges`. */
export function sccs(nodes: readonly number[], edges: (u: number) => readonly number[]): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { u: number; es: readonly number[]; i: number }[] = [{ u: root, es: edges(root), i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      if (top.i < top.es.length) {
        const v = top.es[top.i++]!;
        if (!index.has(v)) {
          index.set(v, counter);
          low.set(v, counter++);
          stack.push(v);
          onStack.add(v);
          work.push({ u: v, es: edges(v), i: 0 });
        } else if (onStack.has(v)) low.set(top.u, Math.min(low.get(top.u)!, index.get(v)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.u;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.u)!));
      }
      if (low.get(top.u) === index.get(top.u)) {
        const comp: number[] = [];
        let x: number;
        do {
          x = stack.pop()!;
          onStack.delete(x);
          comp.push(x);
        } while (x !== top.u);
        out.push(comp);
      }
    }
  }
  return out;
}

export type { Compiler };
