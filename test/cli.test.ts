import { describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';

describe('exitspec CLI dispatcher', () => {
  it('lists the commands with --help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['explore', 'check', 'trace-check', 'tlc']) expect(r.out).toContain(c);
  });

  it('rejects an unknown command with exit 2 and names it', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'frobnicate'");
  });

  it('exits 2 with the overview when no command is given', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('usage: exitspec');
  });

  it('turns a usage error into exit 2 with the command usage, without a stack trace', async () => {
    const r = await runCli(['explore', '--runs', 'many']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--runs');
    expect(r.err).toContain('usage: exitspec explore');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a closed output pipe (exitspec ... | head) ends the process quietly, not with an EPIPE stack trace', async () => {
    await runCli(['--help']); // installs the guard
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    try {
      process.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      expect(exit).toHaveBeenCalledTimes(1);
      expect(exit.mock.calls[0]![0]).toBe(typeof process.exitCode === 'number' ? process.exitCode : 0);
    } finally {
      exit.mockRestore();
    }
  });
});
