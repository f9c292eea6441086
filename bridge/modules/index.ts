/**
 * The TLA+ front end's entry point: load a spec file and the modules it uses, and resolve every
 * name. `loadResolvedSpec('Spec.tla')` is what the checker and trace checker call.
 */
import { loadSpec, type LoadOptions } from './loader.js';
import { resolveSpec } from './resolve.js';
import type { ResolvedSpec } from './resolved.js';

export type * from './resolved.js';
export { loadSpec, referencedModules, sourceText, type LoadOptions, type LoadedModule, type LoadedSpec } from './loader.js';
export { resolveSpec } from './resolve.js';
export { TlaError } from '../syntax/errors.js';

/** Parses `specFile` and the modules it EXTENDS/INSTANCEs (searched in the spec's directory, then
 * the standard modules) and resolves all names. Throws TlaError (located) on any problem. */
export async function loadResolvedSpec(specFile: string, opts: LoadOptions = {}): Promise<ResolvedSpec> {
  return resolveSpec(await loadSpec(specFile, opts));
}
