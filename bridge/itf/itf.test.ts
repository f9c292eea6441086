import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CheckResult, ItfTrace, ItfValue } from '../result.js';
import {
  ItfError,
  formatTlcValue,
  itfInt,
  parseItf,
  parseTlcState,
  parseTlcValue,
  renderTlcText,
  tlcProbability,
  tlcValueString,
  validateItf,
  writeItf,
} from './index.js';

function itfErrorOf(doc: unknown): string {
  try {
    validateItf(doc, 'trace.itf.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ItfError);
    return (e as Error).message;
  }
  throw new Error('expected an ItfError');
}

const GOOD = {
  '#meta': { format: 'ITF', modelValues: ['p1'] },
  vars: ['x', 'y'],
  states: [
    { '#meta': { index: 0, action: 'Init' }, x: 0, y: { '#set': ['p1'] } },
    { '#meta': { index: 1, action: 'Step' }, x: { '#bigint': '123456789012345678901' }, y: { '#map': [[1, 'a']] } },
  ],
};

describe('ITF validation', () => {
  it('accepts a well-formed trace and keeps it', () => {
    expect(validateItf(GOOD, 'f')).toBe(GOOD);
  });

  it('allows a state to omit a variable (unknown for trace checking)', () => {
    expect(validateItf({ vars: ['x', 'y'], states: [{ x: 1 }] }, 'f').states[0]).toEqual({ x: 1 });
  });

  it.each([
    [[], 'trace.itf.json: (top level): expected an ITF trace object, found an array'],
    [{ states: [] }, 'trace.itf.json: vars: expected an array of variable names, found nothing (missing "vars")'],
    [{ vars: 'x', states: [] }, 'trace.itf.json: vars: expected an array of variable names, found the string "x"'],
    [{ vars: ['x', 'x'], states: [] }, 'trace.itf.json: vars[1]: expected distinct variable names, found "x" twice'],
    [{ vars: ['x'] }, 'trace.itf.json: states: expected an array of states, found nothing (missing "states")'],
    [{ vars: ['x'], states: [{ x: 1 }, { x: 1 }, { x: 2 }, { x: null }] }, 'trace.itf.json: states[3].x: expected an ITF value, found null'],
    [{ vars: ['x'], states: [{ x: 1.5 }] }, 'trace.itf.json: states[0].x: expected an ITF value (integers only; use {"#bigint": "..."} for big ones), found the number 1.5'],
    [{ vars: ['x'], states: [{ x: 2 ** 60 }] }, 'trace.itf.json: states[0].x: expected an integer within ±(2^53-1) (use {"#bigint": "..."} beyond), found the number 1152921504606847000'],
    [{ vars: ['x'], states: [{ x: 1, z: 2 }] }, 'trace.itf.json: states[0].z: expected one of the variables in "vars" (x), found undeclared variable "z"'],
    [{ vars: ['x'], states: [{ x: { '#bigint': '12a' } }] }, 'trace.itf.json: states[0].x["#bigint"]: expected a decimal integer string like "-12", found the string "12a"'],
    [{ vars: ['x'], states: [{ x: { '#map': [[1]] } }] }, 'trace.itf.json: states[0].x["#map"][0]: expected a [key, value] pair, found an array'],
    [{ vars: ['x'], states: [{ x: { '#set': [1, { '#tup': [null] }] } }] }, 'trace.itf.json: states[0].x["#set"][1]["#tup"][0]: expected an ITF value, found null'],
    [{ vars: ['x'], states: [{ x: { '#foo': 1 } }] }, 'trace.itf.json: states[0].x: expected an ITF value (known special keys: #bigint, #tup, #set, #map, #unserializable), found an object with keys "#foo"'],
    [{ vars: ['x'], states: [{ x: { '#set': [], a: 1 } }] }, 'trace.itf.json: states[0].x: expected an ITF value: a "#..." key must be the only key of its object, found an object with keys "#set", "a"'],
    [{ vars: ['x'], states: [{ x: { a: { b: [true, null] } } }] }, 'trace.itf.json: states[0].x.a.b[1]: expected an ITF value, found null'],
    [{ vars: ['x'], states: [3] }, 'trace.itf.json: states[0]: expected a state object, found the number 3'],
    [{ vars: ['x'], states: [{ '#meta': { action: 3 } }] }, 'trace.itf.json: states[0].#meta.action: expected an action name string, found the number 3'],
    [{ vars: ['x'], states: [{ x: 1 }], loop: 1 }, 'trace.itf.json: loop: expected a state index in 0..0, found the number 1'],
    [{ '#meta': { modelValues: [1] }, vars: [], states: [] }, 'trace.itf.json: #meta.modelValues[0]: expected a string, found the number 1'],
  ])('%j', (doc, message) => {
    expect(itfErrorOf(doc)).toBe(message);
  });

  it('locates JSON syntax errors by line and column', () => {
    expect(() => parseItf('{\n  "vars": [\n  ,]}', 't.itf.json')).toThrow(/^t\.itf\.json: 3:3: expected valid JSON/);
    expect(() => parseItf('  ', 't.itf.json')).toThrow('t.itf.json: 1:1: expected a JSON ITF trace, found an empty file');
  });

  it('writeItf output reads back to the same trace, #meta first, absent variables omitted', () => {
    const text = writeItf({ vars: ['a', 'b'], states: [{ a: 1 }, { '#meta': { action: 'X' }, a: 2, b: true }], loop: 0 });
    expect(Object.keys(JSON.parse(text))).toEqual(['#meta', 'vars', 'states', 'loop']);
    expect(parseItf(text, 'x')).toEqual({ '#meta': { format: 'ITF' }, vars: ['a', 'b'], states: [{ a: 1 }, { '#meta': { action: 'X' }, a: 2, b: true }], loop: 0 });
  });

  it('itfInt switches to #bigint beyond 2^53', () => {
    expect(itfInt(5n)).toBe(5);
    expect(itfInt(2n ** 53n)).toEqual({ '#bigint': '9007199254740992' });
    expect(itfInt(-(2n ** 53n) + 1n)).toBe(-(2 ** 53) + 1);
  });
});

describe('printing ITF values in TLC syntax', () => {
  const mv = new Set(['n1', 'n2', 'r1']);
  it.each<[ItfValue, string]>([
    [true, 'TRUE'],
    [false, 'FALSE'],
    [-3, '-3'],
    [{ '#bigint': '-123456789012345678901' }, '-123456789012345678901'],
    ['a "q" \\ b', '"a \\"q\\" \\\\ b"'],
    ['n1', 'n1'],
    [{ '#set': [3, 1, 2, 1] }, '{1, 2, 3}'],
    [{ '#set': ['b', 'a', 'B'] }, '{"B", "a", "b"}'],
    [{ '#set': [{ '#set': [1, 2] }, { '#set': [3] }] }, '{{3}, {1, 2}}'],
    [{ '#set': [] }, '{}'],
    [[1, 'n2'], '<<1, n2>>'],
    [[], '<<>>'],
    [{ '#tup': [1, true] }, '<<1, TRUE>>'],
    [{ b: 2, a: 1 }, '[a |-> 1, b |-> 2]'],
    [{ '#map': [['n2', 1], ['n1', 0]] }, '(n1 :> 0 @@ n2 :> 1)'],
    [{ '#map': [[2, 'b'], [1, 'a']] }, '<<"a", "b">>'],
    [{ '#map': [['y', 2], ['x', 1]] }, '[x |-> 1, y |-> 2]'],
    [{ '#map': [[0, 'a'], [1, 'b']] }, '(0 :> "a" @@ 1 :> "b")'],
    [{ '#map': [] }, '<< >>'],
    [{ '#unserializable': 'Nat' }, 'Nat'],
  ])('%j prints as %s', (v, text) => {
    expect(tlcValueString(v, { modelValues: mv })).toBe(text);
  });

  it('model values sort before other values and among themselves by name', () => {
    expect(tlcValueString({ '#set': ['r1', 'n2', 'n1'] }, { modelValues: mv })).toBe('{n1, n2, r1}');
  });

  it('breaks values wider than 80 columns like TLC Format.java', () => {
    const long = { '#set': Array.from({ length: 12 }, (_, i) => `element-number-${i}`) };
    const out = formatTlcValue(long);
    const lines = out.split('\n');
    expect(lines[0]).toBe('{ "element-number-0",');
    expect(lines[1]).toBe('  "element-number-1",');
    expect(lines.at(-1)).toBe('  "element-number-9" }');
    const rec = { '#map': Array.from({ length: 6 }, (_, i) => [`n${i}`, { '#set': [1, 2, 3, 4, 5, 6, 7, 8] }] as [ItfValue, ItfValue]) };
    const recOut = formatTlcValue(rec, { modelValues: new Set(Array.from({ length: 6 }, (_, i) => `n${i}`)) });
    expect(recOut.split('\n')[0]).toBe('( n0 :> {1, 2, 3, 4, 5, 6, 7, 8} @@');
    expect(recOut.split('\n')[1]).toBe('  n1 :> {1, 2, 3, 4, 5, 6, 7, 8} @@');
    expect(recOut.endsWith('n5 :> {1, 2, 3, 4, 5, 6, 7, 8} )')).toBe(true);
    for (const line of [...lines, ...recOut.split('\n')]) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('keeps values that fit on one line unbroken', () => {
    expect(formatTlcValue({ '#set': [1, 2] })).toBe('{1, 2}');
  });
});

/** ITF values as TLC can print and parse them back unambiguously. */
const itfArb: fc.Arbitrary<ItfValue> = fc.letrec<{ v: ItfValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('m1', 'm2'),
    fc.array(tie('v'), { maxLength: 3 }).map((a) => ({ '#set': a })),
    fc.array(tie('v'), { minLength: 1, maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'bb', 'c_1'), tie('v'), { minKeys: 1, maxKeys: 3 }),
    fc.uniqueArray(fc.integer({ min: 5, max: 9 }), { minLength: 1, maxLength: 3 }).chain((keys) =>
      fc.tuple(...keys.map((k) => tie('v').map((v) => [k, v] as [ItfValue, ItfValue]))).map((pairs) => ({ '#map': pairs })),
    ),
  ),
})).v;

describe('parsing TLC value syntax', () => {
  it('round-trips: parse(print(v)) prints the same, one-line and pretty-printed', () => {
    const modelValues = new Set(['m1', 'm2']);
    fc.assert(
      fc.property(itfArb, (v) => {
        const text = tlcValueString(v, { modelValues });
        const back = parseTlcValue(text);
        expect(tlcValueString(back.value, { modelValues: back.modelValues })).toBe(text);
        const pretty = formatTlcValue(v, { modelValues, width: 30 });
        expect(tlcValueString(parseTlcValue(pretty).value, { modelValues })).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('maps TLC syntax to ITF and collects model values', () => {
    const r = parseTlcValue('[a |-> (n1 :> 0 @@ n2 :> -1), s |-> <<"x\\"y", TRUE>>, t |-> 1..3, e |-> << >>, big |-> 99999999999999999999]');
    expect(r.value).toEqual({
      a: { '#map': [['n1', 0], ['n2', -1]] },
      s: ['x"y', true],
      t: { '#set': [1, 2, 3] },
      e: [],
      big: { '#bigint': '99999999999999999999' },
    });
    expect([...r.modelValues]).toEqual(['n1', 'n2']);
  });

  it.each([
    ['{1, 2', "expected '}' but found end of value"],
    ['<<1 2>>', "expected '>>' but found '2>>'"],
    ['[a = 1]', "expected '|->' but found '= 1]'"],
    ['"abc', 'expected a closing \'"\' but found end of value'],
    ['1 2', "expected end of value but found '2'"],
    ['', 'expected a value but found end of value'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseTlcValue(text)).toThrow(message);
  });

  it('parses a printed state, including values spanning lines and the one-variable form', () => {
    const s = parseTlcState('/\\ x = { "a",\n  "b" }\n/\\ pc = (p1 :> "idle")\n');
    expect(s.vars).toEqual(new Map<string, ItfValue>([['x', { '#set': ['a', 'b'] }], ['pc', { '#map': [['p1', 'idle']] }]]));
    expect([...s.modelValues]).toEqual(['p1']);
    expect(parseTlcState('x = 3\n').vars.get('x')).toBe(3);
  });
});

describe('renderTlcText', () => {
  const dieHard: ItfTrace = {
    vars: ['big', 'small'],
    states: [
      { '#meta': { action: 'Init' }, big: 0, small: 0 },
      { '#meta': { action: 'FillBigJug', location: 'line 68, col 18 to line 69, col 34 of module DieHard' }, big: 5, small: 0 },
    ],
  };

  it('prints an invariant violation exactly like TLC (DieHard, tlaplus/CommunityModules#47)', () => {
    const r: CheckResult = { result: 'invariant', violated: 'NotSolved', distinctStates: 14, totalStates: 97, depth: 7, seconds: 0, trace: dieHard };
    expect(renderTlcText(r)).toBe(
      [
        'Error: Invariant NotSolved is violated.',
        'Error: The behavior up to this point is:',
        'State 1: <Initial predicate>',
        '/\\ big = 0',
        '/\\ small = 0',
        '',
        'State 2: <FillBigJug line 68, col 18 to line 69, col 34 of module DieHard>',
        '/\\ big = 5',
        '/\\ small = 0',
        '',
        '97 states generated, 14 distinct states found, 0 states left on queue.',
        'The depth of the complete state graph search is 7.',
        '',
      ].join('\n'),
    );
  });

  it('prints success with the collision estimate and summary', () => {
    const text = renderTlcText({ result: 'success', distinctStates: 288, totalStates: 1146, depth: 11, seconds: 0 });
    expect(text).toContain('Model checking completed. No error has been found.\n');
    expect(text).toContain('1146 states generated, 288 distinct states found, 0 states left on queue.\nThe depth of the complete state graph search is 11.\n');
  });

  it('prints deadlock, initial-state violations, lassos and stuttering', () => {
    const one: ItfTrace = { vars: ['x'], states: [{ x: 0 }] };
    expect(renderTlcText({ result: 'invariant', violated: 'Inv', distinctStates: 1, totalStates: 1, depth: 1, seconds: 0, trace: one }, { summary: false })).toBe(
      'Error: Invariant Inv is violated by the initial state:\nx = 0\n\n',
    );
    expect(renderTlcText({ result: 'deadlock', distinctStates: 1, totalStates: 1, depth: 1, seconds: 0, trace: one }, { summary: false })).toBe(
      'Error: Deadlock reached.\nError: The behavior up to this point is:\nState 1: <Initial predicate>\nx = 0\n\n',
    );
    const lasso: ItfTrace = { vars: ['x'], states: [{ x: 0 }, { '#meta': { action: 'Inc' }, x: 1 }], loop: 0 };
    const live = renderTlcText({ result: 'liveness', distinctStates: 2, totalStates: 2, depth: 2, seconds: 0, trace: lasso }, { summary: false });
    expect(live).toContain('Error: Temporal properties were violated.');
    expect(live).toContain('State 2: <Inc>\nx = 1\n\nBack to state 1.\n');
    const stutter: ItfTrace = { '#meta': { stuttering: true }, vars: ['x'], states: [{ x: 0 }] };
    expect(renderTlcText({ result: 'liveness', distinctStates: 1, totalStates: 1, depth: 1, seconds: 0, trace: stutter }, { summary: false })).toContain(
      'State 2: Stuttering',
    );
  });

  it('prints parameterised actions with their arguments and model values bare', () => {
    const t: ItfTrace = {
      '#meta': { modelValues: ['n1', 'n2'] },
      vars: ['x'],
      states: [{ x: 'n1' }, { '#meta': { action: 'Rcv', actionParams: { i: 'n1', j: 'n2' }, location: 'line 9, col 5 to line 9, col 20 of module M' }, x: 'n2' }],
    };
    expect(renderTlcText({ result: 'deadlock', distinctStates: 2, totalStates: 2, depth: 2, seconds: 0, trace: t }, { summary: false })).toContain(
      'State 2: <Rcv(n1,n2) line 9, col 5 to line 9, col 20 of module M>\nx = n2\n',
    );
  });

  it('formats probabilities like TLC', () => {
    expect(tlcProbability(0)).toBe('0');
    expect(tlcProbability(8.84e-15)).toBe('8.8E-15');
    expect(tlcProbability(9.96e-3)).toBe('1.0E-2');
  });
});
