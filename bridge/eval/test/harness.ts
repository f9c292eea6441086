/** Test helper: evaluates TLA+ expressions through the real front end and the compiler. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResolvedSpec } from '../../modules/index.js';
import { Compiler } from '../compile.js';
import { makeRuntime } from '../../checker/run.js';
import { show, type Value } from '../value.js';

export interface Outcome {
  readonly value?: string;
  readonly raw?: Value;
  readonly error?: string;
}

/**
 * Evaluates each expression as a zero-argument definition `E_i == expr` of one module that
 * EXTENDS the standard modules (plus `extra` definitions), returning TLC-printed values or errors.
 */
export async function evalAll(exprs: readonly string[], extra = '', printed: string[] = []): Promise<Outcome[]> {
  const dir = mkdtempSync(join(tmpdir(), 'exitspec-eval-'));
  const body = exprs.map((e, i) => `E${i} == ${e}`).join('\n');
  const text = `---- MODULE T ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\n${extra}\n${body}\n====\n`;
  const file = join(dir, 'T.tla');
  writeFileSync(file, text);
  let spec;
  try {
    spec = await loadResolvedSpec(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const compiler = new Compiler(new Map(), makeRuntime((l) => printed.push(l)));
  return exprs.map((_, i) => {
    const def = spec.definitions.get(`E${i}`)!;
    try {
      const fn = compiler.expr({ kind: 'Call', def, args: [], loc: def.loc });
      const v = fn(compiler.newCtx([], []));
      return { value: show(v), raw: v };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
}
