/**
 * The DragonFly kernel as the stateful harness drives it: its SpecParams and driver factory.
 * The simulated init is a driven process that collects zombies only when it waits, so
 * initReaps is false; lwp ids start at 1 (impl/dragonfly/driver.ts newLwp(k, p, 1)).
 *
 * Kernel divergences this harness found are listed in docs/spec.md ("Findings"). Should one be
 * open while the rest is tested, steer the generator around it with HarnessConfig.avoid (each
 * entry with its counterexample), never by relaxing spec/.
 */
import { createDragonflyKernel, type DragonflyKernelOptions } from '../impl/dragonfly/index.js';
import { specParams, type SpecParams } from '../spec/index.js';
import type { HarnessConfig } from './harness.js';

export const dragonflyParams: SpecParams = specParams('bsd', { initReaps: false, firstTid: 1 });

export function dragonflyHarness(options: DragonflyKernelOptions = {}): HarnessConfig {
  const tag = [options.revision, options.mutant, options.invariants === false ? 'no-invariants' : undefined].filter(Boolean).join(',');
  return {
    name: tag ? `dragonfly(${tag})` : 'dragonfly',
    makeDriver: () => createDragonflyKernel(options),
    params: dragonflyParams,
    maxSteps: 50_000,
  };
}
