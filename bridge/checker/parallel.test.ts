/**
 * Parallel search: the partitioned, level-synchronous algorithm gives the sequential search's
 * distinct states, generated states, depth and verdicts, and shortest counterexamples, with 2
 * and 3 explorers (in this thread, load balancing included); and the same through real worker
 * threads, run from a build of the sources (worker threads cannot load TypeScript).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prepareModel } from './run.js';
import { search } from './bfs.js';
import { balancePlan, searchPartitioned } from './parallel.js';
import { CONFORMANCE, casePaths } from '../conformance/manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'exitspec-par-'));

function spec(name: string, tla: string, cfg: string): { spec: string; config: string } {
  const s = join(dir, `${name}.tla`);
  writeFileSync(s, `---- MODULE ${name} ----\n${tla}\n====\n`);
  const c = join(dir, `${name}.cfg`);
  writeFileSync(c, cfg);
  return { spec: s, config: c };
}

const FLAGS = spec(
  'Flags',
  `EXTENDS TLC, FiniteSets
VARIABLE flag
CONSTANT Procs
Init == flag = [p \\in Procs |-> FALSE]
Next == \\E p \\in Procs : flag[p] = FALSE /\\ flag' = [flag EXCEPT ![p] = TRUE]
Perms == Permutations(Procs)`,
  'CONSTANT Procs = {p1, p2, p3, p4}\nINIT Init\nNEXT Next\nSYMMETRY Perms\nCHECK_DEADLOCK FALSE\n',
);

const CASES = ['TwoPhase', 'TCommit', 'DieHard', 'LockOrder', 'DeepBug', 'Bounded', 'Odometer'].flatMap((n) => {
  const c = CONFORMANCE.find((x) => x.name === n);
  return c === undefined ? [] : [[n, casePaths(c)] as const];
});

describe('partitioned level-synchronous search', () => {
  it('has conformance cases to compare on', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(5);
  });

  it.each([...CASES, ['Flags (symmetry)', FLAGS] as const])('%s: same outcome as the sequential search with 2 and 3 explorers', async (_n, paths) => {
    const model = await prepareModel({ ...paths, print: () => undefined });
    const seq = search(model);
    for (const count of [2, 3]) {
      const par = await searchPartitioned(model, count);
      expect(par.result.result).toBe(seq.result.result);
      expect(par.exitCode).toBe(seq.exitCode);
      expect(par.result.violated).toBe(seq.result.violated);
      if (seq.result.result === 'success') {
        expect([par.result.distinctStates, par.result.totalStates, par.result.depth]).toEqual([seq.result.distinctStates, seq.result.totalStates, seq.result.depth]);
      } else {
        // shortest counterexamples have the same length
        expect(par.result.trace?.states.length).toBe(seq.result.trace?.states.length);
      }
    }
  });

  it('balancePlan moves the excess over the mean from heavy to light explorers only when uneven', () => {
    expect(balancePlan([100, 0])).toEqual([{ from: 0, to: 1, count: 50 }]);
    expect(balancePlan([10, 9])).toEqual([]);
    const plan = balancePlan([90, 0, 30]);
    expect(plan.reduce((n, t) => n + t.count, 0)).toBe(50);
    expect(plan.every((t) => t.from === 0)).toBe(true);
  });
});

describe('worker threads', () => {
  it('a build of the sources runs the search on 2 threads with the sequential counts', async () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const out = mkdtempSync(join(tmpdir(), 'exitspec-build-'));
    // type errors elsewhere in the tree do not stop tsc from emitting
    spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { cwd: root, encoding: 'utf8' });
    const par = join(out, 'bridge', 'checker', 'parallel.js');
    expect(existsSync(par)).toBe(true);
    // node_modules are resolved from the build folder's ancestors: link them beside it
    spawnSync('ln', ['-s', join(root, 'node_modules'), join(out, 'node_modules')]);
    const run = (await import(pathToFileURL(join(out, 'bridge', 'checker', 'run.js')).href)) as typeof import('./run.js');
    const parallel = (await import(pathToFileURL(par).href)) as typeof import('./parallel.js');
    const c = CONFORMANCE.find((x) => x.name === 'TwoPhase')!;
    const paths = casePaths(c);
    const model = await run.prepareModel({ ...paths, print: () => undefined });
    try {
      const r = await parallel.searchParallel(model, { ...paths, workers: 2 });
      expect(r.result).toMatchObject({ result: 'success', distinctStates: 288, totalStates: 1146, depth: 11 });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
