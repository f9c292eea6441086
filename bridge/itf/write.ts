/**
 * Writing ITF traces: `writeItf` serialises deterministically (2-space JSON, `#meta` first) and
 * `itfInt` encodes integers as JSON numbers when safe and `{"#bigint": "..."}` beyond 2^53.
 */
import type { ItfTrace, ItfValue } from '../result.js';

/** Encodes an integer as ITF: a JSON number within ±(2^53-1), `{"#bigint": "..."}` beyond. */
export function itfInt(n: bigint | number): ItfValue {
  const b = typeof n === 'bigint' ? n : BigInt(n);
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : { '#bigint': b.toString() };
}

/** Serialises a trace as ITF JSON text (ending with a newline). */
export function writeItf(trace: ItfTrace): string {
  const ordered: Record<string, unknown> = {};
  ordered['#meta'] = { format: 'ITF', ...trace['#meta'] };
  if (trace.params !== undefined) ordered['params'] = trace.params;
  ordered['vars'] = trace.vars;
  ordered['states'] = trace.states.map((s) => {
    const o: Record<string, unknown> = {};
    if (s['#meta'] !== undefined) o['#meta'] = s['#meta'];
    for (const v of trace.vars) if (s[v] !== undefined) o[v] = s[v];
    return o;
  });
  if (trace.loop !== undefined) ordered['loop'] = trace.loop;
  return JSON.stringify(ordered, null, 2) + '\n';
}
