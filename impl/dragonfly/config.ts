/**
 * Kernel variants as data: a revision and an optional seeded defect (mutant). Code paths consult
 * the resolved `DfConfig` flags; adding a revision or a mutant is adding an entry here.
 */

export interface DfConfig {
  readonly revision: 'current';
  readonly mutant: string | null;
  /** killalllwps tests P_WEXIT before setting it (the master-exit interlock, H1). */
  readonly wexitInterlock: boolean;
  /** PHOLDZOMB serialises reapers of one zombie (H10). */
  readonly zombieLock: boolean;
  /** kern_wait re-samples p_waitgen after tsleep_interlock and before sleeping (H9, layer 1). */
  readonly waitgenRecheck: boolean;
  /** ksignal(pp) in exit1 takes the parent's p_token before the late wakeup (H9, layer 2). */
  readonly ksignalTakesParentToken: boolean;
  /** kern_wait sets PWAITRES after winning the zombie lock (H11). */
  readonly pwaitresSet: boolean;
  /** killlwps waits for p_nthreads to drop to 1 (H2). */
  readonly killlwpsWait: boolean;
  /** lwp_exit sends the late wakeup(&p_nthreads) (H3). */
  readonly nthreadsWakeup: boolean;
  /** PSTALL threshold of reap3/reap4/reap5 in kern_wait (1 in the current revision, H13). */
  readonly reapThreshold: number;
  /** kern_wait re-checks p_pptr == q after taking p->p_token (H10/H18). */
  readonly pptrRecheck: boolean;
  /**
   * The stop notification of proc_stop/tstop takes the parent's p_token before clearing P_WAITED
   * and waking it ("Token required to interlock kern_wait()", notes 1.16; finding 4).
   */
  readonly stopNotifyTakesParentToken: boolean;
  /**
   * exit1 clears P_PPWAIT and wakes the vfork parent before proc_move_allproc_zombie's reap1
   * (seed 000:495-508, H8). False: after the zombie move, so reap1 waits for the parent's PHOLD.
   */
  readonly ppwaitBeforeReap1: boolean;
}

export interface MutantSpec {
  readonly name: string;
  readonly hazard: string;
  readonly description: string;
  readonly apply: Partial<Omit<DfConfig, 'revision' | 'mutant'>>;
}

/** The mutant catalogue. Each is caught by a directed test in properties/dragonfly-*.test.ts. */
export const MUTANTS: readonly MutantSpec[] = [
  {
    name: 'no_wexit_interlock',
    hazard: 'H1',
    description: 'killalllwps sets P_WEXIT without testing it: two lwps both become the master exiter',
    apply: { wexitInterlock: false },
  },
  {
    name: 'no_zombie_lock',
    hazard: 'H10',
    description: 'PHOLDZOMB always succeeds: two waiter threads both own and reap the same zombie',
    apply: { zombieLock: false },
  },
  {
    name: 'no_waitgen',
    hazard: 'H9',
    description:
      'kern_wait sleeps without re-checking p_waitgen and ksignal(pp) does not take the parent token: a child exiting between the scan and the sleep is a lost wakeup',
    apply: { waitgenRecheck: false, ksignalTakesParentToken: false },
  },
  {
    name: 'no_waitgen_only',
    hazard: 'H9',
    description:
      'only the p_waitgen re-check is removed: masked by the parent-token ordering (an equivalent mutant, expected NOT to be caught)',
    apply: { waitgenRecheck: false },
  },
  {
    name: 'no_pwaitres',
    hazard: 'H11',
    description: 'no PWAITRES_SET (the 33b81dc963..f071b5e0ac code): waiter-vs-waiter deadlock',
    apply: { pwaitresSet: false },
  },
  {
    name: 'no_killlwps_wait',
    hazard: 'H2',
    description: 'killlwps does not wait for the other lwps: teardown while siblings still run',
    apply: { killlwpsWait: false },
  },
  {
    name: 'no_stop_parent_token',
    hazard: 'H9',
    description:
      'the last thread to stop wakes its parent without taking the parent token: the wakeup can fall between the waiter\'s scan and its sleep (lost stop report, finding 4 of docs/spec.md)',
    apply: { stopNotifyTakesParentToken: false },
  },
  {
    name: 'ppwait_after_reap1',
    hazard: 'H8',
    description:
      'exit1 clears P_PPWAIT only after the zombie move: reap1 waits for the vfork parent\'s PHOLD, the parent waits for P_PPWAIT (deadlock; the model\'s MCBug_ppwait_after_reap1)',
    apply: { ppwaitBeforeReap1: false },
  },
  {
    name: 'reap3_zero',
    hazard: 'H13',
    description: 'PSTALL threshold 0 in kern_wait: the reaper waits for its own hold (self-deadlock)',
    apply: { reapThreshold: 0 },
  },
];

export const REVISIONS = ['current'] as const;

const BASE: Omit<DfConfig, 'mutant'> = {
  revision: 'current',
  wexitInterlock: true,
  zombieLock: true,
  waitgenRecheck: true,
  ksignalTakesParentToken: true,
  pwaitresSet: true,
  killlwpsWait: true,
  nthreadsWakeup: true,
  reapThreshold: 1,
  pptrRecheck: true,
  stopNotifyTakesParentToken: true,
  ppwaitBeforeReap1: true,
};

/** Thrown for an unknown revision or mutant name. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function resolveConfig(revision?: string, mutant?: string): DfConfig {
  const rev = revision ?? 'current';
  if (!(REVISIONS as readonly string[]).includes(rev)) {
    throw new ConfigError(`unknown DragonFly revision '${rev}' (known: ${REVISIONS.join(', ')})`);
  }
  if (mutant === undefined || mutant === '') return { ...BASE, mutant: null };
  const m = MUTANTS.find((x) => x.name === mutant);
  if (m === undefined) throw new ConfigError(`unknown DragonFly mutant '${mutant}' (known: ${MUTANTS.map((x) => x.name).join(', ')})`);
  return { ...BASE, ...m.apply, mutant: m.name };
}
