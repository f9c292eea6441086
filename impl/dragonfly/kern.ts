/**
 * The simulated DragonFly kernel's global state: the scheduler, allproc, proc_token, the per-cpu
 * dead-lwp lists and their reaper tasks, the exit callout list, and ghost state for invariants.
 */
import { Scheduler, Token, type KThread, type SchedulerOptions } from '../kernel/sched.js';
import type { DfConfig } from './config.js';
import type { Lwp, Proc, Td } from './structs.js';

/** A kernel generator: yields step labels, returns T. */
export type Gen<T = void> = Generator<string, T, void>;

/** Number of simulated cpus (dead-lwp lists / reaper tasks). */
export const NCPUS = 2;

export interface DeadLwpCpu {
  readonly deadlwp_token: Token;
  readonly deadlwp_list: Lwp[];
  /** deadlwp_task[cpu]: enqueued flag and the ident its thread sleeps on. */
  pending: boolean;
  readonly task: { ident: string };
}

/** Thrown to end an lwp's thread (cpu_lwp_exit never returns). */
export class ThreadExit {
  constructor(readonly label: string) {}
}

export class Kern {
  readonly s: Scheduler;
  readonly allproc: Proc[] = [];
  readonly proc_token = new Token('proc_token');
  readonly cpus: DeadLwpCpu[] = [];
  /** exit_list of at_exit callbacks. */
  readonly exit_list: ((td: Td) => void)[] = [];
  initproc: Proc | null = null;
  nextPid = 1;
  nprocs = 0;
  /** Ghost: pids reaped by a non-WNOWAIT wait (to check reaped-at-most-once). */
  readonly reaped = new Set<number>();
  /** Ghost: pids of procs freed. */
  readonly freed = new Set<number>();
  /** Ghost: waiter threads whose last scan skipped a child because of PWAITRES (S1). */
  readonly skippedWaitres = new Set<KThread>();
  constructor(
    readonly cfg: DfConfig,
    schedOpts: SchedulerOptions,
  ) {
    this.s = new Scheduler(schedOpts);
    for (let c = 0; c < NCPUS; c++) {
      this.cpus.push({ deadlwp_token: new Token(`deadlwp_token[${c}]`), deadlwp_list: [], pending: false, task: { ident: `deadlwp_task[${c}]` } });
    }
  }

  /** The Td of the thread running the current step. */
  td(): Td {
    const t = this.s.current;
    if (t === null) throw new Error('no current thread');
    return t.ext as Td;
  }

  pfindAny(pid: number): Proc | undefined {
    for (const p of this.allproc) if (p.p_pid === pid) return p;
    return undefined;
  }
}
