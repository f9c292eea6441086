/**
 * An on-disk cache of parsed ASTs. tree-sitter's TLA+ grammar is slow (about 1-2 s for the
 * project's 1,300-line DragonflyExit.tla on a cold start) while reading the AST back from JSON takes
 * about 60 ms, and `exitspec check` is run again and again on the same modules.
 *
 * The key is a SHA-256 of the file name, its text, and a fingerprint of the parser itself (the
 * compiled code of this module, parse.ts and errors.ts, and the grammar wasm), so any change to the
 * source or to the parser misses the cache. Only successful parses are stored; an unreadable or
 * corrupt entry is ignored and overwritten. Writes go to a temporary file renamed into place, so
 * concurrent processes never see a partial entry.
 *
 * Location: `$EXITSPEC_AST_CACHE_DIR`, default `<os tmpdir>/exitspec-ast-<uid>` (mode 0700).
 * Set `EXITSPEC_AST_CACHE=0` to disable.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from './ast.js';

/** Bump when the AST's JSON encoding changes. */
const FORMAT = 'exitspec-ast-1';

let fingerprint: string | undefined;

/** A hash of the code that produces ASTs: this module, parse.ts and errors.ts (next to it) and the grammar. */
function parserFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const h = createHash('sha256').update(FORMAT);
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  for (const f of [here, path.join(path.dirname(here), `parse${ext}`), path.join(path.dirname(here), `errors${ext}`)]) {
    try {
      h.update(readFileSync(f));
    } catch {
      h.update(`missing:${f}`);
    }
  }
  try {
    const require = createRequire(import.meta.url);
    h.update(readFileSync(require.resolve('@tlaplus/tree-sitter-tlaplus/tree-sitter-tlaplus.wasm')));
  } catch {
    h.update('no-wasm');
  }
  fingerprint = h.digest('hex');
  return fingerprint;
}

/** Whether the cache is enabled (`EXITSPEC_AST_CACHE=0` disables it). */
export function astCacheEnabled(): boolean {
  return process.env['EXITSPEC_AST_CACHE'] !== '0';
}

/** The cache directory. */
export function astCacheDir(): string {
  const configured = process.env['EXITSPEC_AST_CACHE_DIR'];
  if (configured) return configured;
  const uid = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return path.join(tmpdir(), `exitspec-ast-${uid}`);
}

/** The cache key of a file's text. */
export function astCacheKey(text: string, file: string): string {
  return createHash('sha256').update(parserFingerprint()).update('\0').update(file).update('\0').update(text).digest('hex');
}

function encode(sf: SourceFile): string {
  return JSON.stringify(sf, (_k, v: unknown) => (typeof v === 'bigint' ? { '#bigint': v.toString() } : v));
}

function decode(json: string): SourceFile {
  return JSON.parse(json, (_k, v: unknown) => {
    if (typeof v === 'object' && v !== null && '#bigint' in v) {
      const s = (v as { '#bigint': unknown })['#bigint'];
      if (typeof s === 'string') return BigInt(s);
    }
    return v;
  }) as SourceFile;
}

/** The cached AST for this text, if any. */
export function readAstCache(text: string, file: string): SourceFile | undefined {
  if (!astCacheEnabled()) return undefined;
  try {
    const sf = decode(readFileSync(path.join(astCacheDir(), `${astCacheKey(text, file)}.json`), 'utf8'));
    if (sf.file !== file || !Array.isArray(sf.modules)) return undefined;
    return sf;
  } catch {
    return undefined;
  }
}

/** Stores an AST (best effort: a cache that cannot be written is silently skipped). */
export function writeAstCache(text: string, file: string, sf: SourceFile): void {
  if (!astCacheEnabled()) return;
  try {
    const dir = astCacheDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, `${astCacheKey(text, file)}.json`);
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, encode(sf));
    renameSync(tmp, target);
  } catch {
    // The cache is an optimisation only.
  }
}
