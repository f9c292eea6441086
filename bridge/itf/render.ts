/**
 * TLC-style text rendering of a CheckResult and its counterexample, with TLC's own message texts
 * (tlc2/output/MP.java) so users who know TLC read our output the same way:
 *
 *   Error: Invariant NotSolved is violated.
 *   Error: The behavior up to this point is:
 *   State 1: <Initial predicate>
 *   /\ big = 0
 *   /\ small = 0
 *
 *   State 2: <FillBigJug line 68, col 18 to line 69, col 34 of module DieHard>
 *   ...
 *   16 states generated, 9 distinct states found, 0 states left on queue.
 *   The depth of the complete state graph search is 7.
 *
 * Liveness lassos end with `Back to state N.` (the 1-based state the loop returns to) or
 * `State N: Stuttering`.
 */
import type { CheckResult, ItfState, ItfTrace, ItfValue } from '../result.js';
import { formatTlcValue, tlcValueString } from './tlc-print.js';

export interface RenderOptions {
  /** States left on the queue for the summary line (TLC prints 0 after a complete search). */
  readonly statesLeftOnQueue?: number;
  /** Print the summary lines (states generated, depth). Default true. */
  readonly summary?: boolean;
  /** Print the fingerprint-collision estimate after a success, like TLC. Default true. */
  readonly collisionEstimate?: boolean;
  /** Line width for values (TLC: 80). */
  readonly width?: number;
}

/** The model values of a trace, from `#meta.modelValues`. */
export function traceModelValues(trace: ItfTrace | undefined): ReadonlySet<string> {
  const mv = trace?.['#meta']?.modelValues;
  return new Set(Array.isArray(mv) ? mv : []);
}

/** TLC's formatting of a probability (`8.8E-15`, `0`). */
export function tlcProbability(p: number): string {
  if (!(p > 0)) return '0';
  let exp = Math.floor(Math.log10(p));
  let mant = Math.round((p / 10 ** exp) * 10) / 10;
  if (mant >= 10) {
    mant /= 10;
    exp += 1;
  }
  return `${mant.toFixed(1)}E${exp}`;
}

/** The header of state `i` (0-based) in a trace: `<Initial predicate>` or `<Action line ... of module M>`. */
export function stateHeader(state: ItfState, i: number, modelValues: ReadonlySet<string>): string {
  const meta = state['#meta'];
  if (i === 0 && (meta?.location === undefined || meta.action === undefined || meta.action === '<Initial predicate>')) {
    return '<Initial predicate>';
  }
  const name = meta?.action ?? 'Next';
  const params = meta?.actionParams;
  const args =
    params && Object.keys(params).length > 0 ? `(${Object.values(params).map((v) => tlcValueString(v, { modelValues })).join(',')})` : '';
  return meta?.location ? `<${name}${args} ${meta.location}>` : `<${name}${args}>`;
}

/** The `/\ var = value` lines of a state (a lone `var = value` for one variable, as TLC does). */
export function renderState(state: ItfState, vars: readonly string[], modelValues: ReadonlySet<string>, width = 80): string[] {
  const present = vars.filter((v) => state[v] !== undefined);
  if (present.length === 1 && vars.length === 1) {
    return [`${present[0]} = ${formatTlcValue(state[present[0]!] as ItfValue, { modelValues, width })}`];
  }
  return present.map((v) => `/\\ ${v} = ${formatTlcValue(state[v] as ItfValue, { modelValues, width })}`);
}

/** Renders a trace as TLC's `State n: <...>` blocks, with the lasso end when `loop` is set. */
export function renderTrace(trace: ItfTrace, width = 80): string[] {
  const mv = traceModelValues(trace);
  const lines: string[] = [];
  trace.states.forEach((s, i) => {
    lines.push(`State ${i + 1}: ${stateHeader(s, i, mv)}`);
    lines.push(...renderState(s, trace.vars, mv, width));
    lines.push('');
  });
  if (trace['#meta']?.stuttering) {
    lines.push(`State ${trace.states.length + 1}: Stuttering`);
  } else if (trace.loop !== undefined) {
    lines.push(`Back to state ${trace.loop + 1}.`);
    lines.push('');
  }
  return lines;
}

function errorLines(result: CheckResult, width: number): string[] {
  const trace = result.trace;
  const name = result.violated ?? '(unnamed)';
  switch (result.result) {
    case 'success':
      return [];
    case 'invariant': {
      if (trace && trace.states.length === 1) {
        const mv = traceModelValues(trace);
        return [`Error: Invariant ${name} is violated by the initial state:`, ...renderState(trace.states[0]!, trace.vars, mv, width), ''];
      }
      return [`Error: Invariant ${name} is violated.`, ...(trace ? ['Error: The behavior up to this point is:', ...renderTrace(trace, width)] : [])];
    }
    case 'deadlock':
      return ['Error: Deadlock reached.', ...(trace ? ['Error: The behavior up to this point is:', ...renderTrace(trace, width)] : [])];
    case 'liveness':
      return [
        'Error: Temporal properties were violated.',
        '',
        ...(trace ? ['Error: The following behavior constitutes a counter-example:', '', ...renderTrace(trace, width)] : []),
      ];
    case 'assumption':
      return [`Error: Assumption ${name} is false.`];
    case 'error':
      return [`Error: ${result.message ?? 'model checking failed'}`];
  }
}

/** Renders a whole CheckResult as TLC prints it (plain mode), ending with a newline. */
export function renderTlcText(result: CheckResult, opts: RenderOptions = {}): string {
  const width = opts.width ?? 80;
  const lines: string[] = [];
  if (result.result === 'success') {
    lines.push('Model checking completed. No error has been found.');
    if (opts.collisionEstimate ?? true) {
      const n = result.distinctStates;
      const m = result.totalStates;
      const p = (n * Math.max(0, m - n)) / 2 ** 64;
      lines.push(
        '  Estimates of the probability that TLC did not check all reachable states',
        '  because two distinct states had the same fingerprint:',
        `  calculated (optimistic):  val = ${tlcProbability(p)}`,
      );
    }
  } else {
    lines.push(...errorLines(result, width));
  }
  if ((opts.summary ?? true) && result.result !== 'error') {
    lines.push(`${result.totalStates} states generated, ${result.distinctStates} distinct states found, ${opts.statesLeftOnQueue ?? 0} states left on queue.`);
    lines.push(`The depth of the complete state graph search is ${result.depth}.`);
  }
  return lines.join('\n') + '\n';
}
