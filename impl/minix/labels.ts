/**
 * The MINIX step-label vocabulary. `kind: 'step'` labels name one scheduler step (one atomic
 * action: a user process sending a call, PM handling one message to completion, VFS answering one
 * request); the TLA+ action modelling it is `tlaActionName(label)`. `kind: 'path'` labels name a
 * branch taken inside a PM step (PM handles each message atomically, so these are not scheduling
 * points); they are recorded for coverage and in violations.
 *
 * Seed lines refer to /work/shared/seeds/minix-pm-forkexit.c (seed 004). Code outside the seed
 * (main.c, signal.c, trace.c, getset.c, VFS) cites /work/shared/notes/minix-pm.md sections.
 */

export type LabelKind = 'step' | 'path';

export interface StepLabelInfo {
  readonly label: string;
  readonly kind: LabelKind;
  /** `seed 004:a-b` or `notes §x.y` */
  readonly seed: string;
  readonly description: string;
}

const S = (label: string, seed: string, description: string): StepLabelInfo => ({ label, kind: 'step', seed, description });
const P = (label: string, seed: string, description: string): StepLabelInfo => ({ label, kind: 'path', seed, description });

export const STEP_LABELS: readonly StepLabelInfo[] = [
  // user processes (libc sendrec)
  S('user.send', 'notes §0', 'a user process sends its next call to PM and blocks for the reply'),
  // PM main loop
  S('pm.drop_exiting', 'notes §3 (main.c l.80-82)', 'PM drops a call whose sender is EXITING or no longer valid'),
  S('pm.no_sys', 'notes §3', 'PM answers an unknown call number with ENOSYS'),
  // forkexit.c handlers
  S('do_fork.eagain', 'seed 004:55-64', 'fork refused: table full (or LAST_FEW reserved for root)'),
  S('do_fork.suspend', 'seed 004:66-134', 'fork: child slot set up, VFS_PM_FORK sent, caller suspended'),
  S('do_srv_fork.eperm', 'seed 004:152-154', 'srv_fork from anyone but RS'),
  S('do_srv_fork.eagain', 'seed 004:156-165', 'srv_fork refused: table full'),
  S('do_srv_fork.reply_child', 'seed 004:167-227', 'srv_fork: child set up, VFS told, child replied at once, pid to RS'),
  S('do_exit.exit_proc', 'seed 004:245-248', 'exit of a user process: exit_proc, no reply'),
  S('do_exit.priv_sigkill', 'seed 004:240-244', 'exit of a system process: SIGKILL through the kernel instead'),
  S('do_wait4.tell_tracer', 'seed 004:491-497', 'wait4 by a tracer collects a TRACE_ZOMBIE tracee'),
  S('do_wait4.stopped_tracee', 'seed 004:498-513', 'wait4 by a tracer reports a trace-stopped tracee'),
  S('do_wait4.tell_parent', 'seed 004:516-524', 'wait4 by the parent collects a ZOMBIE child'),
  S('do_wait4.wnohang', 'seed 004:529-532', 'wait4 with WNOHANG and a matching live child returns 0'),
  S('do_wait4.block', 'seed 004:533-537', 'wait4 sets WAITING and suspends the caller'),
  S('do_wait4.echild', 'seed 004:538-541', 'wait4 with no matching child returns ECHILD'),
  S('do_kill.check_sig', 'notes §2.14 (signal.c check_sig)', 'kill(pid, sig) through check_sig/sig_proc'),
  S('do_trace.attach', 'notes §2.12 (trace.c T_ATTACH)', 'ptrace(T_ATTACH): set tracer, SIGSTOP to the tracer'),
  S('do_trace.exit', 'notes §2.12 (trace.c T_EXIT)', 'ptrace(T_EXIT): exit the tracee now or after its VFS call'),
  S('do_trace.detach', 'notes §2.12, §6.3 (trace.c T_DETACH)', 'ptrace(T_DETACH): tracer forgotten, held signals and the given one delivered, child resumed'),
  S('do_trace.resume', 'notes §2.12 (trace.c T_RESUME)', 'ptrace(T_RESUME): optional signal, child resumed'),
  S('do_trace.refused', 'notes §2.12', 'ptrace request refused (ESRCH/EPERM/EBUSY/EINVAL)'),
  S('do_sigaction.set', 'notes §2.14', 'sigaction(SIGCHLD, ...)'),
  S('do_setsid.tell_vfs', 'notes §3 (getset.c)', 'setsid: new group, VFS_PM_SETSID sent, caller suspended'),
  S('do_setsid.eperm', 'notes §3 (getset.c)', 'setsid by a group leader'),
  S('process_ksig.deliver', 'notes §2.14 (signal.c process_ksig)', 'a kernel signal (sys_kill) reaches PM and is delivered'),
  S('process_ksig.dead', 'notes §2.14', 'a kernel signal for an exiting or free slot: EDEADEPT, dropped'),
  S('handle_vfs_reply.fork', 'notes §2.1 (main.c l.369-396)', 'VFS_PM_FORK_REPLY: reply to child, then parent'),
  S('handle_vfs_reply.fork_new_parent', 'notes §2.1', 'VFS_PM_FORK_REPLY with NEW_PARENT: reply to child only'),
  S('handle_vfs_reply.srv_fork', 'notes §2.2', 'VFS_PM_SRV_FORK_REPLY: clear VFS_CALL only'),
  S('handle_vfs_reply.exit', 'notes §2.5', 'VFS_PM_EXIT_REPLY: exit_restart (no event subscribers)'),
  S('handle_vfs_reply.core', 'notes §2.5', 'VFS_PM_CORE_REPLY: WCOREFLAG, exit_restart with dump_core'),
  S('handle_vfs_reply.setsid', 'notes §3', 'VFS_PM_SETSID_REPLY: reply to the caller'),
  // VFS
  S('vfs.pm_fork', 'notes §2.5', 'VFS handles VFS_PM_FORK and replies'),
  S('vfs.pm_srv_fork', 'notes §2.5', 'VFS handles VFS_PM_SRV_FORK and replies'),
  S('vfs.pm_exit', 'notes §2.5', 'VFS closes the exiting process files and replies VFS_PM_EXIT_REPLY'),
  S('vfs.pm_dumpcore', 'notes §2.5', 'VFS writes the core file and replies VFS_PM_CORE_REPLY'),
  S('vfs.pm_setsid', 'notes §3', 'VFS handles VFS_PM_SETSID and replies'),

  // paths inside PM steps
  P('exit_proc.no_core', 'seed 004:269-277', 'no core dump for set-uid or system processes'),
  P('exit_proc.stop', 'seed 004:302-310', 'force-stop the process (PROC_STOPPED)'),
  P('exit_proc.init_died', 'seed 004:316-321', 'INIT "exits": stack trace, return, INIT stays stopped'),
  P('exit_proc.tell_vfs', 'seed 004:327-337', 'tell VFS (EXIT or DUMPCORE): VFS_CALL set'),
  P('exit_proc.priv_clear', 'seed 004:339-347', 'system process cleared without waiting for VFS'),
  P('exit_proc.mark_exiting', 'seed 004:349-357', 'mask flags, set EXITING, store exit status'),
  P('exit_proc.zombify', 'seed 004:362-363', 'normal exit: zombify now'),
  P('exit_proc.tracer_died', 'seed 004:368-371', 'disinherit loop: a tracee of the dying process'),
  P('exit_proc.disinherit', 'seed 004:372-374', 'disinherit loop: child reparented to INIT'),
  P('exit_proc.new_parent', 'seed 004:380-381', 'reparented child has VFS_CALL: NEW_PARENT set'),
  P('exit_proc.offer_init', 'seed 004:384-385', 'reparented zombie offered to INIT (check_parent)'),
  P('exit_proc.sighup', 'seed 004:389-390', 'session leader: SIGHUP to its group'),
  P('exit_restart.sched_stop', 'seed 004:405-421', 'scheduler released, mp_scheduler = NONE'),
  P('exit_restart.zombify', 'seed 004:423-425', 'core dump done: zombify now'),
  P('exit_restart.trace_exit_reply', 'seed 004:439-444', 'reply OK to the tracer blocked in T_EXIT'),
  P('exit_restart.cleanup', 'seed 004:446-448', 'parent already told: free the slot'),
  P('zombify.trace_zombie', 'seed 004:582-591', 'traced by a non-parent: TRACE_ZOMBIE, tracer not waiting'),
  P('zombify.tell_tracer', 'seed 004:589-592', 'tracer is waiting: tell it now'),
  P('zombify.zombie', 'seed 004:594-596', 'no tracer (or tracer is parent): ZOMBIE'),
  P('check_parent.exiting_parent', 'seed 004:620-624', 'parent is itself exiting: do nothing'),
  P('check_parent.tell_parent', 'seed 004:625-634', 'parent waiting: tell it, maybe clean up'),
  P('check_parent.sigchld', 'seed 004:635-638', 'parent not waiting: SIGCHLD'),
  P('tell_parent.copy_fail', 'seed 004:667-682', 'rusage copy-out failed: error reply, child stays ZOMBIE'),
  P('tell_parent.reply', 'seed 004:685-699', 'reply pid/status to the parent, ZOMBIE -> TOLD_PARENT'),
  P('tell_tracer.reply', 'seed 004:716-725', 'reply pid/status to the tracer, TRACE_ZOMBIE -> ZOMBIE'),
  P('tracer_died.kill', 'seed 004:738-749', 'live tracee of a dead tracer gets SIGKILL'),
  P('tracer_died.reparent_zombie', 'seed 004:751-759', 'TRACE_ZOMBIE tracee becomes its parent\'s ZOMBIE'),
  P('tracer_died.exiting', 'seed 004:738-745', 'exiting tracee: only the tracer is forgotten'),
  P('cleanup.free', 'seed 004:765-774', 'slot freed, procs_in_use--'),
  P('sig_proc.to_tracer', 'notes §2.12', 'signal held for the tracer, trace_stop'),
  P('sig_proc.pending_vfs', 'notes §2.14', 'VFS_CALL set: signal pending, process stopped'),
  P('sig_proc.pending_stopped', 'notes §2.14', 'trace-stopped: signal pending'),
  P('sig_proc.ignored', 'notes §2.14', 'signal ignored (ign_sset or SIG_IGN)'),
  P('sig_proc.exit', 'notes §2.14', 'default action terminates: sig_proc_exit -> exit_proc'),
  P('trace_stop.reply', 'notes §2.12', 'trace stop reported at once to a waiting tracer'),
  P('restart_sigs.trace_exit', 'notes §2.12', 'deferred T_EXIT runs after the VFS reply'),
  P('restart_sigs.pending', 'notes §2.14', 'pending signals replayed after the VFS reply'),
];

const BY_NAME = new Map(STEP_LABELS.map((l) => [l.label, l]));

export function labelInfo(label: string): StepLabelInfo | undefined {
  return BY_NAME.get(label);
}

/** The TLA+ action name of a step label: '.' replaced by '_'. */
export function tlaActionName(label: string): string {
  return label.replace(/\./g, '_');
}
