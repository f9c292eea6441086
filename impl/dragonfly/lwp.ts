/**
 * lwp_exit, lwp_wait, lwp_dispose, reaplwps and reaplwp of seed 000, plus cpu_lwp_exit and the
 * lwkt_switch_return exit interlock (notes dragonfly-primitives.md 4.3-4.4).
 */
import { KernelFault } from '../kernel/sched.js';
import { ThreadExit, type Gen, type Kern } from './kern.js';
import { PHOLD, PINTERLOCKED, PRELE, gettoken, reltoken, tsleep, tsleep_interlock, wakeup } from './prim.js';
import {
  LWP_MP_WEXIT,
  P_MAYBETHREADED,
  TDF_EXITING,
  TDF_MP_EXITSIG,
  TDF_MP_EXITWAIT,
  TDF_PREEMPT_LOCK,
  TDF_RUNNING,
  TDF_RUNQ,
  kfree,
  type Lwp,
  type Td,
} from './structs.js';

/**
 * lwp_exit(masterexit, waddr): seed 000:651-795. p_token must be held. Never returns: the thread
 * ends (ThreadExit) after cpu_lwp_exit.
 */
export function* lwp_exit(k: Kern, td: Td, masterexit: boolean, waddr: object | null): Gen<never> {
  const lp = td.td_lwp!;
  const p = lp.lwp_proc!;
  if (!k.s.holds(td.kt, p.p_token)) throw new KernelFault('token_discipline', `lwp_exit of pid ${p.p_pid} without p_token`);
  lp.lwp_mpflags |= LWP_MP_WEXIT;
  // lwp_userunmap (seed 000:674) takes lwp_token and frees the shared page: it may block, losing
  // every token (p_token too) until it resumes. This is the H22 window: p_nthreads is not yet
  // decremented. As in the model's lwp_exit_enter, the flag is set before the blocking point
  // (the seed sets it right after; no other thread reads it in between that could tell).
  k.s.block(td.kt);
  yield 'lwp_exit.enter';
  yield 'lwp_exit.cleanup';

  while (lp.lwp_lock > 0) {
    yield* tsleep(k, td, lp, 0, 'lwpexit', 1, 'lwp_exit.lwpexit_poll', { pollReady: () => lp.lwp_lock === 0 });
  }
  p.p_ru += lp.lwp_ru;
  PHOLD(p);
  yield 'lwp_exit.hold_proc';

  let dowake = false;
  if (!masterexit) {
    const i = p.p_lwp_tree.indexOf(lp);
    if (i < 0) throw new KernelFault('lwp_tree', `lwp ${lp.lwp_tid} of pid ${p.p_pid} not in p_lwp_tree`);
    p.p_lwp_tree.splice(i, 1);
    --p.p_nthreads;
    if ((p.p_flags & P_MAYBETHREADED) !== 0 && p.p_nthreads <= 1) dowake = true;
    yield 'lwp_exit.remove_nonmaster';
    const c = k.cpus[lp.cpu]!;
    if (!gettoken(k, td, c.deadlwp_token)) yield 'lwp_exit.deadlwp_queue';
    c.deadlwp_list.unshift(lp);
    c.pending = true; // taskqueue_enqueue
    wakeup(k, c.task);
    reltoken(k, td, c.deadlwp_token);
    yield 'lwp_exit.deadlwp_queue';
  } else {
    --p.p_nthreads;
    if ((p.p_flags & P_MAYBETHREADED) !== 0 && p.p_nthreads <= 1) dowake = true;
    yield 'lwp_exit.master_dec';
  }
  // Release p_token entirely (callers may hold it recursively, e.g. sys_extexit -> lwp_exit).
  while (td.kt.tokens.includes(p.p_token)) reltoken(k, td, p.p_token);
  yield 'lwp_exit.release_token';

  if (dowake && k.cfg.nthreadsWakeup) wakeup(k, p.id_nthreads);
  if (waddr !== null) wakeup(k, waddr);
  yield 'lwp_exit.late_wakeup';

  // cpu_lwp_exit -> cpu_thread_exit: TDF_EXITING, deschedule, switch away.
  td.td_flags |= TDF_EXITING;
  yield 'lwp_exit.switch_out';
  // lwkt_switch_return on the next thread: clear TDF_RUNNING, set TDF_MP_EXITSIG, wakeup(td).
  td.td_flags &= ~TDF_RUNNING;
  const o = td.td_mpflags;
  td.td_mpflags = o | TDF_MP_EXITSIG;
  if ((o & TDF_MP_EXITWAIT) !== 0) wakeup(k, td);
  throw new ThreadExit('lwp_exit.exitsig');
}

/** lwp_wait(lp): seed 000:810-872. 1 when the lwp is completely dead, 0 to retry. */
export function* lwp_wait(k: Kern, td: Td, lp: Lwp): Gen<number> {
  const ltd = lp.lwp_thread!;
  for (;;) {
    const mpflags = ltd.td_mpflags;
    if ((mpflags & TDF_MP_EXITSIG) !== 0) break;
    tsleep_interlock(k, td, ltd, 'lwpxt');
    if (ltd.td_mpflags === mpflags) {
      ltd.td_mpflags = mpflags | TDF_MP_EXITWAIT;
      yield* tsleep(k, td, ltd, PINTERLOCKED, 'lwpxt', 0, 'lwp_wait.exitsig');
    }
  }
  yield 'lwp_wait.exitsig';
  if (lp.lwp_lock > 0) {
    yield* tsleep(k, td, lp, 0, 'lwpwait1', 1, 'lwp_wait.check_refs', { pollReady: () => lp.lwp_lock === 0 });
    return 0;
  }
  if (ltd.td_refs > 0) {
    yield* tsleep(k, td, ltd, 0, 'lwpwait2', 1, 'lwp_wait.check_refs', { pollReady: () => ltd.td_refs === 0 });
    return 0;
  }
  yield 'lwp_wait.check_refs';
  if ((ltd.td_flags & (TDF_RUNNING | TDF_RUNQ | TDF_PREEMPT_LOCK | TDF_EXITING)) !== TDF_EXITING) {
    yield* tsleep(k, td, lp, 0, 'lwpwait3', 1, 'lwp_wait.check_flags');
    return 0;
  }
  yield 'lwp_wait.check_flags';
  return 1;
}

/** lwp_dispose(lp): seed 000:878-900. */
export function lwp_dispose(k: Kern, lp: Lwp): void {
  const td = lp.lwp_thread!;
  if (lp.lwp_lock !== 0 || td.td_refs !== 0 || (td.td_flags & (TDF_RUNNING | TDF_RUNQ | TDF_PREEMPT_LOCK | TDF_EXITING)) !== TDF_EXITING) {
    throw new KernelFault('lwp_dispose_dead', `lwp_dispose of lwp ${lp.lwp_tid} that is not completely dead`);
  }
  const p = lp.lwp_proc!;
  PRELE(k, p);
  lp.lwp_proc = null;
  td.td_proc = null;
  td.td_lwp = null;
  lp.lwp_thread = null;
  kfree(td, `thread of lwp ${p.p_pid}.${lp.lwp_tid}`);
  kfree(lp, `lwp ${p.p_pid}.${lp.lwp_tid}`);
}

/** reaplwp(lp): seed 000:1555-1561. */
export function* reaplwp(k: Kern, td: Td, lp: Lwp): Gen {
  while ((yield* lwp_wait(k, td, lp)) === 0);
  lwp_dispose(k, lp);
}

/**
 * The per-cpu reaper task thread: waits until deadlwp_task[cpu] is enqueued, then runs
 * reaplwps (seed 000:1540-1553).
 */
export function* reaplwpsTask(k: Kern, td: Td, cpu: number): Gen<void> {
  const c = k.cpus[cpu]!;
  for (;;) {
    while (!c.pending) {
      k.s.interlock(td.kt, c.task, 'taskq');
      if (k.s.sleepOn(td.kt, c.task, 'taskq', false, false, true, null, true)) yield 'reaplwps.idle';
    }
    c.pending = false;
    if (!gettoken(k, td, c.deadlwp_token)) yield 'reaplwps.pop';
    for (;;) {
      const lp = c.deadlwp_list.shift();
      if (lp === undefined) break;
      yield 'reaplwps.pop';
      yield* reaplwp(k, td, lp);
      yield 'lwp_dispose.free';
    }
    reltoken(k, td, c.deadlwp_token);
    yield 'reaplwps.pop';
  }
}
