/**
 * Property: for random, fully parenthesised TLA+ expressions, the parser's AST has exactly the
 * generated structure (operands in order, operator synonyms normalised, parentheses dropped).
 * The expected S-expression is built alongside the source text, independently of the parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initParser, parseTla } from './parse.js';
import { sexpr } from './sexpr.js';

await initParser();

interface Sample {
  readonly src: string;
  readonly sx: string;
}

/** [source spelling, canonical name] of infix operators, including synonyms. */
const INFIX: readonly (readonly [string, string])[] = [
  ['+', '+'], ['-', '-'], ['*', '*'], ['\\div', '\\div'], ['%', '%'], ['^', '^'], ['..', '..'],
  ['\\cup', '\\cup'], ['\\union', '\\cup'], ['\\cap', '\\cap'], ['\\intersect', '\\cap'], ['\\', '\\'],
  ['=', '='], ['/=', '/='], ['#', '/='], ['<', '<'], ['=<', '<='], ['\\leq', '<='], ['>=', '>='],
  ['\\in', '\\in'], ['\\notin', '\\notin'], ['\\subseteq', '\\subseteq'], ['\\o', '\\o'], ['\\circ', '\\o'],
  [':>', ':>'], ['@@', '@@'], ['/\\', '/\\'], ['\\land', '/\\'], ['\\/', '\\/'], ['\\lor', '\\/'],
  ['=>', '=>'], ['<=>', '<=>'], ['\\equiv', '\\equiv'], ['~>', '~>'], ['\\prec', '\\prec'], ['\\cdot', '\\cdot'],
];

const PREFIX: readonly (readonly [string, string])[] = [
  ['~', '~'], ['\\lnot', '~'], ['\\neg', '~'], ['-', '-.'], ['SUBSET ', 'SUBSET'], ['UNION ', 'UNION'],
  ['DOMAIN ', 'DOMAIN'], ['ENABLED ', 'ENABLED'], ['UNCHANGED ', 'UNCHANGED'], ['[]', '[]'], ['<>', '<>'],
];

const atom: fc.Arbitrary<Sample> = fc.constantFrom(
  { src: 'a', sx: 'a' },
  { src: 'bb', sx: 'bb' },
  { src: '1', sx: '1' },
  { src: '42', sx: '42' },
  { src: '"s"', sx: '"s"' },
  { src: 'TRUE', sx: 'TRUE' },
  { src: 'Nat', sx: 'Nat' },
  { src: '@', sx: '@' },
);

const { expr } = fc.letrec<{ expr: Sample }>((tie) => {
  const e = tie('expr');
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(e, fc.constantFrom(...INFIX), e).map(([l, [s, c], r]) => ({ src: `(${l.src} ${s} ${r.src})`, sx: `(${c} ${l.sx} ${r.sx})` })),
      fc.tuple(fc.constantFrom(...PREFIX), e).map(([[s, c], x]) => ({ src: `(${s}${x.src})`, sx: `(${c} ${x.sx})` })),
      e.map((x) => ({ src: `(${x.src})'`, sx: `(' ${x.sx})` })),
      fc.tuple(e, e).map(([f, a]) => ({ src: `(${f.src})[${a.src}]`, sx: `(app ${f.sx} ${a.sx})` })),
      fc.tuple(e, e).map(([a, b]) => ({ src: `<<${a.src}, ${b.src}>>`, sx: `<<${a.sx} ${b.sx}>>` })),
      fc.tuple(e, e).map(([a, b]) => ({ src: `{${a.src}, ${b.src}}`, sx: `{${a.sx} ${b.sx}}` })),
      fc.tuple(e, e, e).map(([c, a, b]) => ({ src: `(IF ${c.src} THEN ${a.src} ELSE ${b.src})`, sx: `(IF ${c.sx} ${a.sx} ${b.sx})` })),
      fc.tuple(e, e).map(([a, b]) => ({ src: `[f |-> ${a.src}, g |-> ${b.src}]`, sx: `[f |-> ${a.sx}, g |-> ${b.sx}]` })),
      e.map((r) => ({ src: `(${r.src}).fld`, sx: `(. ${r.sx} fld)` })),
      fc.tuple(e, e).map(([s, b]) => ({ src: `(\\E x \\in ${s.src} : ${b.src})`, sx: `(E x ${s.sx} : ${b.sx})` })),
      fc.tuple(e, e).map(([s, b]) => ({ src: `{y \\in ${s.src} : ${b.src}}`, sx: `{y ${s.sx} : ${b.sx}}` })),
      fc.tuple(e, e).map(([f, v]) => ({ src: `[${f.src} EXCEPT ![1] = ${v.src}]`, sx: `(EXCEPT ${f.sx} ![1] = ${v.sx})` })),
      fc.tuple(e, e).map(([a, b]) => ({ src: `(${a.src} \\X ${b.src})`, sx: `(\\X ${a.sx} ${b.sx})` })),
      fc.tuple(e, e).map(([a, v]) => ({ src: `[${a.src}]_${'<<'}${v.src}>>`, sx: `([]_ ${a.sx} <<${v.sx}>>)` })),
      fc.tuple(e, e, e).map(([g, a, b]) => ({ src: `(CASE ${g.src} -> ${a.src} [] OTHER -> ${b.src})`, sx: `(CASE ${g.sx} -> ${a.sx} [] OTHER -> ${b.sx})` })),
      fc.tuple(e, e).map(([d, b]) => ({ src: `(LET Def == ${d.src} IN ${b.src})`, sx: `(LET Def IN ${b.sx})` })),
      fc.tuple(e, e).map(([s, b]) => ({ src: `(CHOOSE z \\in ${s.src} : ${b.src})`, sx: `(CHOOSE z ${s.sx} : ${b.sx})` })),
      fc.tuple(e, e).map(([m, s]) => ({ src: `{${m.src} : w \\in ${s.src}}`, sx: `{${m.sx} : w ${s.sx}}` })),
      fc.tuple(e, e).map(([s, b]) => ({ src: `[v \\in ${s.src} |-> ${b.src}]`, sx: `[v ${s.sx} |-> ${b.sx}]` })),
      fc.tuple(e, e).map(([d, r]) => ({ src: `[${d.src} -> ${r.src}]`, sx: `[${d.sx} -> ${r.sx}]` })),
      fc.tuple(e, e).map(([a, b]) => ({ src: `[f : ${a.src}, g : ${b.src}]`, sx: `[f : ${a.sx}, g : ${b.sx}]` })),
      fc.tuple(e, e).map(([a, b]) => ({ src: `M!Op(${a.src}, ${b.src})`, sx: `(M!Op ${a.sx} ${b.sx})` })),
      fc.tuple(e, e).map(([a, b]) => ({ src: `Op(${a.src}, ${b.src})`, sx: `(Op ${a.sx} ${b.sx})` })),
      fc.constantFrom({ src: '<<>>', sx: '<<>>' }, { src: '{}', sx: '{}' }, { src: '\\hFF', sx: '255' }, { src: '"a\\"b"', sx: '"a\\"b"' }),
    ),
  };
});

function parseBody(src: string): string {
  const m = parseTla(`---- MODULE R ----\nOp == ${src}\n====\n`, 'R.tla').modules[0];
  const u = m?.units[0];
  if (u?.kind !== 'OperatorDef') throw new Error('expected Op');
  return sexpr(u.body);
}

describe('parser round trip on generated expressions', () => {
  it('reproduces the generated structure', () => {
    fc.assert(
      fc.property(expr, (s) => {
        expect(parseBody(s.src)).toBe(s.sx);
      }),
      { numRuns: 500, seed: 20261121 },
    );
  });

  it('a parser that ignored parentheses would be caught (mutant check)', () => {
    // Without parentheses, \\X chains flatten and precedence regroups: the property's oracle
    // distinguishes these shapes.
    expect(parseBody('(a \\X bb) \\X 1')).not.toBe(parseBody('a \\X bb \\X 1'));
    expect(parseBody('(a + bb) * 1')).not.toBe(parseBody('a + bb * 1'));
  });
});
