/**
 * An independent, deliberately naive explicit-state explorer used to establish the expected
 * numbers of the conformance specs by a second route: each spec is re-modelled by hand as a
 * TypeScript transition system (oracles.ts), and this module counts what TLC would print.
 *
 * TLC's counting rules reproduced here:
 * - "states generated" = initial states + every successor produced by every enabled action
 *   instance (disjunct x quantifier binding), duplicates included, also successors dropped by a
 *   state constraint; an action whose guard is a disjunction yields one successor per true
 *   disjunct (TLC enumerates `\/` branch by branch; oracles.ts trueDisjuncts);
 * - "distinct states" = states (or, with symmetry, orbit representatives) admitted to the state
 *   set; successors violating the state constraint are not admitted;
 * - "depth" = the largest BFS level, initial states being level 1;
 * - a deadlock is a reachable state with no successor at all (successors outside the state
 *   constraint count as successors); an invariant violation is found when the violating state is
 *   first generated, and the reported trace is a shortest path;
 * - invariants are also checked on successors outside the state constraint, which are never
 *   stored (tlc2/tool/ModelChecker.java doNext);
 * - action properties ([][A]_v) are checked on every generated step, also towards a state seen
 *   before (doNextCheckImplied), and reported like invariants (exit 12).
 */

export interface OracleModel<S> {
  readonly init: readonly S[];
  /** All successors, one per enabled action instance (duplicates kept, like TLC). */
  next(s: S): readonly S[];
  /** Canonical key of a state (with symmetry: of its orbit). */
  key(s: S): string;
  readonly invariants?: Readonly<Record<string, (s: S) => boolean>>;
  /** Action properties `[][A]_v`: checked on every generated step, new or seen, in the model or not. */
  readonly actionProperties?: Readonly<Record<string, (s: S, t: S) => boolean>>;
  /** State constraint: successors failing it are generated but not explored. */
  readonly constraint?: (s: S) => boolean;
  readonly checkDeadlock?: boolean;
  /** Evaluating Next in this state fails (e.g. a false Assert): TLC stops with an error. */
  readonly failsIn?: (s: S) => boolean;
}

export interface OracleResult {
  readonly result: 'success' | 'invariant' | 'deadlock' | 'error' | 'assumption';
  readonly violated?: string;
  readonly distinctStates: number;
  readonly totalStates: number;
  readonly depth: number;
  /** Number of states in the shortest counterexample. */
  readonly traceLength?: number;
}

/** Explores `m` breadth-first and returns TLC's verdict and counts. */
export function explore<S>(m: OracleModel<S>): OracleResult {
  const level = new Map<string, number>();
  let total = 0;
  let frontier: S[] = [];
  const violatedBy = (s: S): string | undefined => {
    for (const [name, inv] of Object.entries(m.invariants ?? {})) if (!inv(s)) return name;
    return undefined;
  };
  for (const s of m.init) {
    total++;
    const k = m.key(s);
    if (level.has(k)) continue;
    level.set(k, 1);
    const bad = violatedBy(s);
    if (bad !== undefined) return { result: 'invariant', violated: bad, distinctStates: level.size, totalStates: total, depth: 1, traceLength: 1 };
    frontier.push(s);
  }
  let depth = 1;
  while (frontier.length > 0) {
    const nextFrontier: S[] = [];
    for (const s of frontier) {
      if (m.failsIn?.(s)) {
        return { result: 'error', distinctStates: level.size, totalStates: total, depth, traceLength: level.get(m.key(s))! };
      }
      const succs = m.next(s);
      if (succs.length === 0 && (m.checkDeadlock ?? true)) {
        return { result: 'deadlock', distinctStates: level.size, totalStates: total, depth, traceLength: level.get(m.key(s))! };
      }
      for (const t of succs) {
        total++;
        for (const [name, prop] of Object.entries(m.actionProperties ?? {})) {
          if (!prop(s, t)) {
            return { result: 'invariant', violated: name, distinctStates: level.size, totalStates: total, depth, traceLength: depth + 1 };
          }
        }
        if (m.constraint && !m.constraint(t)) {
          // TLC still checks invariants on a successor outside the constraint (ModelChecker.doNext:
          // `unseen` stays true for states not in the model), but never stores or explores it.
          const bad = violatedBy(t);
          if (bad !== undefined) {
            return { result: 'invariant', violated: bad, distinctStates: level.size, totalStates: total, depth: depth + 1, traceLength: depth + 1 };
          }
          continue;
        }
        const k = m.key(t);
        if (level.has(k)) continue;
        level.set(k, depth + 1);
        const bad = violatedBy(t);
        if (bad !== undefined) {
          return { result: 'invariant', violated: bad, distinctStates: level.size, totalStates: total, depth: depth + 1, traceLength: depth + 1 };
        }
        nextFrontier.push(t);
      }
    }
    if (nextFrontier.length > 0) depth++;
    frontier = nextFrontier;
  }
  return { result: 'success', distinctStates: level.size, totalStates: total, depth };
}

/** All permutations of `xs` (for symmetry canonicalisation). */
export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}
