import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CFG_KEYWORDS, CfgError, cfgValueToString, parseCfg, printCfg, readCfgFile, type CfgConstant, type CfgValue, type ModelConfig } from './index.js';

/** Parses and returns the located error message, failing the test if it parsed. */
function errorOf(text: string): string {
  try {
    parseCfg(text, 'M.cfg');
  } catch (e) {
    expect(e).toBeInstanceOf(CfgError);
    return (e as CfgError).message;
  }
  throw new Error('expected a CfgError');
}

describe('parseCfg: keywords', () => {
  it('reads INIT and NEXT with their locations', () => {
    const c = parseCfg('INIT Init\nNEXT  Next\n', 'M.cfg');
    expect(c.init).toEqual({ name: 'Init', line: 1, col: 6 });
    expect(c.next).toEqual({ name: 'Next', line: 2, col: 7 });
    expect(c.specification).toBeUndefined();
    expect(c.file).toBe('M.cfg');
  });

  it('reads SPECIFICATION', () => {
    expect(parseCfg('SPECIFICATION Spec', 'M.cfg').specification?.name).toBe('Spec');
  });

  it.each([
    ['INVARIANT', 'invariants'],
    ['INVARIANTS', 'invariants'],
    ['PROPERTY', 'properties'],
    ['PROPERTIES', 'properties'],
    ['CONSTRAINT', 'constraints'],
    ['CONSTRAINTS', 'constraints'],
    ['ACTION_CONSTRAINT', 'actionConstraints'],
    ['ACTION_CONSTRAINTS', 'actionConstraints'],
    ['POSTCONDITION', 'postconditions'],
    ['POSTCONDITIONS', 'postconditions'],
  ] as const)('%s takes a list of names until the next keyword and accumulates', (kw, key) => {
    const c = parseCfg(`${kw} A B\n  C\nINIT I\n${kw} D`, 'M.cfg');
    expect(c[key].map((n) => n.name)).toEqual(['A', 'B', 'C', 'D']);
    expect(c.init?.name).toBe('I');
  });

  it.each([
    ['SYMMETRY', 'symmetry'],
    ['VIEW', 'view'],
    ['ALIAS', 'alias'],
  ] as const)('%s takes one name', (kw, key) => {
    expect(parseCfg(`${kw} X`, 'M.cfg')[key]?.name).toBe('X');
  });

  it('CHECK_DEADLOCK TRUE|FALSE, absent = undefined', () => {
    expect(parseCfg('CHECK_DEADLOCK FALSE', 'M.cfg').checkDeadlock).toBe(false);
    expect(parseCfg('CHECK_DEADLOCK TRUE', 'M.cfg').checkDeadlock).toBe(true);
    expect(parseCfg('INIT I NEXT N', 'M.cfg').checkDeadlock).toBeUndefined();
  });

  it('skips \\* line comments, nested (* *) block comments and ---- lines', () => {
    const c = parseCfg('-------\n\\* INIT Bad\n(* INIT Bad (* nested *) still *)\nINIT Good \\* trailing\n====', 'M.cfg');
    expect(c.init?.name).toBe('Good');
  });
});

describe('parseCfg: CONSTANTS', () => {
  const consts = (text: string): readonly CfgConstant[] => parseCfg(text, 'M.cfg').constants;

  it('CONSTANT and CONSTANTS take several entries', () => {
    expect(consts('CONSTANT N = 3 M = 4\nCONSTANTS K = 5').map((c) => c.name)).toEqual(['N', 'M', 'K']);
  });

  it('numbers (incl. negative and beyond 2^53), strings, booleans', () => {
    const c = consts('CONSTANTS A = 3 B = -7 C = "x\\"y" D = TRUE E = FALSE F = 123456789012345678901234567890');
    const vals = c.map((x) => (x.kind === 'value' ? x.value : undefined));
    expect(vals).toEqual([
      { kind: 'int', value: 3n },
      { kind: 'int', value: -7n },
      { kind: 'string', value: 'x"y' },
      { kind: 'bool', value: true },
      { kind: 'bool', value: false },
      { kind: 'int', value: 123456789012345678901234567890n },
    ]);
  });

  it('bare identifiers are model values; Nil = Nil; sets of model values; tuples', () => {
    const c = consts('CONSTANTS Nil = Nil\nProcs = {p1, p2}\nE = {}\nT = <<1, "a", {x}>>');
    expect(c[0]).toMatchObject({ kind: 'value', name: 'Nil', value: { kind: 'modelValue', name: 'Nil' }, line: 1, col: 11 });
    expect(c[1]).toMatchObject({
      value: { kind: 'set', elems: [{ kind: 'modelValue', name: 'p1' }, { kind: 'modelValue', name: 'p2' }] },
      line: 2,
      col: 1,
    });
    expect(c[2]).toMatchObject({ value: { kind: 'set', elems: [] } });
    expect(c[3]!.kind === 'value' && cfgValueToString(c[3]!.value)).toBe('<<1, "a", {x}>>');
  });

  it('substitutions C <- Def and C <-[Mod] Def', () => {
    const c = consts('CONSTANTS Servers <- TraceServers\nMax <-[Inner] MaxDef');
    expect(c[0]).toEqual({ kind: 'substitution', name: 'Servers', def: 'TraceServers', line: 1, col: 11 });
    expect(c[1]).toEqual({ kind: 'substitution', name: 'Max', def: 'MaxDef', module: 'Inner', line: 2, col: 1 });
  });

  it('module-scoped values C = [Mod] v, operator LHS Op(args) = v, instance paths I!C', () => {
    const c = consts('CONSTANTS N = [Inner] 3\nF(a, 2) = TRUE\nI!K = 1');
    expect(c[0]).toMatchObject({ kind: 'value', name: 'N', module: 'Inner', value: { kind: 'int', value: 3n } });
    expect(c[1]).toMatchObject({
      name: 'F',
      args: [{ kind: 'modelValue', name: 'a' }, { kind: 'int', value: 2n }],
      value: { kind: 'bool', value: true },
    });
    expect(c[2]).toMatchObject({ name: 'I!K', args: [] });
  });
});

describe('parseCfg: errors are located and say what was expected', () => {
  it.each([
    ['INIT I\nINIT J', "M.cfg:2:1: INIT given twice (first value 'I' at line 1); TLC allows one"],
    ['NEXT A NEXT B', "M.cfg:1:8: NEXT given twice (first value 'A' at line 1); TLC allows one"],
    ['SPECIFICATION S\nSPECIFICATION T', "M.cfg:2:1: SPECIFICATION given twice (first value 'S' at line 1); TLC allows one"],
    ['VIEW V VIEW W', "M.cfg:1:8: VIEW given twice (first value 'V' at line 1); TLC allows one"],
    ['SYMMETRY S SYMMETRY T', "M.cfg:1:12: SYMMETRY given twice (first value 'S' at line 1); TLC allows one"],
    ['ALIAS A ALIAS B', "M.cfg:1:9: ALIAS given twice (first value 'A' at line 1); TLC allows one"],
    ['CHECK_DEADLOCK TRUE CHECK_DEADLOCK FALSE', 'M.cfg:1:21: CHECK_DEADLOCK given twice (first at line 1)'],
    ['CHECK_DEADLOCK maybe', "M.cfg:1:16: expected TRUE or FALSE after CHECK_DEADLOCK but found 'maybe'"],
    ['INIT', "M.cfg:1:5: expected a definition name after INIT but found 'end of file'"],
    ['INIT NEXT', "M.cfg:1:6: expected a definition name after INIT but found 'NEXT'"],
    ['INVARIANT\nINIT I', "M.cfg:2:1: expected a definition name after INVARIANT but found 'INIT'"],
    ['Foo', "M.cfg:1:1: expected a keyword (CONSTANT, CONSTANTS, CHECK_DEADLOCK, INVARIANT, INVARIANTS, PROPERTY, PROPERTIES, CONSTRAINT, CONSTRAINTS, ACTION_CONSTRAINT, ACTION_CONSTRAINTS, POSTCONDITION, POSTCONDITIONS, INIT, NEXT, SPECIFICATION, SYMMETRY, VIEW, ALIAS) but found 'Foo'"],
    ['CONSTANT N 3', "M.cfg:1:12: expected '=' or '<-' after constant N but found '3'"],
    ['CONSTANT N =', "M.cfg:1:13: expected a value (number, \"string\", TRUE, FALSE, model value, {set} or <<tuple>>) but found 'end of file'"],
    ['CONSTANT N = {1, 2', "M.cfg:1:19: expected ',' or '}' but found 'end of file'"],
    ['CONSTANT N = - x', "M.cfg:1:16: expected a number after '-' but found 'x'"],
    ['CONSTANT N <- 3', "M.cfg:1:15: expected a definition name after '<-' but found '3'"],
    ['CONSTANT F(a) <- G', "M.cfg:1:15: expected '=' after an operator with arguments but found '<-'"],
    ['CONSTANT N = "abc', 'M.cfg:1:14: unterminated string: expected a closing \'"\' on the same line'],
    ['INIT I (* never closed', "M.cfg:1:8: unterminated comment: expected '*)' before the end of the file"],
    ['INIT I ; NEXT N', "M.cfg:1:8: expected a keyword, identifier, value or comment but found ';'"],
    ['SPECIFICATION S\nINIT I', 'M.cfg:2:6: expected either SPECIFICATION or INIT/NEXT but found both (SPECIFICATION at line 1)'],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('CfgError carries file, line and column separately', () => {
    try {
      parseCfg('\n\n   INIT 3', 'dir/X.cfg');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ file: 'dir/X.cfg', line: 3, col: 9, detail: "expected a definition name after INIT but found '3'" });
    }
  });
});

describe('readCfgFile', () => {
  it('reads a file and reports a missing one with its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cfg-'));
    const path = join(dir, 'A.cfg');
    await writeFile(path, 'INIT I\nNEXT N\n');
    expect((await readCfgFile(path)).next?.name).toBe('N');
    await expect(readCfgFile(join(dir, 'missing.cfg'))).rejects.toThrow(`${join(dir, 'missing.cfg')}:1:1: expected a readable .cfg file but it does not exist`);
  });
});

describe('printCfg / parseCfg round trip (fast-check)', () => {
  const ident = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((s) => !CFG_KEYWORDS.includes(s) && s !== 'TRUE' && s !== 'FALSE');
  const value: fc.Arbitrary<CfgValue> = fc.letrec<{ v: CfgValue }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((value) => ({ kind: 'int' as const, value })),
      fc.string({ maxLength: 5, unit: fc.constantFrom('a', 'Z', ' ', '"', '\\', '\n', '\t', '\r', '\f', '*', '(') }).map((value) => ({ kind: 'string' as const, value })),
      fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
      ident.map((name) => ({ kind: 'modelValue' as const, name })),
      fc.array(tie('v'), { maxLength: 3 }).map((elems) => ({ kind: 'set' as const, elems })),
      fc.array(tie('v'), { maxLength: 3 }).map((elems) => ({ kind: 'tuple' as const, elems })),
    ),
  })).v;
  const constant: fc.Arbitrary<CfgConstant> = fc.oneof(
    fc.record({ name: ident, args: fc.array(value, { maxLength: 2 }), value, module: fc.option(ident, { nil: undefined }) }).map((c) => ({
      kind: 'value' as const,
      name: c.name,
      args: c.args,
      value: c.value,
      line: 0,
      col: 0,
      ...(c.module !== undefined ? { module: c.module } : {}),
    })),
    fc.record({ name: ident, def: ident, module: fc.option(ident, { nil: undefined }) }).map((c) => ({
      kind: 'substitution' as const,
      name: c.name,
      def: c.def,
      line: 0,
      col: 0,
      ...(c.module !== undefined ? { module: c.module } : {}),
    })),
  );
  const name = ident.map((n) => ({ name: n, line: 0, col: 0 }));
  const names = fc.array(name, { maxLength: 3 });
  const config = fc.record({
    constants: fc.array(constant, { maxLength: 4 }),
    useSpec: fc.boolean(),
    spec: name,
    init: fc.option(name, { nil: undefined }),
    next: fc.option(name, { nil: undefined }),
    invariants: names,
    properties: names,
    constraints: names,
    actionConstraints: names,
    postconditions: names,
    symmetry: fc.option(name, { nil: undefined }),
    view: fc.option(name, { nil: undefined }),
    alias: fc.option(name, { nil: undefined }),
    checkDeadlock: fc.option(fc.boolean(), { nil: undefined }),
  });
  /** Drops locations so configs compare by content. */
  const strip = (c: ModelConfig): unknown =>
    JSON.parse(JSON.stringify(c, (k, v: unknown) => (k === 'line' || k === 'col' || k === 'file' ? undefined : typeof v === 'bigint' ? `${v}n` : v)));

  it('parse(print(c)) == c for generated configurations', () => {
    fc.assert(
      fc.property(config, (g) => {
        const cfg: ModelConfig = {
          file: 'G.cfg',
          constants: g.constants,
          invariants: g.invariants,
          properties: g.properties,
          constraints: g.constraints,
          actionConstraints: g.actionConstraints,
          postconditions: g.postconditions,
          ...(g.useSpec ? { specification: g.spec } : { ...(g.init ? { init: g.init } : {}), ...(g.next ? { next: g.next } : {}) }),
          ...(g.symmetry ? { symmetry: g.symmetry } : {}),
          ...(g.view ? { view: g.view } : {}),
          ...(g.alias ? { alias: g.alias } : {}),
          ...(g.checkDeadlock !== undefined ? { checkDeadlock: g.checkDeadlock } : {}),
        };
        expect(strip(parseCfg(printCfg(cfg), 'G.cfg'))).toEqual(strip(cfg));
      }),
      { numRuns: 300 },
    );
  });
});
