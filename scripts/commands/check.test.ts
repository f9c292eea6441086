/**
 * `exitspec check` and `exitspec trace-check` through the CLI dispatcher: TLC's texts and exit
 * codes, the --json last line, located errors for bad input, usage errors.
 */
import { runCli, type CliRun } from '../../test/run-cli.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'exitspec-cli-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spec = join(dir, 'Jug.tla');
writeFileSync(spec, `---- MODULE Jug ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 4 /\\ x' = x + 1\nSmall == x < 3\n====\n`);
writeFileSync(join(dir, 'Jug.cfg'), 'INIT Init\nNEXT Next\nINVARIANT Small\n');
const okCfg = join(dir, 'ok.cfg');
writeFileSync(okCfg, 'INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n');

function cli(...argv: string[]): Promise<CliRun> {
  return runCli(argv);
}

afterEach(() => vi.restoreAllMocks());

describe('exitspec check', () => {
  it('reads Spec.cfg beside the spec, prints TLC texts and exits 12 on an invariant violation', async () => {
    const r = await cli('check', spec);
    expect(r.code).toBe(12);
    expect(r.out).toMatch(/^Error: Invariant Small is violated\.$/m);
    expect(r.out).toMatch(/^State 4: <Next line 5, col 9 to line 5, col 27 of module Jug>$/m);
    expect(r.out).toMatch(/^x = 3$/m);
  });

  it('--json: the last line is the CheckResult with an ITF trace', async () => {
    const r = await cli('check', spec, '--json');
    const last = JSON.parse(r.out.trim().split('\n').pop()!) as { result: string; violated: string; trace: { states: { x: number }[] } };
    expect(last.result).toBe('invariant');
    expect(last.violated).toBe('Small');
    expect(last.trace.states.map((s) => s.x)).toEqual([0, 1, 2, 3]);
  });

  it('success: exit 0 with TLC counts', async () => {
    const r = await cli('check', spec, '--config', okCfg);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Model checking completed\. No error has been found\./);
    expect(r.out).toMatch(/^5 states generated, 5 distinct states found, 0 states left on queue\.$/m);
    expect(r.out).toMatch(/^The depth of the complete state graph search is 5\.$/m);
  });

  it('a missing config is a config error (exit 151) without a stack trace', async () => {
    const r = await cli('check', spec, '--config', join(dir, 'none.cfg'));
    expect(r.code).toBe(151);
    expect(r.err).toMatch(/none\.cfg: no such file/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a bad .cfg line is located (exit 151)', async () => {
    const bad = join(dir, 'bad.cfg');
    writeFileSync(bad, 'INIT Init\nNEXT Nxt\n');
    const r = await cli('check', spec, '--config', bad);
    expect(r.code).toBe(151);
    expect(r.err).toMatch(/bad\.cfg:2:\d+: the next-state relation Nxt is not defined/);
  });

  it('--cross-check-tlc without TLA2TOOLS_JAR says how to get TLC and exits 153', async () => {
    const saved = process.env['TLA2TOOLS_JAR'];
    delete process.env['TLA2TOOLS_JAR'];
    try {
      const r = await cli('check', spec, '--config', okCfg, '--cross-check-tlc');
      expect(r.code).toBe(153);
      expect(r.err).toMatch(/TLA2TOOLS_JAR is not set/);
    } finally {
      if (saved !== undefined) process.env['TLA2TOOLS_JAR'] = saved;
    }
  });

  it('--simulate finds the violation and prints how to replay it', async () => {
    const r = await cli('check', spec, '--simulate', '--seed', '5', '--traces', '10', '--json');
    expect(r.code).toBe(12);
    expect(r.out).toMatch(/Replay with --simulate --seed 5/);
    const last = JSON.parse(r.out.trim().split('\n').pop()!) as { result: string };
    expect(last.result).toBe('invariant');
  });

  it('the replay hint for a negative seed is a command line that parses (--seed=-3), and replays the same result', async () => {
    const r = await cli('check', spec, '--simulate', '--seed=-3', '--traces', '10');
    const hint = /Replay with (--simulate --seed=-3 --depth \d+ --traces \d+)\./.exec(r.out);
    expect(hint, r.out).not.toBeNull();
    const again = await cli('check', spec, ...hint![1]!.split(' '));
    expect(again.code).toBe(r.code);
  });

  it("TLC's one-dash options get a hint to use two dashes", async () => {
    const r = await cli('check', spec, '-config', okCfg);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '-config': exitspec's options take two dashes (--config)");
    const d = await cli('check', spec, '-deadlock');
    expect(d.code).toBe(2);
    expect(d.err).toContain("unknown option '-deadlock'");
  });

  it('usage errors exit 2', async () => {
    expect((await cli('check')).code).toBe(2);
    expect((await cli('check', spec, '--max-states', 'x')).code).toBe(2);
    expect((await cli('check', 'notla.txt')).code).toBe(2);
    expect((await cli('check', spec, '--seed', '1')).code).toBe(2); // --seed without --simulate
    for (const o of ['--max-states', '--workers']) {
      const r = await cli('check', spec, '--simulate', o, '2');
      expect(r.code, o).toBe(2);
      expect(r.err).toContain(`${o} is not used by --simulate`);
    }
  });

  it("a spec whose module is not named after its file is a parse error (SANY's rule, exit 150)", async () => {
    const f = join(dir, 'Renamed.tla');
    writeFileSync(f, `---- MODULE Jug ----\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n`);
    const r = await cli('check', f, '--config', okCfg);
    expect(r.code).toBe(150);
    expect(r.err).toMatch(/Renamed\.tla:1:1: File name 'Renamed' does not match the name 'Jug' of the top level module/);
  });

  it('a recursion that never ends is an evaluation error located at the recursion (exit 75), not an internal error', async () => {
    const f = join(dir, 'Loop.tla');
    writeFileSync(f, `---- MODULE Loop ----\nEXTENDS Naturals\nVARIABLE x\nRECURSIVE g(_)\ng(n) == IF n = 0 THEN 0 ELSE g(n + 1)\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1 /\\ g(x) = 0\n====\n`);
    writeFileSync(join(dir, 'Loop.cfg'), 'INIT Init\nNEXT Next\n');
    for (const extra of [[], ['--simulate', '--traces', '2']]) { // --workers needs dist/ (worker threads load compiled JS)
      const r = await cli('check', f, ...extra);
      expect(r.code, extra.join(' ')).toBe(75);
      expect(r.out).toMatch(/^Error: This was a stack overflow\./m);
      expect(r.out).toMatch(/The error occurred at .*Loop\.tla:5:\d+/);
      expect(r.err).not.toMatch(/internal error/);
    }
  });

  it('a state or action constraint that is not a boolean stops with an evaluation error (exit 75), not a silent pass', async () => {
    const f = join(dir, 'Cons.tla');
    writeFileSync(f, `---- MODULE Cons ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1\nNum == x + 1\n====\n`);
    for (const kw of ['CONSTRAINT', 'ACTION_CONSTRAINT']) {
      const cfg = join(dir, `cons-${kw}.cfg`);
      writeFileSync(cfg, `INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n${kw} Num\n`);
      const r = await cli('check', f, '--config', cfg);
      expect(r.code, kw).toBe(75);
      expect(r.out).toMatch(/constraint Num evaluated to a non-boolean value/);
    }
  });

  it('a substitution c <- Op whose arities differ is a located config error (exit 151)', async () => {
    const f = join(dir, 'Arity.tla');
    writeFileSync(f, `---- MODULE Arity ----\nCONSTANT N\nVARIABLE x\nOp(a) == a\nInit == x = N\nNext == x' = x\n====\n`);
    const cfg = join(dir, 'arity.cfg');
    writeFileSync(cfg, 'INIT Init\nNEXT Next\nCONSTANT N <- Op\n');
    const r = await cli('check', f, '--config', cfg);
    expect(r.code).toBe(151);
    expect(r.err).toMatch(/arity\.cfg:3:10: the substitution N <- Op replaces a constant of arity 0 by an operator of arity 1/);
  });

  it('a directory given as the spec or the config is a located error, not an internal error', async () => {
    const d = join(dir, 'Dir.tla');
    mkdirSync(d, { recursive: true });
    const s = await cli('check', d);
    expect(s.code).toBe(150);
    expect(s.err).toMatch(/cannot read the spec file .*Dir\.tla: it is a directory/);
    const c = await cli('check', spec, '--config', dir);
    expect(c.code).toBe(151);
    expect(c.err).toMatch(/cannot read the configuration file .*: it is a directory, expected a \.cfg file/);
    const t = await cli('trace-check', join(dir, 'x.itf.json'), '--spec', spec, '--config', dir);
    expect(t.err).not.toMatch(/internal error/);
    for (const r of [s, c, t]) expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('exitspec trace-check', () => {
  it('exit 0 for a behaviour, 1 with the failing step otherwise', async () => {
    const good = join(dir, 'good.itf.json');
    writeFileSync(good, JSON.stringify({ vars: ['x'], states: [{ x: 0 }, { x: 1 }] }));
    expect((await cli('trace-check', good, '--spec', spec, '--config', okCfg)).code).toBe(0);
    const bad = join(dir, 'bad.itf.json');
    writeFileSync(bad, JSON.stringify({ vars: ['x'], states: [{ x: 0 }, { x: 2 }] }));
    const r = await cli('trace-check', bad, '--spec', spec, '--config', okCfg, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/step 1 .*is not a step of the spec/);
    expect(r.err).toMatch(/Jug\.tla:5:\d+: x' = x \+ 1/);
    const last = JSON.parse(r.out.trim().split('\n').pop()!) as { ok: boolean; failure: { step: number } };
    expect(last).toMatchObject({ ok: false, failure: { step: 1 } });
  });

  it("accepts check --json's last line (a CheckResult) as the trace: its counterexample", async () => {
    const r = await cli('check', spec, '--json');
    expect(r.code).toBe(12);
    const saved = join(dir, 'cex.json');
    writeFileSync(saved, r.out.trim().split('\n').pop()!);
    const t = await cli('trace-check', saved, '--spec', spec);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/the trace \(4 states\) is a behaviour of Jug/);
    // a successful CheckResult has no trace: a clear bad-trace error
    const ok = await cli('check', spec, '--config', okCfg, '--json');
    writeFileSync(saved, ok.out.trim().split('\n').pop()!);
    const n = await cli('trace-check', saved, '--spec', spec, '--config', okCfg);
    expect(n.code).toBe(2);
    expect(n.err).toMatch(/a CheckResult \(result "success"\) without a counterexample "trace"/);
  });

  it('--spec is required (usage error, exit 2)', async () => {
    expect((await cli('trace-check', 'x.itf.json')).code).toBe(2);
  });
});
