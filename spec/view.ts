/**
 * The observable process table the model predicts, the initial model state built from a kernel's
 * initial table, and a readable difference between two tables.
 */
import { INIT_PID, type ProcTableView, type ProcView } from '../impl/api.js';
import type { SpecParams } from './params.js';
import { isReaper, type ReaperNode, type SpecProc, type SpecState } from './state.js';

export function procView(s: SpecState, p: SpecProc): ProcView {
  const v: ProcView = {
    pid: p.pid,
    ppid: p.ppid,
    state: p.state,
    pgid: p.pgid,
    sid: p.sid,
    uid: p.uid,
    gid: p.gid,
    jail: p.jail,
    nthreads: p.tids.length,
    isReaper: isReaper(s, p),
    sigchld: p.sigchld,
    ...(p.state === 'zombie' && p.exit ? { exit: p.exit } : {}),
    ...(p.tracer !== undefined ? { tracer: p.tracer } : {}),
  };
  return v;
}

export function modelView(s: SpecState): ProcTableView {
  return { procs: [...s.procs].sort((a, b) => a.pid - b.pid).map((p) => procView(s, p)) };
}

/**
 * The model state matching a kernel's initial process table (no zombies, nothing stopped, no
 * blocked call). Each process that reports `isReaper` owns a reaper node (init owns node 0).
 */
export function initialState(params: SpecParams, view: ProcTableView): SpecState {
  const reapers: ReaperNode[] = [{ id: 0, owner: INIT_PID, parent: null }];
  const procs: SpecProc[] = [...view.procs]
    .sort((a, b) => a.pid - b.pid)
    .map((v) => {
      let reaperNode = 0;
      if (v.isReaper && v.pid !== INIT_PID) {
        reapers.push({ id: reapers.length, owner: v.pid, parent: 0 });
        reaperNode = reapers.length - 1;
      }
      const tids = Array.from({ length: v.nthreads }, (_, i) => params.firstTid + i);
      return {
        pid: v.pid,
        ppid: v.ppid,
        pgid: v.pgid,
        sid: v.sid,
        uid: v.uid,
        gid: v.gid,
        jail: v.jail,
        state: v.state,
        tids,
        lastTid: params.firstTid + Math.max(v.nthreads - 1, 0),
        ...(v.exit ? { exit: v.exit } : {}),
        stopSig: 0,
        waited: false,
        continued: false,
        reaperNode,
        ...(v.tracer !== undefined ? { tracer: v.tracer } : {}),
        traceZombie: false,
        sigchld: v.sigchld,
      };
    });
  return { params, procs, reapers, pending: [] };
}

/** JSON with sorted object keys, so field order does not matter. */
export function stableJson(v: unknown): string {
  if (v === undefined) return '-';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
}

const fmt = stableJson;

const FIELDS: readonly (keyof ProcView)[] = [
  'ppid', 'state', 'pgid', 'sid', 'uid', 'gid', 'jail', 'nthreads', 'exit', 'isReaper', 'tracer', 'sigchld',
];

/** Differences between the expected (model) and observed (kernel) tables; empty when equal. */
export function diffViews(expected: ProcTableView, observed: ProcTableView): string[] {
  const out: string[] = [];
  const obs = new Map(observed.procs.map((p) => [p.pid, p]));
  const exp = new Map(expected.procs.map((p) => [p.pid, p]));
  for (const e of expected.procs) {
    const o = obs.get(e.pid);
    if (!o) {
      out.push(`pid ${e.pid}: expected ${e.state} (ppid ${e.ppid}), kernel has no such process`);
      continue;
    }
    for (const f of FIELDS) {
      const a = fmt(e[f]);
      const b = fmt(o[f]);
      if (f === 'exit' && e.state !== 'zombie') continue;
      if (a !== b) out.push(`pid ${e.pid}: ${f} expected ${a}, kernel says ${b}`);
    }
  }
  for (const o of observed.procs) {
    if (!exp.has(o.pid)) out.push(`pid ${o.pid}: kernel has it (${o.state}, ppid ${o.ppid}), the model has no such process`);
  }
  return out;
}
