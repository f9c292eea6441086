import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../modules/loader.js';
import { astCacheKey, readAstCache, writeAstCache } from './cache.js';
import { parseTlaAsync } from './parse.js';

const dir = mkdtempSync(path.join(tmpdir(), 'exitspec-ast-cache-test-'));
process.env['EXITSPEC_AST_CACHE_DIR'] = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env['EXITSPEC_AST_CACHE'];
});

const TEXT = '---- MODULE C ----\nBig == 123456789012345678901234567890\nOp(x) == [r EXCEPT !.a = @ + x]\n====\n';

describe('AST cache', () => {
  it('returns exactly the AST that was stored (bigints included)', async () => {
    const sf = await parseTlaAsync(TEXT, 'C.tla');
    expect(readAstCache(TEXT, 'C.tla')).toBeUndefined();
    writeAstCache(TEXT, 'C.tla', sf);
    expect(readAstCache(TEXT, 'C.tla')).toEqual(sf);
  });

  it('misses when the text or the file name differ', async () => {
    const sf = await parseTlaAsync(TEXT, 'C.tla');
    writeAstCache(TEXT, 'C.tla', sf);
    expect(readAstCache(`${TEXT}\n`, 'C.tla')).toBeUndefined();
    expect(readAstCache(TEXT, 'D.tla')).toBeUndefined();
    expect(astCacheKey(TEXT, 'C.tla')).not.toBe(astCacheKey(TEXT, 'D.tla'));
  });

  it('ignores a corrupt entry', () => {
    writeFileSync(path.join(dir, `${astCacheKey('x', 'X.tla')}.json`), '{"file": "X.tla", "modu');
    expect(readAstCache('x', 'X.tla')).toBeUndefined();
  });

  it('can be disabled with EXITSPEC_AST_CACHE=0', async () => {
    process.env['EXITSPEC_AST_CACHE'] = '0';
    const text = '---- MODULE Off ----\nX == 1\n====\n';
    const sf = await parseTlaAsync(text, 'Off.tla');
    writeAstCache(text, 'Off.tla', sf);
    expect(readdirSync(dir).some((f) => f.startsWith(astCacheKey(text, 'Off.tla')))).toBe(false);
    expect(readAstCache(text, 'Off.tla')).toBeUndefined();
  });

  it('is what the loader uses: a cached AST is taken instead of parsing the text again', async () => {
    const file = '/virtual/Cached.tla';
    const text = '---- MODULE Cached ----\nThis is not TLA+ at all ((\n====\n';
    const good = await parseTlaAsync('---- MODULE Cached ----\nX == 1\n====\n', file);
    writeAstCache(text, file, good);
    const loaded = await loadSpec(file, { readFile: async (f) => (f === file ? text : undefined) });
    expect(loaded.root.units.map((u) => (u.kind === 'OperatorDef' ? u.name : u.kind))).toEqual(['X']);
    // Without the cache the same text is a located syntax error.
    process.env['EXITSPEC_AST_CACHE'] = '0';
    await expect(loadSpec(file, { readFile: async (f) => (f === file ? text : undefined) })).rejects.toThrow(/^\/virtual\/Cached\.tla:2:/);
  });
});
