/**
 * Printing ITF values in TLC's value syntax, as TLC prints states (tlc2/value/impl/*Value.java
 * toString, then tlc2/pprint/Format.java at width 80 via Values.ppr):
 *
 * - booleans `TRUE`/`FALSE`, integers in decimal, strings quoted, model values bare;
 * - sets `{1, 2}` with elements in TLC's normalized order (SetEnumValue.normalize);
 * - sequences/tuples `<<1, 2>>`;
 * - records `[a |-> 1, b |-> 2]` with fields sorted by name (RecordValue.normalize, String order);
 * - functions `(k1 :> v1 @@ k2 :> v2)` in domain order; a function whose domain is 1..n prints
 *   as a sequence, one whose domain is all identifier-like strings prints as a record, and one
 *   with an empty domain prints as `<< >>` (FcnRcdValue.toString);
 * - values longer than the line width are broken over lines like TLC's pretty printer
 *   (`{ a,\n  b }`, `<< a,\n   b >>`, `[ f |-> v,\n  g |-> w ]`, `( k :> v @@\n  k2 :> v2 )`).
 *
 * Model values are ITF strings listed in the trace's `#meta.modelValues`; pass them in `modelValues`.
 */
import type { ItfValue } from '../result.js';

export interface TlcPrintOptions {
  /** ITF strings that denote model values (printed bare, not quoted). */
  readonly modelValues?: ReadonlySet<string>;
}

type Norm =
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'int'; readonly v: bigint }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'mv'; readonly v: string }
  | { readonly t: 'set'; readonly elems: readonly Norm[] }
  | { readonly t: 'seq'; readonly elems: readonly Norm[] }
  | { readonly t: 'rec'; readonly fields: readonly (readonly [string, Norm])[] }
  | { readonly t: 'fun'; readonly pairs: readonly (readonly [Norm, Norm])[] }
  | { readonly t: 'raw'; readonly v: string };

const RANK: Record<Norm['t'], number> = { mv: 0, bool: 1, int: 2, str: 3, set: 4, seq: 5, rec: 6, fun: 7, raw: 8 };

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** TLC's value order (Value.compareTo) used to normalize sets and function domains. */
function compareNorm(a: Norm, b: Norm): number {
  if (a.t !== b.t) return RANK[a.t] - RANK[b.t];
  switch (a.t) {
    case 'bool':
      return Number(a.v) - Number((b as typeof a).v);
    case 'int': {
      const bv = (b as typeof a).v;
      return a.v < bv ? -1 : a.v > bv ? 1 : 0;
    }
    case 'str':
    case 'mv':
    case 'raw':
      return cmpStr(a.v, (b as typeof a).v);
    case 'set':
    case 'seq': {
      const be = (b as typeof a).elems;
      if (a.elems.length !== be.length) return a.elems.length - be.length;
      for (let i = 0; i < be.length; i++) {
        const c = compareNorm(a.elems[i]!, be[i]!);
        if (c !== 0) return c;
      }
      return 0;
    }
    case 'rec': {
      const bf = (b as typeof a).fields;
      if (a.fields.length !== bf.length) return a.fields.length - bf.length;
      for (let i = 0; i < bf.length; i++) {
        const c = cmpStr(a.fields[i]![0], bf[i]![0]);
        if (c !== 0) return c;
      }
      for (let i = 0; i < bf.length; i++) {
        const c = compareNorm(a.fields[i]![1], bf[i]![1]);
        if (c !== 0) return c;
      }
      return 0;
    }
    case 'fun': {
      const bp = (b as typeof a).pairs;
      if (a.pairs.length !== bp.length) return a.pairs.length - bp.length;
      for (let i = 0; i < bp.length; i++) {
        const c = compareNorm(a.pairs[i]![0], bp[i]![0]);
        if (c !== 0) return c;
      }
      for (let i = 0; i < bp.length; i++) {
        const c = compareNorm(a.pairs[i]![1], bp[i]![1]);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

const NAME = /^[A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*$/;

function normalize(v: ItfValue, mv: ReadonlySet<string>): Norm {
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (typeof v === 'number') return { t: 'int', v: BigInt(v) };
  if (typeof v === 'string') return mv.has(v) ? { t: 'mv', v } : { t: 'str', v };
  if (Array.isArray(v)) return { t: 'seq', elems: (v as readonly ItfValue[]).map((e) => normalize(e, mv)) };
  const o = v as Record<string, unknown>;
  if ('#bigint' in o) return { t: 'int', v: BigInt(o['#bigint'] as string) };
  if ('#tup' in o) return { t: 'seq', elems: (o['#tup'] as readonly ItfValue[]).map((e) => normalize(e, mv)) };
  if ('#set' in o) {
    const elems = (o['#set'] as readonly ItfValue[]).map((e) => normalize(e, mv)).sort(compareNorm);
    const dedup = elems.filter((e, i) => i === 0 || compareNorm(elems[i - 1]!, e) !== 0);
    return { t: 'set', elems: dedup };
  }
  if ('#unserializable' in o) return { t: 'raw', v: o['#unserializable'] as string };
  if ('#map' in o) {
    const pairs = (o['#map'] as readonly (readonly [ItfValue, ItfValue])[])
      .map(([k, val]) => [normalize(k, mv), normalize(val, mv)] as const)
      .sort((x, y) => compareNorm(x[0], y[0]));
    if (pairs.length > 0 && pairs.every(([k], i) => k.t === 'int' && k.v === BigInt(i + 1))) {
      return { t: 'seq', elems: pairs.map(([, val]) => val) };
    }
    if (pairs.length > 0 && pairs.every(([k]) => k.t === 'str' && NAME.test(k.v))) {
      return { t: 'rec', fields: pairs.map(([k, val]) => [(k as { v: string }).v, val] as const) };
    }
    return { t: 'fun', pairs };
  }
  const fields = Object.keys(o)
    .sort(cmpStr)
    .map((k) => [k, normalize(o[k] as ItfValue, mv)] as const);
  return { t: 'rec', fields };
}

/** TLC's string literal printing. */
export function tlcString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\f/g, '\\f') + '"';
}

function oneLine(n: Norm): string {
  switch (n.t) {
    case 'bool':
      return n.v ? 'TRUE' : 'FALSE';
    case 'int':
      return n.v.toString();
    case 'str':
      return tlcString(n.v);
    case 'mv':
    case 'raw':
      return n.v;
    case 'set':
      return `{${n.elems.map(oneLine).join(', ')}}`;
    case 'seq':
      return `<<${n.elems.map(oneLine).join(', ')}>>`;
    case 'rec':
      return `[${n.fields.map(([k, v]) => `${k} |-> ${oneLine(v)}`).join(', ')}]`;
    case 'fun':
      return n.pairs.length === 0 ? '<< >>' : `(${n.pairs.map(([k, v]) => `${oneLine(k)} :> ${oneLine(v)}`).join(' @@ ')})`;
  }
}

/** One-line TLC rendering of an ITF value (no line breaking). */
export function tlcValueString(v: ItfValue, opts: TlcPrintOptions = {}): string {
  return oneLine(normalize(v, opts.modelValues ?? new Set()));
}

// ---- Pretty printing (tlc2/pprint/Format.java) ----

interface Delims {
  readonly open: string;
  readonly close: string;
  readonly pad: string;
  readonly sep: string;
  readonly div?: string;
  readonly divPad?: string;
}
const SET: Delims = { open: '{ ', close: ' }', pad: '  ', sep: ',' };
const SEQ: Delims = { open: '<< ', close: ' >>', pad: '   ', sep: ',' };
const FUN: Delims = { open: '( ', close: ' )', pad: '  ', sep: ' @@', div: ' :>', divPad: '    ' };
const REC: Delims = { open: '[ ', close: ' ]', pad: '  ', sep: ',', div: ' |->', divPad: '    ' };

/** A formatting tree: the one-line text plus children (simple lists or pairs). */
interface Doc {
  readonly text: string;
  readonly kind: 'const' | 'simple' | 'pairs';
  readonly delims?: Delims;
  readonly items?: readonly Doc[];
  readonly pairs?: readonly (readonly [Doc, Doc])[];
}

function toDoc(n: Norm): Doc {
  const text = oneLine(n);
  switch (n.t) {
    case 'set':
      return n.elems.length === 0 ? { text, kind: 'const' } : { text, kind: 'simple', delims: SET, items: n.elems.map(toDoc) };
    case 'seq':
      return n.elems.length === 0 ? { text, kind: 'const' } : { text, kind: 'simple', delims: SEQ, items: n.elems.map(toDoc) };
    case 'rec':
      return n.fields.length === 0
        ? { text, kind: 'const' }
        : { text, kind: 'pairs', delims: REC, pairs: n.fields.map(([k, v]) => [{ text: k, kind: 'const' }, toDoc(v)] as const) };
    case 'fun':
      return n.pairs.length === 0 ? { text, kind: 'const' } : { text, kind: 'pairs', delims: FUN, pairs: n.pairs.map(([k, v]) => [toDoc(k), toDoc(v)] as const) };
    default:
      return { text, kind: 'const' };
  }
}

function format(d: Doc, width: number, trailer: number, leftpad: string): string {
  if (d.text.length <= width - trailer || d.kind === 'const') return d.text;
  const dl = d.delims!;
  const innerWidth = width - Math.max(dl.open.length, dl.pad.length);
  const innerTrailer = trailer + dl.close.length;
  const pad = leftpad + dl.pad;
  let out = '';
  if (d.kind === 'simple') {
    const items = d.items!;
    items.forEach((it, i) => {
      if (i < items.length - 1) out += format(it, innerWidth, dl.sep.length, pad) + dl.sep + '\n' + pad;
      else out += format(it, innerWidth, innerTrailer, pad);
    });
  } else {
    const div = dl.div!;
    const divPad = dl.divPad!;
    const pairs = d.pairs!;
    pairs.forEach(([arg, val], i) => {
      const last = i === pairs.length - 1;
      const endTrailer = last ? innerTrailer : dl.sep.length;
      const tail = last ? '' : dl.sep + '\n' + pad;
      const fitsOneLine = last
        ? arg.text.length + div.length + 1 + val.text.length <= innerWidth - innerTrailer
        : arg.text.length + div.length + 1 + val.text.length + dl.sep.length <= innerWidth;
      if (fitsOneLine) {
        out += `${arg.text}${div} ${val.text}${tail}`;
        return;
      }
      const argText = arg.text.length + div.length <= innerWidth ? arg.text : format(arg, innerWidth, innerTrailer + div.length, pad);
      out += `${argText}${div}\n${pad}${divPad}${format(val, innerWidth - divPad.length, endTrailer, pad + divPad)}${tail}`;
    });
  }
  return dl.open + out + dl.close;
}

/**
 * TLC's printing of a value in a trace (`Values.ppr`): one line when it fits in `width` (80)
 * columns, otherwise broken over lines like TLC's pretty printer.
 */
export function formatTlcValue(v: ItfValue, opts: TlcPrintOptions & { readonly width?: number } = {}): string {
  return format(toDoc(normalize(v, opts.modelValues ?? new Set())), opts.width ?? 80, 0, '');
}
