/**
 * Parser of TLC's value syntax (what TLC prints in `/\ x = value` trace lines) back to ITF:
 *
 *   TRUE FALSE 42 -3 "str" ident(model value) {v, ...} <<v, ...>> << >>
 *   [f |-> v, ...] (k :> v @@ ...) k :> v a..b
 *
 * Whitespace (including line breaks from TLC's pretty printer) is free between tokens.
 * Mapping: sets -> {"#set"}, sequences/tuples -> JSON arrays, records -> objects, functions ->
 * {"#map"}, integers -> numbers (or {"#bigint"} beyond 2^53), identifiers -> strings recorded in
 * `modelValues`, `a..b` -> the set of integers, `<< >>` -> the empty sequence.
 */
import type { ItfValue } from '../result.js';
import { itfInt } from './write.js';

export class TlcValueSyntaxError extends Error {
  /** 0-based offset into the parsed text. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'TlcValueSyntaxError';
    this.offset = offset;
  }
}

export interface ParsedTlcValue {
  readonly value: ItfValue;
  /** Bare identifiers met while parsing: TLC model values. */
  readonly modelValues: ReadonlySet<string>;
}

class ValueParser {
  pos = 0;
  readonly modelValues = new Set<string>();
  constructor(private readonly s: string) {}

  ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }

  at(tok: string): boolean {
    this.ws();
    return this.s.startsWith(tok, this.pos);
  }

  eat(tok: string): boolean {
    if (this.at(tok)) {
      this.pos += tok.length;
      return true;
    }
    return false;
  }

  found(): string {
    this.ws();
    if (this.pos >= this.s.length) return 'end of value';
    return `'${this.s.slice(this.pos, this.pos + 12)}'`;
  }

  fail(expected: string): never {
    throw new TlcValueSyntaxError(`expected ${expected} but found ${this.found()}`, this.pos);
  }

  expect(tok: string): void {
    if (!this.eat(tok)) this.fail(`'${tok}'`);
  }

  /** value := primary [':>' value {'@@' primary ':>' value}] | primary '..' primary */
  value(): ItfValue {
    const first = this.primary();
    if (this.at(':>')) return this.fcnPairs(first);
    if (this.at('..')) {
      this.pos += 2;
      const hi = this.primary();
      const toBig = (v: ItfValue): bigint | undefined =>
        typeof v === 'number' ? BigInt(v) : typeof v === 'object' && v !== null && '#bigint' in v ? BigInt((v as { '#bigint': string })['#bigint']) : undefined;
      const a = toBig(first);
      const b = toBig(hi);
      if (a === undefined || b === undefined) this.fail('integer bounds around ..');
      if (b - a > 100000n) this.fail('an interval of at most 100000 elements');
      const elems: ItfValue[] = [];
      for (let i = a; i <= b; i++) elems.push(itfInt(i));
      return { '#set': elems };
    }
    return first;
  }

  fcnPairs(firstKey: ItfValue): ItfValue {
    const pairs: [ItfValue, ItfValue][] = [];
    let key = firstKey;
    for (;;) {
      this.expect(':>');
      pairs.push([key, this.primary()]);
      if (!this.eat('@@')) break;
      key = this.primary();
    }
    return { '#map': pairs };
  }

  primary(): ItfValue {
    this.ws();
    const c = this.s[this.pos];
    if (c === undefined) this.fail('a value');
    if (c === '"') return this.string();
    if (c === '-' || /[0-9]/.test(c)) {
      const m = /^-?[0-9]+(?![A-Za-z_])/.exec(this.s.slice(this.pos));
      if (m) {
        this.pos += m[0].length;
        return itfInt(BigInt(m[0]));
      }
    }
    if (this.eat('<<')) {
      const elems: ItfValue[] = [];
      if (!this.eat('>>')) {
        do elems.push(this.value());
        while (this.eat(','));
        this.expect('>>');
      }
      return elems;
    }
    if (this.eat('{')) {
      const elems: ItfValue[] = [];
      if (!this.eat('}')) {
        do elems.push(this.value());
        while (this.eat(','));
        this.expect('}');
      }
      return { '#set': elems };
    }
    if (this.eat('[')) {
      const rec: Record<string, ItfValue> = {};
      if (this.eat(']')) return rec;
      do {
        this.ws();
        const m = /^[A-Za-z0-9_]+/.exec(this.s.slice(this.pos));
        if (!m) this.fail('a record field name');
        this.pos += m[0].length;
        this.expect('|->');
        rec[m[0]] = this.value();
      } while (this.eat(','));
      this.expect(']');
      return rec;
    }
    if (this.eat('(')) {
      const inner = this.value();
      this.expect(')');
      return inner;
    }
    const m = /^[A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.pos));
    if (m) {
      this.pos += m[0].length;
      if (m[0] === 'TRUE') return true;
      if (m[0] === 'FALSE') return false;
      this.modelValues.add(m[0]);
      return m[0];
    }
    this.fail('a value');
  }

  string(): ItfValue {
    const start = this.pos;
    this.pos++;
    let out = '';
    const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', '"': '"', '\\': '\\' };
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]!;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\' && this.pos + 1 < this.s.length) {
        const e = this.s[this.pos + 1]!;
        out += esc[e] ?? e;
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos++;
    }
    throw new TlcValueSyntaxError('expected a closing \'"\' but found end of value', start);
  }
}

/** Parses one TLC value; the whole text must be consumed. */
export function parseTlcValue(text: string): ParsedTlcValue {
  const p = new ValueParser(text);
  const value = p.value();
  p.ws();
  if (p.pos < text.length) p.fail('end of value');
  return { value, modelValues: p.modelValues };
}

/**
 * Parses a state printed by TLC: `/\ x = v` lines (or a single `x = v` line for a one-variable
 * spec), values possibly spanning several lines. Returns variable -> value in order. With
 * `lenient`, a value outside the syntax above becomes `{"#unserializable": "<TLC's text>"}`
 * instead of an error.
 */
export function parseTlcState(
  text: string,
  opts: { readonly lenient?: boolean } = {},
): { readonly vars: Map<string, ItfValue>; readonly modelValues: Set<string> } {
  const vars = new Map<string, ItfValue>();
  const modelValues = new Set<string>();
  const lines = text.split('\n');
  const chunks: string[] = [];
  for (const line of lines) {
    if (/^\/\\ /.test(line) || (chunks.length === 0 && /^[A-Za-z_][A-Za-z0-9_]* = /.test(line))) chunks.push(line.replace(/^\/\\ /, ''));
    else if (chunks.length > 0 && line.trim() !== '') chunks[chunks.length - 1] += '\n' + line;
    else if (line.trim() !== '') throw new TlcValueSyntaxError(`expected 'variable = value' or '/\\ variable = value' but found '${line.slice(0, 40)}'`, 0);
  }
  for (const chunk of chunks) {
    const m = /^([A-Za-z0-9_]+) = ([\s\S]*)$/.exec(chunk);
    if (!m) throw new TlcValueSyntaxError(`expected 'variable = value' but found '${chunk.slice(0, 40)}'`, 0);
    let parsed: ParsedTlcValue;
    try {
      parsed = parseTlcValue(m[2]!);
    } catch (e) {
      // Values TLC prints that have no ITF form (`[S -> T]`, `SUBSET S`, `Nat`, lambdas...).
      if (!opts.lenient || !(e instanceof TlcValueSyntaxError)) throw e;
      parsed = { value: { '#unserializable': m[2]!.trim().replace(/\s*\n\s*/g, ' ') }, modelValues: new Set() };
    }
    vars.set(m[1]!, parsed.value);
    for (const mv of parsed.modelValues) modelValues.add(mv);
  }
  return { vars, modelValues };
}
