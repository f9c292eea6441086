/**
 * Reading and validating ITF traces (Informal Trace Format, Apalache ADR-015) with located
 * errors: `trace.itf.json: states[3].x: expected an ITF value, found null`.
 *
 * Deliberate relaxation for trace checking: a state may omit variables listed in `vars`; a missing
 * variable means "unknown" and the trace checker completes it existentially. A state may not
 * define a variable that is not in `vars`.
 */
import type { ItfTrace, ItfValue } from '../result.js';
import { jsonErrorOffset } from './json-pos.js';

/** A located ITF error: `file: path: message`. */
export class ItfError extends Error {
  readonly file: string;
  /** JSON path inside the document (`states[3].x`), or a `line:col` for JSON syntax errors. */
  readonly path: string;
  readonly detail: string;
  constructor(file: string, path: string, detail: string) {
    super(`${file}: ${path}: ${detail}`);
    this.name = 'ItfError';
    this.file = file;
    this.path = path;
    this.detail = detail;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 4).map((k) => JSON.stringify(k)).join(', ')}${keys.length > 4 ? ', ...' : ''}`;
  }
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v)}`;
  return `${typeof v} ${String(v)}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const fieldPath = (path: string, key: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

/** Checks that `v` is an ITF expression, throwing ItfError at `path` otherwise. */
export function validateItfValue(v: unknown, file: string, path: string): ItfValue {
  const fail = (what: string): never => {
    throw new ItfError(file, path, `expected ${what}, found ${describe(v)}`);
  };
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) fail('an ITF value (integers only; use {"#bigint": "..."} for big ones)');
    if (!Number.isSafeInteger(v)) fail('an integer within ±(2^53-1) (use {"#bigint": "..."} beyond)');
    return v;
  }
  if (Array.isArray(v)) {
    v.forEach((e, i) => validateItfValue(e, file, `${path}[${i}]`));
    return v as ItfValue[];
  }
  if (!isPlainObject(v)) return fail('an ITF value');
  const keys = Object.keys(v);
  const special = keys.filter((k) => k.startsWith('#'));
  if (special.length > 0) {
    if (keys.length !== 1) fail('an ITF value: a "#..." key must be the only key of its object');
    const k = special[0]!;
    const body = v[k];
    const sub = `${path}["${k}"]`;
    switch (k) {
      case '#bigint':
        if (typeof body !== 'string' || !/^-?[0-9]+$/.test(body)) {
          throw new ItfError(file, sub, `expected a decimal integer string like "-12", found ${describe(body)}`);
        }
        return { '#bigint': body };
      case '#tup':
      case '#set':
        if (!Array.isArray(body)) throw new ItfError(file, sub, `expected an array, found ${describe(body)}`);
        body.forEach((e, i) => validateItfValue(e, file, `${sub}[${i}]`));
        return (k === '#tup' ? { '#tup': body } : { '#set': body }) as ItfValue;
      case '#map':
        if (!Array.isArray(body)) throw new ItfError(file, sub, `expected an array of [key, value] pairs, found ${describe(body)}`);
        body.forEach((pair, i) => {
          if (!Array.isArray(pair) || pair.length !== 2) {
            throw new ItfError(file, `${sub}[${i}]`, `expected a [key, value] pair, found ${describe(pair)}`);
          }
          validateItfValue(pair[0], file, `${sub}[${i}][0]`);
          validateItfValue(pair[1], file, `${sub}[${i}][1]`);
        });
        return { '#map': body } as ItfValue;
      case '#unserializable':
        if (typeof body !== 'string') throw new ItfError(file, sub, `expected a string, found ${describe(body)}`);
        return { '#unserializable': body };
      default:
        return fail('an ITF value (known special keys: #bigint, #tup, #set, #map, #unserializable)');
    }
  }
  for (const k of keys) validateItfValue(v[k], file, fieldPath(path, k));
  return v as ItfValue;
}

/**
 * Validates a parsed JSON document as an ITF trace. Errors name the file and the JSON path.
 * States may omit variables (unknown values); they may not add undeclared ones.
 */
export function validateItf(doc: unknown, file: string): ItfTrace {
  if (!isPlainObject(doc)) throw new ItfError(file, '(top level)', `expected an ITF trace object, found ${describe(doc)}`);
  if (doc['#meta'] !== undefined && !isPlainObject(doc['#meta'])) {
    throw new ItfError(file, '#meta', `expected an object, found ${describe(doc['#meta'])}`);
  }
  const meta = doc['#meta'] as Record<string, unknown> | undefined;
  if (meta?.['modelValues'] !== undefined) {
    const mv = meta['modelValues'];
    if (!Array.isArray(mv)) throw new ItfError(file, '#meta.modelValues', `expected an array of strings, found ${describe(mv)}`);
    mv.forEach((m, i) => {
      if (typeof m !== 'string') throw new ItfError(file, `#meta.modelValues[${i}]`, `expected a string, found ${describe(m)}`);
    });
  }
  if (!('vars' in doc)) throw new ItfError(file, 'vars', 'expected an array of variable names, found nothing (missing "vars")');
  const vars = doc['vars'];
  if (!Array.isArray(vars)) throw new ItfError(file, 'vars', `expected an array of variable names, found ${describe(vars)}`);
  const seen = new Set<string>();
  vars.forEach((name, i) => {
    if (typeof name !== 'string' || name.length === 0) throw new ItfError(file, `vars[${i}]`, `expected a variable name, found ${describe(name)}`);
    if (seen.has(name)) throw new ItfError(file, `vars[${i}]`, `expected distinct variable names, found "${name}" twice`);
    seen.add(name);
  });
  if (doc['params'] !== undefined) {
    const params = doc['params'];
    if (!Array.isArray(params) || params.some((p) => typeof p !== 'string')) {
      throw new ItfError(file, 'params', `expected an array of parameter names, found ${describe(params)}`);
    }
  }
  if (!('states' in doc)) throw new ItfError(file, 'states', 'expected an array of states, found nothing (missing "states")');
  const states = doc['states'];
  if (!Array.isArray(states)) throw new ItfError(file, 'states', `expected an array of states, found ${describe(states)}`);
  states.forEach((s, i) => {
    const p = `states[${i}]`;
    if (!isPlainObject(s)) throw new ItfError(file, p, `expected a state object, found ${describe(s)}`);
    for (const [k, v] of Object.entries(s)) {
      if (k === '#meta') {
        if (!isPlainObject(v)) throw new ItfError(file, `${p}.#meta`, `expected an object, found ${describe(v)}`);
        if (v['action'] !== undefined && typeof v['action'] !== 'string') {
          throw new ItfError(file, `${p}.#meta.action`, `expected an action name string, found ${describe(v['action'])}`);
        }
        continue;
      }
      if (!seen.has(k)) {
        throw new ItfError(file, fieldPath(p, k), `expected one of the variables in "vars" (${[...seen].join(', ')}), found undeclared variable "${k}"`);
      }
      validateItfValue(v, file, fieldPath(p, k));
    }
  });
  if (doc['loop'] !== undefined) {
    const loop = doc['loop'];
    if (typeof loop !== 'number' || !Number.isInteger(loop) || loop < 0 || loop >= states.length) {
      throw new ItfError(file, 'loop', `expected a state index in 0..${states.length - 1}, found ${describe(loop)}`);
    }
  }
  return doc as unknown as ItfTrace;
}

/** Converts a character offset in `text` to 1-based line:col. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}

/** Parses ITF JSON text; JSON syntax errors are reported as `file: line:col: ...`. */
export function parseItf(text: string, file: string): ItfTrace {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const offset = jsonErrorOffset(text);
    const where = text.trim() === '' ? '1:1' : lineCol(text, offset < 0 ? 0 : offset);
    const detail = text.trim() === '' ? 'expected a JSON ITF trace, found an empty file' : `expected valid JSON, found a syntax error (${msg.replace(/^JSON\.parse: /, '')})`;
    throw new ItfError(file, where, detail);
  }
  return validateItf(doc, file);
}

/** Reads and validates an ITF file from disk. */
export async function readItfFile(path: string): Promise<ItfTrace> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ItfError(path, '(file)', code === 'ENOENT' ? 'expected a readable ITF file but it does not exist' : `cannot read the file (${code ?? String(e)})`);
  }
  return parseItf(text, path);
}
