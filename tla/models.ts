/**
 * The catalogue of TLA+ model configurations in tla/: which config pairs with which module, what
 * result exitspec's checker must give, and whether it is small (run by `npm test`, through
 * tla/models.test.ts), large (run by `npm run verify`, scripts/verify.ts) or huge (only with
 * `npm run verify -- --all`).
 *
 * The distinct-state counts are the ones measured with `exitspec check` when the table was last
 * updated (listed in tla/README.md); they are documentation for the reader, the tests assert
 * verdicts and violated properties only.
 */

export type ModelVerdict = 'success' | 'invariant' | 'deadlock' | 'liveness';

export interface ModelEntry {
  /** Base name: tla/<name>.tla + tla/<name>.cfg. */
  readonly name: string;
  /** What the config checks, in one line. */
  readonly about: string;
  readonly expect: ModelVerdict;
  /**
   * For 'invariant'/'liveness': the property the checker must report as violated (a prefix: the
   * checker names a violated conjunct of a quantified property with its binding, e.g.
   * `KilllwpsCompletes(t = 3)`).
   */
  readonly violated?: string;
  /** small: npm test; large: npm run verify; huge: npm run verify -- --all (minutes). */
  readonly size: 'small' | 'large' | 'huge';
  /**
   * Reachability witnesses (clean configs only): invariants defined in the MC module that the
   * model must VIOLATE, proving the interesting states are reached (anti-vacuity).
   */
  readonly witnesses?: readonly string[];
  /** Distinct states found by exitspec check when last measured (documentation). */
  readonly distinctStates?: number;
}

export const MODELS: readonly ModelEntry[] = [
  // ---- abstract spec
  { name: 'MCExitWait', about: 'ExitWait: init + 2 forkable pids, statuses {0,1}', expect: 'success', size: 'small', witnesses: ['NeverReaped', 'NeverContinued'], distinctStates: 2585 },
  { name: 'MCExitWaitSigchld', about: 'ExitWait with sigaction(SIGCHLD): NoCldWaitReparent of an ignoring parent\'s zombie', expect: 'success', size: 'small', witnesses: ['NeverHandOff'], distinctStates: 37515 },
  // ---- clean DragonflyExit worlds, current revision (seed 000)
  { name: 'MCBasic', about: 'parent waits, child with 2 lwps exits', expect: 'success', size: 'small', witnesses: ['ParentNeverReaps', 'ChildNeverFreed'], distinctStates: 1079 },
  { name: 'MCTwoWaiters', about: 'two parent threads wait on one zombie', expect: 'success', size: 'small', witnesses: ['BothNeverBlockOnZomb', 'ChildNeverFreed'], distinctStates: 3938 },
  { name: 'MCTwoExits', about: 'two lwps of the child exit at once', expect: 'success', size: 'small', witnesses: ['FourNeverLoses', 'ChildNeverFreed'], distinctStates: 4365 },
  { name: 'MCReparent', about: 'parent exits while its child exits; init reaps both', expect: 'success', size: 'large', witnesses: ['ZombieNeverReparented', 'ChildNeverFreed'], distinctStates: 17015 },
  { name: 'MCFull', about: 'init, reaper R waiting, P (exit + wait threads), C (1 lwp)', expect: 'success', size: 'large', witnesses: ['NeverAdoptedByReaper', 'ChildNeverFreed'], distinctStates: 87711 },
  { name: 'MCFullThreaded', about: 'MCFull with a second, user-mode lwp in C', expect: 'success', size: 'huge', witnesses: ['ChildNeverFreed'], distinctStates: 321549 },
  { name: 'MCBasicSpurious', about: 'Basic with spurious wakeups of any sleeper', expect: 'success', size: 'small', witnesses: ['ParentNeverReaps'], distinctStates: 2466 },
  { name: 'MCTwoWaitersSpurious', about: 'TwoWaiters with spurious wakeups of any sleeper', expect: 'success', size: 'large', witnesses: ['ChildNeverFreed'], distinctStates: 6681 },
  { name: 'MCVfork', about: 'vfork parent holds the child until P_PPWAIT clears (H8)', expect: 'success', size: 'small', witnesses: ['VforkParentNeverReleased', 'ChildNeverFreed'], distinctStates: 590 },
  { name: 'MCNoCldWait', about: 'PS_NOCLDWAIT proc_reparent racing the parent exit (H16/H18 retry)', expect: 'success', size: 'large', witnesses: ['NeverRetried', 'NeverSelfReparented', 'ChildNeverFreed'], distinctStates: 25744 },
  { name: 'MCWnowait', about: 'a WNOWAIT report, then a reaping wait by a sibling thread', expect: 'success', size: 'small', witnesses: ['NeverReportedThenReaped', 'ChildNeverFreed'], distinctStates: 3874 },
  { name: 'MCStop', about: 'C gets a SIGSTOP and a SIGCONT while its lwp exits (H5)', expect: 'success', size: 'small', witnesses: ['NeverKilledInTstop', 'ChildNeverFreed'], distinctStates: 3391 },
  { name: 'MCStopOnly', about: 'C stopped for good while its lwp exits (H5)', expect: 'success', size: 'small', distinctStates: 2235 },
  // ---- clean worlds, revision f2a91d31 (seed 001)
  { name: 'MCBasicOld', about: 'Basic on f2a91d31', expect: 'success', size: 'small', witnesses: ['ChildNeverFreed'], distinctStates: 1029 },
  { name: 'MCTwoWaitersOld', about: 'TwoWaiters on f2a91d31', expect: 'success', size: 'small', witnesses: ['ChildNeverFreed'], distinctStates: 3056 },
  { name: 'MCTwoExitsOld', about: 'TwoExits on f2a91d31', expect: 'success', size: 'small', witnesses: ['ChildNeverFreed'], distinctStates: 4165 },
  { name: 'MCReparentOld', about: 'Reparent on f2a91d31', expect: 'success', size: 'large', witnesses: ['ChildNeverFreed'], distinctStates: 16140 },
  // ---- refinement DragonflyExit => ExitWait
  { name: 'MCRefinementInit', about: 'every initial state maps to an ExitWait initial state', expect: 'success', size: 'small', distinctStates: 1 },
  { name: 'MCRefinement', about: '[][EW!Next]_EW!vars on the Reparent world + EW invariants', expect: 'success', size: 'large', distinctStates: 17015 },
  { name: 'MCRefinementTwoWaiters', about: 'the refinement on the TwoWaiters world', expect: 'success', size: 'small', distinctStates: 3938 },
  { name: 'MCRefinementFull', about: 'the refinement on the Full world (reaper R adopts)', expect: 'success', size: 'large', distinctStates: 87711 },
  { name: 'MCRefinementTLC', about: 'the refinement as one temporal PROPERTY ExitWaitSpec (= EW!Spec)', expect: 'success', size: 'large', distinctStates: 17015 },
  { name: 'MCRefinementBug', about: 'refinement of the no-zombie-lock f2a91d31 code fails', expect: 'invariant', violated: 'ExitWaitStep', size: 'large' },
  { name: 'MCRefinementStop', about: 'the refinement on the Stop world (stopped, P_CONTINUED mapped)', expect: 'success', size: 'small', distinctStates: 3391 },
  { name: 'MCRefinementStopBug', about: 'mutant mapping: P_CONTINUED kept after the exit fails', expect: 'invariant', violated: 'ExitWaitStepBug', size: 'small' },
  { name: 'MCRefinementNoCldWait', about: 'the refinement on the NoCldWait world (proc_reparent = NoCldWaitReparent)', expect: 'success', size: 'large', witnesses: ['NeverHandedOffAlive'], distinctStates: 25744 },
  { name: 'MCRefinementWnowait', about: 'the refinement on the Wnowait world (the WNOWAIT report is a stutter)', expect: 'success', size: 'large', distinctStates: 3874 },
  { name: 'MCRefinementTwoExits', about: 'the refinement on the TwoExits world (two lwps race to be the master exit)', expect: 'success', size: 'large', distinctStates: 4365 },
  { name: 'MCRefinementVfork', about: 'the refinement on the Vfork world (P_PPWAIT is not abstract state)', expect: 'success', size: 'small', distinctStates: 590 },
  { name: 'MCRefinementNoCldWaitBug', about: 'mutant: NoCldWait world against ExitWait without dispositions fails', expect: 'invariant', violated: 'ExitWaitStepBug', size: 'small' },
  // ---- refinement MinixPM => ExitWait, whole PM messages as chains of ExitWait steps
  { name: 'MCMinixRefinementSteps', about: 'every PM message (Atomic) is a chain of genuine ExitWait steps; MCMinixPM world', expect: 'success', size: 'small', distinctStates: 736 },
  { name: 'MCMinixRefinementStepsTree', about: 'the same on the MCMinixPMTree world (tracers, groups, grandchildren)', expect: 'success', size: 'large', distinctStates: 21328 },
  { name: 'MCMinixRefinementSingle', about: 'anti-vacuity: one ExitWait step per PM message is not enough', expect: 'invariant', violated: 'SingleSteps', size: 'small' },
  { name: 'MCMinixRefinementCOrder', about: 'mutant check: the chain in C order only reaps a zombie with children', expect: 'invariant', violated: 'COrderChainSpec', size: 'small' },
  { name: 'MCMinixRefinementStepsBug', about: 'PM mutant forget_told_parent breaks the whole-step refinement', expect: 'invariant', violated: 'ExitWaitChainSpec', size: 'small' },
  // ---- mutants
  { name: 'MCBug_no_wexit_interlock', about: 'H1: P_WEXIT test and set split', expect: 'invariant', violated: 'single_master_exit', size: 'small', distinctStates: 238 },
  { name: 'MCBug_no_lwphold', about: 'H4: killlwps without LWPHOLD (before 89d9d44934)', expect: 'invariant', violated: 'no_use_after_free', size: 'small', distinctStates: 1220 },
  { name: 'MCBug_no_exitsig_wait', about: 'H14: lwp_wait does not wait for EXITSIG', expect: 'invariant', violated: 'lwp_dispose_dead', size: 'small', distinctStates: 161 },
  { name: 'MCBug_early_lwp_prele', about: 'H15: lwp_exit drops its PHOLD before lwp_dispose', expect: 'invariant', violated: 'zombie_lwps_disposed', size: 'small', distinctStates: 465 },
  { name: 'MCBug_ppwait_after_reap1', about: 'H8: P_PPWAIT cleared after the zombie move', expect: 'deadlock', size: 'small', distinctStates: 146 },
  { name: 'MCBug_prelezomb_keeps_waitres', about: 'H19: PRELEZOMB leaves WAITRES set', expect: 'invariant', violated: 'waitres_implies_zomb', size: 'small', distinctStates: 3331 },
  { name: 'MCBug_stoplwp_no_wexit', about: 'H5: STOPLWP without its WEXIT term: killed lwp stays in tstop', expect: 'deadlock', size: 'small', distinctStates: 408 },
  { name: 'MCBug_no_zombie_lock', about: 'H10: PHOLDZOMB always succeeds', expect: 'deadlock', size: 'small', distinctStates: 4116 },
  { name: 'MCBug_no_waitgen', about: 'H9: no waitgen re-check and no parent token in ksignal', expect: 'deadlock', size: 'small', distinctStates: 1061 },
  { name: 'MCBug_no_waitgen_only', about: 'H9 layer 1 only: equivalent mutant', expect: 'success', size: 'small', distinctStates: 1056 },
  { name: 'MCBug_no_ksignal_token_only', about: 'H9 layer 2 only: equivalent mutant', expect: 'success', size: 'small', distinctStates: 1187 },
  { name: 'MCBug_no_pwaitres', about: 'H11: no PWAITRES, waiter-vs-waiter deadlock', expect: 'deadlock', size: 'small', distinctStates: 3002 },
  { name: 'MCBug_reap3_zero', about: 'H13: PSTALL threshold 0 (self-deadlock)', expect: 'deadlock', size: 'small', distinctStates: 1063 },
  { name: 'MCBug_reap3_two', about: 'H13: PSTALL threshold 2 (free while held)', expect: 'invariant', violated: 'free_only_drained_zombie', size: 'small', distinctStates: 3830 },
  { name: 'MCBug_wakeup_before_zombie', about: 'H9: waitgen bump and wakeup before SZOMB', expect: 'deadlock', size: 'small', distinctStates: 1780 },
  { name: 'MCBug_no_nthreads_wakeup', about: 'H3: no wakeup(&p_nthreads) in lwp_exit', expect: 'deadlock', size: 'small', distinctStates: 266 },
  { name: 'MCBug_reparent_no_recheck', about: 'H16/H18: proc_reparent without the p_pptr re-check: equivalent in this world (both movers pick init)', expect: 'success', size: 'large', distinctStates: 25744 },
  { name: 'MCBug_reparent_no_child_token', about: 'H16: reparent without the child token: equivalent at this granularity', expect: 'success', size: 'large', distinctStates: 20529 },
  // ---- findings: the clean model violates a property (docs/history.md, "Finding")
  { name: 'MCReaperExit', about: 'H23 candidate reproduced: a reaper freed with a child moved in by a descendant\'s exit', expect: 'invariant', violated: 'parent_live', size: 'small', distinctStates: 27243 },
  { name: 'MCLwpCreate', about: 'H21 candidate reproduced: an lwp created during the master exit escapes killlwps', expect: 'invariant', violated: 'killed_lwps_marked', size: 'small', distinctStates: 326 },
  { name: 'MCLwpCreateHang', about: 'H21 consequence: killlwps sleeps forever', expect: 'deadlock', size: 'small', distinctStates: 5201 },
  // ---- liveness under weak fairness of every thread (FairSpec)
  { name: 'MCExitWaitLive', about: 'ExitWait: zombies are eventually reaped', expect: 'success', size: 'small', distinctStates: 1417 },
  { name: 'MCExitWaitSigchldLive', about: 'the same with sigaction(SIGCHLD) and NoCldWaitReparent', expect: 'success', size: 'large', distinctStates: 37515 },
  { name: 'MCLiveBasic', about: 'waiter returns, killlwps completes, zombies freed (Basic)', expect: 'success', size: 'small', distinctStates: 1079 },
  { name: 'MCLiveTwoWaiters', about: 'the same on the TwoWaiters world', expect: 'success', size: 'small', distinctStates: 3938 },
  { name: 'MCLiveReparent', about: 'the liveness properties on the Reparent world', expect: 'success', size: 'large', distinctStates: 17015 },
  { name: 'MCLiveBug_no_waitgen', about: 'lost wakeup as a liveness violation', expect: 'liveness', violated: 'WaiterWithZombieReturns', size: 'small', distinctStates: 1111 },
  { name: 'MCLiveBug_no_nthreads_wakeup', about: 'killlwps never completes', expect: 'liveness', violated: 'KilllwpsCompletes', size: 'small', distinctStates: 266 },
  { name: 'MCLiveBug_prelezomb_keeps_waitres', about: 'H19 as liveness: the zombie is never freed', expect: 'liveness', violated: 'ZombiesEventuallyFreed', size: 'small', distinctStates: 3852 },
  // ---- the three historical states of DragonFly (docs/history.md)
  { name: 'MCExtexit', about: 'H22 candidate reproduced: two last lwps both take the extexit lwp path', expect: 'invariant', violated: 'nthreads_zero_implies_zombie', size: 'small', distinctStates: 846 },
  { name: 'MCHistory_pre_zomblock', about: 'before 0730ed66e3 (2012): double reap', expect: 'invariant', violated: 'reaped_once', size: 'small', distinctStates: 3739 },
  { name: 'MCHistory_pre_waitgen', about: 'before 51818c080a (2013): lost wakeup', expect: 'deadlock', size: 'small', distinctStates: 1026 },
  { name: 'MCHistory_no_waitres', about: '33b81dc963..f071b5e0ac (2018-2020): wait*() deadlock', expect: 'deadlock', size: 'small', distinctStates: 3002 },
];

/**
 * The config text with its INVARIANTS/PROPERTIES (and CHECK_DEADLOCK) replaced by one invariant and
 * CHECK_DEADLOCK FALSE: the config of a reachability-witness run.
 */
export function withOnlyInvariant(cfgText: string, invariant: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of cfgText.split('\n')) {
    const kw = /^(INVARIANTS?|PROPERTY|PROPERTIES|CHECK_DEADLOCK|SPECIFICATION|CONSTANTS?)\b/.exec(line);
    if (kw !== null) skipping = /^(INVARIANTS?|PROPERTY|PROPERTIES|CHECK_DEADLOCK)$/.test(kw[1]!);
    if (!skipping) out.push(line);
  }
  out.push('INVARIANT', `    ${invariant}`, 'CHECK_DEADLOCK FALSE', '');
  return out.join('\n');
}
