import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckResult, ItfTrace, ItfValue } from '../result.js';
import { crossCheck, findTlaToolsJar, parseStateHeader, parseTlcOutput, runTlc, tlcCommandLine, TlcSetupError, toolStreamConverter, toolToPlain } from './index.js';
import { renderTlcText, renderTrace, tlcValueString } from '../itf/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(join(here, 'fixtures', name), 'utf8');

describe('parsing real TLC outputs (fixtures)', () => {
  it('hanoi-success-toolmode.out: tool mode success', () => {
    const out = parseTlcOutput(fixture('hanoi-success-toolmode.out'));
    expect(out.toolMode).toBe(true);
    expect(out.version).toBe('2.09 of 28 January 2016');
    expect(out.mode).toBe('bfs');
    expect(out.initialStates).toBe(1);
    expect(out.result).toMatchObject({ result: 'success', totalStates: 913, distinctStates: 243, depth: 32, seconds: 1, tool: 'tlc' });
    expect(out.result.trace).toBeUndefined();
    expect(out.statesLeftOnQueue).toBe(0);
    expect(out.progress).toEqual([{ depth: 32, generated: 913, distinct: 243, queue: 0 }]);
    expect(out.exitCode).toBe(0);
    expect(out.finished).toBe(true);
  });

  it('dijkstramutex-progress-toolmode.out: long run with progress, checkpoints and coverage', () => {
    const out = parseTlcOutput(fixture('dijkstramutex-progress-toolmode.out'));
    expect(out.version).toBe('2.03 of 26 May 2010');
    expect(out.initialStates).toBe(4);
    expect(out.result).toMatchObject({ result: 'success', totalStates: 146157716, distinctStates: 33288512, depth: 89 });
    // Starting... (2011-01-01 07:58:28) to Finished. (2011-01-01 08:51:30)
    expect(out.result.seconds).toBe(53 * 60 + 2);
    expect(out.progress[0]).toEqual({ depth: 17, generated: 152897, distinct: 49158, queue: 14927 });
    expect(out.progress.at(-1)).toEqual({ depth: 89, generated: 146157716, distinct: 33288512, queue: 0 });
    expect(out.progress.length).toBeGreaterThan(5);
  });

  it('ewd687a-invariant-violation.out: plain-mode simulation with a 37-state counterexample', () => {
    const out = parseTlcOutput(fixture('ewd687a-invariant-violation.out'));
    expect(out.toolMode).toBe(false);
    expect(out.mode).toBe('simulate');
    expect(out.seed).toBe('-5852271152884400068');
    expect(out.result).toMatchObject({ result: 'invariant', violated: 'InterestingBehavior', totalStates: 4638, distinctStates: 0, depth: 37, seconds: 1 });
    expect(out.exitCode).toBe(12);
    const trace = out.result.trace!;
    expect(trace.vars).toEqual(['_animator', 'file']);
    expect(trace.states).toHaveLength(37);
    expect(trace.states[0]!['#meta']).toEqual({ index: 0, action: 'Init', location: 'line 281, col 9 to line 286, col 58 of module EWD687a' });
    expect(trace.states[1]!['#meta']).toMatchObject({ action: 'SendMsg', location: 'line 298, col 15 to line 302, col 64 of module EWD687a' });
    expect(trace.states[36]!['#meta']).toMatchObject({ index: 36, action: 'RcvAck' });
    expect(trace.states[36]!['file']).toEqual({ exitValue: 0, stdout: '', stderr: '' });
    expect(String(trace.states[1]!['_animator'])).toContain("<text x='350' y='120'>Step: 2</text>");
  });
});

describe('our printer against real TLC text', () => {
  it('re-renders every state of the EWD687a fixture line for line (records: TLC 2.16 field order aside)', () => {
    const text = fixture('ewd687a-invariant-violation.out');
    const trace = parseTlcOutput(text).result.trace!;
    const original = text.split('\n').filter((l) => l.startsWith('/\\ '));
    const ours = renderTrace(trace).filter((l) => l.startsWith('/\\ '));
    expect(ours).toHaveLength(original.length);
    const headers = (lines: readonly string[]): string[] => lines.filter((l) => /^State \d+: /.test(l));
    expect(headers(renderTrace(trace))).toEqual(headers(text.split('\n')));
    expect(headers(text.split('\n'))).toHaveLength(37);
    for (let i = 0; i < ours.length; i++) {
      if (ours[i]!.startsWith('/\\ file = ')) {
        // TLC 2.16 printed record fields in creation order; current TLC (and we) sort them.
        expect(original[i]).toBe('/\\ file = [exitValue |-> 0, stdout |-> "", stderr |-> ""]');
        expect(ours[i]).toBe('/\\ file = [exitValue |-> 0, stderr |-> "", stdout |-> ""]');
      } else {
        expect(ours[i]).toBe(original[i]);
      }
    }
  });
});

const DIEHARD_PLAIN = `TLC2 Version 2.19 of 08 August 2024 (rev: 5a47802)
Running breadth-first search Model-Checking with fp 103 and seed -123 with 1 worker on 2 cores with 1024MB heap and 64MB offheap memory [pid: 1] (Linux 6.1 amd64, Eclipse Adoptium 21.0.1 x86_64, MSBDiskFPSet, DiskStateQueue).
Parsing file /tmp/DieHard.tla
Semantic processing of module DieHard
Starting... (2024-09-01 10:00:00)
Computing initial states...
Finished computing initial states: 1 distinct state generated at 2024-09-01 10:00:00.
Error: Invariant NotSolved is violated.
Error: The behavior up to this point is:
State 1: <Initial predicate>
/\\ big = 0
/\\ small = 0

State 2: <FillBigJug line 68, col 18 to line 69, col 34 of module DieHard>
/\\ big = 5
/\\ small = 0

State 3: <BigToSmall line 94, col 15 to line 95, col 52 of module DieHard>
/\\ big = 2
/\\ small = 3

97 states generated, 14 distinct states found, 2 states left on queue.
The depth of the complete state graph search is 7.
Finished in 00s at (2024-09-01 10:00:00)
`;

const TOOL = (code: number, cls: number, body: string): string => `@!@!@STARTMSG ${code}:${cls} @!@!@\n${body}\n@!@!@ENDMSG ${code} @!@!@\n`;

describe('parsing synthetic TLC outputs (formats of MP.java)', () => {
  it('plain-mode invariant violation (DieHard) with the trace as ITF', () => {
    const out = parseTlcOutput(DIEHARD_PLAIN);
    expect(out.version).toBe('2.19 of 08 August 2024 (rev: 5a47802)');
    expect(out.mode).toBe('bfs');
    expect(out.result).toMatchObject({ result: 'invariant', violated: 'NotSolved', totalStates: 97, distinctStates: 14, depth: 7 });
    expect(out.statesLeftOnQueue).toBe(2);
    expect(out.result.trace).toEqual({
      '#meta': { format: 'ITF', source: 'TLC' },
      vars: ['big', 'small'],
      states: [
        { '#meta': { index: 0, action: '<Initial predicate>' }, big: 0, small: 0 },
        { '#meta': { index: 1, action: 'FillBigJug', location: 'line 68, col 18 to line 69, col 34 of module DieHard' }, big: 5, small: 0 },
        { '#meta': { index: 2, action: 'BigToSmall', location: 'line 94, col 15 to line 95, col 52 of module DieHard' }, big: 2, small: 3 },
      ],
    });
  });

  it('the same violation in tool mode gives the same result', () => {
    const tool =
      TOOL(2262, 0, 'TLC2 Version 2.19 of 08 August 2024 (rev: 5a47802)') +
      TOOL(2110, 1, 'Invariant NotSolved is violated.') +
      TOOL(2121, 1, 'The behavior up to this point is:') +
      TOOL(2217, 4, '1: <Initial predicate>\n/\\ big = 0\n/\\ small = 0\n') +
      TOOL(2217, 4, '2: <FillBigJug line 68, col 18 to line 69, col 34 of module DieHard>\n/\\ big = 5\n/\\ small = 0\n') +
      TOOL(2217, 4, '3: <BigToSmall line 94, col 15 to line 95, col 52 of module DieHard>\n/\\ big = 2\n/\\ small = 3\n') +
      TOOL(2199, 0, '97 states generated, 14 distinct states found, 2 states left on queue.') +
      TOOL(2194, 0, 'The depth of the complete state graph search is 7.') +
      TOOL(2186, 0, 'Finished in 00s at (2024-09-01 10:00:00)');
    const a = parseTlcOutput(tool);
    const b = parseTlcOutput(DIEHARD_PLAIN);
    expect(a.toolMode).toBe(true);
    expect(a.result).toEqual(b.result);
  });

  it('our renderer output parses back to the same result (render -> TLC parser round trip)', () => {
    const b = parseTlcOutput(DIEHARD_PLAIN).result;
    const again = parseTlcOutput(renderTlcText(b, { statesLeftOnQueue: 2 }) + 'Finished in 00s at (2024-09-01 10:00:00)\n').result;
    expect(again).toEqual({ ...b, trace: { ...b.trace!, states: b.trace!.states } });
  });

  it('deadlock with model values and functions, exit code 11', () => {
    const out = parseTlcOutput(`Error: Deadlock reached.
Error: The behavior up to this point is:
State 1: <Initial predicate>
/\\ pc = (p1 :> "a" @@ p2 :> "a")
/\\ lock = {}

State 2: <Acquire(p1) line 10, col 3 to line 12, col 30 of module Mutex>
/\\ pc = (p1 :> "cs" @@ p2 :> "a")
/\\ lock = {p1}

5 states generated, 4 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 2.
`);
    expect(out.result.result).toBe('deadlock');
    expect(out.exitCode).toBe(11);
    expect(out.result.trace!['#meta']!.modelValues).toEqual(['p1', 'p2']);
    expect(out.result.trace!.states[1]!['#meta']).toMatchObject({ action: 'Acquire', actionArgs: 'p1' });
    expect(out.result.trace!.states[1]!['lock']).toEqual({ '#set': ['p1'] });
  });

  it('invariant violated by the initial state (no State 1 header)', () => {
    const out = parseTlcOutput('Error: Invariant TypeOK is violated by the initial state:\n/\\ x = -1\n/\\ y = <<>>\n\n1 states generated, 1 distinct states found, 0 states left on queue.\n');
    expect(out.result).toMatchObject({ result: 'invariant', violated: 'TypeOK', distinctStates: 1 });
    expect(out.result.trace!.states).toEqual([{ '#meta': { index: 0, action: '<Initial predicate>' }, x: -1, y: [] }]);
  });

  it('liveness lassos: Back to state, and stuttering, in plain and tool mode', () => {
    const lasso = parseTlcOutput(`Error: Temporal properties were violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Inc line 5, col 1 to line 5, col 10 of module L>
x = 1

Back to state 1.

10 states generated, 2 distinct states found, 0 states left on queue.
`);
    expect(lasso.result).toMatchObject({ result: 'liveness', distinctStates: 2 });
    expect(lasso.exitCode).toBe(13);
    expect(lasso.result.trace!.loop).toBe(0);
    expect(lasso.result.trace!.vars).toEqual(['x']);
    const stutter = parseTlcOutput(
      TOOL(2116, 1, 'Temporal properties were violated.') + TOOL(2217, 4, '1: <Initial predicate>\nx = 0\n') + TOOL(2218, 4, '2: Stuttering') + TOOL(2122, 4, '1: Back to state.'),
    );
    expect(stutter.result.trace!['#meta']!.stuttering).toBe(true);
    expect(stutter.result.trace!.loop).toBe(0);
  });

  it('errors: parse errors (150), config errors (151), evaluation errors (75), assertion (14), truncated runs', () => {
    const parse = parseTlcOutput('***Parse Error***\nEncountered "=" at line 3, column 5 in module M\n\nFatal errors while parsing TLA+ spec in file M\n');
    expect(parse.result.result).toBe('error');
    expect(parse.exitCode).toBe(150);
    expect(parse.result.message).toContain('line 3, column 5');
    const cfg = parseTlcOutput('Error: TLC found an error in the configuration file at line 2\nIt was expecting = or <- and didn\'t find it.\n');
    expect(cfg.exitCode).toBe(151);
    expect(cfg.result.message).toContain('configuration file at line 2');
    const ev = parseTlcOutput('Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n0. Line 5, column 3 to line 5, column 10 in M\n');
    expect(ev.exitCode).toBe(75);
    const as = parseTlcOutput('Error: The first argument of Assert evaluated to FALSE; the second argument was:\n"boom"\n');
    expect(as.exitCode).toBe(14);
    const cut = parseTlcOutput(TOOL(2200, 0, 'Progress(3) at 2024-01-01 00:00:00: 10 states generated, 7 distinct states found, 3 states left on queue.'));
    expect(cut.result).toMatchObject({ result: 'error', distinctStates: 7, totalStates: 10, depth: 3, message: 'TLC output ended before a verdict (truncated or killed run)' });
    expect(cut.finished).toBe(false);
  });

  it('the streaming converter gives the same plain text as toolToPlain, whatever the chunking', () => {
    const tool = fixture('hanoi-success-toolmode.out');
    const whole = toolToPlain(tool).plain;
    for (const size of [1, 7, 64, 100000]) {
      let out = '';
      const conv = toolStreamConverter((t) => (out += t));
      for (let i = 0; i < tool.length; i += size) conv.push(tool.slice(i, i + size));
      conv.end();
      expect(out.trimEnd()).toBe(whole.trimEnd());
    }
  });

  it('values outside the ITF-able syntax become #unserializable, the rest of the state is kept', () => {
    const out = parseTlcOutput('Error: Deadlock reached.\nState 1: <Initial predicate>\n/\\ x = {1, \n/\\ f = [{1, 2} -> BOOLEAN]\n/\\ y = 2\n');
    expect(out.result.trace!.states[0]).toEqual({
      '#meta': { index: 0, action: '<Initial predicate>' },
      x: { '#unserializable': '{1,' },
      f: { '#unserializable': '[{1, 2} -> BOOLEAN]' },
      y: 2,
    });
  });

  it('a state without variable lines is a located error', () => {
    expect(() => parseTlcOutput('Error: Deadlock reached.\nState 1: <Initial predicate>\nnot a state line\n')).toThrow("line 3: cannot read the state printed by TLC: expected 'variable = value' or '/\\ variable = value' but found 'not a state line'");
  });

  it('durations: TLC forms and decimals', () => {
    const secs = (line: string): number => parseTlcOutput(`Model checking completed. No error has been found.\n${line}\n`).result.seconds;
    expect(secs('Finished in 2455ms at (2024-01-01 00:00:00)')).toBeCloseTo(2.455);
    expect(secs('Finished in 01min 02s at (2024-01-01 00:00:00)')).toBe(62);
    expect(secs('Finished in 1h 02min at (2024-01-01 00:00:00)')).toBe(3720);
    expect(secs('Finished in 1.25s')).toBe(1.25);
  });

  it('state headers', () => {
    expect(parseStateHeader('<Next line 1, col 2 to line 3, col 4 of module M>')).toEqual({ action: 'Next', location: 'line 1, col 2 to line 3, col 4 of module M' });
    expect(parseStateHeader('<RcvDropIgnoredMessage(n1,n2) line 990, col 5 to line 992, col 48 of module ccfraft>')).toEqual({
      action: 'RcvDropIgnoredMessage',
      actionArgs: 'n1,n2',
      location: 'line 990, col 5 to line 992, col 48 of module ccfraft',
    });
    expect(parseStateHeader('<Initial predicate>')).toEqual({ action: '<Initial predicate>' });
  });
});

describe('crossCheck', () => {
  const base: CheckResult = { result: 'success', distinctStates: 288, totalStates: 1146, depth: 11, seconds: 1 };
  it('agrees on identical outcomes', () => {
    expect(crossCheck(base, { ...base, seconds: 9, tool: 'tlc' })).toEqual([]);
  });
  it('reports verdict and distinct-state differences', () => {
    expect(crossCheck(base, { ...base, distinctStates: 289 })).toEqual(['distinct states: exitspec found 288, TLC found 289']);
    expect(crossCheck(base, { ...base, result: 'deadlock' })).toEqual(["verdict: exitspec says 'success', TLC says 'deadlock'"]);
  });
  it('does not compare assumption names: TLC names assumptions by location', () => {
    const ours: CheckResult = { ...base, result: 'assumption', violated: 'NPositive' };
    expect(crossCheck(ours, { ...ours, violated: 'line 10, col 8 to line 10, col 21 of module AssumeFalse' })).toEqual([]);
    expect(parseTlcOutput('Error: Assumption line 10, col 8 to line 10, col 21 of module AssumeFalse is false.\n').result).toMatchObject({
      result: 'assumption',
      violated: 'line 10, col 8 to line 10, col 21 of module AssumeFalse',
    });
  });

  it('on violations compares the property and the counterexample length, not counts (unless asked)', () => {
    const t = (n: number) => ({ vars: ['x'], states: Array.from({ length: n }, (_, i) => ({ x: i })) });
    const ours: CheckResult = { ...base, result: 'invariant', violated: 'Inv', trace: t(3) };
    expect(crossCheck(ours, { ...ours, distinctStates: 5 })).toEqual([]);
    expect(crossCheck(ours, { ...ours, distinctStates: 5 }, { countsOnViolation: true })).toEqual(['distinct states: exitspec found 288, TLC found 5']);
    expect(crossCheck(ours, { ...ours, violated: 'Other', trace: t(4) })).toEqual([
      "violated property: exitspec reports 'Inv', TLC reports 'Other'",
      "counterexample length: exitspec's has 3 states, TLC's has 4 (both should be shortest, BFS)",
    ]);
  });
});

describe('running TLC: setup errors', () => {
  it('TLA2TOOLS_JAR unset: says how to obtain the jar, exit code 153', () => {
    try {
      findTlaToolsJar({});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TlcSetupError);
      expect((e as TlcSetupError).exitCode).toBe(153);
      expect((e as Error).message).toMatch(/^TLA2TOOLS_JAR is not set, so real TLC cannot run\. Download tla2tools\.jar from the TLA\+ releases \(https:\/\/github\.com\/tlaplus\/tlaplus\/releases/);
    }
  });

  it('TLA2TOOLS_JAR pointing nowhere names the path', async () => {
    expect(() => findTlaToolsJar({ TLA2TOOLS_JAR: '/nonexistent/tla2tools.jar' })).toThrow(
      'TLA2TOOLS_JAR=/nonexistent/tla2tools.jar: expected the path of tla2tools.jar but no such file exists.',
    );
    await expect(runTlc({ spec: 'X.tla', env: { TLA2TOOLS_JAR: '/nonexistent/tla2tools.jar' } })).rejects.toBeInstanceOf(TlcSetupError);
  });

  it('a missing java is a setup error, not a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tlc-'));
    const jar = join(dir, 'tla2tools.jar');
    const spec = join(dir, 'M.tla');
    await writeFile(jar, 'not really a jar');
    await writeFile(spec, '---- MODULE M ----\n====\n');
    await expect(runTlc({ spec, jar, java: join(dir, 'no-java-here') })).rejects.toThrow(/cannot run '.*no-java-here': no such program/);
  });

  it('runs a (fake) java with the TLC command line in the spec directory and parses its output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tlc-'));
    const jar = join(dir, 'tla2tools.jar');
    const spec = join(dir, 'DieHard.tla');
    const cfg = join(dir, 'DieHard.cfg');
    const java = join(dir, 'fake-java');
    await writeFile(jar, 'not really a jar');
    await writeFile(spec, '---- MODULE DieHard ----\n====\n');
    await writeFile(cfg, 'INIT Init\nNEXT Next\n');
    await writeFile(join(dir, 'out.txt'), DIEHARD_PLAIN);
    // Records its arguments and working directory, prints a canned TLC output, exits like TLC.
    await writeFile(java, `#!/bin/sh\necho "$@" > "${dir}/args.txt"\npwd > "${dir}/cwd.txt"\ncat "${dir}/out.txt"\nexit 12\n`, { mode: 0o755 });
    const chunks: string[] = [];
    const run = await runTlc({ spec, config: cfg, jar, java, workers: 2, onOutput: (c) => chunks.push(c) });
    expect(run.processExitCode).toBe(12);
    expect(run.exitCode).toBe(12);
    expect(run.result).toMatchObject({ result: 'invariant', violated: 'NotSolved', distinctStates: 14 });
    expect(chunks.join('')).toBe(DIEHARD_PLAIN);
    const args = readFileSync(join(dir, 'args.txt'), 'utf8').trim().split(' ');
    expect(args.slice(0, 5)).toEqual(['-XX:+UseParallelGC', '-cp', jar, 'tlc2.TLC', '-tool']);
    expect(args.slice(-5)).toEqual(['-workers', '2', '-config', cfg, 'DieHard.tla']);
    expect(readFileSync(join(dir, 'cwd.txt'), 'utf8').trim()).toBe(dir);
  });

  it('builds TLC command lines with -tool, -workers, -config and -deadlock', () => {
    const args = tlcCommandLine({ spec: '/a/b/Spec.tla', config: '/a/b/X.cfg', workers: 2, noDeadlock: true }, '/j/tla2tools.jar', '/tmp/m');
    expect(args).toEqual(['-XX:+UseParallelGC', '-cp', '/j/tla2tools.jar', 'tlc2.TLC', '-tool', '-metadir', '/tmp/m', '-workers', '2', '-config', '/a/b/X.cfg', '-deadlock', 'Spec.tla']);
  });
});

describe('renderTlcText -> parseTlcOutput round trip (fast-check)', () => {
  const value: fc.Arbitrary<ItfValue> = fc.letrec<{ v: ItfValue }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.boolean(),
      fc.integer({ min: -50, max: 50 }),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('mv1', 'mv2'),
      fc.array(tie('v'), { maxLength: 4 }).map((a) => ({ '#set': a })),
      fc.array(tie('v'), { minLength: 1, maxLength: 4 }),
      fc.dictionary(fc.constantFrom('f', 'gg', 'h_2'), tie('v'), { minKeys: 1, maxKeys: 3 }),
    ),
  })).v;
  const trace: fc.Arbitrary<ItfTrace> = fc
    .record({ nvars: fc.integer({ min: 1, max: 3 }), nstates: fc.integer({ min: 1, max: 4 }), loop: fc.boolean() })
    .chain(({ nvars, nstates, loop }) =>
      fc.array(fc.array(value, { minLength: nvars, maxLength: nvars }), { minLength: nstates, maxLength: nstates }).map((rows) => {
        const vars = Array.from({ length: nvars }, (_, i) => `v${i}`);
        return {
          '#meta': { modelValues: ['mv1', 'mv2'] },
          vars,
          states: rows.map((row, i) => ({
            '#meta': i === 0 ? {} : { action: `A${i}`, location: `line ${i}, col 1 to line ${i}, col 9 of module M` },
            ...Object.fromEntries(vars.map((v, j) => [v, row[j]!])),
          })),
          ...(loop ? { loop: 0 } : {}),
        } as ItfTrace;
      }),
    );

  it('every state, action and value survives printing as TLC and reading back', () => {
    const mv = new Set(['mv1', 'mv2']);
    fc.assert(
      fc.property(trace, fc.constantFrom('deadlock' as const, 'liveness' as const), (t, verdict) => {
        const result: CheckResult = { result: verdict, distinctStates: 9, totalStates: 20, depth: 3, seconds: 0, trace: verdict === 'liveness' ? t : { ...t, loop: undefined } as ItfTrace };
        const back = parseTlcOutput(renderTlcText(result)).result;
        expect(back.result).toBe(verdict);
        const got = back.trace!;
        expect(got.vars).toEqual(t.vars);
        expect(got.states).toHaveLength(t.states.length);
        if (verdict === 'liveness') expect(got.loop).toBe(t.loop);
        t.states.forEach((s, i) => {
          if (i > 0) expect(got.states[i]!['#meta']?.action).toBe(`A${i}`);
          for (const v of t.vars) {
            const gmv = new Set(got['#meta']?.modelValues ?? []);
            expect(tlcValueString(got.states[i]![v] as ItfValue, { modelValues: gmv })).toBe(tlcValueString(s[v] as ItfValue, { modelValues: mv }));
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});
