/**
 * The MINIX 3 process manager (PM) as a state-transition system: `PmServer.handle(message)` runs
 * one message to completion, exactly as PM's single-threaded receive loop does (one message = one
 * atomic step, notes §0). Everything PM sends goes through `PmEnv`: replies (ipc_sendnb, lost if
 * nobody waits), requests to VFS (asynsend), kernel signals (sys_kill). The functions of
 * forkexit.c (seed 004) are methods with the same names; the few pieces of main.c, signal.c,
 * trace.c, getset.c and utility.c the exit path needs are modelled after
 * /work/shared/notes/minix-pm.md and cite it.
 *
 * Seed panics throw `KernelFault` (impl/kernel/sched.ts): the scheduler records them as invariant
 * violations and halts the run; the tool never crashes.
 */
import { Errno } from '../api.js';
import { KernelFault } from '../kernel/sched.js';
import {
  CORE_SSET,
  DELAY_CALL,
  EVENT_CALL,
  EXITING,
  IGN_SSET,
  INIT_PID,
  INIT_PROC_NR,
  IN_USE,
  LAST_FEW,
  NEW_PARENT,
  NO_TRACER,
  NR_PIDS,
  PM_PROC_NR,
  PRIV_PROC,
  PROC_STOPPED,
  RS_PROC_NR,
  SIGCHLD,
  SIGHUP,
  SIGKILL,
  SIGSTOP,
  SUSPEND,
  TAINTED,
  TOLD_PARENT,
  TO_NOEXEC,
  TO_TRACEFORK,
  TRACE_EXIT,
  TRACE_STOPPED,
  TRACE_ZOMBIE,
  UNPAUSED,
  VFS_CALL,
  WAITING,
  WCOREFLAG,
  ZOMBIE,
  ALARM_ON,
  flagNames,
  toChar,
  wExitCode,
  wStopCode,
  ENOSYS,
} from './const.js';
import { bootTable, copySlot, sigAdd, sigDel, type Mproc, type RusageAddr, type TableOptions } from './mproc.js';
import type { MinixMutant } from './mutants.js';

// ------------------------------------------------------------------------------------------------
// Messages
// ------------------------------------------------------------------------------------------------

/** A call a process sends to PM (m_type and its parameters). */
export type PmCall =
  | { readonly type: 'PM_FORK' }
  | { readonly type: 'PM_SRV_FORK'; readonly uid: number; readonly gid: number }
  | { readonly type: 'PM_EXIT'; readonly status: number }
  | { readonly type: 'PM_WAIT4'; readonly pid: number; readonly wnohang: boolean; readonly addr: RusageAddr }
  | { readonly type: 'PM_KILL'; readonly pid: number; readonly sig: number }
  | { readonly type: 'PM_PTRACE'; readonly req: PtraceReq; readonly pid: number; readonly data: number }
  | { readonly type: 'PM_SIGACTION'; readonly disposition: 'default' | 'ignore' | 'nocldwait' }
  | { readonly type: 'PM_SETSID' }
  /** A call number PM does not implement (wait6, lwp_create, procctl...): ENOSYS. */
  | { readonly type: 'UNSUPPORTED'; readonly name: string };

export type PmCallType = PmCall['type'];

/** The ptrace requests modelled (trace.c). */
export type PtraceReq = 'T_ATTACH' | 'T_EXIT' | 'T_DETACH' | 'T_RESUME';

/** What a reply answers: the caller's call type, or the fork return of a new child. */
export type ReplyKind = PmCallType | 'FORK_CHILD';

export type VfsRequestType = 'VFS_PM_FORK' | 'VFS_PM_SRV_FORK' | 'VFS_PM_EXIT' | 'VFS_PM_DUMPCORE' | 'VFS_PM_SETSID';
export type VfsReplyType =
  | 'VFS_PM_FORK_REPLY'
  | 'VFS_PM_SRV_FORK_REPLY'
  | 'VFS_PM_EXIT_REPLY'
  | 'VFS_PM_CORE_REPLY'
  | 'VFS_PM_SETSID_REPLY';

export const VFS_REPLY_OF: Readonly<Record<VfsRequestType, VfsReplyType>> = {
  VFS_PM_FORK: 'VFS_PM_FORK_REPLY',
  VFS_PM_SRV_FORK: 'VFS_PM_SRV_FORK_REPLY',
  VFS_PM_EXIT: 'VFS_PM_EXIT_REPLY',
  VFS_PM_DUMPCORE: 'VFS_PM_CORE_REPLY',
  VFS_PM_SETSID: 'VFS_PM_SETSID_REPLY',
};

/** A message in PM's receive queue. */
export type PmMessage =
  | { readonly source: 'user'; readonly endpoint: number; readonly call: PmCall }
  | { readonly source: 'vfs'; readonly type: VfsReplyType; readonly endpoint: number; readonly status: number }
  | { readonly source: 'kernel'; readonly endpoint: number; readonly sig: number };

/** Ghost events PM reports for the invariants (no effect on behaviour). */
export type GhostEvent =
  | { readonly kind: 'fork'; readonly caller: number; readonly child: number; readonly childEndpoint: number }
  | { readonly kind: 'told_parent'; readonly slot: number; readonly endpoint: number; readonly parent: number }
  | { readonly kind: 'told_tracer'; readonly slot: number; readonly endpoint: number; readonly tracer: number }
  | { readonly kind: 'freed'; readonly slot: number; readonly endpoint: number; readonly flags: number };

/** Extra data carried by a reply (the message fields the caller reads). */
export interface ReplyExtra {
  /** m_pm_lc_wait4.status */
  readonly status?: number;
  /** For the parent's fork reply: the child slot it announces. */
  readonly forkChild?: number;
}

/** Everything PM does to the world outside its table. */
export interface PmEnv {
  /** reply(slot, value): ipc_sendnb to the slot's process (lost when it is not receiving). */
  reply(slot: number, kind: ReplyKind, value: number, extra: ReplyExtra): void;
  /** asynsend of a VFS_PM_* request on behalf of `slot`. */
  sendVfs(slot: number, endpoint: number, type: VfsRequestType): void;
  /** sys_kill: the kernel sends the signal back to PM as a kernel signal message. */
  sysKill(endpoint: number, sig: number): void;
  /** A branch taken inside the current step (a `path` label of labels.ts). */
  path(label: string): void;
  ghost(e: GhostEvent): void;
}

export interface PmOptions extends TableOptions {
  readonly mutant?: MinixMutant;
}

/** who_p while PM handles a VFS reply (VFS is an actor outside the table). */
const VFS_WHO = -1;

/** Deterministic times sys_times reports for an exiting process (accounting is not modelled). */
const USER_TIME = 1;
const SYS_TIME = 1;

interface Outcome {
  readonly label: string;
  readonly result: number;
  readonly extra?: ReplyExtra;
}

// ------------------------------------------------------------------------------------------------
// PM
// ------------------------------------------------------------------------------------------------

export class PmServer {
  readonly mproc: Mproc[];
  readonly nrProcs: number;
  /** glo.h procs_in_use */
  procs_in_use: number;
  /** The current caller's slot (who_p; mp = mproc[who_p]). */
  who_p = PM_PROC_NR;
  /** process_ksig gives mproc[0] the target's group (notes §2.4 step 2); undefined otherwise. */
  private ksigProcgrp: number | undefined;
  private nextChild = 0; // do_fork's static next_child (seed 004:50)
  private nextChildSrv = 0; // do_srv_fork's own static next_child (seed 004:147)
  private nextPid: number; // get_free_pid's static next_pid (past the boot image's pids)
  private readonly generation: number[];
  readonly mutant: MinixMutant | undefined;
  private readonly hasRs: boolean;

  constructor(
    private readonly env: PmEnv,
    opts: PmOptions = {},
  ) {
    this.mproc = bootTable(opts);
    this.nrProcs = this.mproc.length;
    this.procs_in_use = this.mproc.filter((m) => (m.mp_flags & IN_USE) !== 0).length;
    this.generation = this.mproc.map(() => 0);
    this.mutant = opts.mutant;
    this.hasRs = opts.rs === true;
    this.nextPid = Math.max(INIT_PID + 1, ...this.mproc.map((m) => m.mp_pid));
  }

  /** pm_isokendpt: the slot of an endpoint whose slot is IN_USE with that endpoint. */
  slotOfEndpoint(endpoint: number): number | undefined {
    const slot = endpoint % this.nrProcs;
    const m = this.mproc[slot];
    if (m === undefined || (m.mp_flags & IN_USE) === 0 || m.mp_endpoint !== endpoint) return undefined;
    return slot;
  }

  /** The IN_USE slot holding `pid`, if any (find_proc). */
  findProc(pid: number): Mproc | undefined {
    if (pid <= 0) return undefined;
    for (const m of this.mproc) if ((m.mp_flags & IN_USE) !== 0 && m.mp_pid === pid) return m;
    return undefined;
  }

  private mp(): Mproc {
    return this.mproc[this.who_p]!;
  }

  private panic(message: string, invariant = 'panic'): never {
    throw new KernelFault(invariant, `PM panic: ${message}`);
  }

  /**
   * PM's main loop body for one message (notes §0, §3): drop calls from EXITING senders, dispatch,
   * and reply with the handler's result unless it is SUSPEND. Returns the step label.
   */
  handle(msg: PmMessage): string {
    this.ksigProcgrp = undefined;
    if (msg.source === 'vfs') {
      this.who_p = VFS_WHO;
      return this.handle_vfs_reply(msg);
    }
    if (msg.source === 'kernel') return this.process_ksig(msg);
    const slot = this.slotOfEndpoint(msg.endpoint);
    if (slot === undefined || (this.mproc[slot]!.mp_flags & EXITING) !== 0) return 'pm.drop_exiting';
    this.who_p = slot;
    const out = this.dispatch(msg.call);
    if (out.result !== SUSPEND) this.env.reply(slot, msg.call.type, out.result, out.extra ?? {});
    return out.label;
  }

  private dispatch(call: PmCall): Outcome {
    switch (call.type) {
      case 'PM_FORK':
        return this.do_fork();
      case 'PM_SRV_FORK':
        return this.do_srv_fork(call.uid, call.gid);
      case 'PM_EXIT':
        return this.do_exit(call.status);
      case 'PM_WAIT4':
        return this.do_wait4(call.pid, call.wnohang, call.addr);
      case 'PM_KILL':
        return { label: 'do_kill.check_sig', result: this.check_sig(call.pid, call.sig, false) };
      case 'PM_PTRACE':
        return this.do_trace(call.req, call.pid, call.data);
      case 'PM_SIGACTION':
        return this.do_sigaction(call.disposition);
      case 'PM_SETSID':
        return this.do_setsid();
      case 'UNSUPPORTED':
        return { label: 'pm.no_sys', result: -ENOSYS };
    }
  }

  // ----------------------------------------------------------------------------------------------
  // utility.c
  // ----------------------------------------------------------------------------------------------

  /** get_free_pid (utility.c l.34-51, notes §5.11): round-robin, skipping pids and groups in use. */
  private get_free_pid(): number {
    for (;;) {
      this.nextPid = this.nextPid < NR_PIDS ? this.nextPid + 1 : INIT_PID + 1;
      const p = this.nextPid;
      if (!this.mproc.some((m) => m.mp_pid === p || m.mp_procgrp === p)) return p;
    }
  }

  /** tell_vfs (utility.c l.123-139): at most one outstanding VFS request per process. */
  private tell_vfs(rmp: Mproc, type: VfsRequestType): void {
    if ((rmp.mp_flags & (VFS_CALL | EVENT_CALL)) !== 0) {
      this.panic(`tell_vfs: not idle: slot ${rmp.slot} (${flagNames(rmp.mp_flags)}) for ${type}`, 'exit_only_when_idle');
    }
    rmp.mp_flags |= VFS_CALL;
    this.env.sendVfs(rmp.slot, rmp.mp_endpoint, type);
  }

  /** vm_fork: the child's endpoint gets a new generation number. */
  private newEndpoint(slot: number): number {
    this.generation[slot]! += 1;
    return this.generation[slot]! * this.nrProcs + slot;
  }

  /** The slot-search loop shared by do_fork and do_srv_fork (seed 004:66-74, 167-175). */
  private findChildSlot(srv: boolean): number {
    let next = srv ? this.nextChildSrv : this.nextChild;
    let n = 0;
    do {
      next = (next + 1) % this.nrProcs;
      n++;
    } while ((this.mproc[next]!.mp_flags & IN_USE) !== 0 && n <= this.nrProcs);
    if (srv) this.nextChildSrv = next;
    else this.nextChild = next;
    if (n > this.nrProcs) this.panic("do_fork can't find child slot");
    if (next >= this.nrProcs || (this.mproc[next]!.mp_flags & IN_USE) !== 0) {
      this.panic(`do_fork finds wrong child slot: ${next}`);
    }
    return next;
  }

  /** The table-full test shared by do_fork and do_srv_fork (seed 004:59-64, 158-163). */
  private tableFull(rmp: Mproc): boolean {
    return this.procs_in_use === this.nrProcs || (this.procs_in_use >= this.nrProcs - LAST_FEW && rmp.mp_effuid !== 0);
  }

  // ----------------------------------------------------------------------------------------------
  // forkexit.c
  // ----------------------------------------------------------------------------------------------

  /** do_fork (seed 004:44-135). */
  private do_fork(): Outcome {
    const rmp = this.mp();
    if (this.tableFull(rmp)) return { label: 'do_fork.eagain', result: -Errno.EAGAIN }; // seed 004:59-64
    const slot = this.findChildSlot(false);
    const childEp = this.newEndpoint(slot); // vm_fork (seed 004:77-79; never fails here)
    this.procs_in_use++; // seed 004:85
    const rmc = copySlot(rmp, slot); // seed 004:86
    this.mproc[slot] = rmc;
    rmc.mp_parent = this.who_p; // seed 004:87
    if ((rmc.mp_trace_flags & TO_TRACEFORK) === 0) {
      // seed 004:88-92
      rmc.mp_tracer = NO_TRACER;
      rmc.mp_trace_flags = 0;
      rmc.mp_sigtrace = [];
    }
    if ((rmc.mp_flags & PRIV_PROC) !== 0) rmc.mp_scheduler = 'SCHED'; // seed 004:97-100
    rmc.mp_flags &= IN_USE | DELAY_CALL | TAINTED; // seed 004:103
    rmc.mp_child_utime = 0; // seed 004:104-107
    rmc.mp_child_stime = 0;
    rmc.mp_exitstatus = 0;
    rmc.mp_sigstatus = 0;
    rmc.mp_endpoint = childEp; // seed 004:108
    rmc.mp_pid = this.get_free_pid(); // seed 004:114-115
    this.env.ghost({ kind: 'fork', caller: this.who_p, child: slot, childEndpoint: childEp });
    this.tell_vfs(rmc, 'VFS_PM_FORK'); // seed 004:117-125
    if (rmc.mp_tracer !== NO_TRACER) this.sig_proc(rmc, SIGSTOP, true, false); // seed 004:128-129
    return { label: 'do_fork.suspend', result: SUSPEND }; // seed 004:131-134
  }

  /** do_srv_fork (seed 004:140-228). Only RS may call it. */
  private do_srv_fork(uid: number, gid: number): Outcome {
    if (!this.hasRs || this.who_p !== RS_PROC_NR) return { label: 'do_srv_fork.eperm', result: -Errno.EPERM }; // seed 004:153-154
    const rmp = this.mp();
    if (this.tableFull(rmp)) return { label: 'do_srv_fork.eagain', result: -Errno.EAGAIN }; // seed 004:160-165
    const slot = this.findChildSlot(true);
    const childEp = this.newEndpoint(slot); // seed 004:177-179
    this.procs_in_use++; // seed 004:183
    const rmc = copySlot(rmp, slot); // seed 004:184
    this.mproc[slot] = rmc;
    rmc.mp_parent = this.who_p; // seed 004:185
    if ((rmc.mp_trace_flags & TO_TRACEFORK) === 0) {
      rmc.mp_tracer = NO_TRACER;
      rmc.mp_trace_flags = 0;
      rmc.mp_sigtrace = [];
    }
    rmc.mp_flags &= IN_USE | PRIV_PROC | DELAY_CALL; // seed 004:192
    rmc.mp_child_utime = 0;
    rmc.mp_child_stime = 0;
    rmc.mp_exitstatus = 0;
    rmc.mp_sigstatus = 0;
    rmc.mp_endpoint = childEp;
    rmc.mp_realuid = rmc.mp_effuid = uid; // seed 004:198-201
    rmc.mp_realgid = rmc.mp_effgid = gid;
    rmc.mp_pid = this.get_free_pid(); // seed 004:207-208
    this.env.ghost({ kind: 'fork', caller: this.who_p, child: slot, childEndpoint: childEp });
    this.tell_vfs(rmc, 'VFS_PM_SRV_FORK'); // seed 004:210-218
    if (rmc.mp_tracer !== NO_TRACER) this.sig_proc(rmc, SIGSTOP, true, false); // seed 004:221-222
    this.env.reply(slot, 'FORK_CHILD', 0, {}); // seed 004:225
    return { label: 'do_srv_fork.reply_child', result: rmc.mp_pid }; // seed 004:227
  }

  /** do_exit (seed 004:233-249). */
  private do_exit(status: number): Outcome {
    const mp = this.mp();
    if ((mp.mp_flags & PRIV_PROC) !== 0) {
      this.env.sysKill(mp.mp_endpoint, SIGKILL); // seed 004:240-244
      return { label: 'do_exit.priv_sigkill', result: SUSPEND };
    }
    this.exit_proc(mp, status, false); // seed 004:246
    return { label: 'do_exit.exit_proc', result: SUSPEND }; // seed 004:248
  }

  /** Session-leader test reads the *caller's* group (seed 004:283; notes §2.4 step 2, §6.2). */
  private callerProcgrp(): number {
    if (this.ksigProcgrp !== undefined) return this.ksigProcgrp;
    if (this.who_p === VFS_WHO) return 0;
    return this.mproc[this.who_p]!.mp_procgrp;
  }

  /** exit_proc (seed 004:254-391): first half of exit. */
  exit_proc(rmp: Mproc, exit_status: number, dump_core: boolean): void {
    const wanted = dump_core;
    if (dump_core && rmp.mp_realuid !== rmp.mp_effuid) dump_core = false; // seed 004:270-271
    if (dump_core && (rmp.mp_flags & PRIV_PROC) !== 0) dump_core = false; // seed 004:276-277
    if (wanted && !dump_core) this.env.path('exit_proc.no_core');
    const proc_nr = rmp.slot; // seed 004:279
    const mpgrp = this.callerProcgrp();
    const procgrp = rmp.mp_pid === mpgrp ? mpgrp : 0; // seed 004:283
    if ((rmp.mp_flags & ALARM_ON) !== 0) rmp.mp_flags &= ~ALARM_ON; // seed 004:286 set_alarm(rmp, 0)
    rmp.mp_child_utime += USER_TIME; // seed 004:291-294 sys_times
    rmp.mp_child_stime += SYS_TIME;
    if ((rmp.mp_flags & PROC_STOPPED) === 0) {
      // seed 004:306-310 sys_stop
      this.env.path('exit_proc.stop');
      rmp.mp_flags |= PROC_STOPPED;
    }
    // seed 004:312-315 vm_willexit
    if (proc_nr === INIT_PROC_NR) {
      // seed 004:316-321
      this.env.path('exit_proc.init_died');
      return;
    }
    // seed 004:322-325 (VFS death) cannot happen: VFS is not a slot of this model.
    this.env.path('exit_proc.tell_vfs');
    this.tell_vfs(rmp, dump_core ? 'VFS_PM_DUMPCORE' : 'VFS_PM_EXIT'); // seed 004:327-337
    if ((rmp.mp_flags & PRIV_PROC) !== 0) this.env.path('exit_proc.priv_clear'); // seed 004:339-347 sys_clear
    rmp.mp_flags &= IN_USE | VFS_CALL | PRIV_PROC | TRACE_EXIT | PROC_STOPPED; // seed 004:352
    rmp.mp_flags |= EXITING; // seed 004:353
    this.env.path('exit_proc.mark_exiting');
    rmp.mp_exitstatus = toChar(exit_status); // seed 004:357
    if (!dump_core) {
      // seed 004:362-363
      this.env.path('exit_proc.zombify');
      this.zombify(rmp);
    }
    for (const q of this.mproc) {
      // seed 004:366-387 disinherit loop, slot order, tracer test first
      if ((q.mp_flags & IN_USE) === 0) continue;
      if (q.mp_tracer === proc_nr) {
        this.env.path('exit_proc.tracer_died');
        this.tracer_died(q); // seed 004:368-371
      }
      if (q.mp_parent === proc_nr) {
        this.env.path('exit_proc.disinherit');
        q.mp_parent = INIT_PROC_NR; // seed 004:374
        if ((q.mp_flags & VFS_CALL) !== 0) {
          this.env.path('exit_proc.new_parent');
          q.mp_flags |= NEW_PARENT; // seed 004:380-381
        }
        if ((q.mp_flags & ZOMBIE) !== 0) {
          this.env.path('exit_proc.offer_init');
          this.check_parent(q, true); // seed 004:384-385
        }
      }
    }
    if (procgrp !== 0) {
      this.env.path('exit_proc.sighup');
      this.check_sig(-procgrp, SIGHUP, false); // seed 004:390
    }
  }

  /** exit_restart (seed 004:396-449): second half, after VFS replied. */
  exit_restart(rmp: Mproc, dump_core: boolean): void {
    this.env.path('exit_restart.sched_stop');
    rmp.mp_scheduler = 'NONE'; // seed 004:405-421 (sched_stop never refuses here)
    if (dump_core) {
      this.env.path('exit_restart.zombify');
      this.zombify(rmp); // seed 004:424-425
    }
    // seed 004:427-437: sys_clear (user processes) and vm_exit.
    if ((rmp.mp_flags & TRACE_EXIT) !== 0) {
      // seed 004:439-444
      this.env.path('exit_restart.trace_exit_reply');
      this.env.reply(rmp.mp_tracer, 'PM_PTRACE', 0, {});
    }
    if ((rmp.mp_flags & TOLD_PARENT) !== 0) {
      // seed 004:447-448
      this.env.path('exit_restart.cleanup');
      this.cleanup(rmp);
    }
  }

  /** do_wait4 (seed 004:454-542). `pidarg` as passed; `addr` models the rusage pointer. */
  private do_wait4(pidArgIn: number, wnohang: boolean, addr: RusageAddr): Outcome {
    const mp = this.mp();
    const who_p = this.who_p;
    let pidarg = pidArgIn;
    if (pidarg === 0) pidarg = -mp.mp_procgrp; // seed 004:472
    let children = 0;
    for (const rp of this.mproc) {
      // seed 004:480-526
      if ((rp.mp_flags & (IN_USE | TOLD_PARENT)) !== IN_USE) continue;
      if (rp.mp_parent !== who_p && rp.mp_tracer !== who_p) continue;
      if (rp.mp_parent !== who_p && (rp.mp_flags & ZOMBIE) !== 0) continue;
      if (pidarg > 0 && pidarg !== rp.mp_pid) continue;
      if (pidarg < -1 && -pidarg !== rp.mp_procgrp) continue;
      children++;
      if (rp.mp_tracer === who_p) {
        if ((rp.mp_flags & TRACE_ZOMBIE) !== 0) {
          this.tell_tracer(rp); // seed 004:492-497
          this.check_parent(rp, true);
          return { label: 'do_wait4.tell_tracer', result: SUSPEND };
        }
        if ((rp.mp_flags & TRACE_STOPPED) !== 0) {
          const i = rp.mp_sigtrace[0]; // seed 004:498-513: lowest signal first
          if (i !== undefined) {
            sigDel(rp.mp_sigtrace, i);
            mp.mp_reply_status = wStopCode(i);
            return { label: 'do_wait4.stopped_tracee', result: rp.mp_pid, extra: { status: mp.mp_reply_status } };
          }
        }
      }
      if (rp.mp_parent === who_p && (rp.mp_flags & ZOMBIE) !== 0) {
        const waited_for = this.tell_parent(rp, addr); // seed 004:516-524
        if (waited_for && (this.mutant === 'cleanup_while_vfs_call' || (rp.mp_flags & VFS_CALL) === 0)) this.cleanup(rp);
        return { label: 'do_wait4.tell_parent', result: SUSPEND };
      }
    }
    if (children > 0) {
      if (wnohang) return { label: 'do_wait4.wnohang', result: 0 }; // seed 004:531-533
      mp.mp_flags |= WAITING; // seed 004:534-537
      mp.mp_wpid = pidarg;
      mp.mp_waddr = addr;
      return { label: 'do_wait4.block', result: SUSPEND };
    }
    return { label: 'do_wait4.echild', result: -Errno.ECHILD }; // seed 004:538-541
  }

  /** wait_test (seed 004:547-564). */
  wait_test(rmp: Mproc, child: Mproc): boolean {
    const pidarg = rmp.mp_wpid;
    const parent_waiting = (rmp.mp_flags & WAITING) !== 0;
    const right_child = pidarg === -1 || pidarg === child.mp_pid || -pidarg === child.mp_procgrp;
    return parent_waiting && right_child;
  }

  /** zombify (seed 004:569-600). */
  private zombify(rmp: Mproc): void {
    if ((rmp.mp_flags & (TRACE_ZOMBIE | ZOMBIE)) !== 0) this.panic('zombify: process was already a zombie', 'no_double_notification'); // seed 004:579-580
    if (rmp.mp_tracer !== NO_TRACER && rmp.mp_tracer !== rmp.mp_parent) {
      rmp.mp_flags |= TRACE_ZOMBIE; // seed 004:583-584
      const t_mp = this.mproc[rmp.mp_tracer]!;
      if (!this.wait_test(t_mp, rmp)) {
        this.env.path('zombify.trace_zombie');
        return; // seed 004:589-590
      }
      this.env.path('zombify.tell_tracer');
      this.tell_tracer(rmp); // seed 004:592
    } else {
      this.env.path('zombify.zombie');
      rmp.mp_flags |= ZOMBIE; // seed 004:595
    }
    this.check_parent(rmp, false); // seed 004:599
  }

  /** check_parent (seed 004:605-639). */
  private check_parent(child: Mproc, try_cleanup: boolean): void {
    const p_mp = this.mproc[child.mp_parent]!;
    if ((p_mp.mp_flags & EXITING) !== 0) {
      this.env.path('check_parent.exiting_parent'); // seed 004:620-624
    } else if (this.wait_test(p_mp, child)) {
      this.env.path('check_parent.tell_parent');
      if (!this.tell_parent(child, p_mp.mp_waddr)) try_cleanup = false; // seed 004:626-627
      if (try_cleanup && (this.mutant === 'cleanup_while_vfs_call' || (child.mp_flags & VFS_CALL) === 0)) this.cleanup(child); // seed 004:632-633
    } else {
      this.env.path('check_parent.sigchld');
      this.sig_proc(p_mp, SIGCHLD, true, false); // seed 004:637
    }
  }

  /** tell_parent (seed 004:644-700). Returns true when the parent was told. */
  private tell_parent(child: Mproc, addr: RusageAddr): boolean {
    const mp_parent = child.mp_parent;
    if (mp_parent <= 0) this.panic(`tell_parent: bad value in mp_parent: ${mp_parent}`); // seed 004:659-660
    if ((child.mp_flags & ZOMBIE) === 0) this.panic('tell_parent: child not a zombie'); // seed 004:661-662
    if ((child.mp_flags & TOLD_PARENT) !== 0) this.panic('tell_parent: telling parent again', 'no_double_notification'); // seed 004:663-664
    const parent = this.mproc[mp_parent]!;
    if (addr === 'fault') {
      // seed 004:668-683: sys_datacopy fails
      this.env.path('tell_parent.copy_fail');
      this.env.reply(mp_parent, 'PM_WAIT4', -Errno.EFAULT, {});
      return false;
    }
    this.env.path('tell_parent.reply');
    parent.mp_reply_status = wExitCode(child.mp_exitstatus, child.mp_sigstatus); // seed 004:686-687
    this.env.reply(mp_parent, 'PM_WAIT4', child.mp_pid, { status: parent.mp_reply_status }); // seed 004:688
    parent.mp_flags &= ~WAITING; // seed 004:689
    child.mp_flags &= ~ZOMBIE; // seed 004:690
    if (this.mutant !== 'forget_told_parent') child.mp_flags |= TOLD_PARENT; // seed 004:691
    parent.mp_child_utime += child.mp_child_utime; // seed 004:696-697
    parent.mp_child_stime += child.mp_child_stime;
    this.env.ghost({ kind: 'told_parent', slot: child.slot, endpoint: child.mp_endpoint, parent: mp_parent });
    return true;
  }

  /** tell_tracer (seed 004:705-726). */
  private tell_tracer(child: Mproc): void {
    const mp_tracer = child.mp_tracer;
    if (mp_tracer <= 0) this.panic(`tell_tracer: bad value in mp_tracer: ${mp_tracer}`); // seed 004:712-713
    if ((child.mp_flags & TRACE_ZOMBIE) === 0) this.panic('tell_tracer: child not a zombie'); // seed 004:714-715
    const tracer = this.mproc[mp_tracer]!;
    this.env.path('tell_tracer.reply');
    tracer.mp_reply_status = wExitCode(child.mp_exitstatus, child.mp_sigstatus & 0o377); // seed 004:720-721
    this.env.reply(mp_tracer, 'PM_WAIT4', child.mp_pid, { status: tracer.mp_reply_status }); // seed 004:722
    tracer.mp_flags &= ~WAITING; // seed 004:723
    child.mp_flags &= ~TRACE_ZOMBIE; // seed 004:724
    child.mp_flags |= ZOMBIE; // seed 004:725
    this.env.ghost({ kind: 'told_tracer', slot: child.slot, endpoint: child.mp_endpoint, tracer: mp_tracer });
  }

  /** tracer_died (seed 004:731-760). */
  private tracer_died(child: Mproc): void {
    child.mp_tracer = NO_TRACER; // seed 004:738
    child.mp_flags &= ~TRACE_EXIT; // seed 004:739
    if ((child.mp_flags & EXITING) === 0) {
      this.env.path('tracer_died.kill');
      this.sig_proc(child, SIGKILL, true, false); // seed 004:745-749
      return;
    }
    if ((child.mp_flags & TRACE_ZOMBIE) !== 0 && this.mutant !== 'tracer_died_no_reparent') {
      this.env.path('tracer_died.reparent_zombie');
      child.mp_flags &= ~TRACE_ZOMBIE; // seed 004:754-758
      child.mp_flags |= ZOMBIE;
      this.check_parent(child, true);
      return;
    }
    this.env.path('tracer_died.exiting');
  }

  /** cleanup (seed 004:765-774): the only place a slot is freed. */
  private cleanup(rmp: Mproc): void {
    this.env.path('cleanup.free');
    this.env.ghost({ kind: 'freed', slot: rmp.slot, endpoint: rmp.mp_endpoint, flags: rmp.mp_flags });
    rmp.mp_pid = 0;
    rmp.mp_flags = 0;
    rmp.mp_child_utime = 0;
    rmp.mp_child_stime = 0;
    this.procs_in_use--;
  }

  // ----------------------------------------------------------------------------------------------
  // main.c: handle_vfs_reply (notes §2.1, §2.2, §2.5)
  // ----------------------------------------------------------------------------------------------

  private handle_vfs_reply(msg: Extract<PmMessage, { source: 'vfs' }>): string {
    const slot = this.slotOfEndpoint(msg.endpoint);
    if (slot === undefined) this.panic(`handle_vfs_reply: got bad endpoint from VFS: ${msg.endpoint} (${msg.type})`, 'free_only_when_quiesced');
    const rmp = this.mproc[slot]!;
    if ((rmp.mp_flags & VFS_CALL) === 0) this.panic(`handle_vfs_reply: reply without request: ${msg.type}`);
    const new_parent = (rmp.mp_flags & NEW_PARENT) !== 0;
    rmp.mp_flags &= ~(VFS_CALL | NEW_PARENT);
    if ((rmp.mp_flags & UNPAUSED) !== 0) this.panic('handle_vfs_reply: UNPAUSED');
    let label: string;
    switch (msg.type) {
      case 'VFS_PM_SETSID_REPLY':
        this.env.reply(slot, 'PM_SETSID', rmp.mp_procgrp, {});
        label = 'handle_vfs_reply.setsid';
        break;
      case 'VFS_PM_CORE_REPLY':
      case 'VFS_PM_EXIT_REPLY': {
        const core = msg.type === 'VFS_PM_CORE_REPLY';
        if (core && msg.status === 0) rmp.mp_sigstatus |= WCOREFLAG;
        if ((rmp.mp_flags & EXITING) === 0) this.panic(`handle_vfs_reply: ${msg.type} for a process that is not exiting`);
        this.exit_restart(rmp, core);
        return core ? 'handle_vfs_reply.core' : 'handle_vfs_reply.exit';
      }
      case 'VFS_PM_FORK_REPLY':
        // sched_start_user always succeeds here (the failure path is not modelled, docs/minix.md).
        this.env.reply(slot, 'FORK_CHILD', 0, {});
        if (!new_parent || this.mutant === 'ignore_new_parent') {
          this.env.reply(rmp.mp_parent, 'PM_FORK', rmp.mp_pid, { forkChild: slot });
          label = 'handle_vfs_reply.fork';
        } else {
          label = 'handle_vfs_reply.fork_new_parent';
        }
        break;
      case 'VFS_PM_SRV_FORK_REPLY':
        label = 'handle_vfs_reply.srv_fork';
        break;
    }
    if ((rmp.mp_flags & (IN_USE | EXITING)) === IN_USE) this.restart_sigs(rmp);
    return label;
  }

  // ----------------------------------------------------------------------------------------------
  // signal.c (notes §2.14)
  // ----------------------------------------------------------------------------------------------

  /** process_ksig: a signal the kernel sent back (sys_kill); EDEADEPT for a dead target. */
  private process_ksig(msg: Extract<PmMessage, { source: 'kernel' }>): string {
    const slot = this.slotOfEndpoint(msg.endpoint);
    if (slot === undefined || (this.mproc[slot]!.mp_flags & EXITING) !== 0) return 'process_ksig.dead';
    const rmp = this.mproc[slot]!;
    this.who_p = PM_PROC_NR;
    this.ksigProcgrp = rmp.mp_procgrp;
    this.check_sig(rmp.mp_pid, msg.sig, true);
    return 'process_ksig.deliver';
  }

  /**
   * check_sig (signal.c l.568-646): select targets by pid, own group (0), all (-1) or -pgrp;
   * SIGKILL to INIT alone is EINVAL; an EXITING target counts but gets nothing. Returns a PM
   * result (negative errno, 0, or SUSPEND when the caller killed itself).
   */
  check_sig(pid: number, signo: number, ksig: boolean): number {
    if (signo < 0 || signo > 64) return -Errno.EINVAL;
    if (pid === INIT_PID && signo === SIGKILL) return -Errno.EINVAL;
    const mpgrp = this.callerProcgrp();
    let count = 0;
    for (let i = this.nrProcs - 1; i >= 0; i--) {
      // signal.c check_sig scans the table from the last slot down
      const rmp = this.mproc[i]!;
      if ((rmp.mp_flags & IN_USE) === 0 || rmp.slot === PM_PROC_NR) continue;
      if (pid > 0 && pid !== rmp.mp_pid) continue;
      if (pid === 0 && rmp.mp_procgrp !== mpgrp) continue;
      if (pid === -1 && rmp.mp_pid <= 1) continue;
      if (pid < -1 && rmp.mp_procgrp !== -pid) continue;
      if (pid === -1 && signo === SIGKILL && (rmp.mp_flags & PRIV_PROC) !== 0) continue;
      count++;
      if (signo === 0 || (rmp.mp_flags & EXITING) !== 0) continue;
      this.sig_proc(rmp, signo, true, ksig);
      if (pid > 0) break;
    }
    if (this.who_p >= 0 && (this.mproc[this.who_p]!.mp_flags & (IN_USE | EXITING)) !== IN_USE) return SUSPEND;
    return count > 0 ? 0 : -Errno.ESRCH;
  }

  /** sig_proc (signal.c l.384-540), restricted to default actions (no handlers are modelled). */
  sig_proc(rmp: Mproc, signo: number, trace: boolean, ksig: boolean): void {
    if ((rmp.mp_flags & (IN_USE | EXITING)) !== IN_USE) {
      this.panic(`sig_proc: signal ${signo} sent to exiting or free slot ${rmp.slot} (${flagNames(rmp.mp_flags)})`, 'no_signal_to_dead');
    }
    if (trace && rmp.mp_tracer !== NO_TRACER && signo !== SIGKILL) {
      this.env.path('sig_proc.to_tracer');
      sigAdd(rmp.mp_sigtrace, signo);
      if ((rmp.mp_flags & TRACE_STOPPED) === 0) this.trace_stop(rmp, signo);
      return;
    }
    if ((rmp.mp_flags & (VFS_CALL | EVENT_CALL)) !== 0) {
      this.env.path('sig_proc.pending_vfs');
      sigAdd(rmp.mp_sigpending, signo);
      rmp.mp_flags |= PROC_STOPPED; // stop_proc
      return;
    }
    if ((rmp.mp_flags & PRIV_PROC) !== 0 && !ksig) {
      this.env.sysKill(rmp.mp_endpoint, signo); // goes back through the kernel
      return;
    }
    if (rmp.mp_ignore.includes(signo)) {
      this.env.path('sig_proc.ignored');
      return;
    }
    if ((rmp.mp_flags & TRACE_STOPPED) !== 0 && signo !== SIGKILL) {
      this.env.path('sig_proc.pending_stopped');
      sigAdd(rmp.mp_sigpending, signo);
      return;
    }
    if (IGN_SSET.has(signo)) {
      this.env.path('sig_proc.ignored');
      return;
    }
    this.env.path('sig_proc.exit');
    this.sig_proc_exit(rmp, signo);
  }

  /** sig_proc_exit (signal.c l.546-563). */
  private sig_proc_exit(rmp: Mproc, signo: number): void {
    rmp.mp_sigstatus = signo;
    this.exit_proc(rmp, 0, CORE_SSET.has(signo));
  }

  /** trace_stop (trace.c l.256-276). */
  private trace_stop(rmp: Mproc, signo: number): void {
    const rpmp = this.mproc[rmp.mp_tracer]!;
    rmp.mp_flags |= TRACE_STOPPED;
    if (this.wait_test(rpmp, rmp)) {
      this.env.path('trace_stop.reply');
      sigDel(rmp.mp_sigtrace, signo);
      rpmp.mp_flags &= ~WAITING;
      rpmp.mp_reply_status = wStopCode(signo);
      this.env.reply(rmp.mp_tracer, 'PM_WAIT4', rmp.mp_pid, { status: rpmp.mp_reply_status });
    }
  }

  /** restart_sigs (signal.c): after a VFS reply, run a deferred T_EXIT or the pending signals. */
  private restart_sigs(rmp: Mproc): void {
    if ((rmp.mp_flags & (VFS_CALL | EVENT_CALL | EXITING)) !== 0) return;
    if ((rmp.mp_flags & TRACE_EXIT) !== 0) {
      this.env.path('restart_sigs.trace_exit');
      this.exit_proc(rmp, rmp.mp_exitstatus, false);
    } else if ((rmp.mp_flags & PROC_STOPPED) !== 0) {
      this.env.path('restart_sigs.pending');
      this.check_pending(rmp);
      if ((rmp.mp_flags & (IN_USE | EXITING | VFS_CALL | EVENT_CALL)) === IN_USE) {
        rmp.mp_flags &= ~(PROC_STOPPED | UNPAUSED); // try_resume_proc
      }
    }
  }

  /** check_pending (signal.c): deliver pending signals in order, stop at a new VFS call. */
  private check_pending(rmp: Mproc): void {
    for (const sig of [...rmp.mp_sigpending]) {
      if (!rmp.mp_sigpending.includes(sig)) continue;
      sigDel(rmp.mp_sigpending, sig);
      this.sig_proc(rmp, sig, false, false);
      if ((rmp.mp_flags & VFS_CALL) !== 0) break;
    }
  }

  // ----------------------------------------------------------------------------------------------
  // trace.c, getset.c, do_sigaction (notes §2.12, §3)
  // ----------------------------------------------------------------------------------------------

  /** do_trace (trace.c, notes §2.12): T_ATTACH, T_EXIT, T_DETACH, T_RESUME. */
  private do_trace(req: PtraceReq, pid: number, data: number): Outcome {
    const mp = this.mp();
    const child = this.findProc(pid);
    const refused = (e: number): Outcome => ({ label: 'do_trace.refused', result: -e });
    if (req === 'T_ATTACH') {
      if (child === undefined || (child.mp_flags & EXITING) !== 0) return refused(Errno.ESRCH);
      if ((mp.mp_flags & PRIV_PROC) !== 0) return refused(Errno.EPERM);
      if (child === mp || child.slot === PM_PROC_NR || (child.mp_flags & PRIV_PROC) !== 0) return refused(Errno.EPERM);
      if (child.mp_tracer !== NO_TRACER) return refused(Errno.EBUSY);
      child.mp_tracer = this.who_p;
      child.mp_trace_flags = TO_NOEXEC;
      this.sig_proc(child, SIGSTOP, true, false);
      return { label: 'do_trace.attach', result: 0 };
    }
    if (child === undefined || (child.mp_flags & EXITING) !== 0 || child.mp_tracer !== this.who_p) return refused(Errno.ESRCH);
    if ((child.mp_flags & TRACE_STOPPED) === 0) return refused(Errno.EBUSY);
    if (req === 'T_DETACH' || req === 'T_RESUME') {
      if (data < 0 || data >= 64) return refused(Errno.EINVAL);
      if (req === 'T_DETACH') {
        // trace.c T_DETACH: forget the tracer, let the held signals through, then the requested one
        child.mp_tracer = NO_TRACER;
        for (const sig of [...child.mp_sigtrace]) {
          sigDel(child.mp_sigtrace, sig);
          this.check_sig(child.mp_pid, sig, false);
        }
        if (data > 0) this.sig_proc(child, data, true, false);
        child.mp_trace_flags = 0;
      } else if (data > 0) {
        this.sig_proc(child, data, false, false); // T_RESUME with a signal
      }
      // "resume the child as if nothing ever happened" -- even if the signal above killed it
      // (notes §6.3): check_pending then signals an EXITING slot
      child.mp_flags &= ~TRACE_STOPPED;
      this.check_pending(child);
      return { label: req === 'T_DETACH' ? 'do_trace.detach' : 'do_trace.resume', result: 0 };
    }
    child.mp_flags |= TRACE_EXIT;
    if ((child.mp_flags & (VFS_CALL | EVENT_CALL)) !== 0) child.mp_exitstatus = toChar(data);
    else this.exit_proc(child, data, false);
    return { label: 'do_trace.exit', result: SUSPEND };
  }

  /** do_sigaction (signal.c, notes §2.14), for SIGCHLD only: default, SIG_IGN or SA_NOCLDWAIT. */
  private do_sigaction(disposition: 'default' | 'ignore' | 'nocldwait'): Outcome {
    const mp = this.mp();
    if ((mp.mp_flags & (PROC_STOPPED | VFS_CALL | UNPAUSED | EVENT_CALL)) !== 0) return { label: 'do_sigaction.set', result: -Errno.EINVAL };
    if (disposition === 'ignore') {
      sigAdd(mp.mp_ignore, SIGCHLD);
      sigDel(mp.mp_sigpending, SIGCHLD);
    } else {
      sigDel(mp.mp_ignore, SIGCHLD);
    }
    mp.sigchldDisposition = disposition;
    return { label: 'do_sigaction.set', result: 0 };
  }

  /** do_setsid (getset.c, notes §3): a group leader gets EPERM, else a new group and VFS_PM_SETSID. */
  private do_setsid(): Outcome {
    const mp = this.mp();
    if (mp.mp_procgrp === mp.mp_pid) return { label: 'do_setsid.eperm', result: -Errno.EPERM };
    mp.mp_procgrp = mp.mp_pid;
    this.tell_vfs(mp, 'VFS_PM_SETSID');
    return { label: 'do_setsid.tell_vfs', result: SUSPEND };
  }
}
