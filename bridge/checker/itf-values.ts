/**
 * Conversion between evaluator values and ITF values (bridge/result.ts): sequences/tuples as
 * JSON arrays, records as objects, other functions as `#map`, sets as `#set`, model values as
 * strings listed in the trace's `#meta.modelValues`.
 */
import type { ItfValue } from '../result.js';
import { EvalError, FcnValue, ModelValue, SetValue, type Value } from '../eval/value.js';

/** Converts a value to ITF, adding any model value names met to `modelValues`. */
export function toItf(v: Value, modelValues: Set<string>): ItfValue {
  switch (typeof v) {
    case 'boolean':
    case 'number':
    case 'string':
      return v;
    default:
      if (v instanceof ModelValue) {
        modelValues.add(v.name);
        return v.name;
      }
      if (v instanceof SetValue) return { '#set': v.elems.map((e) => toItf(e, modelValues)) };
      if (v instanceof FcnValue) {
        if (v.isSeq) return v.vals.map((e) => toItf(e, modelValues));
        if (v.dom.every((d) => typeof d === 'string' && !d.startsWith('#'))) {
          const rec: Record<string, ItfValue> = {};
          v.dom.forEach((d, i) => {
            rec[d as string] = toItf(v.vals[i]!, modelValues);
          });
          return rec;
        }
        return { '#map': v.dom.map((d, i) => [toItf(d, modelValues), toItf(v.vals[i]!, modelValues)] as const) };
      }
      return { '#unserializable': v.name }; // a LazySet or an OpValue
  }
}

/** Converts an ITF value back to a value; strings named in `modelValues` become model values. */
export function fromItf(v: ItfValue, modelValues: ReadonlySet<string>): Value {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return modelValues.has(v) ? ModelValue.of(v) : v;
  if (Array.isArray(v)) return FcnValue.tuple(v.map((e: ItfValue) => fromItf(e, modelValues)));
  const o = v as Record<string, unknown>;
  if ('#bigint' in o) {
    const n = Number(o['#bigint'] as string);
    if (!Number.isSafeInteger(n) || n > 2147483647 || n < -2147483648) throw new EvalError(`The integer ${String(o['#bigint'])} is outside TLC's 32-bit range`);
    return n;
  }
  if ('#tup' in o) return FcnValue.tuple((o['#tup'] as ItfValue[]).map((e) => fromItf(e, modelValues)));
  if ('#set' in o) return SetValue.of((o['#set'] as ItfValue[]).map((e) => fromItf(e, modelValues)));
  if ('#map' in o) {
    return FcnValue.fromPairs((o['#map'] as [ItfValue, ItfValue][]).map(([k, x]) => [fromItf(k, modelValues), fromItf(x, modelValues)]));
  }
  if ('#unserializable' in o) throw new EvalError(`Cannot read the unserializable ITF value ${String(o['#unserializable'])}`);
  const fields = Object.keys(o);
  return FcnValue.record(
    fields,
    fields.map((f) => fromItf(o[f] as ItfValue, modelValues)),
  );
}
