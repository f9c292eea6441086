/**
 * Parallel breadth-first search (`exitspec check --workers N`): N explorers (worker threads)
 * share one seen-state store (shared-store.ts) and each keeps its own frontier; the search is
 * level-synchronous (all explorers finish level L before any starts L + 1), so the distinct
 * states, the depth and the verdict are those of the sequential search, and counterexamples are
 * still shortest. Each explorer compiles the spec itself; only fingerprints, state numbers and
 * short reports cross threads. The coordinator rebuilds counterexamples by replaying the path of
 * state numbers, as the sequential search does. Liveness properties are checked by the
 * sequential search only.
 */
import { Worker } from 'node:worker_threads';
import type { ItfTrace, ItfValue } from '../result.js';
import { fromItf, toItf } from './itf-values.js';
import { TlcExitCode } from '../result.js';
import { AssertionFailure, EvalError, type Value } from '../eval/value.js';
import type { CheckModel } from './model.js';
import { fingerprinter, firstViolatedInvariant, replayPath, toItfTrace, type SearchOutcome } from './bfs.js';
import { SharedStore, StoreFull, type SharedStoreBuffers } from './shared-store.js';

/** A state handed to the explorer that owns it: its number, values (ITF) and model value names. */
export interface Transfer {
  readonly id: number;
  readonly vals: readonly ItfValue[];
}

/** A batch of transfers with the model value names they use. */
export interface TransferBatch {
  readonly modelValues: readonly string[];
  readonly states: readonly Transfer[];
}

/** What one explorer reports after initial states or after a level. */
export interface LevelReport {
  readonly generated: number;
  /** Size of the explorer's next frontier. */
  readonly frontier: number;
  readonly violation?: { readonly kind: 'invariant' | 'deadlock' | 'action'; readonly name: string; readonly lastId: number; readonly extraFp?: readonly [number, number] };
  readonly error?: { readonly message: string; readonly assert: boolean; readonly exploring: number };
  readonly full?: boolean;
}

class Stop {
  constructor(readonly report: LevelReport) {}
}

/** One explorer: its share of the initial states, then its frontier level by level. */
export class LevelExplorer {
  private frontier: (readonly Value[])[] = [];
  private frontierIds: number[] = [];
  private readonly fp: (s: readonly Value[]) => [number, number];
  private readonly ctx;

  constructor(
    private readonly model: CheckModel,
    private readonly store: SharedStore,
    private readonly index: number,
    private readonly count: number,
  ) {
    this.ctx = model.compiler.newCtx([], []);
    this.fp = fingerprinter(model, this.ctx);
  }

  /** Hands the last `k` states of the frontier over (load balancing between levels). */
  take(k: number): TransferBatch {
    const mvs = new Set<string>();
    const states: Transfer[] = [];
    for (let i = 0; i < k && this.frontier.length > 0; i++) {
      const s = this.frontier.pop()!;
      const id = this.frontierIds.pop()!;
      states.push({ id, vals: s.map((v) => toItf(v, mvs)) });
    }
    return { modelValues: [...mvs], states };
  }

  private violatesInvariant(s: readonly Value[]): string | undefined {
    const saved = this.ctx.s;
    this.ctx.s = s;
    try {
      return firstViolatedInvariant(this.model, this.ctx);
    } finally {
      this.ctx.s = saved;
    }
  }

  private inModel(s: readonly Value[]): boolean {
    if (this.model.constraints.length === 0) return true;
    const saved = this.ctx.s;
    this.ctx.s = s;
    try {
      return this.model.constraints.every((c) => c.fn(this.ctx) === true);
    } finally {
      this.ctx.s = saved;
    }
  }

  private guarded(body: () => LevelReport, exploring: () => number): LevelReport {
    try {
      return body();
    } catch (e) {
      if (e instanceof Stop) return e.report;
      if (e instanceof StoreFull) return { generated: 0, frontier: 0, full: true };
      if (e instanceof EvalError) {
        const message = e.location ? `${e.message}\nThe error occurred at ${e.location}` : e.message;
        return { generated: 0, frontier: 0, error: { message, assert: e instanceof AssertionFailure, exploring: exploring() } };
      }
      throw e;
    }
  }

  /** Enumerates the initial states and keeps every `count`-th one (by enumeration order). */
  init(): LevelReport {
    const m = this.model;
    const nvars = m.vars.length;
    let generated = 0;
    let n = 0;
    return this.guarded(
      () => {
        this.ctx.s = [];
        const p = new Array<Value | undefined>(nvars).fill(undefined);
        this.ctx.p = p;
        m.init(this.ctx, () => {
          if (p.some((x) => x === undefined)) throw new EvalError('An initial state is not completely specified');
          if (n++ % this.count !== this.index) return;
          const s = p.slice() as Value[];
          generated++;
          if (!this.inModel(s)) return;
          const [hi, lo] = this.fp(s);
          const id = this.store.add(hi, lo, -1);
          if (id < 0) return;
          const bad = this.violatesInvariant(s);
          if (bad !== undefined) throw new Stop({ generated, frontier: 0, violation: { kind: 'invariant', name: bad, lastId: id } });
          this.frontier.push(s);
          this.frontierIds.push(id);
        });
        return { generated, frontier: this.frontier.length };
      },
      () => -1,
    );
  }

  /** Explores the current frontier (plus the states handed over); new states form the next one. */
  level(incoming: readonly TransferBatch[] = []): LevelReport {
    const m = this.model;
    const nvars = m.vars.length;
    const ctx = this.ctx;
    for (const batch of incoming) {
      const mvs = new Set(batch.modelValues);
      for (const t of batch.states) {
        this.frontier.push(t.vals.map((v) => fromItf(v, mvs)));
        this.frontierIds.push(t.id);
      }
    }
    const next: (readonly Value[])[] = [];
    const nextIds: number[] = [];
    let found = 0;
    let generated = 0;
    let exploring = -1;
    const report = this.guarded(
      () => {
        for (let j = 0; j < this.frontier.length; j++) {
          const s = this.frontier[j]!;
          const sid = this.frontierIds[j]!;
          exploring = sid;
          ctx.s = s;
          const p = new Array<Value | undefined>(nvars).fill(undefined);
          ctx.p = p;
          let successors = 0;
          m.next(ctx, () => {
            successors++;
            generated++;
            if (p.some((x) => x === undefined)) {
              const i = p.findIndex((x) => x === undefined);
              throw new EvalError(`A successor state is not completely specified: variable ${m.vars[i]} was not assigned a value`);
            }
            const t = p.slice() as Value[];
            for (const ap of m.actionProperties) {
              if (ap.fn(ctx) !== true) throw new Stop({ generated, frontier: 0, violation: { kind: 'action', name: ap.name, lastId: sid, extraFp: this.fp(t) } });
            }
            const allowed = m.actionConstraints.every((ac) => ac.fn(ctx) === true);
            if (!allowed || !this.inModel(t)) {
              const bad = this.violatesInvariant(t);
              if (bad !== undefined) throw new Stop({ generated, frontier: 0, violation: { kind: 'invariant', name: bad, lastId: sid, extraFp: this.fp(t) } });
              return;
            }
            const [hi, lo] = this.fp(t);
            const id = this.store.add(hi, lo, sid);
            if (id < 0) return;
            const bad = this.violatesInvariant(t);
            if (bad !== undefined) throw new Stop({ generated, frontier: 0, violation: { kind: 'invariant', name: bad, lastId: id } });
            found++;
            next.push(t);
            nextIds.push(id);
          });
          if (successors === 0 && m.checkDeadlock) throw new Stop({ generated, frontier: 0, violation: { kind: 'deadlock', name: '', lastId: sid } });
        }
        return { generated, frontier: found };
      },
      () => exploring,
    );
    this.frontier = next;
    this.frontierIds = nextIds;
    return report.generated === 0 && (report.error || report.full) ? { ...report, generated } : report;
  }
}

/** The interface the coordinator drives: an explorer in this thread or in a worker thread. */
export interface ExplorerHandle {
  init(): Promise<LevelReport>;
  level(incoming: readonly TransferBatch[]): Promise<LevelReport>;
  take(k: number): Promise<TransferBatch>;
  close(): Promise<void>;
}

/**
 * Transfers that even out the frontiers: the heavier explorers hand their excess over the mean
 * to the lighter ones (only when the imbalance exceeds a quarter of the mean).
 */
export function balancePlan(sizes: readonly number[]): { from: number; to: number; count: number }[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const mean = total / sizes.length;
  if (total < 2 * sizes.length || Math.max(...sizes) <= mean * 1.25) return [];
  const excess = sizes.map((n) => Math.floor(n - mean));
  const plan: { from: number; to: number; count: number }[] = [];
  for (let to = 0; to < sizes.length; to++) {
    let need = -excess[to]!;
    for (let from = 0; from < sizes.length && need > 0; from++) {
      if (excess[from]! <= 0) continue;
      const k = Math.min(need, excess[from]!);
      plan.push({ from, to, count: k });
      excess[from]! -= k;
      need -= k;
    }
  }
  return plan;
}

/** Runs the level-synchronous search over the explorers and builds the outcome. */
export async function coordinate(model: CheckModel, store: SharedStore, explorers: readonly ExplorerHandle[], maxStates?: number): Promise<SearchOutcome> {
  const t0 = Date.now();
  let generated = 0;
  let depth = 0;
  const finish = (res: Omit<SearchOutcome['result'], 'distinctStates' | 'totalStates' | 'depth' | 'seconds' | 'tool'>, exitCode: number, left: number): SearchOutcome => ({
    result: { distinctStates: store.size, totalStates: generated, depth, seconds: (Date.now() - t0) / 1000, tool: 'exitspec', ...res },
    exitCode,
    statesLeftOnQueue: left,
    storeBytes: store.bytes(),
  });
  const traceTo = (lastId: number, extraFp?: readonly [number, number]): ItfTrace => {
    const ids: number[] = [];
    for (let id = lastId; id >= 0; id = store.parent(id)) ids.push(id);
    ids.reverse();
    const ctx = model.compiler.newCtx([], []);
    const fp = fingerprinter(model, ctx);
    return toItfTrace(model, replayPath(model, ctx, fp, (id) => store.fp(id), ids, undefined, extraFp));
  };
  try {
    let reports = await Promise.all(explorers.map((e) => e.init()));
    for (;;) {
      const left = reports.reduce((n, r) => n + r.frontier, 0);
      generated += reports.reduce((n, r) => n + r.generated, 0);
      if (reports.some((r) => r.frontier > 0 || r.violation || r.error)) depth++;
      const full = reports.find((r) => r.full);
      if (full !== undefined || (maxStates !== undefined && store.size >= maxStates)) {
        return finish(
          { result: 'error', message: `Stopped after ${store.size} distinct states (--max-states ${maxStates ?? store.capacity}); the state space was not explored completely.` },
          TlcExitCode.ERROR_STATESPACE_TOO_LARGE,
          left,
        );
      }
      const err = reports.find((r) => r.error !== undefined)?.error;
      if (err !== undefined) {
        const trace = err.exploring >= 0 ? traceTo(err.exploring) : undefined;
        return finish({ result: 'error', message: err.message, ...(trace ? { trace } : {}) }, err.assert ? TlcExitCode.VIOLATION_ASSERT : TlcExitCode.FAILURE_SPEC_EVAL, left);
      }
      const v = reports.find((r) => r.violation !== undefined)?.violation;
      if (v !== undefined) {
        if (v.kind === 'deadlock') depth = Math.max(depth - 1, 1);
        const trace = traceTo(v.lastId, v.extraFp);
        if (v.kind === 'deadlock') return finish({ result: 'deadlock', trace }, TlcExitCode.VIOLATION_DEADLOCK, left);
        return finish(
          { result: 'invariant', violated: v.name, trace, ...(v.kind === 'action' ? { message: `Action property ${v.name} is violated.` } : {}) },
          TlcExitCode.VIOLATION_SAFETY,
          left,
        );
      }
      if (left === 0) return finish({ result: 'success' }, TlcExitCode.SUCCESS, 0);
      const incoming: TransferBatch[][] = explorers.map(() => []);
      for (const t of balancePlan(reports.map((r) => r.frontier))) incoming[t.to]!.push(await explorers[t.from]!.take(t.count));
      reports = await Promise.all(explorers.map((e, w) => e.level(incoming[w]!)));
    }
  } finally {
    await Promise.all(explorers.map((e) => e.close()));
  }
}

/** Explorers in this thread (sequentially): the algorithm without threads, for tests. */
export async function searchPartitioned(model: CheckModel, count: number, capacity = 1 << 20, maxStates?: number): Promise<SearchOutcome> {
  const store = new SharedStore(SharedStore.allocate(capacity));
  const handles: ExplorerHandle[] = Array.from({ length: count }, (_, i) => {
    const ex = new LevelExplorer(model, store, i, count);
    return { init: async () => ex.init(), level: async (incoming) => ex.level(incoming), take: async (k) => ex.take(k), close: async () => undefined };
  });
  return coordinate(model, store, handles, maxStates);
}

/** Options the worker threads receive. */
export interface WorkerInput {
  readonly spec: string;
  readonly config?: string;
  readonly buffers: SharedStoreBuffers;
  readonly index: number;
  readonly count: number;
}

/** The parallel search with `count` worker threads. */
export async function searchParallel(
  model: CheckModel,
  opts: { spec: string; config?: string; workers: number; maxStates?: number },
): Promise<SearchOutcome> {
  const capacity = Math.max(1 << 16, Math.min(opts.maxStates ?? 1 << 22, 1 << 26));
  const buffers = SharedStore.allocate(capacity);
  const store = new SharedStore(buffers);
  const url = new URL('./worker.js', import.meta.url);
  const handles: ExplorerHandle[] = Array.from({ length: opts.workers }, (_, index) => {
    const input: WorkerInput = { spec: opts.spec, ...(opts.config !== undefined ? { config: opts.config } : {}), buffers, index, count: opts.workers };
    const w = new Worker(url, { workerData: input });
    let pending: { resolve: (r: LevelReport & TransferBatch) => void; reject: (e: Error) => void } | undefined;
    w.on('message', (m: LevelReport & TransferBatch) => {
      const p = pending;
      pending = undefined;
      p?.resolve(m);
    });
    // a worker that fails (or exits) fails the request in flight, or the next one
    let failure: Error | undefined;
    const fail = (e: Error): void => {
      failure ??= e;
      const p = pending;
      pending = undefined;
      p?.reject(e);
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`worker thread ${index} exited (code ${code})`)));
    const ask = (type: 'init' | 'level' | 'take', incoming: readonly TransferBatch[] = [], count = 0): Promise<LevelReport & TransferBatch> =>
      new Promise((resolve, reject) => {
        if (failure !== undefined) {
          reject(failure);
          return;
        }
        pending = { resolve, reject };
        w.postMessage({ type, incoming, count });
      });
    return {
      init: () => ask('init'),
      level: (incoming) => ask('level', incoming),
      take: (k) => ask('take', [], k),
      close: async () => {
        await w.terminate();
      },
    };
  });
  return coordinate(model, store, handles, opts.maxStates);
}
