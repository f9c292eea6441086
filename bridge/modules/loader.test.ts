import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TlaError } from '../syntax/errors.js';
import { loadResolvedSpec } from './index.js';
import { loadSpec, sourceText } from './loader.js';
import { resolveSpec } from './resolve.js';

const root = mkdtempSync(path.join(tmpdir(), 'exitspec-loader-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function loadError(file: string, opts = {}): Promise<TlaError> {
  try {
    await loadResolvedSpec(file, opts);
  } catch (e) {
    if (e instanceof TlaError) return e;
    throw e;
  }
  throw new Error('expected a TlaError');
}

describe('module loading from the file system', () => {
  it("finds EXTENDS/INSTANCE modules in the spec's directory", async () => {
    write('a/Lib.tla', '---- MODULE Lib ----\nLibVal == 3\n====\n');
    write('a/Other.tla', '---- MODULE Other ----\nCONSTANT K\nUseK == K\n====\n');
    const spec = write('a/Spec.tla', '---- MODULE Spec ----\nEXTENDS Lib\nO == INSTANCE Other WITH K <- LibVal\n====\n');
    const loaded = await loadSpec(spec);
    expect([...loaded.modules.keys()]).toEqual(['Spec', 'Lib', 'Other']);
    expect(loaded.modules.get('Lib')?.file).toBe(path.join(root, 'a/Lib.tla'));
    const resolved = await loadResolvedSpec(spec);
    expect(resolved.definitions.get('O!UseK')?.kind).toBe('Def');
  });

  it('searches further directories of the search path in order', async () => {
    write('b/lib1/Shared.tla', '---- MODULE Shared ----\nWhich == 1\n====\n');
    write('b/lib2/Shared.tla', '---- MODULE Shared ----\nWhich == 2\n====\n');
    const spec = write('b/Spec.tla', '---- MODULE Spec ----\nEXTENDS Shared\n====\n');
    const loaded = await loadSpec(spec, { searchPath: [path.join(root, 'b'), path.join(root, 'b/lib2'), path.join(root, 'b/lib1')] });
    expect(loaded.modules.get('Shared')?.file).toBe(path.join(root, 'b/lib2/Shared.tla'));
  });

  it('uses the builtin standard modules even when a same-named .tla file is present (as TLC does)', async () => {
    write('c/Sequences.tla', '---- MODULE Sequences ----\nSeq(S) == {}\n====\n');
    const spec = write('c/Spec.tla', '---- MODULE Spec ----\nEXTENDS Sequences\nL == Len(<<1>>)\n====\n');
    const loaded = await loadSpec(spec);
    expect(loaded.standard.has('Sequences')).toBe(true);
    expect(loaded.modules.has('Sequences')).toBe(false);
  });

  it('provides TLAPS from the bundled sources, so specs with proofs load', async () => {
    const spec = write(
      'g/Spec.tla',
      [
        '---- MODULE Spec ----',
        'EXTENDS Naturals, TLAPS',
        'VARIABLE x',
        'Init == x = 0',
        "Spec == Init /\\ [][x' = x + 1]_x",
        'THEOREM Spec => [](x \\in Nat)',
        '<1>1. Init => x \\in Nat',
        '  BY DEF Init',
        '<1>2. QED',
        '  BY <1>1, PTL DEF Spec',
        '====',
        '',
      ].join('\n'),
    );
    const resolved = await loadResolvedSpec(spec);
    expect(resolved.definitions.get('PTL')?.module).toBe('TLAPS');
    expect(resolved.modules).toContain('TLAPS');
  });

  it('reports a missing module at the reference, naming where it looked', async () => {
    const spec = write('d/Spec.tla', '---- MODULE Spec ----\nEXTENDS Naturals\nI == INSTANCE Missing\n====\n');
    const e = await loadError(spec);
    expect(e.message).toBe(
      `${spec}:3:15: cannot find module 'Missing' (looked for Missing.tla in ${path.join(root, 'd')} and among the standard modules) near 'Missing'`,
    );
  });

  it('reports a file that does not define the module its name promises', async () => {
    write('e/Wrong.tla', '---- MODULE Right ----\nX == 1\n====\n');
    const spec = write('e/Spec.tla', '---- MODULE Spec ----\nEXTENDS Wrong\n====\n');
    const e = await loadError(spec);
    expect(e.message).toMatch(new RegExp(`^${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:9: file .*Wrong\\.tla does not define module 'Wrong'`));
  });

  it('reports syntax errors in a used module with that module file', async () => {
    const lib = write('f/Lib.tla', '---- MODULE Lib ----\nX == 1 +\n====\n');
    const spec = write('f/Spec.tla', '---- MODULE Spec ----\nEXTENDS Lib\n====\n');
    const e = await loadError(spec);
    expect(e.loc.file).toBe(lib);
    expect(e.message.startsWith(`${lib}:2:`)).toBe(true);
  });

  it('reports an unreadable spec file', async () => {
    const e = await loadError(path.join(root, 'nope/Spec.tla'));
    expect(e.message).toBe(`${path.join(root, 'nope/Spec.tla')}:1:1: cannot read the spec file`);
  });
});

describe('a LoadedSpec is plain data', () => {
  it('survives structuredClone (so worker threads can resolve it without parsing again)', async () => {
    const spec = write('h/Spec.tla', '---- MODULE Spec ----\nEXTENDS Naturals\nVARIABLE x\nBig == 123456789012345678901234567890\nInit == x = Big + 1\n====\n');
    const loaded = await loadSpec(spec);
    const copy = structuredClone(loaded);
    const a = resolveSpec(loaded);
    const b = resolveSpec(copy);
    expect([...b.definitions.keys()]).toEqual([...a.definitions.keys()]);
    const big = b.definitions.get('Big');
    expect(big?.kind === 'Def' && big.body.kind === 'Number' && big.body.value).toBe(123456789012345678901234567890n);
  });
});

describe('sourceText', () => {
  it('cuts the located text out of the source, in characters', () => {
    const sources = new Map([['F.tla', ['first line', 'Op == 𝔸 + foo']]]);
    expect(sourceText(sources, { file: 'F.tla', line: 2, col: 11, endLine: 2, endCol: 13 })).toBe('foo');
    expect(sourceText(sources, { file: 'F.tla', line: 2, col: 7, endLine: 3, endCol: 1 })).toBe('𝔸 + foo');
  });
});
