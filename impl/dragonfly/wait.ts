/**
 * sys_wait4, sys_wait6 and kern_wait of seed 000 (dragonfly-kern_exit-current.c:902-1440), with
 * proc_remove_zombie (kern_proc.c, notes 1.11) inlined at its call site.
 */
import type { IdType, WaitOptions, WaitReport } from '../api.js';
import { KernelFault } from '../kernel/sched.js';
import type { Gen, Kern } from './kern.js';
import { reaplwp } from './lwp.js';
import {
  PCATCH,
  PHOLD,
  PHOLDZOMB,
  PINTERLOCKED,
  PRELE,
  PRELEZOMB,
  PSTALL,
  PWAITRES_PENDING,
  PWAITRES_SET,
  STOPLWP,
  gettoken,
  ksignal,
  reltoken,
  tsleep,
  tsleep_interlock,
  tstop,
  wakeup,
} from './prim.js';
import { proc_reparent } from './reparent.js';
import { P_CONTINUED, P_TRACED, P_WAITED, SCORE, SIGCHLD, SIGCONT, SSTOP, SZOMB, kfree, type Proc, type Td } from './structs.js';

export const WNOHANG = 0x1;
export const WUNTRACED = 0x2;
export const WSTOPPED = WUNTRACED;
export const WCONTINUED = 0x4;
export const WNOWAIT = 0x8;
export const WEXITED = 0x10;
export const WTRAPPED = 0x20;
export const WLINUXCLONE = 0x80000000;
/** A bit outside the valid set (to reach the EINVAL path). */
export const WINVALID = 0x4000;
const VALID = WUNTRACED | WNOHANG | WCONTINUED | WLINUXCLONE | WSTOPPED | WEXITED | WTRAPPED | WNOWAIT;

export const ECHILD = 10;
export const EINVAL = 22;
export const WAIT_ANY = -1;
export const WAIT_MYPGRP = 0;

export interface WaitResult {
  readonly error: number;
  readonly pid?: number;
  readonly report?: WaitReport;
  /** The raw status word (p_xstat, W_STOPCODE, or SIGCONT), as copied out by wait4/wait6. */
  readonly status?: number;
  /** struct __wrusage: the child's own and its children's usage (system calls in the model). */
  readonly wrusage?: { readonly wru_self: number; readonly wru_children: number };
  /** siginfo_t as wait6 fills it (seed 000:1207-1222, 1362-1369, 1399-1404). */
  readonly siginfo?: { readonly si_signo: number; readonly si_code: string; readonly si_status: number; readonly si_pid: number; readonly si_uid: number };
}

/** siginfo of a reaped zombie (seed 000:1207-1222). */
function zombieSiginfo(p: Proc): NonNullable<WaitResult['siginfo']> {
  const x = p.p_xstat;
  const exited = (x & 0x7f) === 0;
  return { si_signo: SIGCHLD, si_code: exited ? 'CLD_EXITED' : 'CLD_KILLED', si_status: exited ? (x >> 8) & 0xff : x & 0x7f, si_pid: p.p_pid, si_uid: p.p_ucred === null ? 0 : p.p_ucred.cr_uid };
}

/** Ghost record of what a kern_wait caller asked, for the lost-wakeup check at quiescence. */
export interface WaitRequest {
  readonly idtype: IdType;
  readonly id: number;
  readonly options: number;
}

/** Ghost: what each thread's current kern_wait asked (for the lost-wakeup check at quiescence). */
export const waitRequests = new WeakMap<Td, WaitRequest>();

export function optionBits(o: WaitOptions): number {
  let b = 0;
  if (o.WNOHANG === true) b |= WNOHANG;
  if (o.WUNTRACED === true) b |= WUNTRACED;
  if (o.WCONTINUED === true) b |= WCONTINUED;
  if (o.WEXITED === true) b |= WEXITED;
  if (o.WTRAPPED === true) b |= WTRAPPED;
  if (o.WNOWAIT === true) b |= WNOWAIT;
  if (o.WLINUXCLONE === true) b |= WLINUXCLONE;
  if (o.invalidBits === true) b |= WINVALID;
  return b >>> 0;
}

/** The idtype filter of the child scan (seed 000:1058-1110), without the holds. */
export function matchesFilter(p: Proc, idtype: IdType, id: number): boolean {
  switch (idtype) {
    case 'P_ALL':
      return true;
    case 'P_PID':
      return p.p_pid === id;
    case 'P_PGID':
      return p.p_pgid === id;
    case 'P_SID':
      return !(p.p_session !== null && p.p_session.s_sid !== id);
    case 'P_UID':
      return p.p_ucred!.cr_uid === id;
    case 'P_GID':
      return p.p_ucred!.cr_gid === id;
    case 'P_JAILID':
      return !(p.p_ucred!.cr_prison !== null && p.p_ucred!.cr_prison.pr_id !== id);
  }
}

/** Decodes an exit status (p_xstat) into a report. */
export function exitReport(pid: number, xstat: number): WaitReport {
  const sig = xstat & 0x7f;
  return sig === 0 ? { kind: 'exited', pid, status: (xstat >> 8) & 0xff } : { kind: 'killed', pid, signal: sig };
}

/** sys_wait4: seed 000:902-937. `pid` is wait4's pid argument. */
export function* sys_wait4(k: Kern, td: Td, pid: number, options: number): Gen<WaitResult> {
  const opts = (options | WEXITED | WTRAPPED) >>> 0;
  let id = pid;
  let idtype: IdType;
  if (id === WAIT_ANY) idtype = 'P_ALL';
  else if (id === WAIT_MYPGRP) {
    idtype = 'P_PGID';
    id = td.td_proc!.p_pgid;
  } else if (id < 0) {
    idtype = 'P_PGID';
    id = -id;
  } else idtype = 'P_PID';
  yield 'sys_wait4.enter';
  const r = yield* kern_wait(k, td, idtype, id, opts);
  if (r.siginfo === undefined) return r;
  const { siginfo: _none, ...rest } = r; // wait4 passes no siginfo_t (info == NULL)
  return rest;
}

/** sys_wait6: seed 000:939-983. */
export function* sys_wait6(k: Kern, td: Td, idtype: IdType, id: number, options: number): Gen<WaitResult> {
  if ((idtype === 'P_PID' || idtype === 'P_PGID') && id === WAIT_MYPGRP) {
    idtype = 'P_PGID';
    id = td.td_proc!.p_pgid;
  }
  yield 'sys_wait6.enter';
  return yield* kern_wait(k, td, idtype, id, options >>> 0);
}

/** kern_wait: seed 000:985-1440. */
export function* kern_wait(k: Kern, td: Td, idtype: IdType, id: number, options: number): Gen<WaitResult> {
  const q = td.td_proc!;
  const lp = td.td_lwp!;
  if ((options & ~VALID) !== 0 || (options & (WEXITED | WUNTRACED | WCONTINUED | WTRAPPED)) === 0) {
    yield 'kern_wait.check_options';
    return { error: EINVAL };
  }
  yield 'kern_wait.check_options';
  waitRequests.set(td, { idtype, id, options });
  const thr = k.cfg.reapThreshold;
  if (!gettoken(k, td, q.p_token)) yield 'kern_wait.loop';
  let result: WaitResult;
  loop: for (;;) {
    if (STOPLWP(q, lp)) yield* tstop(k, td, q, lp);
    yield 'kern_wait.loop';
    let nfound = 0;
    let waitgen = q.p_waitgen;
    k.skippedWaitres.delete(td.kt);
    yield 'kern_wait.sample_waitgen';
    for (let i = 0; i < q.p_children.length; i++) {
      const p = q.p_children[i]!;
      if (PWAITRES_PENDING(p)) {
        k.skippedWaitres.add(td.kt);
        yield 'kern_wait.scan_child';
        continue;
      }
      if (!matchesFilter(p, idtype, id)) {
        yield 'kern_wait.scan_child';
        continue;
      }
      PHOLD(p);
      if ((p.p_sigparent !== SIGCHLD) !== ((options & WLINUXCLONE) !== 0)) {
        PRELE(k, p);
        yield 'kern_wait.scan_child';
        continue;
      }
      nfound++;
      yield 'kern_wait.scan_child';

      if (p.p_stat === SZOMB && (options & WEXITED) !== 0) {
        if ((yield* PHOLDZOMB(k, td, p, 'kern_wait.pholdzomb')) !== 0) {
          PRELE(k, p);
          yield 'kern_wait.pholdzomb';
          continue loop;
        }
        yield 'kern_wait.pholdzomb';
        if (!gettoken(k, td, p.p_token)) yield 'kern_wait.zomb_token';
        if (k.cfg.pptrRecheck && p.p_pptr !== q) {
          reltoken(k, td, p.p_token);
          PRELE(k, p);
          PRELEZOMB(k, p);
          yield 'kern_wait.zomb_token';
          continue loop;
        }
        yield 'kern_wait.zomb_token';
        if (k.cfg.pwaitresSet) PWAITRES_SET(k, p);
        yield 'kern_wait.waitres_set';
        while (p.p_nthreads > 0) {
          yield* tsleep(k, td, p.id_nthreads, 0, 'lwpzomb', 100, 'kern_wait.lwpzomb_sleep', { pollReady: () => p.p_nthreads === 0 });
        }
        yield 'kern_wait.lwpzomb_sleep';
        for (;;) {
          const zlp = p.p_lwp_tree[0];
          if (zlp === undefined) break;
          while (zlp.lwp_lock > 0) {
            yield* tsleep(k, td, zlp, 0, 'zomblwp', 1, 'kern_wait.zomblwp_poll', { pollReady: () => zlp.lwp_lock === 0 });
          }
          yield 'kern_wait.zomblwp_poll';
          p.p_lwp_tree.splice(p.p_lwp_tree.indexOf(zlp), 1);
          yield* reaplwp(k, td, zlp);
          yield 'kern_wait.reap_master_lwp';
        }
        if (p.p_nthreads !== 0) throw new KernelFault('kassert', `kern_wait: pid ${p.p_pid} p_nthreads ${p.p_nthreads} != 0`);
        PRELE(k, p);
        while (PSTALL(k, td, p, 'reap3', thr)) yield 'kern_wait.reap3';
        yield 'kern_wait.reap3';

        const pid = p.p_pid;
        const report = exitReport(pid, p.p_xstat);
        const extra = { status: p.p_xstat, wrusage: { wru_self: p.p_ru, wru_children: p.p_cru }, siginfo: zombieSiginfo(p) };
        yield 'kern_wait.collect_status';

        if ((options & WNOWAIT) !== 0) {
          reltoken(k, td, p.p_token);
          PRELEZOMB(k, p);
          yield 'kern_wait.wnowait';
          result = { error: 0, pid, report, ...extra };
          break loop;
        }

        if (p.p_oppid !== 0) {
          const t = k.pfindAny(p.p_oppid);
          if (t !== undefined && t.p_stat !== SZOMB) {
            PHOLD(t); // pfind
            p.p_oppid = 0;
            yield 'kern_wait.ptrace_giveback';
            yield* proc_reparent(k, td, p, t);
            yield* ksignal(k, td, t, SIGCHLD, 'kern_wait.ptrace_giveback');
            wakeup(k, t);
            PRELE(k, t);
            reltoken(k, td, p.p_token);
            PRELEZOMB(k, p);
            yield 'kern_wait.ptrace_giveback';
            result = { error: 0, pid, report, ...extra };
            break loop;
          }
        }

        // proc_remove_zombie(p)
        while (PSTALL(k, td, p, 'reap2', thr)) yield 'kern_wait.reap2';
        yield 'kern_wait.reap2';
        if (!gettoken(k, td, k.proc_token)) yield 'kern_wait.reap2a';
        while (PSTALL(k, td, p, 'reap2a', thr)) yield 'kern_wait.reap2a';
        yield 'kern_wait.reap2a';
        const ai = k.allproc.indexOf(p);
        if (ai >= 0) k.allproc.splice(ai, 1);
        p.g_onAllproc = false;
        // LIST_REMOVE(p, p_sibling) unlinks p from whatever child list it is on now. Changing a
        // p_children list needs its owner's token (H16): report when p's parent is no longer q.
        const owner = p.p_pptr;
        if (owner !== null) {
          if (owner !== q && !k.s.holds(td.kt, owner.p_token)) {
            k.s.violate('p_children_token', `kern_wait of pid ${q.p_pid} unlinks zombie ${p.p_pid} from the child list of pid ${owner.p_pid} without its token (p_pptr changed after the check)`, 'kern_wait.remove_zombie');
            k.s.halted = true;
          }
          const ci = owner.p_children.indexOf(p);
          if (ci >= 0) owner.p_children.splice(ci, 1);
        }
        p.p_pptr = null;
        p.p_ppid = 0;
        reltoken(k, td, k.proc_token);
        reltoken(k, td, p.p_token);
        yield 'kern_wait.remove_zombie';

        if (k.reaped.has(pid)) k.s.violate('reaped_once', `pid ${pid} reaped twice`, 'kern_wait.free_creds');
        k.reaped.add(pid);
        p.p_xstat = 0;
        q.p_cru += p.p_ru + p.p_cru;
        p.p_ucred = null;
        p.p_sigacts = null;
        yield 'kern_wait.free_creds';

        while (PSTALL(k, td, p, 'reap4', thr)) yield 'kern_wait.reap4';
        yield 'kern_wait.reap4';
        reltoken(k, td, q.p_token);
        yield 'kern_wait.vmspace_exitfree';
        if (!gettoken(k, td, q.p_token)) yield 'kern_wait.vmspace_exitfree';
        yield 'kern_wait.vmspace_exitfree';
        while (PSTALL(k, td, p, 'reap5', thr)) yield 'kern_wait.reap5';
        yield 'kern_wait.reap5';

        PRELEZOMB(k, p);
        freeProc(k, p);
        k.nprocs--;
        yield 'kern_wait.free_proc';
        result = { error: 0, pid, report, ...extra };
        break loop;
      }

      if (
        (p.p_stat === SSTOP || p.p_stat === SCORE) &&
        (p.p_flags & P_WAITED) === 0 &&
        (((p.p_flags & P_TRACED) !== 0 && (options & WTRAPPED) !== 0) || (options & WSTOPPED) !== 0)
      ) {
        if (!gettoken(k, td, p.p_token)) yield 'kern_wait.stop_check';
        if (
          p.p_pptr !== q ||
          (p.p_stat !== SSTOP && p.p_stat !== SCORE) ||
          (p.p_flags & P_WAITED) !== 0 ||
          ((p.p_flags & P_TRACED) === 0 && (options & WUNTRACED) === 0)
        ) {
          reltoken(k, td, p.p_token);
          PRELE(k, p);
          yield 'kern_wait.stop_check';
          continue loop;
        }
        yield 'kern_wait.stop_check';
        if ((options & WNOWAIT) === 0) p.p_flags |= P_WAITED;
        result = {
          error: 0,
          pid: p.p_pid,
          report: { kind: 'stopped', pid: p.p_pid, signal: p.p_xstat },
          status: (p.p_xstat << 8) | 0x7f, // W_STOPCODE
          wrusage: { wru_self: 0, wru_children: 0 },
          // si_status = WSTOPSIG(p_xstat) as in the seed, where p_xstat holds the bare signal (see docs)
          siginfo: { si_signo: 0, si_code: (p.p_flags & P_TRACED) !== 0 ? 'CLD_TRAPPED' : 'CLD_STOPPED', si_status: (p.p_xstat >> 8) & 0xff, si_pid: 0, si_uid: 0 },
        };
        reltoken(k, td, p.p_token);
        PRELE(k, p);
        yield 'kern_wait.report_stop';
        break loop;
      }
      if ((options & WCONTINUED) !== 0 && (p.p_flags & P_CONTINUED) !== 0) {
        if (!gettoken(k, td, p.p_token)) yield 'kern_wait.cont_check';
        if (p.p_pptr !== q || (p.p_flags & P_CONTINUED) === 0) {
          reltoken(k, td, p.p_token);
          PRELE(k, p);
          yield 'kern_wait.cont_check';
          continue loop;
        }
        yield 'kern_wait.cont_check';
        if ((options & WNOWAIT) === 0) p.p_flags &= ~P_CONTINUED;
        result = {
          error: 0,
          pid: p.p_pid,
          report: { kind: 'continued', pid: p.p_pid },
          status: SIGCONT,
          siginfo: { si_signo: 0, si_code: 'CLD_CONTINUED', si_status: (p.p_xstat >> 8) & 0xff, si_pid: 0, si_uid: 0 },
        };
        reltoken(k, td, p.p_token);
        PRELE(k, p);
        yield 'kern_wait.report_cont';
        break loop;
      }
      PRELE(k, p);
      yield 'kern_wait.skip_child';
    }
    if (nfound === 0) {
      yield 'kern_wait.echild';
      result = { error: ECHILD };
      break loop;
    }
    if ((options & WNOHANG) !== 0) {
      yield 'kern_wait.wnohang';
      result = { error: 0, pid: 0 };
      break loop;
    }
    let error = 0;
    while (!k.cfg.waitgenRecheck || waitgen === q.p_waitgen) {
      tsleep_interlock(k, td, q, 'wait');
      waitgen = q.p_waitgen;
      yield 'kern_wait.interlock';
      if (!k.cfg.waitgenRecheck || waitgen === q.p_waitgen) {
        error = yield* tsleep(k, td, q, PCATCH | PINTERLOCKED, 'wait', 0, 'kern_wait.sleep', { idle: true });
        yield 'kern_wait.sleep';
        break;
      }
    }
    if (error !== 0) {
      result = { error };
      break loop;
    }
  }
  reltoken(k, td, q.p_token);
  waitRequests.delete(td);
  yield 'kern_wait.done';
  return result;
}

/** kfree(p) with the free-time checks of H13/H23 (count drained, reaped zombie, no children). */
function freeProc(k: Kern, p: Proc): void {
  const pid = p.p_pid;
  if ((p.p_lock & 0x0fffffff) !== 0 || p.p_stat !== SZOMB || p.g_onAllproc || p.p_lwp_tree.length !== 0) {
    k.s.violate('free_only_drained_zombie', `pid ${pid} freed with p_lock ${p.p_lock.toString(16)}, p_stat ${p.p_stat}, ${p.p_lwp_tree.length} lwps`);
  }
  if (p.p_children.length !== 0) {
    k.s.violate('freed_has_no_children', `pid ${pid} freed with children ${p.p_children.map((c) => c.p_pid).join(',')}`);
  }
  if (k.freed.has(pid)) k.s.violate('free_once', `pid ${pid} freed twice`);
  k.freed.add(pid);
  kfree(p, `proc ${pid}`);
}
