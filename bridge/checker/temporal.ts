/**
 * Recognises the temporal formulas the liveness checker handles and compiles their parts:
 * properties `<>P`, `[]<>P`, `<>[]P`, `P ~> Q` (also `[](P ~> Q)`), conjunctions of them and
 * `\A x \in S : ...` over constant sets; fairness `WF_v(A)` / `SF_v(A)` from SPECIFICATION,
 * also quantified (`\A p \in Procs : WF_vars(Step(p))`). Every instance carries the bound
 * variable values (`binds`) to install in the evaluation slots before evaluating its parts.
 */
import type { RBound, RExpr } from '../modules/resolved.js';
import type { Act, Compiler, Fn } from '../eval/compile.js';
import { FcnValue, type Value } from '../eval/value.js';
import { elems } from '../eval/ops.js';

export type Binds = readonly (readonly [number, Value])[];

export type LiveForm =
  | { readonly k: 'eventually'; readonly p: Fn }
  | { readonly k: 'alwaysEventually'; readonly p: Fn }
  | { readonly k: 'eventuallyAlways'; readonly p: Fn }
  | { readonly k: 'leadsTo'; readonly p: Fn; readonly q: Fn };

export interface LiveProp {
  /** The PROPERTY name, with the instance for quantified ones: `Live(c = 2)`. */
  readonly name: string;
  readonly form: LiveForm;
  readonly binds: Binds;
}

export interface FairCond {
  readonly strong: boolean;
  readonly name: string;
  readonly act: Act;
  readonly sub: Fn;
  readonly binds: Binds;
}

/** Thrown when a formula is outside the supported forms. */
export class UnsupportedTemporal extends Error {}

function isStateLevel(e: RExpr, seen = new Set<object>()): boolean {
  let ok = true;
  const visit = (x: RExpr): void => {
    if (!ok) return;
    if (x.kind === 'Builtin' && ["'", 'UNCHANGED', '[]', '<>', '~>', '-+->', '\\cdot'].includes(x.op.name)) ok = false;
    else if (x.kind === 'BoxAction' || x.kind === 'AngleAction' || x.kind === 'Fairness') ok = false;
    else if (x.kind === 'Builtin' && x.op.name === 'ENABLED') return; // state-level
    else if (x.kind === 'Call' && !seen.has(x.def)) {
      seen.add(x.def);
      visit(x.def.body);
    }
    if (ok) forEachSub(x, visit);
  };
  visit(e);
  return ok;
}

function forEachSub(e: RExpr, f: (x: RExpr) => void): void {
  const o = e as unknown as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key === 'loc' || key === 'def' || key === 'op' || key === 'variable' || key === 'constant' || key === 'param' || key === 'lambda') continue;
    visitUnknown(o[key], f);
  }
}

function visitUnknown(x: unknown, f: (x: RExpr) => void): void {
  if (Array.isArray(x)) {
    for (const y of x) visitUnknown(y, f);
    return;
  }
  if (x === null || typeof x !== 'object') return;
  const o = x as Record<string, unknown>;
  if (typeof o['kind'] === 'string' && 'loc' in o && o['kind'] !== 'BoundVar' && o['kind'] !== 'Param') {
    f(x as RExpr);
    return;
  }
  for (const key of Object.keys(o)) if (key !== 'loc') visitUnknown(o[key], f);
}

/** All bindings of constant bounds (evaluated once, at model building). */
function bindings(compiler: Compiler, bounds: readonly RBound[], outer: Binds): Binds[] {
  let acc: Binds[] = [outer];
  for (const b of bounds) {
    const setFn = compiler.expr(b.set);
    const rounds = b.tuple ? 1 : b.vars.length;
    for (let vi = 0; vi < rounds; vi++) {
      const next: Binds[] = [];
      for (const bs of acc) {
        const c = compiler.newCtx([], []);
        for (const [id, v] of bs) c.l[id] = v;
        for (const el of elems(setFn(c))) {
          if (b.tuple) {
            const parts = el instanceof FcnValue ? el.vals : [];
            next.push([...bs, ...b.vars.map((v, i) => [v.id, parts[i]!] as const)]);
          } else next.push([...bs, [b.vars[vi]!.id, el] as const]);
        }
      }
      acc = next;
    }
  }
  return acc;
}

function instanceName(name: string, e: RExpr & { kind: 'Quant' }, binds: Binds, show: (v: Value) => string): string {
  const names = new Map<number, string>();
  for (const b of e.bounds) for (const v of b.vars) names.set(v.id, v.name);
  const parts = binds.filter(([id]) => names.has(id)).map(([id, v]) => `${names.get(id)!} = ${show(v)}`);
  return parts.length === 0 ? name : `${name}(${parts.join(', ')})`;
}

/** Parses one PROPERTY conjunct into liveness instances; throws UnsupportedTemporal. */
export function liveProps(compiler: Compiler, name: string, e: RExpr, binds: Binds, show: (v: Value) => string): LiveProp[] {
  if (e.kind === 'Label') return liveProps(compiler, name, e.body, binds, show);
  if (e.kind === 'Call' && e.def.kind === 'Def' && e.def.params.length === 0) return liveProps(compiler, name, e.def.body, binds, show);
  if ((e.kind === 'Junction' && e.op === 'and') || (e.kind === 'Builtin' && e.op.name === '/\\')) {
    const items = e.kind === 'Junction' ? e.items : e.args;
    return items.flatMap((x) => liveProps(compiler, name, x, binds, show));
  }
  if (e.kind === 'Quant' && e.quantifier === 'A') {
    return bindings(compiler, e.bounds, binds).flatMap((bs) => liveProps(compiler, instanceName(name, e, bs, show), e.body, bs, show));
  }
  const sp = (x: RExpr): Fn => {
    if (!isStateLevel(x)) throw new UnsupportedTemporal(`${x.loc.file}:${x.loc.line}:${x.loc.col}: expected a state predicate`);
    return compiler.expr(x);
  };
  if (e.kind === 'Builtin') {
    const a = e.args[0]!;
    if (e.op.name === '<>') {
      if (a.kind === 'Builtin' && a.op.name === '[]') return [{ name, binds, form: { k: 'eventuallyAlways', p: sp(a.args[0]!) } }];
      return [{ name, binds, form: { k: 'eventually', p: sp(a) } }];
    }
    if (e.op.name === '[]') {
      if (a.kind === 'Builtin' && a.op.name === '<>') return [{ name, binds, form: { k: 'alwaysEventually', p: sp(a.args[0]!) } }];
      if (a.kind === 'Builtin' && a.op.name === '~>') return liveProps(compiler, name, a, binds, show);
    }
    if (e.op.name === '~>') return [{ name, binds, form: { k: 'leadsTo', p: sp(a), q: sp(e.args[1]!) } }];
  }
  throw new UnsupportedTemporal(`${e.loc.file}:${e.loc.line}:${e.loc.col}: this temporal formula is not one of <>P, []<>P, <>[]P, P ~> Q (or conjunctions / \\A of them)`);
}

/** Collects the fairness conditions of a specification conjunct (WF/SF, quantified, nested). */
export function fairness(compiler: Compiler, e: RExpr, binds: Binds, show: (v: Value) => string): FairCond[] {
  if (e.kind === 'Label') return fairness(compiler, e.body, binds, show);
  if (e.kind === 'Call' && e.def.kind === 'Def' && e.def.params.length === 0) return fairness(compiler, e.def.body, binds, show);
  if ((e.kind === 'Junction' && e.op === 'and') || (e.kind === 'Builtin' && e.op.name === '/\\')) {
    const items = e.kind === 'Junction' ? e.items : e.args;
    return items.flatMap((x) => fairness(compiler, x, binds, show));
  }
  if (e.kind === 'Quant' && e.quantifier === 'A') {
    return bindings(compiler, e.bounds, binds).flatMap((bs) => fairness(compiler, e.body, bs, show));
  }
  if (e.kind === 'Fairness') {
    const a = e.action;
    const label = a.kind === 'Call' ? a.def.displayName : 'action';
    const args = binds.map(([, v]) => show(v));
    return [
      {
        strong: e.strong,
        name: `${e.strong ? 'SF' : 'WF'}(${label}${args.length ? `(${args.join(', ')})` : ''})`,
        act: compiler.action(a, false),
        sub: compiler.expr(e.sub),
        binds,
      },
    ];
  }
  throw new UnsupportedTemporal(`${e.loc.file}:${e.loc.line}:${e.loc.col}: the specification has a temporal conjunct other than [][Next]_v and WF/SF fairness`);
}
