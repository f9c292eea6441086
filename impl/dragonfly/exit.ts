/**
 * sys_exit, sys_extexit, killalllwps, killlwps and exit1 of seed 000
 * (dragonfly-kern_exit-current.c), one scheduling point per step label (impl/dragonfly/labels.ts).
 */
import { KernelFault } from '../kernel/sched.js';
import type { Gen, Kern } from './kern.js';
import { lwp_exit } from './lwp.js';
import { PHOLD, PRELE, PSTALL, gettoken, ksignal, lwpsignal, reltoken, tsleep, wakeup } from './prim.js';
import { EALREADY, reaper_drop, reaper_exit, reaper_get } from './reaper.js';
import { proc_reparent } from './reparent.js';
import {
  LWP_MP_WEXIT,
  LWP_MP_WSTOP,
  P_POSTEXIT,
  P_PPWAIT,
  P_TRACED,
  P_WEXIT,
  PS_CLDSIGIGN,
  PS_NOCLDWAIT,
  SIGCHLD,
  SIGKILL,
  SIGUSR1,
  SZOMB,
  W_EXITCODE,
  type Lwp,
  type Proc,
  type Td,
} from './structs.js';
import { EINVAL } from './wait.js';

/** sys_exit: seed 000:110-115. */
export function* sys_exit(k: Kern, td: Td, rval: number): Gen<never> {
  yield 'sys_exit.enter';
  return yield* exit1(k, td, W_EXITCODE(rval, 0));
}

export type ExtexitWho = 'EXTEXIT_PROC' | 'EXTEXIT_LWP' | 'invalid';
export type ExtexitAction = 'EXTEXIT_SIMPLE' | 'EXTEXIT_SETINT' | 'invalid';

/**
 * sys_extexit: seed 000:121-177. Returns only on EINVAL. The EXTEXIT_SETINT copyout always
 * succeeds in the simulator (no user memory).
 */
export function* sys_extexit(k: Kern, td: Td, who: ExtexitWho, action: ExtexitAction, status: number): Gen<number> {
  const p = td.td_proc!;
  if (who === 'invalid') {
    yield 'sys_extexit.check_args';
    return EINVAL;
  }
  if (action === 'invalid') {
    yield 'sys_extexit.check_args';
    return EINVAL;
  }
  yield 'sys_extexit.check_args';
  if (!gettoken(k, td, p.p_token)) yield 'sys_extexit.check_nthreads';
  if (who === 'EXTEXIT_LWP' && p.p_nthreads > 1) {
    yield 'sys_extexit.check_nthreads';
    return yield* lwp_exit(k, td, false, null); // called w/ p_token held
  }
  reltoken(k, td, p.p_token);
  yield 'sys_extexit.check_nthreads';
  return yield* exit1(k, td, W_EXITCODE(status, 0));
}

/**
 * killalllwps(forexec): seed 000:188-247. Returns 0 (this thread is the master exiter) or
 * EALREADY (another thread won the P_WEXIT race).
 */
export function* killalllwps(k: Kern, td: Td, forexec: boolean): Gen<number> {
  const lp = td.td_lwp!;
  const p = lp.lwp_proc!;
  if (!gettoken(k, td, p.p_token)) yield 'killalllwps.set_wexit';
  if (k.cfg.wexitInterlock && (p.p_flags & P_WEXIT) !== 0) {
    reltoken(k, td, p.p_token);
    yield 'killalllwps.ealready';
    return EALREADY;
  }
  if (!k.cfg.wexitInterlock) {
    // Mutant no_wexit_interlock: the test and the set are no longer one atomic step.
    yield 'killalllwps.set_wexit';
  }
  p.p_flags |= P_WEXIT;
  if (!forexec) p.g_masterExits++;
  // The mutant's set after its blocking point has its own (mutant-only) label, as in the model.
  yield k.cfg.wexitInterlock ? 'killalllwps.set_wexit' : 'killalllwps.set_wexit_late';

  if (!gettoken(k, td, lp.lwp_token)) yield 'killalllwps.fakestop';
  let fakestop: boolean;
  if ((lp.lwp_mpflags & LWP_MP_WSTOP) !== 0) {
    fakestop = false;
  } else {
    lp.lwp_mpflags |= LWP_MP_WSTOP;
    ++p.p_nstopped;
    fakestop = true;
    wakeup(k, p.id_nstopped);
  }
  yield 'killalllwps.fakestop';

  lp.lwp_mpflags |= LWP_MP_WEXIT;
  const many = p.p_nthreads > 1;
  yield 'killalllwps.set_self_wexit';
  if (many) yield* killlwps(k, td, lp);

  if (fakestop && (lp.lwp_mpflags & LWP_MP_WSTOP) !== 0) {
    lp.lwp_mpflags &= ~LWP_MP_WSTOP;
    --p.p_nstopped;
  }
  if (forexec) {
    lp.lwp_mpflags &= ~LWP_MP_WEXIT;
    p.p_flags &= ~P_WEXIT;
    p.g_killlwpsSignalled = false; // exec: the process lives on, new lwps are legitimate
  } else {
    p.g_killDone = true;
  }
  reltoken(k, td, lp.lwp_token);
  reltoken(k, td, p.p_token);
  yield 'killalllwps.finish';
  return 0;
}

/** The lwp after `tid` in p_lwp_tree order (RB_NEXT), or the first when tid < 0. */
function nextLwp(p: Proc, tid: number): Lwp | null {
  for (const lp of p.p_lwp_tree) if (lp.lwp_tid > tid) return lp;
  return null;
}

/** killlwps(lp): seed 000:254-284. */
export function* killlwps(k: Kern, td: Td, lp: Lwp): Gen {
  const p = lp.lwp_proc!;
  let tlp = nextLwp(p, -1);
  while (tlp !== null) {
    const t: Lwp = tlp;
    t.lwp_lock++; // LWPHOLD
    if (!gettoken(k, td, t.lwp_token)) yield 'killlwps.hold_lwp';
    yield 'killlwps.hold_lwp';
    if ((t.lwp_mpflags & LWP_MP_WEXIT) === 0) {
      t.lwp_mpflags |= LWP_MP_WEXIT;
      lwpsignal(k, p, t, SIGKILL);
    }
    reltoken(k, td, t.lwp_token);
    const tid = t.lwp_tid;
    t.lwp_lock--; // LWPRELE
    yield 'killlwps.signal_lwp';
    tlp = nextLwp(p, tid);
  }
  wakeup(k, p);
  p.g_killlwpsSignalled = true;
  yield 'killlwps.wakeup_stop';
  if (!k.cfg.killlwpsWait) return;
  while (p.p_nthreads > 1) {
    yield* tsleep(k, td, p.id_nthreads, 0, 'killlwps', 0, 'killlwps.sleep_nthreads');
  }
  yield 'killlwps.sleep_nthreads';
}

/**
 * seed 000:495-508: a vfork child clears P_PPWAIT atomically and wakes its parent, which holds a
 * PHOLD on it until then (H8); done before proc_move_allproc_zombie, whose reap1 would otherwise
 * wait for that hold. The parent's upmap invfork counter is not modelled.
 */
function* ppwait_release(k: Kern, p: Proc): Gen {
  if ((p.p_flags & P_PPWAIT) === 0) return;
  p.p_flags &= ~P_PPWAIT;
  if (p.p_pptr !== null) wakeup(k, p.p_pptr);
  yield 'exit1.ppwait';
}

/** exit1(rv): seed 000:291-649. Never returns (ends in lwp_exit). */
export function* exit1(k: Kern, td: Td, rv: number): Gen<never> {
  const p = td.td_proc!;
  const lp = td.td_lwp!;
  if (!gettoken(k, td, p.p_token)) yield 'exit1.enter';
  if (p === k.initproc) throw new KernelFault('init_exit', 'init died: Going nowhere without my init!');
  yield 'exit1.enter';

  const error = yield* killalllwps(k, td, false);
  if (error !== 0) {
    yield 'exit1.killalllwps_lost';
    return yield* lwp_exit(k, td, false, null);
  }
  // Task leader peers (seed 000:327-344): p->p_peers is always NULL here (no linux clone).

  p.p_flags |= P_POSTEXIT;
  p.p_xstat = rv;
  for (const fn of k.exit_list) fn(td);
  p.p_siglist = 0;
  lp.lwp_siglist = 0;
  yield 'exit1.postexit';

  // fdfree may block: a scheduling point with p_token kept (no descriptor tables modelled).
  yield 'exit1.fdfree';

  reltoken(k, td, p.p_token);
  yield 'exit1.vmspace_relexit';
  if (!gettoken(k, td, p.p_token)) yield 'exit1.vmspace_relexit';
  yield 'exit1.vmspace_relexit';

  if (p.p_session.s_leader === p) p.p_session.s_leader = null; // SESS_LEADER: no tty modelled
  yield 'exit1.session';
  yield 'exit1.fixjobc';

  if (k.cfg.ppwaitBeforeReap1) yield* ppwait_release(k, p);

  // proc_move_allproc_zombie(p) (kern_proc.c, notes 1.11)
  while (PSTALL(k, td, p, 'reap1', 0)) yield 'exit1.reap1';
  yield 'exit1.reap1';
  if (!gettoken(k, td, k.proc_token)) yield 'exit1.reap1a';
  while (PSTALL(k, td, p, 'reap1a', 0)) yield 'exit1.reap1a';
  yield 'exit1.reap1a';
  p.p_stat = SZOMB;
  reltoken(k, td, k.proc_token);
  yield 'exit1.move_zombie';
  if (!k.cfg.ppwaitBeforeReap1) yield* ppwait_release(k, p); // mutant ppwait_after_reap1 (unreachable: reap1 waits)

  let pp: Proc | null = p.p_pptr!;
  pp.p_waitgen++;
  pp = null;
  yield 'exit1.waitgen_bump';

  const reap = reaper_exit(p);
  yield 'exit1.reaper_exit';

  let reproc: Proc | null = null;
  if (p.p_children.length > 0) {
    reproc = reaper_get(reap);
    if (reproc === null) throw new KernelFault('reaper', `no reaper for the children of pid ${p.p_pid}`);
    if (!gettoken(k, td, reproc.p_token)) yield 'exit1.reaper_get';
    yield 'exit1.reaper_get';
    for (;;) {
      const q = p.p_children[0];
      if (q === undefined) break;
      PHOLD(q);
      if (!gettoken(k, td, q.p_token)) yield 'exit1.hold_child';
      yield 'exit1.hold_child';
      if (q !== p.p_children[0]) {
        reltoken(k, td, q.p_token);
        PRELE(k, q);
        yield 'exit1.move_child';
        continue;
      }
      p.p_children.shift();
      reproc.p_children.unshift(q);
      q.p_pptr = reproc;
      q.p_ppid = reproc.p_pid;
      q.p_sigparent = SIGCHLD;
      if ((q.p_flags & P_TRACED) !== 0) {
        q.p_flags &= ~P_TRACED;
        lwpsignal(k, q, null, SIGKILL); // ksignal(q, SIGKILL): q->p_token is held
      }
      reltoken(k, td, q.p_token);
      PRELE(k, q);
      yield 'exit1.move_child';
    }
    reltoken(k, td, reproc.p_token);
    wakeup(k, reproc);
    yield 'exit1.children_done';
  }

  // calcru_proc(p, &p->p_ru); KNOTE(NOTE_EXIT)
  p.p_ru += lp.lwp_ru;
  yield 'exit1.calcru';

  const ps = p.p_pptr!.p_sigacts;
  if (ps !== null && (ps.ps_flag & (PS_NOCLDWAIT | PS_CLDSIGIGN)) !== 0) {
    if (reproc === null) reproc = reaper_get(reap);
    yield 'exit1.cldwait_reparent';
    if (reproc !== null) yield* proc_reparent(k, td, p, reproc);
  }
  if (reproc !== null) PRELE(k, reproc);
  if (reap !== null) reaper_drop(reap);
  yield 'exit1.drop_reaper';

  pp = p.p_pptr!;
  PHOLD(pp);
  yield 'exit1.hold_parent';
  let sig = SIGCHLD;
  if (p.p_sigparent !== 0 && pp !== k.initproc) {
    sig = p.p_sigparent;
    if (sig !== SIGUSR1 && sig !== SIGCHLD) sig = SIGCHLD;
  }
  yield* ksignal(k, td, pp, sig, 'exit1.signal_parent', k.cfg.ksignalTakesParentToken);
  p.p_flags &= ~P_TRACED;
  PRELE(k, pp);
  yield 'exit1.signal_parent';

  yield 'exit1.call_lwp_exit';
  return yield* lwp_exit(k, td, true, pp);
}
