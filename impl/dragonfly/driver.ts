/**
 * The driver side of the simulated DragonFly kernel: process and lwp creation (fork1, lwp_create1
 * as summarised in notes 4.1), the user-mode loop of every lwp (commands in, userret out), and the
 * minimum system calls needed to reach every exit-path state: kill, ptrace attach, procctl reaper
 * acquire/release, SIGCHLD disposition, setpgid, setsid. None of these are in seed 000; see
 * docs/dragonfly.md for what each simplifies.
 */
import { Errno, Signal, type Command, type CommandResult } from '../api.js';
import { ThreadExit, type Gen, type Kern } from './kern.js';
import { exit1, sys_exit, sys_extexit } from './exit.js';
import { lwp_exit } from './lwp.js';
import { PHOLD, PINTERLOCKED, PRELE, STOPLWP, gettoken, ksignal, lwpsignal, notify_parent_stopped, reltoken, tsleep, tsleep_interlock, tstop } from './prim.js';
import { reaper_acquire, reaper_hold, reaper_release } from './reaper.js';
import { proc_reparent } from './reparent.js';
import {
  FATAL_SIGS,
  LWP_MP_WEXIT,
  Lwp,
  P_MAYBETHREADED,
  P_PPWAIT,
  P_TRACED,
  P_WEXIT,
  PS_CLDSIGIGN,
  PS_NOCLDWAIT,
  Proc,
  SACTIVE,
  SIDL,
  SIGCONT,
  SIGSTOP,
  SSTOP,
  SZOMB,
  Td,
  W_EXITCODE,
  type PendingCommand,
} from './structs.js';
import { optionBits, sys_wait4, sys_wait6 } from './wait.js';

/** Creates an lwp in p with its kernel thread, starting in user mode. */
export function newLwp(k: Kern, p: Proc, tid: number): Lwp {
  const kt = k.s.spawn(`lwp ${p.p_pid}.${tid}`, null);
  const lp = new Lwp(tid, p, kt.tid % k.cpus.length);
  const td = new Td(kt, lp, p);
  kt.ext = td;
  lp.lwp_thread = td;
  kt.body = lwpMain(k, td);
  // lwp_fork2: insert into p_lwp_tree (tid order), ++p_nthreads, P_MAYBETHREADED.
  let i = 0;
  while (i < p.p_lwp_tree.length && p.p_lwp_tree[i]!.lwp_tid < tid) i++;
  p.p_lwp_tree.splice(i, 0, lp);
  p.p_lasttid = tid;
  ++p.p_nthreads;
  p.p_flags |= P_MAYBETHREADED;
  return lp;
}

/** Allocates a process (fork1's first half): SIDL, on allproc, child of `parent`. */
export function newProc(k: Kern, parent: Proc | null): Proc {
  const pid = k.nextPid++;
  let p: Proc;
  if (parent === null) {
    p = new Proc(pid, pid, { s_sid: pid, s_leader: null }, { cr_uid: 0, cr_gid: 0, cr_prison: null }, { ps_flag: 0, ps_refcnt: 1 });
    p.p_session.s_leader = p;
  } else {
    const cr = parent.p_ucred!;
    p = new Proc(pid, parent.p_pgid, parent.p_session, { cr_uid: cr.cr_uid, cr_gid: cr.cr_gid, cr_prison: cr.cr_prison }, { ps_flag: parent.p_sigacts!.ps_flag, ps_refcnt: 1 });
    p.p_reaper = parent.p_reaper;
    reaper_hold(p.p_reaper);
    p.p_pptr = parent;
    p.p_ppid = parent.p_pid;
    parent.p_children.unshift(p);
  }
  k.allproc.push(p);
  p.g_onAllproc = true;
  k.nprocs++;
  return p;
}

function done(h: PendingCommand, result: CommandResult): void {
  h.handle.done = true;
  h.handle.result = result;
}

/**
 * The life of an lwp: in user mode it waits for a command or an AST; each command runs as a
 * system call; on the way back to user mode it runs userret (lwpuserret -> lwp_exit, tstop,
 * postsig -> exit1). It ends when the lwp exits.
 */
export function* lwpMain(k: Kern, td: Td): Gen<string | void> {
  const lp = td.td_lwp!;
  let current: PendingCommand | null = null;
  try {
    for (;;) {
      if (userretPending(lp)) yield* userret(k, td, lp);
      const next = lp.queue.shift();
      if (next === undefined) {
        lp.g_user = true;
        k.s.interlock(td.kt, lp.id_user, 'user');
        if (k.s.sleepOn(td.kt, lp.id_user, 'user', false, false, true, null, true)) yield 'syscall.idle';
        lp.g_user = false;
        continue;
      }
      current = next;
      yield 'syscall.enter';
      lp.lwp_ru++;
      const result = yield* syscall(k, td, next.cmd);
      done(next, result);
      current = null;
      yield 'syscall.return';
    }
  } catch (e) {
    if (!(e instanceof ThreadExit)) throw e;
    if (current !== null) done(current, { error: 0 });
    for (const c of lp.queue.splice(0)) done(c, { error: Errno.ESRCH });
    return e.label;
  }
}

/**
 * Whether userret has anything to do (LWP_MP_WEXIT, STOPLWP, a pending fatal signal): the checks
 * at the top of userret's loop, tested before entering it so that the common return to user
 * mode creates no generator.
 */
function userretPending(lp: Lwp): boolean {
  return (lp.lwp_mpflags & LWP_MP_WEXIT) !== 0 || STOPLWP(lp.lwp_proc!, lp) || (lp.lwp_siglist & FATAL_SIGS) !== 0;
}

/** userret: lwpuserret on LWP_MP_WEXIT, tstop while STOPLWP, postsig of a fatal signal. */
function* userret(k: Kern, td: Td, lp: Lwp): Gen {
  const p = lp.lwp_proc!;
  for (;;) {
    if ((lp.lwp_mpflags & LWP_MP_WEXIT) !== 0) {
      if (!gettoken(k, td, p.p_token)) yield 'userret.lwpuserret';
      yield 'userret.lwpuserret';
      yield* lwp_exit(k, td, false, null);
    }
    if (STOPLWP(p, lp)) {
      if (!gettoken(k, td, p.p_token)) yield 'userret.tstop';
      yield* tstop(k, td, p, lp);
      reltoken(k, td, p.p_token);
      continue;
    }
    const sigs = lp.lwp_siglist & FATAL_SIGS;
    if (sigs !== 0) {
      const sig = 31 - Math.clz32(sigs & -sigs);
      lp.lwp_siglist &= ~(1 << sig);
      yield 'userret.postsig';
      yield* exit1(k, td, W_EXITCODE(0, sig)); // sigexit (no core dumps)
    }
    return;
  }
}

/**
 * The system call table: the kernel generator running `cmd` as a system call of the current lwp.
 * A plain function returning the system call's own generator (rather than a generator wrapping
 * it), so a system call's steps resume one generator frame fewer.
 */
function syscall(k: Kern, td: Td, cmd: Command): Gen<CommandResult> {
  switch (cmd.kind) {
    case 'exit':
      return sys_exit(k, td, cmd.status);
    case 'wait': {
      const bits = optionBits(cmd.options);
      return cmd.api === 'wait4' ? sys_wait4(k, td, cmd.id, bits) : sys_wait6(k, td, cmd.idtype, cmd.id, bits);
    }
    case 'fork':
      return sys_fork(k, td);
    case 'vfork':
      return sys_vfork(k, td);
    case 'kill':
      return sys_kill(k, td, cmd.target, Signal[cmd.sig]);
    case 'ptrace_attach':
      return sys_ptrace_attach(k, td, cmd.target);
    default:
      return syscallOther(k, td, cmd);
  }
}

/** The remaining system calls (short, one or two steps each). */
function* syscallOther(k: Kern, td: Td, cmd: Command): Gen<CommandResult> {
  const p = td.td_proc!;
  switch (cmd.kind) {
    case 'exit':
    case 'wait':
    case 'fork':
    case 'vfork':
    case 'kill':
    case 'ptrace_attach':
      return yield* syscall(k, td, cmd);
    case 'extexit':
      return { error: yield* sys_extexit(k, td, cmd.who, cmd.action, cmd.status) };
    case 'lwp_create':
      return yield* lwp_create1(k, td, p);
    case 'reaper_acquire': {
      if (!gettoken(k, td, p.p_token)) yield 'procctl.reaper_acquire';
      const error = reaper_acquire(p);
      reltoken(k, td, p.p_token);
      yield 'procctl.reaper_acquire';
      return { error };
    }
    case 'reaper_release': {
      if (!gettoken(k, td, p.p_token)) yield 'procctl.reaper_release';
      const error = reaper_release(p);
      reltoken(k, td, p.p_token);
      yield 'procctl.reaper_release';
      return { error };
    }
    case 'sigchld': {
      if (!gettoken(k, td, p.p_token)) yield 'sigaction.sigchld';
      const ps = p.p_sigacts!;
      ps.ps_flag &= ~(PS_NOCLDWAIT | PS_CLDSIGIGN);
      if (cmd.disposition === 'ignore') ps.ps_flag |= PS_CLDSIGIGN;
      else if (cmd.disposition === 'nocldwait') ps.ps_flag |= PS_NOCLDWAIT;
      reltoken(k, td, p.p_token);
      yield 'sigaction.sigchld';
      return { error: 0 };
    }
    case 'setpgid': {
      if (!gettoken(k, td, p.p_token)) yield 'setpgid.set';
      const pgid = cmd.pgid === 0 ? p.p_pid : cmd.pgid;
      let error = 0;
      if (p.p_session.s_sid === p.p_pid) error = Errno.EPERM;
      else if (pgid !== p.p_pid && !k.allproc.some((o) => o.p_pgid === pgid && o.p_session === p.p_session)) error = Errno.EPERM; // zombies stay in their group until reaped
      else p.p_pgid = pgid;
      reltoken(k, td, p.p_token);
      yield 'setpgid.set';
      return { error };
    }
    case 'setsid': {
      if (!gettoken(k, td, p.p_token)) yield 'setsid.set';
      let error = 0;
      if (k.allproc.some((o) => o.p_pgid === p.p_pid)) error = Errno.EPERM;
      else {
        p.p_session = { s_sid: p.p_pid, s_leader: p };
        p.p_pgid = p.p_pid;
      }
      reltoken(k, td, p.p_token);
      yield 'setsid.set';
      return { error };
    }
  }
}

/**
 * lwp_create (notes 4.1, H21): under p_token, lwp_fork1 copies the creator's pending lwp signals;
 * lwp_fork2's lwkt_alloc_thread may block, losing every token (the step ends there and the thread
 * resumes with p_token re-held, or at once when nothing else takes it: the non-blocking case);
 * then the new lwp is inserted into p_lwp_tree with ++p_nthreads. Neither P_WEXIT nor the
 * creator's LWP_MP_WEXIT is checked, so an lwp created while the master exiter runs killlwps
 * escapes it (H21, a finding: docs/dragonfly.md). Same split as the model's lwp_create1_create /
 * lwp_create1_insert.
 */
function* lwp_create1(k: Kern, td: Td, p: Proc): Gen<CommandResult> {
  if (!gettoken(k, td, p.p_token)) yield 'lwp_create1.create';
  const siglist = td.td_lwp!.lwp_siglist; // lwp_fork1 copies the pending lwp signals
  k.s.block(td.kt); // lwp_fork2: lwkt_alloc_thread(..., TDF_...) may block
  yield 'lwp_create1.create';
  const lp = newLwp(k, p, p.p_lasttid + 1);
  lp.lwp_siglist = siglist;
  reltoken(k, td, p.p_token);
  yield 'lwp_create1.insert';
  return { error: 0 };
}

/** fork(2): fork1 + start_forked_proc (notes 4.1). The child starts in user mode. */
function* sys_fork(k: Kern, td: Td): Gen<CommandResult> {
  const p1 = td.td_proc!;
  if (!gettoken(k, td, p1.p_token)) yield 'fork1.create';
  const p2 = newProc(k, p1);
  p2.p_stat = SIDL;
  reltoken(k, td, p1.p_token);
  yield 'fork1.create';
  p2.p_stat = SACTIVE;
  newLwp(k, p2, 1);
  yield 'fork1.start';
  return { error: 0, pid: p2.p_pid };
}

/**
 * vfork(2) (notes 4.1, H8): fork1 with RFPPWAIT (the child starts with P_PPWAIT); sys_vfork
 * PHOLDs the child around start_forked_proc, which then sleeps on the parent proc (tsleep_interlock
 * re-checks the child's P_PPWAIT, notes 3 table "ppwait") until exit1 clears P_PPWAIT and
 * wakes p_pptr (seed 000:495-508; exec also would, not modelled); then PRELE(child). The child's
 * reap1 (PSTALL 0) would wait for that hold if P_PPWAIT were cleared after it (mutant
 * ppwait_after_reap1). Same steps as the model's fork + vfork_ppwait.
 */
function* sys_vfork(k: Kern, td: Td): Gen<CommandResult> {
  const p1 = td.td_proc!;
  if (!gettoken(k, td, p1.p_token)) yield 'fork1.create';
  const p2 = newProc(k, p1);
  p2.p_stat = SIDL;
  p2.p_flags |= P_PPWAIT;
  PHOLD(p2); // sys_vfork: held across start_forked_proc
  reltoken(k, td, p1.p_token);
  yield 'fork1.create';
  p2.p_stat = SACTIVE;
  newLwp(k, p2, 1);
  yield 'fork1.start';
  for (;;) {
    tsleep_interlock(k, td, p1, 'ppwait');
    if ((p2.p_flags & P_PPWAIT) === 0) break;
    // idle: the parent waits for a user-level event (the child's exit or exec), so a quiescent
    // run with the child still in user mode is not a deadlock.
    yield* tsleep(k, td, p1, PINTERLOCKED, 'ppwait', 0, 'vfork.ppwait', { idle: true });
  }
  td.kt.wchan = null; // the interlock is dropped with the loop
  PRELE(k, p2);
  yield 'vfork.ppwait';
  return { error: 0, pid: p2.p_pid };
}

/** kill(2) with default dispositions: pfind (skips zombies) then lwpsignal under p_token. */
function* sys_kill(k: Kern, td: Td, target: number, sig: number): Gen<CommandResult> {
  const p = k.pfindAny(target);
  if (p === undefined || p.p_stat === SZOMB) {
    yield 'kern_kill.send';
    return { error: Errno.ESRCH };
  }
  if (p === k.initproc) {
    yield 'kern_kill.send';
    return { error: Errno.EPERM };
  }
  PHOLD(p); // pfind
  const label = sig === SIGSTOP && (p.p_flags & P_WEXIT) === 0 ? 'proc_stop.stop' : sig === SIGCONT && p.p_stat === SSTOP ? 'proc_unstop.cont' : 'kern_kill.send';
  if (!gettoken(k, td, p.p_token)) yield label;
  if (lwpsignal(k, p, null, sig)) yield* notify_parent_stopped(k, td, p, label);
  reltoken(k, td, p.p_token);
  PRELE(k, p);
  yield label;
  return { error: 0 };
}

/** ptrace(PT_ATTACH): P_TRACED, p_oppid, reparent to the tracer, SIGSTOP. */
function* sys_ptrace_attach(k: Kern, td: Td, target: number): Gen<CommandResult> {
  const tracer = td.td_proc!;
  const p = k.pfindAny(target);
  if (p === undefined || p.p_stat === SZOMB) {
    yield 'ptrace.attach';
    return { error: Errno.ESRCH };
  }
  if (p === tracer) {
    yield 'ptrace.attach';
    return { error: Errno.EINVAL };
  }
  if (p === k.initproc || (p.p_flags & P_WEXIT) !== 0) {
    yield 'ptrace.attach';
    return { error: Errno.EPERM };
  }
  if ((p.p_flags & P_TRACED) !== 0) {
    yield 'ptrace.attach';
    return { error: Errno.EBUSY };
  }
  for (let a: Proc | null = tracer; a !== null; a = a.p_pptr) {
    if (a === p) {
      yield 'ptrace.attach';
      return { error: Errno.EPERM }; // would make the target its own ancestor's tracee
    }
  }
  PHOLD(p); // pfind
  if (!gettoken(k, td, p.p_token)) yield 'ptrace.attach';
  if ((p.p_flags & (P_WEXIT | P_TRACED)) !== 0) {
    reltoken(k, td, p.p_token);
    PRELE(k, p);
    yield 'ptrace.attach';
    return { error: (p.p_flags & P_TRACED) !== 0 ? Errno.EBUSY : Errno.ESRCH };
  }
  p.p_flags |= P_TRACED;
  p.p_oppid = p.p_pptr!.p_pid;
  reltoken(k, td, p.p_token);
  yield 'ptrace.attach';
  if (p.p_pptr !== tracer) yield* proc_reparent(k, td, p, tracer);
  yield* ksignal(k, td, p, SIGSTOP, 'ptrace.attach');
  PRELE(k, p);
  yield 'ptrace.attach';
  return { error: 0 };
}
