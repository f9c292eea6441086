/**
 * Helpers for the directed MINIX tests: strategies that hold VFS back or let it go first, and
 * small accessors on the PM table. Not a test file (no test runs from here).
 */
import type { Choice, CommandHandle, Strategy } from '../impl/api.js';
import { IN_USE, flagNames } from '../impl/minix/const.js';
import { createMinixKernel, type MinixKernelOptions, type MinixSystem } from '../impl/minix/index.js';
import type { Mproc } from '../impl/minix/mproc.js';

export function kernel(opts: MinixKernelOptions = {}): MinixSystem {
  return createMinixKernel({ nrProcs: 10, ...opts });
}

function isVfs(k: MinixSystem, c: Choice): boolean {
  return k.sched.thread(c.tid)?.name.startsWith('vfs:') === true;
}

/** Never runs a VFS worker while anything else can run: VFS replies come as late as possible. */
export function vfsLast(k: MinixSystem): Strategy {
  return {
    name: 'vfs-last',
    pick(options: readonly Choice[]): number {
      const i = options.findIndex((c) => !isVfs(k, c));
      return i >= 0 ? i : 0;
    },
  };
}

/** Runs VFS workers before anything else: VFS replies come as early as possible. */
export function vfsFirst(k: MinixSystem): Strategy {
  return {
    name: 'vfs-first',
    pick(options: readonly Choice[]): number {
      const i = options.findIndex((c) => isVfs(k, c));
      return i >= 0 ? i : 0;
    },
  };
}

/** Runs everything except VFS, then stops: VFS requests stay in flight. */
export function runWithoutVfs(k: MinixSystem, max = 1000): void {
  for (let n = 0; n < max; n++) {
    const opts = k.sched.enabled().filter((c) => !isVfs(k, c));
    if (opts.length === 0) return;
    k.sched.apply(opts[0]!);
  }
  throw new Error('runWithoutVfs did not settle');
}

export const first: Strategy = { name: 'first', pick: () => 0 };

/** The IN_USE slot of `pid`. */
export function slotOf(k: MinixSystem, pid: number): Mproc {
  const m = k.pm.findProc(pid);
  if (m === undefined) throw new Error(`no process ${pid}`);
  return m;
}

export function flagsOf(k: MinixSystem, pid: number): string {
  return flagNames(slotOf(k, pid).mp_flags);
}

export function isFree(k: MinixSystem, slot: number): boolean {
  return (k.pm.mproc[slot]!.mp_flags & IN_USE) === 0;
}

/** Forks `parent` to quiescence and returns the child's pid. */
export function fork(k: MinixSystem, parent: number): number {
  const h = k.submit({ kind: 'fork', pid: parent });
  k.run(first, 1000);
  const pid = h.result?.pid;
  if (!h.done || pid === undefined) throw new Error(`fork by ${parent} did not return: ${JSON.stringify(h.result)}`);
  return pid;
}

export function wait4(k: MinixSystem, pid: number, pidArg = -1, wnohang = false): CommandHandle {
  return k.submit({ kind: 'wait', pid, api: 'wait4', idtype: pidArg > 0 ? 'P_PID' : 'P_ALL', id: pidArg, options: { WNOHANG: wnohang } });
}

export function invariantNames(k: MinixSystem): string[] {
  return k.violations().map((v) => v.invariant);
}
