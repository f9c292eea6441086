import { describe, expect, it } from 'vitest';
import type { Expr, Module, OperatorDef, Unit } from './ast.js';
import { TlaError } from './errors.js';
import { initParser, parseTla } from './parse.js';
import { sexpr } from './sexpr.js';

await initParser();

function mod(body: string, name = 'T'): Module {
  const sf = parseTla(`---- MODULE ${name} ----\n${body}\n====\n`, `${name}.tla`);
  const m = sf.modules[0];
  if (!m) throw new Error('no module');
  return m;
}

function defs(body: string): Map<string, OperatorDef> {
  const out = new Map<string, OperatorDef>();
  for (const u of mod(body).units) if (u.kind === 'OperatorDef') out.set(u.name, u);
  return out;
}

/** The S-expression of `Op == <src>` (src may span lines; continuation lines are kept as is). */
function ex(src: string): string {
  const d = defs(`Op == ${src}`).get('Op');
  if (!d) throw new Error('no Op');
  return sexpr(d.body);
}

function body(src: string): Expr {
  const d = defs(`Op == ${src}`).get('Op');
  if (!d) throw new Error('no Op');
  return d.body;
}

function parseError(text: string, file = 'Bad.tla'): TlaError {
  try {
    parseTla(text, file);
  } catch (e) {
    if (e instanceof TlaError) return e;
    throw e;
  }
  throw new Error('expected a TlaError');
}

describe('precedence and associativity (TLA+ operator table)', () => {
  it.each([
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a = b /\\ c = d', '(/\\ (= a b) (= c d))'],
    ['~a /\\ b', '(/\\ (~ a) b)'],
    ["x' = x + 1", "(= (' x) (+ x 1))"],
    ['a \\in S \\cup T', '(\\in a (\\cup S T))'],
    ['a .. b + 1', '(.. a (+ b 1))'],
    ['-a + b', '(+ (-. a) b)'],
    ['-a^2', '(-. (^ a 2))'],
    ['SUBSET S \\cup T', '(\\cup (SUBSET S) T)'],
    ['DOMAIN f \\ {x}', '(\\ (DOMAIN f) {x})'],
    ['[]P => <>Q', '(=> ([] P) (<> Q))'],
    ['P ~> Q /\\ R', '(~> P (/\\ Q R))'],
    ['a :> 1 @@ b :> 2', '(@@ (:> a 1) (:> b 2))'],
    ['s \\o t \\o u', '(\\o (\\o s t) u)'],
    ['a \\prec b', '(\\prec a b)'],
    ['A \\cdot B', '(\\cdot A B)'],
    ['A -+-> B', '(-+-> A B)'],
    ['f[x].a', '(. (app f x) a)'],
    ['r.a.b', '(. (. r a) b)'],
    ['f[x][y]', '(app (app f x) y)'],
    ['A \\X B \\X C', '(\\X A B C)'],
    ['(A \\X B) \\X C', '(\\X (\\X A B) C)'],
    ['a \\/ b /\\ c', '(/\\ (\\/ a b) c)'],
    ['ENABLED A /\\ B', '(/\\ (ENABLED A) B)'],
    ['UNCHANGED <<x, y>>', '(UNCHANGED <<x y>>)'],
    ['x # y', '(/= x y)'],
    ['x =< y', '(<= x y)'],
    ['S \\intersect T \\union U', '(\\union (\\cap S T) U)'.replace('\\union', '\\cup')],
    ['a \\div b % c', '(% (\\div a b) c)'],
    // Grammar deviations corrected by the converter (found by roundtrip.test.ts):
    ["UNCHANGED x'", "(UNCHANGED (' x))"],
    ["ENABLED a'", "(ENABLED (' a))"],
    ["[](a)'", "([] (' a))"],
    ['~(a)[1]', '(~ (app a 1))'],
    ['-(r).f', '(-. (. r f))'],
    ['SUBSET S \\X T', '(SUBSET (\\X S T))'],
    ['UNION S \\X T \\X U', '(UNION (\\X S T U))'],
    ['SUBSET S + 1', '(SUBSET (+ S 1))'],
    ['DOMAIN f + 1', '(DOMAIN (+ f 1))'],
    ['DOMAIN f \\cup S', '(\\cup (DOMAIN f) S)'],
    ['(SUBSET S) \\X T', '(\\X (SUBSET S) T)'],
    ['SUBSET S * T + U', '(SUBSET (+ (* S T) U))'],
  ])('%s', (src, expected) => {
    expect(ex(src)).toBe(expected);
  });
});

describe('junction lists', () => {
  it('nests aligned bullets by column', () => {
    const src = ['/\\ a', '      /\\ \\/ b', '         \\/ c', '      /\\ d'].join('\n');
    expect(ex(src)).toBe('(/\\* a (\\/* b c) d)');
  });
  it('ends an inner list when a bullet returns to the outer column', () => {
    const src = ['\\/ /\\ a', '         /\\ b', '      \\/ c'].join('\n');
    expect(ex(src)).toBe('(\\/* (/\\* a b) c)');
  });
  it('keeps an infix operator inside a bullet item', () => {
    expect(ex(['/\\ x = 1 \\/ y = 2', '      /\\ z'].join('\n'))).toBe('(/\\* (\\/ (= x 1) (= y 2)) z)');
  });
  it('an IF inside a bullet item extends over its branches', () => {
    const src = ['/\\ IF a', '         THEN b', '         ELSE c', '      /\\ d'].join('\n');
    expect(ex(src)).toBe('(/\\* (IF a b c) d)');
  });
});

describe('expressions', () => {
  it.each([
    ['\\A x \\in S, <<a, b>> \\in T : P', '(A x S, <a b> T : P)'],
    ['\\E x, y \\in S : x = y', '(E x y S : (= x y))'],
    ['\\A x : P', '(A x : P)'],
    ['\\EE x : P', '(EE x : P)'],
    ['CHOOSE x \\in S : x > 1', '(CHOOSE x S : (> x 1))'],
    ['CHOOSE <<a, b>> \\in S : a', '(CHOOSE <a b> S : a)'],
    ['CHOOSE x : P', '(CHOOSE x : P)'],
    ['{x \\in S : x > 1}', '{x S : (> x 1)}'],
    ['{<<a, b>> \\in S : a}', '{<a b> S : a}'],
    ['{x + y : x \\in S, y \\in T}', '{(+ x y) : x S, y T}'],
    ['{}', '{}'],
    ['{1, 2}', '{1 2}'],
    ['[x \\in S, y \\in T |-> x]', '[x S, y T |-> x]'],
    ['[S -> T]', '[S -> T]'],
    ['[a |-> 1, b |-> "s"]', '[a |-> 1, b |-> "s"]'],
    ['[a : S, b : T]', '[a : S, b : T]'],
    ['[f EXCEPT ![1][2] = @ + 1, !.x = 3]', '(EXCEPT f ![1][2] = (+ @ 1), !.x = 3)'],
    ['[f EXCEPT ![i].pc = "done"]', '(EXCEPT f ![i].pc = "done")'],
    ['[f EXCEPT ![a, b] = 0]', '(EXCEPT f ![a b] = 0)'],
    ['<<>>', '<<>>'],
    ['<<1, <<2>>>>', '<<1 <<2>>>>'],
    ['f[a, b]', '(app f a b)'],
    ['IF a THEN b ELSE c', '(IF a b c)'],
    ['CASE a -> 1 [] b -> 2 [] OTHER -> 3', '(CASE a -> 1 [] b -> 2 [] OTHER -> 3)'],
    ['CASE a -> 1 [] b -> 2', '(CASE a -> 1 [] b -> 2)'],
    ['LET f(x) == x\n          g == 1 IN f(g)', '(LET f g IN (f g))'],
    ['[Next]_vars', '([]_ Next vars)'],
    ['[][Next]_<<x, y>>', '([] ([]_ Next <<x y>>))'],
    ['<<Next>>_vars', '(<>_ Next vars)'],
    ['WF_vars(Next)', '(WF vars Next)'],
    ['SF_<<x, y>>(A(1))', '(SF <<x y>> (A 1))'],
    ['M!Op(1)', '(M!Op 1)'],
    ['I(2)!J!Op', 'I(2)!J!Op'],
    ['+(1, 2)', '(+ 1 2)'],
    ['F(+, LAMBDA x, y : x)', '(F op:+ (LAMBDA x y : x))'],
    ['Nat \\cup Int', '(\\cup Nat Int)'],
    ['BOOLEAN \\X STRING', '(\\X BOOLEAN STRING)'],
    ['TRUE /\\ FALSE', '(/\\ TRUE FALSE)'],
    ['lbl :: x', '(lbl :: x)'],
    ['\\b101 + \\o17 + \\hFF', '(+ (+ 5 15) 255)'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['r^+', '(^+ r)'],
  ])('%s', (src, expected) => {
    expect(ex(src)).toBe(expected);
  });

  it('decodes string escapes', () => {
    const e = body('"a\\"b\\\\c\\n"');
    expect(e.kind === 'String' && e.value).toBe('a"b\\c\n');
  });

  it('keeps big integers exact', () => {
    const e = body('123456789012345678901234567890');
    expect(e.kind === 'Number' && e.value).toBe(123456789012345678901234567890n);
  });

  it('normalises unicode operators to their ASCII spelling', () => {
    expect(ex('a ∧ b ∨ ¬c')).toBe('(\\/ (/\\ a b) (~ c))');
    expect(ex('x ∈ S ∪ T')).toBe('(\\in x (\\cup S T))');
  });
});

describe('locations', () => {
  it('are 1-based with inclusive end columns, like TLC', () => {
    const m = mod("VARIABLE x\nOp == x' = x + 10");
    const op = m.units[1] as OperatorDef;
    expect(op.nameLoc).toEqual({ file: 'T.tla', line: 3, col: 1, endLine: 3, endCol: 2 });
    expect(op.loc).toMatchObject({ line: 3, col: 1, endLine: 3, endCol: 17 });
    const eq = op.body;
    if (eq.kind !== 'OpApp') throw new Error('expected =');
    expect(eq.nameLoc).toMatchObject({ line: 3, col: 10, endCol: 10 });
    const prime = eq.args[0];
    expect(prime?.loc).toMatchObject({ line: 3, col: 7, endCol: 8 });
    const ten = eq.args[1]?.kind === 'OpApp' ? eq.args[1].args[1] : undefined;
    expect(ten?.loc).toMatchObject({ line: 3, col: 16, endCol: 17 });
  });

  it('count characters, not UTF-16 units, after astral characters', () => {
    const m = mod('Op == "𝔸" = x');
    const op = m.units[0] as OperatorDef;
    const eq = op.body;
    if (eq.kind !== 'OpApp') throw new Error('expected =');
    expect(eq.args[1]?.loc).toMatchObject({ line: 2, col: 13, endCol: 13 });
  });
});

describe('CRLF line endings', () => {
  it('parse like LF files, with the same locations and clean excerpts', () => {
    const sf = parseTla('---- MODULE W ----\r\nInit == /\\ x = 0\r\n        /\\ y = 1\r\n====\r\n', 'W.tla');
    const init = sf.modules[0]?.units[0];
    expect(init?.kind === 'OperatorDef' && sexpr(init.body)).toBe('(/\\* (= x 0) (= y 1))');
    expect(init?.kind === 'OperatorDef' && init.body.loc).toMatchObject({ line: 2, col: 9, endLine: 3, endCol: 16 });
    const e = parseError('---- MODULE W ----\r\nOp == 1 + * 2\r\n====\r\n', 'W.tla');
    expect(e.message).toBe("W.tla:2:11: syntax error in the definition of Op near '*'");
  });
});

describe('module units', () => {
  const m = mod(
    [
      'EXTENDS Naturals, Sequences',
      'CONSTANTS N, F(_), _ \\prec _',
      'VARIABLES x, y',
      'Op(a, G(_, _)) == G(a, a)',
      'a \\ll b == a < b',
      '-. a == 0 - a',
      'a ^+ == a',
      'f[i \\in 1..N, <<p, q>> \\in S] == i',
      'RECURSIVE R(_)',
      'R(n) == IF n = 0 THEN 0 ELSE R(n - 1)',
      'LOCAL L == 1',
      'LOCAL INSTANCE FiniteSets',
      'M == INSTANCE Chan WITH Data <- 0..N, chan <- x',
      'P(k) == INSTANCE Chan',
      'ASSUME N \\in Nat',
      'ASSUME Pos == N > 0',
      'THEOREM Thm == N = N',
      '----',
      'INSTANCE Chan WITH + <- F',
    ].join('\n'),
  );
  const byKind = (k: Unit['kind']): Unit[] => m.units.filter((u) => u.kind === k);

  it('EXTENDS', () => {
    expect(m.extends.map((n) => n.name)).toEqual(['Naturals', 'Sequences']);
  });
  it('CONSTANTS, including operator constants', () => {
    const c = byKind('ConstantDecl')[0];
    expect(c?.kind === 'ConstantDecl' && c.decls.map((d) => `${d.name}/${d.arity}`)).toEqual(['N/0', 'F/1', '\\prec/2']);
  });
  it('VARIABLES', () => {
    const v = byKind('VariableDecl')[0];
    expect(v?.kind === 'VariableDecl' && v.names.map((n) => n.name)).toEqual(['x', 'y']);
  });
  it('operator definitions: higher-order, infix, prefix, postfix', () => {
    const ops = byKind('OperatorDef').map((u) => (u.kind === 'OperatorDef' ? `${u.local ? 'LOCAL ' : ''}${u.name}(${u.params.map((p) => `${p.name}/${p.arity}`).join(',')})` : ''));
    expect(ops).toEqual(['Op(a/0,G/2)', '\\ll(a/0,b/0)', '-.(a/0)', '^+(a/0)', 'R(n/0)', 'LOCAL L()']);
  });
  it('function definitions with tuple bounds', () => {
    const f = byKind('FunctionDef')[0];
    expect(f?.kind === 'FunctionDef' && f.bounds.map((b) => `${b.tuple}:${b.names.map((n) => n.name).join(',')}`)).toEqual(['false:i', 'true:p,q']);
  });
  it('RECURSIVE', () => {
    const r = byKind('RecursiveDecl')[0];
    expect(r?.kind === 'RecursiveDecl' && r.decls.map((d) => `${d.name}/${d.arity}`)).toEqual(['R/1']);
  });
  it('INSTANCE forms', () => {
    const inst = byKind('Instance').map((u) => (u.kind === 'Instance' ? `${u.local}:${u.module.name}:${u.substitutions.map((s) => `${s.target.name}<-${sexpr(s.value)}`).join(',')}` : ''));
    expect(inst).toEqual(['true:FiniteSets:', 'false:Chan:+<-F']);
    const md = byKind('ModuleDef').map((u) =>
      u.kind === 'ModuleDef' ? `${u.name}(${u.params.map((p) => p.name).join(',')})=${u.instance.module.name}:${u.instance.substitutions.map((s) => `${s.target.name}<-${sexpr(s.value)}`).join(',')}` : '',
    );
    expect(md).toEqual(['M()=Chan:Data<-(.. 0 N),chan<-x', 'P(k)=Chan:']);
  });
  it('ASSUME (named and unnamed) and THEOREM', () => {
    const a = byKind('Assume').map((u) => (u.kind === 'Assume' ? `${u.name ?? '-'}:${sexpr(u.expr)}` : ''));
    expect(a).toEqual(['-:(\\in N Nat)', 'Pos:(> N 0)']);
    expect(byKind('Theorem').map((u) => (u.kind === 'Theorem' ? u.name : ''))).toEqual(['Thm']);
  });
});

describe('files with several modules', () => {
  it('returns every module in order, the first one being the spec', () => {
    const sf = parseTla('---- MODULE A ----\nX == 1\n====\n---- MODULE B ----\nY == 2\n====\n', 'A.tla');
    expect(sf.modules.map((m) => m.name)).toEqual(['A', 'B']);
  });
  it('keeps nested submodules as units', () => {
    const m = mod('---- MODULE Inner ----\nZ == 3\n====\nW == 4', 'Outer');
    const sub = m.units.find((u) => u.kind === 'Submodule');
    expect(sub?.kind === 'Submodule' && sub.module.name).toBe('Inner');
  });
});

describe('syntax errors are located', () => {
  it.each([
    ['---- MODULE E ----\nOp == 1 + * 2\n====\n', 2, 11, 'in the definition of Op', "near '*'"],
    ['---- MODULE E ----\nOp == {1, 2\n====\n', 2, 11, 'in the definition of Op', "near '2'"],
    ['---- MODULE E ----\nA == 1\nOp == CASE 1 -> 2 []\nB == 1\n====\n', 3, 19, 'in the definition of Op', "near '[]'"],
    ['---- MODULE E ----\nOp == [x \\in S |-> ]\n====\n', 2, 19, 'expected an identifier', "near ']'"],
    ['---- MODULE E ----\nVARIABLE\n====\n', 2, 9, 'expected an identifier', "near '===='"],
  ])('%#', (src, line, col, what, near) => {
    const e = parseError(src, 'E.tla');
    expect(e.message.startsWith(`E.tla:${line}:${col}: `)).toBe(true);
    expect(e.message).toContain(what);
    expect(e.message).toContain(near);
    expect(e.loc).toMatchObject({ file: 'E.tla', line, col });
  });

  it('a misspelt backslash operator is named', () => {
    const e = parseError('---- MODULE E ----\n(* \\weird in a comment *)\nS == "\\also" \\o \\hFF + \\b101 + \\O17\nOp == 1 \\inn S \\* \\fine\n====\n', 'E.tla');
    expect(e.message).toBe("E.tla:4:9: unknown operator '\\inn' near '\\inn'");
  });

  it('an unclosed block comment is located at its (* (nested and in-string (* do not count)', () => {
    const e = parseError('---- MODULE E ----\nS == "(*" \\* (* in a line comment\n(* (* nested *) closed *)\nA == 1\n(* never closed\nB == 2\n====\n', 'E.tla');
    expect(e.message).toBe("E.tla:5:1: unclosed comment: this '(*' is never closed by a matching '*)' near '(*'");
  });

  it("a definition written with '=' instead of '=='", () => {
    const e = parseError('---- MODULE E ----\nA == 1\nOp = 1\n====\n', 'E.tla');
    expect(e.message).toBe("E.tla:3:4: expected '==' to define Op (found '=') near '='");
  });

  it("a module without its closing '===='", () => {
    const e = parseError('---- MODULE E ----\nOp == 1\n\n', 'E.tla');
    expect(e.message).toBe("E.tla:2:1: expected '====' to end module E (begun at line 1) near 'Op == 1'");
  });

  it('rejects a file without a module', () => {
    const e = parseError('just some text\n', 'X.tla');
    expect(e.message).toBe("X.tla:1:1: expected a module header '---- MODULE Name ----' near 'just some text'");
  });

  it('rejects unsupported subexpression navigation with its location', () => {
    const e = parseError('---- MODULE E ----\nA == 1 + 2\nB == A!1\n====\n', 'E.tla');
    expect(e.message).toMatch(/^E\.tla:3:\d+: unsupported/);
  });
});
