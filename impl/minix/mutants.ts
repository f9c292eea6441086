/**
 * The MINIX mutant catalogue: seeded defects, each removing one guard of the seed. Each entry says
 * which seed lines it breaks and what is expected to catch it (an invariant of invariants.ts, a
 * deadlock, or disagreement with spec/). properties/minix-orders.test.ts shows each is caught by
 * one of its `caughtBy` invariants under random message orders (directed cases in
 * minix-forkexit.test.ts and minix-trace.test.ts), and properties/minix-tla.test.ts in the model
 * (tla/MCBug_Minix_<name>).
 */

export type MinixMutant = 'ignore_new_parent' | 'cleanup_while_vfs_call' | 'forget_told_parent' | 'tracer_died_no_reparent';

export interface MutantInfo {
  readonly name: MinixMutant;
  readonly seed: string;
  readonly description: string;
  /** The invariants expected to report it first. */
  readonly caughtBy: readonly string[];
}

export const MINIX_MUTANTS: readonly MutantInfo[] = [
  {
    name: 'ignore_new_parent',
    seed: 'seed 004:380-381; notes §2.1 (main.c l.384-393)',
    description: 'the fork reply goes to mp_parent even when NEW_PARENT says the forking parent died (INIT gets a fork reply it never asked for)',
    caughtBy: ['no_reply_to_former_parent', 'reply_matches_call'],
  },
  {
    name: 'cleanup_while_vfs_call',
    seed: 'seed 004:521-522, 632-633',
    description: 'do_wait4 and check_parent free a collected child even while its VFS exit request is outstanding',
    caughtBy: ['free_only_when_quiesced', 'vfs_call_matches_request'],
  },
  {
    name: 'forget_told_parent',
    seed: 'seed 004:691',
    description: 'tell_parent clears ZOMBIE but does not set TOLD_PARENT, so exit_restart never frees the slot and wait4 still counts it',
    caughtBy: ['exited_notified', 'free_only_when_quiesced'],
  },
  {
    name: 'tracer_died_no_reparent',
    seed: 'seed 004:754-759',
    description: 'tracer_died forgets the tracer of a TRACE_ZOMBIE child without turning it into its parent\'s ZOMBIE',
    caughtBy: ['tracer_valid'],
  },
];

export function isMinixMutant(name: string): name is MinixMutant {
  return MINIX_MUTANTS.some((m) => m.name === name);
}
