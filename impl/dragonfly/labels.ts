/**
 * The step labels of the DragonFly exit path: the public vocabulary shared by the implementation
 * (each `yield` in impl/dragonfly carries one), the TLA+ model (one action per label, named by
 * `tlaActionName`), and the trace exporter.
 *
 * A label names the atomic step a kernel thread has just executed, i.e. the code between two
 * scheduling points. `seed` gives the lines of seed 000 (dragonfly-kern_exit-current.c) the step
 * covers; steps implementing code outside kern_exit.c (primitives, driver syscalls) cite the
 * background note section instead (`source`).
 *
 * Names are stable: add labels, do not rename them.
 */

export interface StepLabel {
  readonly label: string;
  /** The C function the step belongs to. */
  readonly fn: string;
  /** Seed 000 line range [first, last], when the step is in kern_exit.c. */
  readonly seed?: readonly [number, number];
  /** Where the semantics come from when not in the seed (notes section, other file). */
  readonly source?: string;
  readonly description: string;
}

const L = (label: string, seed: readonly [number, number] | null, description: string, source?: string): StepLabel => {
  const fn = label.slice(0, label.indexOf('.'));
  const e: { label: string; fn: string; seed?: readonly [number, number]; source?: string; description: string } = { label, fn, description };
  if (seed !== null) e.seed = seed;
  if (source !== undefined) e.source = source;
  return e;
};

/** Every step label, in seed order, then the driver (non-kern_exit.c) steps. */
export const STEP_LABELS: readonly StepLabel[] = [
  // sys_exit / sys_extexit
  L('sys_exit.enter', [110, 115], 'exit(2): call exit1(W_EXITCODE(rval, 0))'),
  L('sys_extexit.check_args', [121, 150], 'extexit(2): validate who/action (EINVAL), EXTEXIT_SETINT copyout'),
  L('sys_extexit.check_nthreads', [152, 176], 'take p_token; EXTEXIT_LWP with p_nthreads > 1 -> lwp_exit(0), else exit1'),
  // killalllwps / killlwps
  L('killalllwps.set_wexit', [188, 203], 'take p_token, test-and-set P_WEXIT: this thread becomes the master exiter'),
  L('killalllwps.set_wexit_late', [202, 203], 'mutant no_wexit_interlock only: set P_WEXIT after a blocking point that followed the (skipped) test; never reached by the seed code'),
  L('killalllwps.ealready', [198, 201], 'P_WEXIT already set: return EALREADY (lost the master-exit race)'),
  L('killalllwps.fakestop', [204, 217], 'take own lwp_token; count self as stopped (fakestop) if not already'),
  L('killalllwps.set_self_wexit', [219, 224], 'set own LWP_MP_WEXIT; call killlwps if p_nthreads > 1'),
  L('killalllwps.finish', [226, 246], 'undo fakestop if WSTOP still set; forexec clears WEXIT; release tokens; return 0'),
  L('killlwps.hold_lwp', [266, 268], 'LWPHOLD the next lwp and take its lwp_token'),
  L('killlwps.signal_lwp', [269, 274], 'if its LWP_MP_WEXIT is clear, set it and lwpsignal SIGKILL; release, LWPRELE'),
  L('killlwps.wakeup_stop', [276, 281], 'wakeup(p) so tstop sleepers notice'),
  L('killlwps.sleep_nthreads', [282, 283], 'sleep on &p_nthreads ("killlwps") while p_nthreads > 1'),
  // exit1
  L('exit1.enter', [292, 312], 'take p_token; init may not exit; varsym cleanup'),
  L('exit1.killalllwps_lost', [316, 325], 'killalllwps returned EALREADY: become a non-master lwp_exit(0, NULL)'),
  L('exit1.postexit', [345, 372], 'STOPEVENT, P_POSTEXIT, p_xstat = rv, at_exit callbacks, clear siglists'),
  L('exit1.fdfree', [374, 396], 'funsetownlst, fdfree (may block), peers unlink, semexit'),
  L('exit1.vmspace_relexit', [398, 436], 'vkernel cleanup; release p_token around vmspace_relexit; take it again'),
  L('exit1.session', [438, 473], 'session leader: tty teardown, s_leader = NULL'),
  L('exit1.fixjobc', [474, 494], 'fixjobc, acct, ktrace, text vnode and namecache release'),
  L('exit1.ppwait', [495, 508], 'P_PPWAIT: clear the vfork flag atomically and wakeup(p_pptr)'),
  L('exit1.reap1', [523, 523], 'proc_move_allproc_zombie: PSTALL(p, "reap1", 0)', 'notes 1.11'),
  L('exit1.reap1a', [523, 523], 'proc_move_allproc_zombie: take proc_token, PSTALL(p, "reap1a", 0)', 'notes 1.11'),
  L('exit1.move_zombie', [510, 523], 'proc_move_allproc_zombie: p_stat = SZOMB, release proc_token'),
  L('exit1.waitgen_bump', [524, 526], 'atomic_add_long(&p_pptr->p_waitgen, 1)'),
  L('exit1.reaper_exit', [528, 533], 'reaper_exit: disown the reaper we own, detach p_reaper', ),
  L('exit1.reaper_get', [535, 546], 'children exist: reproc = reaper_get(reap) (held), take reproc->p_token'),
  L('exit1.hold_child', [547, 549], 'PHOLD the first child q and take q->p_token'),
  L('exit1.move_child', [550, 571], 're-check q is still first; move it to reproc, p_sigparent = SIGCHLD, SIGKILL if traced'),
  L('exit1.children_done', [572, 574], 'release reproc->p_token; wakeup(reproc)'),
  L('exit1.calcru', [576, 588], 'calcru_proc; KNOTE(NOTE_EXIT)'),
  L('exit1.cldwait_reparent', [589, 602], 'parent has PS_NOCLDWAIT/PS_CLDSIGIGN: proc_reparent(p, reaper)'),
  L('exit1.drop_reaper', [603, 607], 'PRELE(reproc); reaper_drop(reap)'),
  L('exit1.hold_parent', [608, 612], 'pp = p_pptr; PHOLD(pp)'),
  L('exit1.signal_parent', [613, 623], 'ksignal(pp, p_sigparent or SIGCHLD) (takes pp->p_token); clear P_TRACED; PRELE(pp)'),
  L('exit1.call_lwp_exit', [625, 649], 'free p_limit; lwp_exit(1, pp)'),
  // lwp_exit
  L('lwp_exit.enter', [657, 682], 'release curproc designation, lwp_userunmap, set own LWP_MP_WEXIT'),
  L('lwp_exit.cleanup', [684, 722], 'vkernel/vmm/kqueue/linux cleanup, free cached ucred/limit, fexitcache'),
  L('lwp_exit.lwpexit_poll', [724, 728], 'poll ("lwpexit", 1 tick) until lwp_lock == 0'),
  L('lwp_exit.hold_proc', [730, 745], 'ruadd; PHOLD(p) held until lwp_dispose; dsched/biosched'),
  L('lwp_exit.remove_nonmaster', [759, 765], 'non-master: RB-remove from p_lwp_tree, --p_nthreads, decide dowake'),
  L('lwp_exit.deadlwp_queue', [766, 769], 'take deadlwp_token[cpu], push on deadlwp_list, enqueue the reaper task'),
  L('lwp_exit.master_dec', [770, 773], 'master: --p_nthreads (to 0), decide dowake; lwp stays in the tree'),
  L('lwp_exit.release_token', [775, 782], 'release p_token; usched heuristic_exiting'),
  L('lwp_exit.late_wakeup', [784, 792], 'late wakeups: &p_nthreads if dowake, waddr (the parent) if set'),
  L('lwp_exit.switch_out', [794, 794], 'cpu_lwp_exit: set TDF_EXITING, deschedule, switch away', 'notes 4.3 step 10'),
  L('lwp_exit.exitsig', [794, 794], 'lwkt_switch_return: clear TDF_RUNNING, set TDF_MP_EXITSIG, wakeup(td)', 'notes 4.3 step 10'),
  // lwp_wait / lwp_dispose / reaplwps / reaplwp
  L('lwp_wait.exitsig', [824, 836], 'loop until TDF_MP_EXITSIG: interlock, CAS TDF_MP_EXITWAIT, sleep "lwpxt"'),
  L('lwp_wait.check_refs', [838, 849], 'lwp_lock > 0 or td_refs: sleep one tick, return 0 (retry)'),
  L('lwp_wait.check_flags', [851, 871], 'TDF_RUNNING/RUNQ/PREEMPT_LOCK/EXITING must be exactly EXITING; return 1'),
  L('lwp_dispose.free', [879, 900], 'assertions; PRELE(lwp_proc) (drops lwp_exit hold); free thread and lwp'),
  L('reaplwps.idle', [1540, 1553], 'reaper task: sleep until the dead-lwp task is enqueued', 'notes 4.4'),
  L('reaplwps.pop', [1541, 1552], 'take deadlwp_token[cpu]; pop the next dead lwp and reaplwp it'),
  // sys_wait4 / sys_wait6 / kern_wait
  L('sys_wait4.enter', [902, 937], 'wait4: options |= WEXITED|WTRAPPED; pid -> idtype/id; call kern_wait'),
  L('sys_wait6.enter', [939, 983], 'wait6: idtype/id as given (WAIT_MYPGRP -> own pgid); call kern_wait'),
  L('kern_wait.check_options', [988, 1012], 'EINVAL on extraneous options or no matchable option'),
  L('kern_wait.loop', [1014, 1040], 'take q->p_token; loop: STOPLWP(q) -> tstop'),
  L('kern_wait.sample_waitgen', [1041, 1049], 'nfound = 0; sample waitgen with atomic_fetchadd(0x80000000)'),
  L('kern_wait.scan_child', [1050, 1126], 'one child: skip if PWAITRES_PENDING; idtype filter (PHOLD); WLINUXCLONE; nfound++'),
  L('kern_wait.pholdzomb', [1127, 1146], 'zombie and WEXITED: PHOLDZOMB; on failure PRELE and goto loop'),
  L('kern_wait.zomb_token', [1147, 1153], 'take p->p_token; p_pptr != q -> release, PRELE, PRELEZOMB, goto loop'),
  L('kern_wait.waitres_set', [1154, 1159], 'PWAITRES_SET: from here the reap cannot be aborted'),
  L('kern_wait.lwpzomb_sleep', [1160, 1162], 'sleep on &p_nthreads ("lwpzomb", hz) while p_nthreads > 0'),
  L('kern_wait.zomblwp_poll', [1164, 1181], 'next lwp left in the tree: poll ("zomblwp", 1 tick) until lwp_lock == 0'),
  L('kern_wait.reap_master_lwp', [1182, 1185], 'RB-remove the lwp and reaplwp it; assert p_nthreads == 0'),
  L('kern_wait.reap3', [1187, 1199], 'PRELE the loop-top hold; PSTALL(p, "reap3", 1)'),
  L('kern_wait.collect_status', [1201, 1223], 'res = pid, status = p_xstat, rusage, siginfo'),
  L('kern_wait.wnowait', [1224, 1233], 'WNOWAIT: release p_token, PRELEZOMB, done (zombie stays)'),
  L('kern_wait.ptrace_giveback', [1234, 1249], 'p_oppid: hand the zombie back to the original parent; PRELEZOMB; done'),
  L('kern_wait.reap2', [1257, 1257], 'proc_remove_zombie: PSTALL(p, "reap2", 1)', 'notes 1.11'),
  L('kern_wait.reap2a', [1257, 1257], 'proc_remove_zombie: take proc_token, PSTALL(p, "reap2a", 1)', 'notes 1.11'),
  L('kern_wait.remove_zombie', [1250, 1260], 'proc_remove_zombie: unlink from allproc and p_children; p_pptr = NULL; release p_token'),
  L('kern_wait.free_creds', [1260, 1296], 'leavepgrp, accumulate rusage into q->p_cru, chgproccnt, free ucred/pargs/sigacts'),
  L('kern_wait.reap4', [1298, 1312], 'PSTALL(p, "reap4", 1)'),
  L('kern_wait.vmspace_exitfree', [1313, 1315], 'release q->p_token around vmspace_exitfree; take it again'),
  L('kern_wait.reap5', [1316, 1316], 'PSTALL(p, "reap5", 1)'),
  L('kern_wait.free_proc', [1318, 1328], 'PRELEZOMB; kfree(p); nprocs--; done'),
  L('kern_wait.stop_check', [1333, 1352], 'stopped child: take p->p_token, re-check p_pptr and the stop state'),
  L('kern_wait.report_stop', [1353, 1375], 'set P_WAITED unless WNOWAIT; report W_STOPCODE; done'),
  L('kern_wait.cont_check', [1377, 1388], 'continued child: take p->p_token, re-check p_pptr and P_CONTINUED'),
  L('kern_wait.report_cont', [1389, 1408], 'clear P_CONTINUED unless WNOWAIT; report SIGCONT; done'),
  L('kern_wait.skip_child', [1409, 1410], 'child not reportable: PRELE(p), next child'),
  L('kern_wait.echild', [1411, 1415], 'nfound == 0: ECHILD'),
  L('kern_wait.wnohang', [1416, 1420], 'WNOHANG: return 0 with res = 0'),
  L('kern_wait.interlock', [1422, 1428], 'waitgen unchanged: tsleep_interlock(q, PCATCH); re-sample waitgen'),
  L('kern_wait.sleep', [1429, 1433], 'waitgen still unchanged: tsleep(q, PCATCH|PINTERLOCKED, "wait")'),
  L('kern_wait.done', [1434, 1439], 'release q->p_token and return the error; or goto loop'),
  // proc_reparent
  L('proc_reparent.hold', [1456, 1463], 'PHOLD(parent); opp = child->p_pptr; PHOLD(opp)'),
  L('proc_reparent.get_tokens', [1464, 1466], 'take opp, child and parent p_tokens (may block: all or nothing)'),
  L('proc_reparent.move', [1467, 1486], 're-check p_pptr == opp (retry if not); move child to parent; wakeup(opp) if empty'),
  // ---- driver steps (outside kern_exit.c) ----
  L('syscall.idle', null, 'user mode: the lwp waits for its next command (or a signal/kill AST)', 'driver'),
  L('syscall.enter', null, 'the lwp enters the kernel with its next command', 'driver'),
  L('syscall.return', null, 'the command returns to user mode with its result', 'driver'),
  L('userret.lwpuserret', null, 'return to user with LWP_MP_WEXIT: take p_token, lwp_exit(0, NULL)', 'notes 4.2(b)'),
  L('userret.tstop', null, 'STOPLWP: count self stopped (WSTOP, ++p_nstopped); last one notifies the parent under its p_token', 'notes 1.16'),
  L('userret.tstop_sleep', null, 'tstop: sleep on p while STOPLWP; then --p_nstopped, clear WSTOP', 'notes 1.16'),
  L('userret.postsig', null, 'a pending fatal signal: sigexit -> exit1(W_EXITCODE(0, sig))', 'notes 4.2'),
  L('fork1.create', null, 'fork: new proc in SIDL, allproc, pgrp, p_children under the parent token, first lwp', 'notes 4.1'),
  L('fork1.start', null, 'start_forked_proc: SIDL -> SACTIVE, the child lwp starts in user mode', 'notes 4.1'),
  L('lwp_create1.create', null, 'lwp_create under p_token: lwp_fork1 (copies the creator\'s lwp_siglist), then lwp_fork2\'s lwkt_alloc_thread, which may block (every token lost)', 'notes 4.1, H21'),
  L('lwp_create1.insert', null, 'lwp_fork2 resumed (p_token re-held): insert into p_lwp_tree, ++p_nthreads, P_MAYBETHREADED; neither P_WEXIT nor the creator\'s LWP_MP_WEXIT is checked (H21)', 'notes 4.1, H21'),
  L('vfork.ppwait', null, 'vfork parent in start_forked_proc: tsleep_interlock(p1), re-check the child\'s P_PPWAIT, sleep; once clear PRELE(child) and return its pid', 'notes 1.15, H8'),
  L('kern_kill.send', null, 'kill(2): find the target, lwpsignal(p, NULL, sig) (dropped when P_WEXIT)', 'notes 1.15, 3'),
  L('proc_stop.stop', null, 'default-action stop signal: proc_stop(p, SSTOP), pre-count sleepers, notify lwps; all stopped: notify the parent under its p_token', 'notes 1.16'),
  L('proc_unstop.cont', null, 'SIGCONT: proc_unstop, P_CONTINUED, wakeup(parent), SIGCHLD', 'notes 1.15, 1.16'),
  L('ptrace.attach', null, 'PT_ATTACH: P_TRACED, p_oppid, proc_reparent to the tracer, SIGSTOP', 'driver'),
  L('procctl.reaper_acquire', null, 'PROC_REAP_ACQUIRE: reaper_init a new sysreaper node', 'notes 1.13'),
  L('procctl.reaper_release', null, 'PROC_REAP_RELEASE: r->p = NULL, p_reaper = r->parent', 'notes 1.13'),
  L('sigaction.sigchld', null, 'set SIGCHLD disposition: PS_CLDSIGIGN (SIG_IGN) / PS_NOCLDWAIT / default', 'driver'),
  L('setpgid.set', null, 'setpgid(0, pgid)', 'driver'),
  L('setsid.set', null, 'setsid(): new session and process group', 'driver'),
];

/** The TLA+ action modelling a step: the label with '.' replaced by '_'. */
export function tlaActionName(label: string): string {
  return label.replace(/\./g, '_');
}
