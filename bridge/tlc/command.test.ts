/** `exitspec tlc` through the CLI dispatcher: setup errors, --parse, --json, exit codes. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliRun } from '../../test/run-cli.js';

const here = dirname(fileURLToPath(import.meta.url));

const cli = (argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> => runCli(argv, env);

afterEach(() => vi.restoreAllMocks());

describe('exitspec tlc', () => {
  it('without TLA2TOOLS_JAR: exit 153 and how to get the jar, no stack trace', async () => {
    const r = await cli(['tlc', 'Spec.tla'], { TLA2TOOLS_JAR: undefined });
    expect(r.code).toBe(153);
    expect(r.err).toMatch(/^exitspec tlc: TLA2TOOLS_JAR is not set, so real TLC cannot run\. Download tla2tools\.jar from the TLA\+ releases/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('with a TLA2TOOLS_JAR that does not exist: exit 153 naming the path', async () => {
    const r = await cli(['tlc', 'Spec.tla'], { TLA2TOOLS_JAR: '/no/such/tla2tools.jar' });
    expect(r.code).toBe(153);
    expect(r.err).toContain('TLA2TOOLS_JAR=/no/such/tla2tools.jar: expected the path of tla2tools.jar but no such file exists');
  });

  it('bad options are usage errors (exit 2)', async () => {
    expect((await cli(['tlc'])).code).toBe(2);
    expect((await cli(['tlc', 'Spec.txt'])).err).toContain("expected a .tla file, got 'Spec.txt'");
    expect((await cli(['tlc', 'S.tla', '--workers', '0'])).err).toContain('--workers must be between 1 and 1024, got 0');
  });

  it('--parse a saved tool-mode output: plain text and TLC exit code', async () => {
    const r = await cli(['tlc', '--parse', join(here, 'fixtures', 'hanoi-success-toolmode.out')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Model checking completed. No error has been found.');
    expect(r.out).not.toContain('@!@!@');
  });

  it('--parse --json: one JSON line with the ITF counterexample, exit 12 for a safety violation', async () => {
    const r = await cli(['tlc', '--parse', join(here, 'fixtures', 'ewd687a-invariant-violation.out'), '--json']);
    expect(r.code).toBe(12);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(result).toMatchObject({ result: 'invariant', violated: 'InterestingBehavior', totalStates: 4638, tool: 'tlc' });
    expect(result.trace.states).toHaveLength(37);
  });

  it('runs TLC (a fake java from JAVA_HOME printing tool-mode output): plain text streamed, TLC exit code; --json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tlc-cmd-'));
    await mkdir(join(dir, 'jdk', 'bin'), { recursive: true });
    const jar = join(dir, 'tla2tools.jar');
    await writeFile(jar, 'not really a jar');
    await writeFile(join(dir, 'Hanoi.tla'), '---- MODULE Hanoi ----\n====\n');
    await writeFile(join(dir, 'jdk', 'bin', 'java'), `#!/bin/sh\ncat "${join(here, 'fixtures', 'hanoi-success-toolmode.out')}"\nexit 0\n`, { mode: 0o755 });
    const env = { TLA2TOOLS_JAR: jar, JAVA_HOME: join(dir, 'jdk') };
    const plain = await cli(['tlc', join(dir, 'Hanoi.tla')], env);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('913 states generated, 243 distinct states found, 0 states left on queue.');
    expect(plain.out).not.toContain('@!@!@');
    const json = await cli(['tlc', join(dir, 'Hanoi.tla'), '--json'], env);
    expect(JSON.parse(json.out.trim())).toMatchObject({ result: 'success', distinctStates: 243, totalStates: 913, depth: 32, tool: 'tlc' });
  });

  it('--parse of a missing file is a located error', async () => {
    const r = await cli(['tlc', '--parse', '/no/such/out.txt']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('exitspec tlc: /no/such/out.txt: expected a TLC output file but no such file exists\n');
  });

  it('--parse of a file with no TLC message in it (empty, or something else) is a located error, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tlc-parse-'));
    for (const [name, text] of [['empty.out', ''], ['notes.txt', 'hello\nworld\n'], ['java.out', 'Error: Could not find or load main class tlc2.TLC\n']] as const) {
      const f = join(dir, name);
      await writeFile(f, text);
      const r = await cli(['tlc', '--parse', f]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toBe(`exitspec tlc: ${f}: expected a saved TLC output (tool-mode '@!@!@STARTMSG' messages or TLC's plain text) but found no TLC message in it\n`);
    }
  });

  it('a TLA2TOOLS_JAR that is not tla2tools.jar (java runs, TLC never starts): exit 153 quoting java, for tlc and for check --cross-check-tlc', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tlc-badjar-'));
    await mkdir(join(dir, 'jdk', 'bin'), { recursive: true });
    const jar = join(dir, 'tla2tools.jar');
    await writeFile(jar, 'not really a jar');
    await writeFile(join(dir, 'M.tla'), '---- MODULE M ----\nVARIABLE x\nInit == x = 0\nNext == x' + "'" + ' = x\n====\n');
    await writeFile(join(dir, 'M.cfg'), 'INIT Init\nNEXT Next\n');
    // what a real java prints when the class path holds no tlc2.TLC
    await writeFile(join(dir, 'jdk', 'bin', 'java'), '#!/bin/sh\necho "Error: Could not find or load main class tlc2.TLC" >&2\necho "Caused by: java.lang.ClassNotFoundException: tlc2.TLC" >&2\nexit 1\n', { mode: 0o755 });
    const env = { TLA2TOOLS_JAR: jar, JAVA_HOME: join(dir, 'jdk') };
    const tlc = await cli(['tlc', join(dir, 'M.tla')], env);
    expect(tlc.code).toBe(153);
    expect(tlc.err).toContain(`TLA2TOOLS_JAR=${jar}: TLC could not be started;`);
    expect(tlc.err).toContain('Could not find or load main class tlc2.TLC');
    const check = await cli(['check', join(dir, 'M.tla'), '--cross-check-tlc'], env);
    expect(check.code).toBe(153);
    expect(check.err).toContain('--cross-check-tlc: TLA2TOOLS_JAR=');
    expect(check.err).not.toMatch(/\n\s+at /);
  });
});
