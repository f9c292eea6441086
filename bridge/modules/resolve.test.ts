import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TlaError } from '../syntax/errors.js';
import { loadResolvedSpec } from './index.js';
import type { RDef, RDefinition, RExpr, ResolvedSpec } from './resolved.js';

const DIR = '/virtual';

/** A module's text from its body. */
function m(name: string, body: string): string {
  return `---- MODULE ${name} ----\n${body}\n====\n`;
}

/** Resolves `Main` (or `root`) from an in-memory file system of modules keyed by name. */
async function resolve(files: Record<string, string>, root = 'Main'): Promise<ResolvedSpec> {
  return loadResolvedSpec(path.join(DIR, `${root}.tla`), {
    readFile: async (f) => (path.dirname(f) === DIR ? files[path.basename(f, '.tla')] : undefined),
  });
}

async function resolveError(files: Record<string, string>, root = 'Main'): Promise<TlaError> {
  try {
    await resolve(files, root);
  } catch (e) {
    if (e instanceof TlaError) return e;
    throw e;
  }
  throw new Error('expected a TlaError');
}

function def(spec: ResolvedSpec, name: string): RDefinition {
  const d = spec.definitions.get(name);
  if (!d) throw new Error(`no definition ${name}`);
  return d;
}

function opDef(spec: ResolvedSpec, name: string): RDef {
  const d = def(spec, name);
  if (d.kind !== 'Def') throw new Error(`${name} is a function definition`);
  return d;
}

/** A compact rendering of resolved expressions naming what each reference is bound to. */
function show(e: RExpr): string {
  switch (e.kind) {
    case 'Number':
      return e.value.toString();
    case 'String':
      return JSON.stringify(e.value);
    case 'Bool':
      return String(e.value);
    case 'Builtin':
      return e.args.length ? `(${e.op.key} ${e.args.map(show).join(' ')})` : e.op.key;
    case 'VarRef':
      return `var:${e.variable.name}`;
    case 'ConstRef':
      return e.args.length ? `(const:${e.constant.name} ${e.args.map(show).join(' ')})` : `const:${e.constant.name}`;
    case 'BoundRef':
      return `bound:${e.variable.name}`;
    case 'ParamRef':
      return e.args.length ? `(param:${e.param.name} ${e.args.map(show).join(' ')})` : `param:${e.param.name}`;
    case 'Call':
      return e.args.length ? `(call:${e.def.displayName} ${e.args.map(show).join(' ')})` : `call:${e.def.displayName}`;
    case 'OpArg':
      return `op:${'key' in e.op ? e.op.key : e.op.kind === 'Def' || e.op.kind === 'FnDef' ? e.op.displayName : e.op.name}`;
    case 'Lambda':
      return `(LAMBDA ${e.params.map((p) => p.name).join(' ')} : ${show(e.body)})`;
    case 'ApplyLambda':
      return `(${show(e.lambda)} ${e.args.map(show).join(' ')})`;
    case 'Junction':
      return `(${e.op} ${e.items.map(show).join(' ')})`;
    case 'SetEnum':
      return `{${e.elems.map(show).join(' ')}}`;
    case 'Tuple':
      return `<<${e.elems.map(show).join(' ')}>>`;
    case 'Quant':
      return `(${e.quantifier} ${e.bounds.map((b) => `${b.vars.map((v) => v.name).join(' ')} ${show(b.set)}`).join(', ')} : ${show(e.body)})`;
    case 'If':
      return `(IF ${show(e.cond)} ${show(e.then)} ${show(e.else)})`;
    case 'FnApp':
      return `(app ${show(e.fn)} ${e.args.map(show).join(' ')})`;
    case 'Let':
      return `(LET ${e.defs.map((d) => d.name).join(' ')} IN ${show(e.body)})`;
    case 'Except':
      return `(EXCEPT ${show(e.fn)} ${e.updates.map((u) => show(u.value)).join(' ')})`;
    case 'At':
      return '@';
    default:
      return e.kind;
  }
}

describe('binding of references', () => {
  it('binds variables, constants, bound variables, parameters, definitions and builtins', async () => {
    const spec = await resolve({
      Main: m(
        'Main',
        [
          'EXTENDS Naturals',
          'CONSTANT N',
          'VARIABLE x',
          'Max(a, b) == IF a > b THEN a ELSE b',
          'Init == x = Max(N, 1)',
          'Inv == \\A i \\in 1..N : x >= i',
        ].join('\n'),
      ),
    });
    expect(spec.variables.map((v) => `${v.name}@${v.index}`)).toEqual(['x@0']);
    expect(spec.constants.map((c) => c.name)).toEqual(['N']);
    expect(show(def(spec, 'Init').body)).toBe('(Core!= var:x (call:Max const:N 1))');
    expect(show(def(spec, 'Max').body)).toBe('(IF (Naturals!> param:a param:b) param:a param:b)');
    expect(show(def(spec, 'Inv').body)).toBe('(A i (Naturals!.. 1 const:N) : (Naturals!>= var:x bound:i))');
  });

  it('binds each reference to its own binder object (no lookup by string)', async () => {
    const spec = await resolve({
      Main: m('Main', ['S == {1}', 'Op(p) == \\E x \\in S : \\E y \\in S : x = y', 'Other(x) == x', 'P(x) == LET x2 == x IN x2'].join('\n')),
    });
    const op = opDef(spec, 'Op');
    const outer = op.body;
    if (outer.kind !== 'Quant') throw new Error('expected \\E');
    const inner = outer.body;
    if (inner.kind !== 'Quant' || inner.body.kind !== 'Builtin') throw new Error('expected \\E ... : x = y');
    const [xRef, yRef] = inner.body.args;
    expect(xRef?.kind === 'BoundRef' && xRef.variable).toBe(outer.bounds[0]?.vars[0]);
    expect(yRef?.kind === 'BoundRef' && yRef.variable).toBe(inner.bounds[0]?.vars[0]);
    // The same name in another definition is another binder.
    const other = opDef(spec, 'Other');
    expect(other.body.kind === 'ParamRef' && other.body.param).toBe(other.params[0]);
    expect(other.params[0]).not.toBe(outer.bounds[0]?.vars[0]);
    const p = opDef(spec, 'P');
    if (p.body.kind !== 'Let') throw new Error('expected LET');
    const x2 = p.body.defs[0];
    expect(x2?.kind === 'Def' && x2.inLet).toBe(true);
    expect(x2?.kind === 'Def' && x2.body.kind === 'ParamRef' && x2.body.param).toBe(p.params[0]);
    expect(p.body.body.kind === 'Call' && p.body.body.def).toBe(x2);
  });

  it('rejects giving a new meaning to a name already in scope, as SANY does', async () => {
    const e1 = await resolveError({ Main: m('Main', 'S == {1}\nOp(x) == \\E x \\in S : x') });
    expect(e1.message).toBe("/virtual/Main.tla:3:13: 'x' is already defined at /virtual/Main.tla:3:4; TLA+ does not allow redefining it near 'x'");
    const e2 = await resolveError({ Main: m('Main', 'VARIABLE v\nOp == LET v == 1 IN v') });
    expect(e2.message).toMatch(/^\/virtual\/Main\.tla:3:11: 'v' is already defined at \/virtual\/Main\.tla:2:10/);
    const e3 = await resolveError({ Main: m('Main', 'S == {1}\nOp == {S : S \\in S}') });
    expect(e3.message).toMatch(/^\/virtual\/Main\.tla:3:12: 'S' is already defined at \/virtual\/Main\.tla:2:1/);
  });

  it('resolves standard-module operators to their defining module', async () => {
    const spec = await resolve({
      Main: m('Main', ['EXTENDS Integers, Sequences, FiniteSets, TLC', 'Op == <<-1 + 2>> \\o Append(<<>>, Cardinality({1})) @@ (1 :> 2)'].join('\n')),
    });
    expect(show(def(spec, 'Op').body)).toBe(
      '(TLC!@@ (Sequences!\\o <<(Naturals!+ (Integers!-. 1) 2)>> (Sequences!Append <<>> (FiniteSets!Cardinality {1}))) (TLC!:> 1 2))',
    );
    expect(spec.builtins.get('Len')?.key).toBe('Sequences!Len');
  });

  it('does not export LOCAL INSTANCE operators of standard modules (Sequences has no +)', async () => {
    const e = await resolveError({ Main: m('Main', 'EXTENDS Sequences\nOp == 1 + 2') });
    expect(e.message).toBe("/virtual/Main.tla:3:9: unknown operator '+' (defined in the standard modules Naturals, Integers: add one to EXTENDS) near '+'");
  });
});

describe('user-defined and declared operator symbols', () => {
  it('resolves infix, prefix and postfix definitions and operator constants', async () => {
    const spec = await resolve({
      Main: m(
        'Main',
        ['EXTENDS Naturals', 'CONSTANT _ \\prec _', 'a (+) b == a + b', '-. a == 0 - a', 'a ^# == a * a', 'Use == (1 (+) 2) \\prec (-3)^#'].join('\n'),
      ),
    });
    expect(show(def(spec, 'Use').body)).toBe('(const:\\prec (call:(+) 1 2) (call:^# (call:-. 3)))');
  });

  it('EXTENDS of Naturals and Integers together shares the same + (no conflict)', async () => {
    const spec = await resolve({ Main: m('Main', 'EXTENDS Naturals, Integers\nUse == 1 + -2') });
    expect(show(def(spec, 'Use').body)).toBe('(Naturals!+ 1 (Integers!-. 2))');
  });
});

describe('located resolution errors', () => {
  it('unknown identifier: file, line, column and text', async () => {
    const e = await resolveError({ Main: m('Main', 'EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x\' = x + Incr') });
    expect(e.loc).toMatchObject({ file: '/virtual/Main.tla', line: 5, col: 18 });
    expect(e.message).toBe("/virtual/Main.tla:5:18: unknown identifier 'Incr' near 'Incr'");
  });

  it('suggests a close name in scope', async () => {
    const e = await resolveError({ Main: m('Main', 'VARIABLE x\nNext == x\' = x\nSpec == [][Nxet]_x') });
    expect(e.message).toBe("/virtual/Main.tla:4:12: unknown identifier 'Nxet' (did you mean 'Next'?) near 'Nxet'");
    const e2 = await resolveError({ Main: m('Main', 'EXTENDS Naturals\nL == Len(<<>>)') });
    expect(e2.message).toContain("unknown identifier 'Len' (defined in the standard module Sequences: add it to EXTENDS)");
  });

  it('a definition must come before its use', async () => {
    const e = await resolveError({ Main: m('Main', 'A == B\nB == 1') });
    expect(e.message).toBe("/virtual/Main.tla:2:6: unknown identifier 'B' near 'B'");
  });

  it('arity mismatch', async () => {
    const e = await resolveError({ Main: m('Main', 'Op(a, b) == a\nUse == Op(1)') });
    expect(e.message).toBe("/virtual/Main.tla:3:8: 'Op' takes 2 argument(s) but is given 1 near 'Op(1)'");
  });

  it('an operator used without its arguments', async () => {
    const e = await resolveError({ Main: m('Main', 'Op(a) == a\nUse == {Op}') });
    expect(e.message).toBe("/virtual/Main.tla:3:9: 'Op' takes 1 argument(s) but is given 0 near 'Op'");
  });

  it('@ outside EXCEPT', async () => {
    const e = await resolveError({ Main: m('Main', 'Op == {@}') });
    expect(e.message).toBe("/virtual/Main.tla:2:8: '@' is only allowed in the value of an EXCEPT update near '@'");
  });

  it('a missing module, at the EXTENDS', async () => {
    const e = await resolveError({ Main: m('Main', 'EXTENDS Naturals, Nope') });
    expect(e.message).toMatch(/^\/virtual\/Main\.tla:2:19: cannot find module 'Nope'/);
  });

  it('multiple definitions of a name', async () => {
    const e = await resolveError({ Main: m('Main', 'A == 1\nA == 2') });
    expect(e.message).toBe("/virtual/Main.tla:3:1: multiple definitions of 'A' near 'A'");
  });

  it('circular EXTENDS', async () => {
    const e = await resolveError({ Main: m('Main', 'EXTENDS B'), B: m('B', 'EXTENDS Main') });
    expect(e.message).toContain("circular EXTENDS/INSTANCE of module 'Main'");
  });
});

describe('EXTENDS', () => {
  const files = {
    Main: m('Main', 'EXTENDS B, C\nTop == BVal + CVal + DVal'),
    B: m('B', 'EXTENDS D\nBVal == DVal + 1'),
    C: m('C', 'EXTENDS D\nCVal == DVal + 2\nLOCAL Hidden == 0'),
    D: m('D', 'EXTENDS Naturals\nCONSTANT K\nVARIABLE v\nDVal == K'),
  };

  it('is transitive and diamond-safe: D is resolved once, its constant declared once', async () => {
    const spec = await resolve(files);
    expect(spec.constants.map((c) => `${c.module}.${c.name}`)).toEqual(['D.K']);
    expect(spec.variables.map((v) => `${v.module}.${v.name}`)).toEqual(['D.v']);
    const viaB = opDef(spec, 'BVal').body;
    const viaC = opDef(spec, 'CVal').body;
    const dB = viaB.kind === 'Builtin' ? viaB.args[0] : undefined;
    const dC = viaC.kind === 'Builtin' ? viaC.args[0] : undefined;
    expect(dB?.kind === 'Call' && dB.def).toBe(def(spec, 'DVal'));
    expect(dC?.kind === 'Call' && dC.def).toBe(def(spec, 'DVal'));
    expect(spec.modules).toEqual(['Main', 'B', 'D', 'Naturals', 'C']);
    expect([...(spec.definitionsByModule.get('B')?.keys() ?? [])]).toEqual(['DVal', 'BVal']);
    expect(spec.definitionsByModule.get('D')?.get('DVal')).toBe(def(spec, 'DVal'));
  });

  it('does not import LOCAL definitions', async () => {
    const e = await resolveError({ ...files, Main: m('Main', 'EXTENDS B, C\nTop == Hidden') });
    expect(e.message).toBe("/virtual/Main.tla:3:8: unknown identifier 'Hidden' near 'Hidden'");
  });

  it('rejects two different definitions of the same name', async () => {
    const e = await resolveError({ Main: m('Main', 'EXTENDS B, C'), B: m('B', 'X == 1'), C: m('C', 'X == 2') });
    expect(e.message).toBe("/virtual/Main.tla:2:12: multiple definitions of 'X' near 'C'");
  });

  it('finds modules defined later in the spec file', async () => {
    const spec = await resolve({ Main: `${m('Main', 'EXTENDS Helper\nUse == H')}${m('Helper', 'H == 7')}` });
    expect(show(def(spec, 'Use').body)).toBe('call:H');
  });
});

describe('INSTANCE', () => {
  const chan = m(
    'Chan',
    ['EXTENDS Sequences', 'CONSTANT Data', 'VARIABLE chan', 'Send(d) == d \\in Data /\\ chan\' = Append(chan, d)', 'SendTwice(d) == Send(d) /\\ Send(d)'].join('\n'),
  );

  it('substitutes WITH expressions for constants and variables', async () => {
    const spec = await resolve({
      Main: m('Main', ['EXTENDS Naturals', 'CONSTANT N', 'VARIABLE q', 'I == INSTANCE Chan WITH Data <- 0..N, chan <- q', 'Next == I!Send(1)'].join('\n')),
      Chan: chan,
    });
    expect(show(def(spec, 'I!Send').body)).toBe(
      "(Core!/\\ (Core!\\in param:d (Naturals!.. 0 const:N)) (Core!= (Core!' var:q) (Sequences!Append var:q param:d)))",
    );
    expect(show(def(spec, 'Next').body)).toBe('(call:I!Send 1)');
    // Chan's own constant and variable are parameters, not declarations of the spec.
    expect(spec.constants.map((c) => c.name)).toEqual(['N']);
    expect(spec.variables.map((v) => v.name)).toEqual(['q']);
  });

  it('substitutes same-named constants and variables implicitly, and imports unqualified', async () => {
    const spec = await resolve({
      Main: m('Main', ['CONSTANT Data', 'VARIABLE chan', 'INSTANCE Chan', 'Next == \\E d \\in Data : Send(d)'].join('\n')),
      Chan: chan,
    });
    expect(show(opDef(spec, 'Send').body)).toBe("(Core!/\\ (Core!\\in param:d const:Data) (Core!= (Core!' var:chan) (Sequences!Append var:chan param:d)))");
    expect(show(def(spec, 'Next').body)).toBe('(E d const:Data : (call:Send bound:d))');
  });

  it('makes one copy per instance (two instances, two substitutions)', async () => {
    const spec = await resolve({
      Main: m('Main', ['VARIABLES a, b', 'A == INSTANCE Chan WITH Data <- {1}, chan <- a', 'B == INSTANCE Chan WITH Data <- {2}, chan <- b'].join('\n')),
      Chan: chan,
    });
    expect(def(spec, 'A!Send')).not.toBe(def(spec, 'B!Send'));
    expect(show(def(spec, 'B!SendTwice').body)).toBe('(Core!/\\ (call:B!Send param:d) (call:B!Send param:d))');
  });

  it('reports a constant with no substitution and nothing of that name in scope', async () => {
    const e = await resolveError({ Main: m('Main', 'VARIABLE chan\nI == INSTANCE Chan'), Chan: chan });
    expect(e.message).toMatch(/^\/virtual\/Main\.tla:3:6: INSTANCE Chan: no substitution for constant 'Data'/);
  });

  it('reports a substitution for a name the module does not declare', async () => {
    const e = await resolveError({ Main: m('Main', 'VARIABLE chan\nI == INSTANCE Chan WITH Data <- 1, Dat <- 2'), Chan: chan });
    expect(e.message).toBe("/virtual/Main.tla:3:36: module 'Chan' has no constant or variable 'Dat' near 'Dat'");
  });

  it('parameterised instances prepend the instance parameters', async () => {
    const spec = await resolve({
      Main: m('Main', ['VARIABLE chan', 'P(k) == INSTANCE Chan WITH Data <- {k}', 'Next == P(3)!SendTwice(4)'].join('\n')),
      Chan: chan,
    });
    const next = def(spec, 'Next').body;
    if (next.kind !== 'Call') throw new Error('expected a call');
    const sendTwice = next.def;
    expect(sendTwice.displayName).toBe('P!SendTwice');
    expect(sendTwice.instanceParams).toBe(1);
    expect(sendTwice.params.map((p) => p.name)).toEqual(['k', 'd']);
    expect(show(next)).toBe('(call:P!SendTwice 3 4)');
    // Inside the instance, calls pass the instance parameter along.
    expect(show(sendTwice.kind === 'Def' ? sendTwice.body : next)).toBe('(Core!/\\ (call:P!Send param:k param:d) (call:P!Send param:k param:d))');
    const e = await resolveError({ Main: m('Main', ['VARIABLE chan', 'P(k) == INSTANCE Chan WITH Data <- {k}', 'Next == P!Send(4)'].join('\n')), Chan: chan });
    expect(e.message).toMatch(/^\/virtual\/Main\.tla:4:9: instance 'P' takes 1 argument\(s\) but is given 0/);
  });

  it('substitutes operator constants with operators and LAMBDAs', async () => {
    const spec = await resolve({
      Main: m('Main', ['EXTENDS Naturals', 'Twice(a) == 2 * a', 'A == INSTANCE Ops WITH F <- Twice', 'B == INSTANCE Ops WITH F <- LAMBDA z : z + 1'].join('\n')),
      Ops: m('Ops', 'CONSTANT F(_)\nUse == F(5)'),
    });
    expect(show(def(spec, 'A!Use').body)).toBe('(call:Twice 5)');
    expect(show(def(spec, 'B!Use').body)).toBe('((LAMBDA z : (Naturals!+ param:z 1)) 5)');
  });

  it('hides LOCAL definitions of the instantiated module and reports unknown I!Op', async () => {
    const files = { Lib: m('Lib', 'LOCAL Hidden == 1\nShown == Hidden + 0'), Main: m('Main', 'L == INSTANCE Lib\nUse == L!Hidden') };
    const e = await resolveError({ ...files, Lib: m('Lib', 'EXTENDS Naturals\nLOCAL Hidden == 1\nShown == Hidden + 0') });
    expect(e.message).toBe("/virtual/Main.tla:3:10: module instance 'L' has no definition 'Hidden' near 'Hidden'");
    const e2 = await resolveError({ Main: m('Main', 'VARIABLE chan\nI == INSTANCE Chan WITH Data <- {}\nUse == I!Sned(1)'), Chan: chan });
    expect(e2.message).toBe("/virtual/Main.tla:4:10: module instance 'I' has no definition 'Sned' near 'Sned'");
    const e3 = await resolveError({ Main: m('Main', 'VARIABLE chan\nUse == J!Send(1)'), Chan: chan });
    expect(e3.message).toBe("/virtual/Main.tla:3:8: unknown module instance 'J' near 'J'");
  });

  it('INSTANCE inside LET', async () => {
    const spec = await resolve({
      Main: m('Main', ['VARIABLE q', 'Op(s) == LET C == INSTANCE Chan WITH Data <- s, chan <- q IN C!Send(1)'].join('\n')),
      Chan: chan,
    });
    const op = opDef(spec, 'Op');
    if (op.body.kind !== 'Let' || op.body.body.kind !== 'Call') throw new Error('expected LET ... IN C!Send(1)');
    const send = op.body.body.def;
    expect(send.displayName).toBe('C!Send');
    // It depends on the enclosing operator's parameter s: marked like a LET definition.
    expect(send.inLet).toBe(true);
    expect(opDef(spec, 'Op').inLet).toBe(false);
    expect(show(send.kind === 'Def' ? send.body : op.body)).toBe(
      "(Core!/\\ (Core!\\in param:d param:s) (Core!= (Core!' var:q) (Sequences!Append var:q param:d)))",
    );
  });

  it('shares parameterless instances of modules without constants or variables', async () => {
    const spec = await resolve({
      Main: m('Main', 'EXTENDS B, C\nUse == Twice(1)'),
      B: m('B', 'INSTANCE Util'),
      C: m('C', 'INSTANCE Util'),
      Util: m('Util', 'EXTENDS Naturals\nTwice(n) == 2 * n'),
    });
    expect(show(def(spec, 'Use').body)).toBe('(call:Twice 1)');
    // With constants the instances differ, and two of them under one name is an error.
    const e = await resolveError({
      Main: m('Main', 'EXTENDS B, C'),
      B: m('B', 'K == 1\nINSTANCE P'),
      C: m('C', 'K == 2\nINSTANCE P'),
      P: m('P', 'CONSTANT K\nGetK == K'),
    });
    expect(e.message).toMatch(/multiple definitions of 'K'|multiple definitions of 'GetK'/);
  });

  it('instances may be nested and qualified twice', async () => {
    const spec = await resolve({
      Main: m('Main', 'VARIABLE chan\nO == INSTANCE Outer\nUse == O!C!Send(1)'),
      Outer: m('Outer', 'VARIABLE chan\nC == INSTANCE Chan WITH Data <- {1}'),
      Chan: chan,
    });
    expect(show(def(spec, 'Use').body)).toBe('(call:O!C!Send 1)');
  });
});

describe('operators: RECURSIVE, function definitions, higher-order, LAMBDA', () => {
  it('RECURSIVE operators call themselves (a cyclic reference to the same definition)', async () => {
    const spec = await resolve({ Main: m('Main', 'EXTENDS Naturals\nRECURSIVE Fact(_)\nFact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)') });
    const fact = opDef(spec, 'Fact');
    expect(fact.recursive).toBe(true);
    const body = fact.body;
    const call = body.kind === 'If' && body.else.kind === 'Builtin' ? body.else.args[1] : undefined;
    expect(call?.kind === 'Call' && call.def).toBe(fact);
  });

  it('rejects a RECURSIVE declaration without definition, or with another arity', async () => {
    const e1 = await resolveError({ Main: m('Main', 'RECURSIVE F(_)\nG == 1') });
    expect(e1.message).toMatch(/^\/virtual\/Main\.tla:2:11: RECURSIVE operator 'F' is declared but never defined/);
    const e2 = await resolveError({ Main: m('Main', 'RECURSIVE F(_)\nF(a, b) == a') });
    expect(e2.message).toMatch(/^\/virtual\/Main\.tla:3:1: 'F' is declared RECURSIVE with 1 parameter\(s\) but defined with 2/);
  });

  it('mutually recursive operators and operator parameters passed on as arguments', async () => {
    const spec = await resolve({
      Main: m(
        'Main',
        [
          'EXTENDS Naturals',
          'RECURSIVE Even(_), Odd(_)',
          'Even(n) == IF n = 0 THEN TRUE ELSE Odd(n - 1)',
          'Odd(n) == IF n = 0 THEN FALSE ELSE Even(n - 1)',
          'Ap(F(_, _), a) == F(a, a)',
          'Ap2(G(_, _)) == Ap(G, 1)',
        ].join('\n'),
      ),
    });
    expect(show(def(spec, 'Even').body)).toBe('(IF (Core!= param:n 0) true (call:Odd (Naturals!- param:n 1)))');
    const even = opDef(spec, 'Even');
    const odd = opDef(spec, 'Odd');
    const callOdd = even.body.kind === 'If' ? even.body.else : undefined;
    expect(callOdd?.kind === 'Call' && callOdd.def).toBe(odd);
    // The call was resolved before Odd's definition: its arguments still match Odd's real params.
    expect(odd.params.map((p) => p.name)).toEqual(['n']);
    const ap2 = opDef(spec, 'Ap2');
    expect(show(ap2.body)).toBe('(call:Ap op:G 1)');
    const arg = ap2.body.kind === 'Call' ? ap2.body.args[0] : undefined;
    expect(arg?.kind === 'OpArg' && arg.op).toBe(ap2.params[0]);
  });

  it('without RECURSIVE, an operator cannot refer to itself', async () => {
    const e = await resolveError({ Main: m('Main', 'EXTENDS Naturals\nFact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)') });
    expect(e.message).toMatch(/unknown identifier 'Fact'/);
  });

  it('recursive function definitions refer to themselves', async () => {
    const spec = await resolve({ Main: m('Main', 'EXTENDS Naturals\nsum[n \\in 0..5] == IF n = 0 THEN 0 ELSE n + sum[n - 1]') });
    const sum = def(spec, 'sum');
    expect(sum.kind).toBe('FnDef');
    expect(show(sum.kind === 'FnDef' ? sum.body : sum.body)).toBe(
      '(IF (Core!= bound:n 0) 0 (Naturals!+ bound:n (app call:sum (Naturals!- bound:n 1))))',
    );
  });

  it('passes operators, builtins and LAMBDAs to higher-order parameters, checking arity', async () => {
    const files = {
      Main: m(
        'Main',
        ['EXTENDS Naturals', 'Ap(F(_, _), a) == F(a, a)', 'Max(a, b) == IF a > b THEN a ELSE b', 'U1 == Ap(+, 1)', 'U2 == Ap(Max, 2)', 'U3 == Ap(LAMBDA p, q : p * q, 3)'].join('\n'),
      ),
    };
    const spec = await resolve(files);
    expect(show(def(spec, 'Ap').body)).toBe('(param:F param:a param:a)');
    expect(show(def(spec, 'U1').body)).toBe('(call:Ap op:Naturals!+ 1)');
    expect(show(def(spec, 'U2').body)).toBe('(call:Ap op:Max 2)');
    expect(show(def(spec, 'U3').body)).toBe('(call:Ap (LAMBDA p q : (Naturals!* param:p param:q)) 3)');
    const e = await resolveError({ Main: m('Main', 'Ap(F(_, _), a) == F(a, a)\nInc(a) == a\nU == Ap(Inc, 1)') });
    expect(e.message).toBe("/virtual/Main.tla:4:9: expected an operator with 2 parameter(s), but 'Inc' has 1 near 'Inc'");
  });

  it('passes operators to the builtins that take them (SelectSeq, SortSeq, BagOfAll)', async () => {
    const spec = await resolve({
      Main: m(
        'Main',
        [
          'EXTENDS Naturals, Sequences, TLC, Bags',
          'IsEven(x) == x % 2 = 0',
          'S1 == SelectSeq(<<1, 2>>, IsEven)',
          'S2 == SortSeq(<<2, 1>>, <)',
          'S3 == SortSeq(<<2, 1>>, LAMBDA a, b : a > b)',
          'S4 == BagOfAll(LAMBDA x : x + 1, EmptyBag)',
        ].join('\n'),
      ),
    });
    expect(show(def(spec, 'S1').body)).toBe('(Sequences!SelectSeq <<1 2>> op:IsEven)');
    expect(show(def(spec, 'S2').body)).toBe('(TLC!SortSeq <<2 1>> op:Naturals!<)');
    expect(show(def(spec, 'S3').body)).toBe('(TLC!SortSeq <<2 1>> (LAMBDA a b : (Naturals!> param:a param:b)))');
    expect(show(def(spec, 'S4').body)).toBe('(Bags!BagOfAll (LAMBDA x : (Naturals!+ param:x 1)) Bags!EmptyBag)');
    const e = await resolveError({ Main: m('Main', 'EXTENDS Sequences\nTwo(a, b) == a\nS == SelectSeq(<<1>>, Two)') });
    expect(e.message).toBe("/virtual/Main.tla:4:23: expected an operator with 1 parameter(s), but 'Two' has 2 near 'Two'");
  });

  it('EXCEPT values bind @; LET definitions see the enclosing parameters', async () => {
    const spec = await resolve({ Main: m('Main', 'EXTENDS Naturals\nOp(f, i) == LET g == f[i] IN [f EXCEPT ![i] = @ + g]') });
    expect(show(def(spec, 'Op').body)).toBe('(LET g IN (EXCEPT param:f (Naturals!+ @ call:g)))');
  });
});

describe('spec tables for the checker', () => {
  it('lists definitions (including I!Op of plain instances) and ASSUMEs', async () => {
    const spec = await resolve({
      Main: m('Main', ['EXTENDS Naturals', 'CONSTANT N', 'ASSUME N > 0', 'ASSUME Big == N > 10', 'VARIABLE chan', 'I == INSTANCE Chan WITH Data <- {N}'].join('\n')),
      Chan: m('Chan', 'CONSTANT Data\nVARIABLE chan\nSend(d) == chan\' = d'),
    });
    expect([...spec.definitions.keys()]).toEqual(['Big', 'I!Send']);
    expect(spec.assumptions.map((a) => `${a.name ?? '-'}:${show(a.expr)}`)).toEqual(['-:(Naturals!> const:N 0)', 'Big:(Naturals!> const:N 10)']);
    expect(spec.module).toBe('Main');
    expect(spec.file).toBe('/virtual/Main.tla');
  });
});
