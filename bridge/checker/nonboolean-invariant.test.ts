/**
 * An invariant that evaluates to a non-boolean is an evaluation error (exit 75) wherever the state
 * is checked. Before firstViolatedInvariant was shared, a successor outside the state constraint
 * (checkOutside) and a simulated state treated it as a plain violation (exit 12), so the verdict
 * depended on the search mode.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'exitspec-nonbool-'));
const spec = join(dir, 'NB.tla');
// Inv is TRUE on every state inside the constraint (x <= 2) and 7 on the one successor outside it.
writeFileSync(spec, "---- MODULE NB ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1\nSmall == x <= 2\nInv == IF x > 2 THEN 7 ELSE TRUE\n====\n");
writeFileSync(join(dir, 'NB.cfg'), 'INIT Init\nNEXT Next\nCONSTRAINT Small\nINVARIANT Inv\n');

describe('a non-boolean invariant is an evaluation error in every search mode', () => {
  it('exhaustive search, on a successor outside the state constraint: exit 75', async () => {
    const r = await runCli(['check', spec]);
    expect(r.out + r.err).toContain('The invariant Inv evaluated to a non-boolean value');
    expect(r.code).toBe(75);
  });

  it('simulation: exit 75', async () => {
    const r = await runCli(['check', spec, '--simulate', '--depth', '10', '--traces', '3', '--seed', '1']);
    expect(r.out + r.err).toContain('The invariant Inv evaluated to a non-boolean value');
    expect(r.code).toBe(75);
  });
});
