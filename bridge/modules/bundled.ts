/**
 * Modules bundled as TLA+ source text: those TLC ships as plain .tla files (no Java
 * implementation) that specs commonly EXTEND. TLAPS only matters for proofs, which the checker
 * ignores; its backend pragmas are defined as in the real module so that proofs mentioning them
 * (`BY PTL DEF Spec`) still resolve. Searched after the spec's directory.
 */

/** A bundled module's pseudo-path, used in error locations. */
export function bundledPath(name: string): string {
  return `<bundled>/${name}.tla`;
}

const TLAPS_PRAGMAS_0 = ['SMT', 'CVC3', 'Yices', 'veriT', 'Z3', 'Spass', 'SimpleArithmetic', 'Zenon', 'Isa', 'Auto', 'Force', 'Blast', 'SimplifyAndSolve', 'Simplification', 'AutoBlast', 'LS4', 'PTL', 'PropositionalTemporalLogic', 'AllProvers', 'AllSMT', 'AllIsa'];
const TLAPS_PRAGMAS_1 = ['SMTT', 'CVC3T', 'YicesT', 'veriTT', 'Z3T', 'SpassT', 'ZenonT', 'IsaT', 'IsaM', 'AllProversT', 'AllSMTT', 'AllIsaT'];

const TLAPS = [
  '---------------------------- MODULE TLAPS --------------------------------',
  ...TLAPS_PRAGMAS_0.map((p) => `${p} == TRUE`),
  ...TLAPS_PRAGMAS_1.map((p) => `${p}(X) == TRUE`),
  'IsaMT(X, Y) == TRUE',
  '=============================================================================',
  '',
].join('\n');

/** Bundled module sources by module name. */
export const BUNDLED_MODULES: ReadonlyMap<string, string> = new Map([['TLAPS', TLAPS]]);
