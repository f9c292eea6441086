/**
 * The harness's configuration and failure types: what a kernel under test is (HarnessConfig), a
 * replayable failing run (Replay) and the error that carries it (SpecMismatch).
 */
import type { Command, KernelDriver } from '../impl/api.js';
import type { SpecParams, SpecState } from '../spec/index.js';

export interface HarnessConfig {
  /** Shown in messages, e.g. 'dragonfly'. */
  readonly name: string;
  readonly makeDriver: () => KernelDriver;
  readonly params: SpecParams;
  /** Scheduler steps allowed per command before "no quiescence" is a failure. */
  readonly maxSteps?: number;
  /** Upper bound on generated processes (forks are skipped beyond it). */
  readonly maxProcs?: number;
  /** Command kinds to generate (default: every kind the params support). */
  readonly kinds?: readonly Command['kind'][];
  /**
   * Scenarios not to generate: returns a reason to skip `cmd` in state `s`. Used only to steer
   * around known, reported kernel bugs (each listed in the test file with its counterexample);
   * the oracle itself is never relaxed.
   */
  readonly avoid?: (s: SpecState, cmd: Command, batch?: readonly Command[]) => string | undefined;
}

/** A failing run, replayable: the commands in order and every scheduler choice taken. */
export interface Replay {
  readonly kernel: string;
  readonly commands: readonly Command[];
  /**
   * Step number of each command: commands with the same number were submitted together and ran
   * concurrently. Absent: one command per step.
   */
  readonly batch?: readonly number[];
  readonly schedule: readonly string[];
}

export class SpecMismatch extends Error {
  constructor(
    message: string,
    readonly replay: Replay,
  ) {
    super(`${message}\nreplay: ${JSON.stringify(replay)}`);
    this.name = 'SpecMismatch';
  }
}
