import { runCli, type CliRun } from '../../test/run-cli.js';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const cli = (argv: string[]): Promise<CliRun> => runCli(argv);

afterEach(() => vi.restoreAllMocks());

describe('exitspec explore', () => {
  it('bad options are usage errors (exit 2) with the usage text', async () => {
    for (const argv of [
      ['explore', '--runs', 'x'],
      ['explore', '--strategy', 'fifo'],
      ['explore', '--kernel', 'linux'],
      ['explore', '--bogus'],
      ['explore', '--replay', 'f.json', '--runs', '3'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/usage: exitspec explore/);
    }
    const m = await cli(['explore', '--mutant', 'nope']);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/unknown DragonFly mutant 'nope'/);
  });

  it('the clean kernel: exit 0, JSON summary on the last line with the required keys', async () => {
    const r = await cli(['explore', '--kernel', 'dragonfly', '--runs', '30', '--seed', '1', '--json']);
    expect(r.code).toBe(0);
    const last = JSON.parse(r.out.trim().split('\n').pop()!);
    expect(last.runs).toBe(30);
    expect(last.steps).toBeGreaterThan(1000);
    expect(last.stepsPerSecond).toBeGreaterThan(0);
    expect(last.violations).toEqual([]);
    expect(last.labelsCovered).toContain('exit1.move_zombie');
    expect(last.labelsCovered).toContain('kern_wait.free_proc');
  });

  it('a mutant run exits 1 with a replayable schedule; the saved file replays the violation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'explore-'));
    const file = join(dir, 'v.json');
    const r = await cli(['explore', '--runs', '300', '--mutant', 'no_wexit_interlock', '--json', '--save', file]);
    expect(r.code).toBe(1);
    const last = JSON.parse(r.out.trim().split('\n').pop()!);
    const v = last.violations[0];
    expect(v.invariant).toBe('single_master_exit');
    expect(typeof v.seed).toBe('number');
    expect(v.schedule.length).toBeGreaterThan(0);
    const rep = await cli(['explore', '--replay', file, '--json']);
    expect(rep.code).toBe(1);
    const rl = JSON.parse(rep.out.trim().split('\n').pop()!);
    expect(rl.violations.map((x: { invariant: string }) => x.invariant)).toEqual(['single_master_exit']);
    expect(rl.steps).toBe(v.schedule.length);

    // A divergent schedule is a clear error naming the file (exit 2).
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.schedule[3] = 'run:99';
    writeFileSync(file, JSON.stringify(saved));
    const bad = await cli(['explore', '--replay', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/v\.json: schedule diverges at step 3/);

    // A malformed file names the field.
    writeFileSync(file, JSON.stringify({ ...saved, schedule: ['walk:1'] }));
    const mal = await cli(['explore', '--replay', file]);
    expect(mal.code).toBe(2);
    expect(mal.err).toMatch(/schedule\[0\]: expected a choice/);
  });

  it('bad --save and --replay files are clear errors naming the file, never an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'explore-bad-'));
    // --save naming a directory or a file in a missing directory fails before any run.
    for (const [save, re] of [
      [dir, /--save .*: is a directory/],
      [join(dir, 'missing', 'v.json'), /--save .*: directory .*missing does not exist/],
    ] as const) {
      const r = await cli(['explore', '--runs', '5', '--mutant', 'reap3_zero', '--save', save]);
      expect(r.code, save).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.err).not.toMatch(/internal error/);
    }
    // --save with no violation says the file was not written (and does not write it)
    const none = join(dir, 'none.json');
    const clean = await cli(['explore', '--runs', '3', '--save', none]);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain(`no violating run: ${none} was not written`);
    expect(existsSync(none)).toBe(false);
    // --replay of a directory, of non-JSON, of a file for another kernel's mutant, of an unknown mutant.
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{');
    const base = { format: 'exitspec-schedule/1', kernel: 'dragonfly', mutant: 'no_killlwps_wait', seed: 1, script: [], schedule: [] };
    const wrongKernel = join(dir, 'minix.json');
    writeFileSync(wrongKernel, JSON.stringify({ ...base, kernel: 'minix' }));
    const badMutant = join(dir, 'mutant.json');
    writeFileSync(badMutant, JSON.stringify({ ...base, mutant: 'nope' }));
    for (const [file, re] of [
      [dir, /cannot read the schedule file \(EISDIR/],
      [notJson, /bad\.json: line 1: expected a JSON document/],
      [wrongKernel, /minix\.json: --kernel minix: unknown MINIX mutant 'no_killlwps_wait'/],
      [badMutant, /mutant\.json: unknown DragonFly mutant 'nope'/],
    ] as const) {
      const r = await cli(['explore', '--replay', file]);
      expect(r.code, file).toBe(2);
      expect(r.err).toMatch(re);
    }
  });
});
