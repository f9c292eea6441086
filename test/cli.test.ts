import { describe, expect, it, vi, afterEach } from 'vitest';
import { main } from '../scripts/cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  return { out, err };
}

describe('exitspec CLI dispatcher', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the commands with --help and exits 0', async () => {
    const { out } = capture();
    expect(await main(['--help'])).toBe(0);
    const text = out.join('');
    for (const c of ['explore', 'check', 'trace-check', 'tlc']) expect(text).toContain(c);
  });

  it('rejects an unknown command with exit 2 and names it', async () => {
    const { err } = capture();
    expect(await main(['frobnicate'])).toBe(2);
    expect(err.join('')).toContain("unknown command 'frobnicate'");
  });

  it('exits 2 with the overview when no command is given', async () => {
    const { out } = capture();
    expect(await main([])).toBe(2);
    expect(out.join('')).toContain('usage: exitspec');
  });
});
