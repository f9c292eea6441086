/**
 * MINIX 3 PM fork/exit/wait (seed 004) as an executable kernel: `createMinixKernel` builds the PM
 * server, VFS and user processes as actors on the deterministic scheduler of impl/kernel.
 * See docs/minix.md for the seed-to-code map, the command mapping and the divergences.
 */
import type { KernelDriver, KernelOptions } from '../api.js';
import { MINIX_MUTANTS, isMinixMutant } from './mutants.js';
import { MinixSystem, type MinixKernelOptions } from './system.js';

/** The only revision: the seed listing (MINIX forkexit.c at b89261ba). */
export const MINIX_REVISIONS: readonly string[] = ['b89261ba'];

export class MinixOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MinixOptionError';
  }
}

/** Builds the MINIX kernel. Throws MinixOptionError for an unknown revision or mutant. */
export function createMinixKernel(options: MinixKernelOptions = {}): MinixSystem {
  if (options.revision !== undefined && !MINIX_REVISIONS.includes(options.revision)) {
    throw new MinixOptionError(`unknown MINIX revision '${options.revision}' (expected one of: ${MINIX_REVISIONS.join(', ')})`);
  }
  const m = options.mutant;
  if (m !== undefined && !isMinixMutant(m)) {
    throw new MinixOptionError(`unknown MINIX mutant '${m}' (expected one of: ${MINIX_MUTANTS.map((x) => x.name).join(', ')})`);
  }
  return new MinixSystem(options, m);
}

/** The KernelDriver view of createMinixKernel, for code that only knows impl/api.ts. */
export function createMinixDriver(options?: KernelOptions): KernelDriver {
  return createMinixKernel(options);
}

export { MINIX_MUTANTS, type MinixMutant, type MutantInfo } from './mutants.js';
export { MINIX_INVARIANTS, checkMinixInvariants, type MinixInvariant, type InvariantContext } from './invariants.js';
export { STEP_LABELS, tlaActionName, labelInfo } from './labels.js';
export { MinixSystem, callOfCommand, decodeWaitStatus, type MinixKernelOptions } from './system.js';
export type { PmCall } from './pm.js';
