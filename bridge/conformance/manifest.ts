/**
 * The conformance suite: well-known specifications written in this project (specs/), each with
 * the outcome TLC gives it and where that number comes from. This manifest is the single source
 * the conformance tests iterate (bridge/conformance/*.test.ts): the oracle test re-derives every
 * number with an independent hand-written model (oracles.ts), the checker test runs
 * `checkSpec` from bridge/index.ts and compares.
 *
 * Counting conventions are TLC's (see oracle.ts): totalStates = "states generated",
 * distinctStates = "distinct states found", depth = "The depth of the complete state graph
 * search". For violations only the verdict, the property and the length of the (shortest, BFS)
 * counterexample are fixed: the counts at the moment TLC stops depend on successor order.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckVerdict } from '../result.js';

export interface ConformanceExpectation {
  readonly result: CheckVerdict;
  readonly violated?: string;
  /** Exact, for complete searches (result success). */
  readonly distinctStates?: number;
  readonly totalStates?: number;
  readonly depth?: number;
  /** Number of states in the shortest counterexample (violations). */
  readonly traceLength?: number;
  /**
   * Liveness counterexamples: a lasso (`loop` set, the behaviour cycles) or a behaviour ending in
   * infinite stuttering (`#meta.stuttering`). Their exact states are not fixed: TLC may show any
   * violating behaviour.
   */
  readonly counterexample?: 'lasso' | 'stuttering';
}

export interface ConformanceCase {
  /** Unique name; also the key of its oracle in oracles.ts. */
  readonly name: string;
  /** The .tla file, relative to bridge/conformance/specs. */
  readonly spec: string;
  /** The .cfg file, relative to bridge/conformance/specs. */
  readonly config: string;
  readonly expect: ConformanceExpectation;
  /** TLA+ / TLC features the case exercises. */
  readonly features: readonly string[];
  /** Where the spec comes from (attribution). */
  readonly origin: string;
  /** Where the expected numbers come from. */
  readonly source: string;
  /** Larger models, meant for the benchmark rather than every test run. */
  readonly large?: boolean;
  /**
   * A known disagreement of our checker with TLC on this case, still to be fixed: the checker
   * test asserts the disagreement is still there (and fails, asking to remove this field, once
   * it is gone).
   */
  readonly knownDivergence?: string;
  /**
   * Checker capabilities the case needs beyond safety. Until the checker has them it must refuse
   * the model with a located "not supported yet" error, never give a verdict.
   */
  readonly needs?: readonly 'liveness'[];
}

const ORACLE = 'independent hand-written model in bridge/conformance/oracles.ts (TLC counting rules, oracle.ts)';

export const CONFORMANCE: readonly ConformanceCase[] = [
  {
    name: 'DieHard',
    spec: 'DieHard.tla',
    config: 'DieHard.cfg',
    expect: { result: 'invariant', violated: 'NotSolved', traceLength: 7 },
    features: ['SPECIFICATION', 'IF/THEN/ELSE', 'invariant violation', 'shortest counterexample'],
    origin: "Lamport's DieHard (TLA+ video course; tlaplus/Examples specifications/DieHard), rewritten",
    source:
      'tlaplus/Examples specifications/DieHard/manifest.json: result "safety failure"; the shortest solution of the puzzle has 6 pours (7 states), confirmed by ' +
      ORACLE,
  },
  {
    name: 'DieHardTypeOK',
    spec: 'DieHard.tla',
    config: 'DieHardTypeOK.cfg',
    expect: { result: 'success', distinctStates: 16, totalStates: 97, depth: 8 },
    features: ['INIT/NEXT', 'self-loops counted in states generated'],
    origin: 'as DieHard',
    source: '16 distinct states: TLC state graph of DieHard (docs: notes/tla-tooling.md section 5, 16 states / 74 edges); 97 generated (16 x 6 actions + 1) and depth 8 from ' + ORACLE,
  },
  {
    name: 'LockOrder',
    spec: 'LockOrder.tla',
    config: 'LockOrder.cfg',
    expect: { result: 'deadlock', traceLength: 3 },
    features: ['deadlock', 'EXCEPT', 'function constructors', 'strings'],
    origin: 'textbook lock-ordering deadlock, written for exitspec',
    source: 'reasoning: each process takes its first lock (2 steps) and both wait forever; ' + ORACLE,
  },
  {
    name: 'LockOrderNoDeadlock',
    spec: 'LockOrder.tla',
    config: 'LockOrderNoDeadlock.cfg',
    expect: { result: 'success', distinctStates: 6, totalStates: 9, depth: 3 },
    features: ['CHECK_DEADLOCK FALSE'],
    origin: 'as LockOrder',
    source: ORACLE,
  },
  {
    name: 'TCommit',
    spec: 'TCommit.tla',
    config: 'TCommit.cfg',
    expect: { result: 'success', distinctStates: 34, totalStates: 94, depth: 7 },
    features: ['SPECIFICATION', 'model values', 'CHECK_DEADLOCK FALSE', '\\A quantifiers'],
    origin: 'Gray & Lamport, Consensus on Transaction Commit (2004); tlaplus/Examples specifications/transaction_commit/TCommit.tla, rewritten',
    source: 'tlaplus/Examples specifications/transaction_commit/manifest.json (TCommit.cfg: 34 / 94 / 7); ' + ORACLE + ' agrees',
  },
  {
    name: 'TwoPhase',
    spec: 'TwoPhase.tla',
    config: 'TwoPhase.cfg',
    expect: { result: 'success', distinctStates: 288, totalStates: 1146, depth: 11 },
    features: ['SPECIFICATION', 'INSTANCE (implicit substitution)', 'records', 'record sets [a : S]', 'UNCHANGED tuples'],
    origin: 'Gray & Lamport, Consensus on Transaction Commit (2004); tlaplus/Examples specifications/transaction_commit/TwoPhase.tla, rewritten',
    source: 'tlaplus/Examples specifications/transaction_commit/manifest.json (TwoPhase.cfg, 3 RMs: 288 / 1146 / 11); ' + ORACLE + ' agrees',
  },
  {
    name: 'TwoPhase5',
    spec: 'TwoPhase.tla',
    config: 'TwoPhase5.cfg',
    expect: { result: 'success', distinctStates: 8832, totalStates: 58146, depth: 17 },
    features: ['benchmark size'],
    origin: 'as TwoPhase',
    source: '8,832 distinct: issue 3 and Spectacle measurement (notes/tla-tooling.md section 5); 58146 generated and depth 17 from ' + ORACLE,
    large: true,
  },
  {
    name: 'InnerFIFO',
    spec: 'InnerFIFO.tla',
    config: 'InnerFIFO.cfg',
    expect: { result: 'success', distinctStates: 344, totalStates: 792, depth: 9 },
    features: ['INSTANCE ... WITH substitutions', 'M == INSTANCE', 'EXCEPT !.f with @', 'Sequences', 'CONSTRAINT', 'several initial states'],
    origin: 'Lamport, Specifying Systems (2002) sections 3.1 and 4.1 (Channel, InnerFIFO), rewritten',
    source: ORACLE + '; 16 initial states (4 per channel), successors failing BoundedQ counted as generated but not explored',
  },
  {
    name: 'Ledger',
    spec: 'Ledger.tla',
    config: 'Ledger.cfg',
    expect: { result: 'success', distinctStates: 44, totalStates: 79, depth: 4 },
    features: ['RECURSIVE', 'LAMBDA', 'higher-order operator argument', 'EXCEPT with nested paths and @', 'CHOOSE', 'LET/IN', 'FiniteSets'],
    origin: 'written for exitspec',
    source: ORACLE,
  },
  {
    name: 'TokenSym',
    spec: 'TokenSym.tla',
    config: 'TokenSym.cfg',
    expect: { result: 'success', distinctStates: 7, totalStates: 19, depth: 5 },
    features: ['SYMMETRY', 'Permutations', 'model values'],
    origin: 'written for exitspec',
    source: ORACLE + ' (orbits under all permutations of 3 processes)',
  },
  {
    name: 'TokenNoSym',
    spec: 'TokenSym.tla',
    config: 'TokenNoSym.cfg',
    expect: { result: 'success', distinctStates: 20, totalStates: 49, depth: 5 },
    features: ['the same model without SYMMETRY'],
    origin: 'as TokenSym',
    source: ORACLE,
  },
  {
    name: 'DeepBug',
    spec: 'DeepBug.tla',
    config: 'DeepBug.cfg',
    expect: { result: 'invariant', violated: 'Safe', traceLength: 8 },
    features: ['invariant broken at depth > 5'],
    origin: 'written for exitspec',
    source: 'reasoning: x + y reaches 7 after 7 increments at the earliest (x, y <= 4); ' + ORACLE,
  },
  {
    name: 'EWD840',
    spec: 'EWD840.tla',
    config: 'EWD840.cfg',
    expect: { result: 'success', distinctStates: 1566, totalStates: 15986, depth: 12 },
    features: ['1024 initial states', 'ASSUME', 'labelled disjuncts (P0 ::)', 'BOOLEAN', 'function sets [S -> T]', 'WF in SPECIFICATION (no property)', 'unused ~> definition', 'disjunctive guards counted per true disjunct'],
    origin: "Dijkstra, Feijen, van Gasteren, EWD 840; Stephan Merz's EWD840.tla in tlaplus/Examples specifications/ewd840, rewritten",
    source:
      '1566 distinct, 15986 generated and depth 12: tlaplus/Examples specifications/ewd840/manifest.json for EWD840_json (which EXTENDS EWD840 with N = 4 and checks an invariant); ' +
      're-derived by ' +
      ORACLE +
      ", which counts like TLC's Tool.getNextStates: a disjunctive guard (InitiateProbe, PassToken) yields one generated successor per true disjunct, " +
      'so 15986 = 14962 successor-once + 1024 duplicate branches (the same rule gives the manifest\'s 2001 for N = 3)',
  },
  {
    name: 'Bounded',
    spec: 'Bounded.tla',
    config: 'Bounded.cfg',
    expect: { result: 'invariant', violated: 'Small', traceLength: 5 },
    features: ['CONSTRAINT', 'invariants checked on successors outside the constraint'],
    origin: 'written for exitspec',
    source: 'reading of tlc2/tool/ModelChecker.java doNext (tlaplus/tlaplus): `unseen` stays true for a successor that is not in the model, so its invariants are checked; ' + ORACLE,
  },
  {
    name: 'BoundedOK',
    spec: 'Bounded.tla',
    config: 'BoundedOK.cfg',
    expect: { result: 'success', distinctStates: 4, totalStates: 5, depth: 4 },
    features: ['CONSTRAINT', 'successors outside the constraint counted as generated, not deadlock'],
    origin: 'as Bounded',
    source: 'ModelChecker.doNext: incrementStatesGenerated counts every successor; ' + ORACLE,
  },
  {
    name: 'Lock',
    spec: 'Lock.tla',
    config: 'Lock.cfg',
    expect: { result: 'success', distinctStates: 12, totalStates: 21, depth: 5 },
    features: ['PlusCal-style translation', 'Integers'],
    origin: "Jarod Differdange's Lock.tla, tlaplus/Examples specifications/locks_auxiliary_vars, rewritten without proofs",
    source: 'tlaplus/Examples specifications/locks_auxiliary_vars/manifest.json (Lock.cfg: 12 / 21 / 5); ' + ORACLE + ' agrees',
  },
  {
    name: 'Peterson',
    spec: 'Peterson.tla',
    config: 'Peterson.cfg',
    expect: { result: 'success', distinctStates: 42, totalStates: 77, depth: 11 },
    features: ['INSTANCE WITH expressions substituted for variables', 'CASE', '<=>', 'BOOLEAN'],
    origin: "Peterson's algorithm; Jarod Differdange's Peterson.tla, tlaplus/Examples specifications/locks_auxiliary_vars, rewritten without proofs",
    source: 'tlaplus/Examples specifications/locks_auxiliary_vars/manifest.json (Peterson.cfg: 42 / 77 / 11); ' + ORACLE + ' agrees',
  },
  {
    name: 'LiveClockFair',
    spec: 'LiveClock.tla',
    config: 'LiveClockFair.cfg',
    expect: { result: 'success', distinctStates: 3, totalStates: 4, depth: 3 },
    needs: ['liveness'],
    features: ['[]<>P', '<>P', 'P ~> Q', 'WF in SPECIFICATION', 'liveness that holds'],
    origin: 'written for exitspec',
    source: 'reasoning: Tick is always enabled and weakly fair, so the hand visits 0, 1, 2 for ever; counts from ' + ORACLE,
  },
  {
    name: 'LiveClockUnfair',
    spec: 'LiveClock.tla',
    config: 'LiveClockUnfair.cfg',
    expect: { result: 'liveness', counterexample: 'stuttering' },
    needs: ['liveness'],
    features: ['<>P without fairness', 'stuttering counterexample'],
    origin: 'as LiveClockFair',
    source: 'reasoning: with no fairness the behaviour that stays at hand = 0 for ever satisfies the spec and never shows 2',
  },
  {
    name: 'LiveClockNever',
    spec: 'LiveClock.tla',
    config: 'LiveClockNever.cfg',
    expect: { result: 'liveness', counterexample: 'lasso' },
    needs: ['liveness'],
    features: ['<>P that fails under fairness', 'lasso counterexample (Back to state)'],
    origin: 'as LiveClockFair',
    source: 'reasoning: the only fair behaviour cycles 0, 1, 2, 0, ... and never shows 3; stuttering is not fair since Tick is always enabled',
  },
  {
    name: 'LiveClockPersist',
    spec: 'LiveClock.tla',
    config: 'LiveClockPersist.cfg',
    expect: { result: 'liveness', counterexample: 'lasso' },
    needs: ['liveness'],
    features: ['<>[]P that fails'],
    origin: 'as LiveClockFair',
    source: 'reasoning: the only fair behaviour cycles through 1 and 2 for ever, so hand = 0 never holds from some point on',
  },
  {
    name: 'LiveClockLeadsTo',
    spec: 'LiveClock.tla',
    config: 'LiveClockLeadsTo.cfg',
    expect: { result: 'liveness', counterexample: 'lasso' },
    needs: ['liveness'],
    features: ['P ~> Q that fails', 'several properties, one failing'],
    origin: 'as LiveClockFair',
    source: 'reasoning: hand = 1 holds infinitely often and hand = 3 never; InfinitelyOftenZero holds but OneLeadsToThree does not',
  },
  {
    name: 'LiveWorkersFair',
    spec: 'LiveWorkers.tla',
    config: 'LiveWorkersFair.cfg',
    expect: { result: 'success', distinctStates: 8, totalStates: 17, depth: 4 },
    needs: ['liveness'],
    features: ['quantified fairness \\A p : WF_vars(Finish(p))', '\\A p : <>P'],
    origin: 'written for exitspec',
    source: 'reasoning: Finish(p) stays enabled until p finishes and is weakly fair; counts from ' + ORACLE,
  },
  {
    name: 'LiveWorkersWeak',
    spec: 'LiveWorkers.tla',
    config: 'LiveWorkersWeak.cfg',
    expect: { result: 'liveness', counterexample: 'lasso' },
    needs: ['liveness'],
    features: ['WF_vars(Next) is not enough', 'lasso counterexample'],
    origin: 'as LiveWorkersFair',
    source: 'reasoning: beating for ever takes a Next step at every step, so WF_vars(Next) holds while a worker never finishes; Beat is always enabled, so stuttering is not fair',
  },
  {
    name: 'Odometer',
    spec: 'Odometer.tla',
    config: 'Odometer.cfg',
    expect: { result: 'success', distinctStates: 5, totalStates: 9, depth: 5 },
    features: ['VIEW (an unbounded history variable projected away)', 'ACTION_CONSTRAINT'],
    origin: 'written for exitspec',
    source: 'reasoning: VIEW trip leaves the 5 trip values; the step back from 4 is generated then dropped by the action constraint; ' + ORACLE,
  },
  {
    name: 'OdometerProp',
    spec: 'Odometer.tla',
    config: 'OdometerProp.cfg',
    expect: { result: 'invariant', violated: 'OnlyForward', traceLength: 3 },
    features: ['PROPERTY [][A]_v action property', 'violation on a step to an already seen state'],
    origin: 'as Odometer',
    source:
      'reasoning: trip goes 0 -> 1 -> 0; TLC checks action properties on every step, also to a seen state (ModelChecker.doNextCheckImplied), and prints "Action property OnlyForward is violated." with exit 12; ' +
      ORACLE,
  },
  {
    name: 'Catalog',
    spec: 'Catalog.tla',
    config: 'Catalog.cfg',
    expect: { result: 'success', distinctStates: 16, totalStates: 31, depth: 4 },
    features: [':> and @@', 'DOMAIN', '[S -> T]', 'SUBSET', 'UNION', 'set comprehension', 'CHOOSE', 'CASE/OTHER', 'Append/SubSeq/SelectSeq/\\o', 'ToString', 'empty function = << >>'],
    origin: 'written for exitspec',
    source: 'reasoning: a state is a sequence of distinct items (1 + 3 + 6 + 6 = 16); successors 3 + 9 + 12 + 6 = 30, plus the initial state; ' + ORACLE,
  },
  {
    name: 'LiveTakeWeak',
    spec: 'LiveTake.tla',
    config: 'LiveTakeWeak.cfg',
    expect: { result: 'liveness', counterexample: 'lasso' },
    needs: ['liveness'],
    features: ['WF of an intermittently enabled action', 'lasso counterexample'],
    origin: 'written for exitspec',
    source: 'reasoning: the behaviour that toggles the door for ever is weakly fair to Take (never continuously enabled) and never passes',
  },
  {
    name: 'LiveTakeStrong',
    spec: 'LiveTake.tla',
    config: 'LiveTakeStrong.cfg',
    expect: { result: 'success', distinctStates: 4, totalStates: 6, depth: 4 },
    needs: ['liveness'],
    features: ['SF_vars(A) strong fairness'],
    origin: 'as LiveTakeWeak',
    source: 'reasoning: until the visitor passes, Take is enabled every other state (infinitely often), so SF forces it; counts from ' + ORACLE,
  },
  {
    name: 'Toolbox',
    spec: 'Toolbox.tla',
    config: 'Toolbox.cfg',
    expect: { result: 'success', distinctStates: 9, totalStates: 25, depth: 4 },
    features: ['\\X', 'Bags ((+), SetToBag, BagToSet, CopiesIn)', 'SortSeq', 'Permutations', 'IsFiniteSet', '\\div and % on negatives', 'nested records', 'Integers'],
    origin: 'written for exitspec',
    source: 'reasoning: 9 pairs, 2 increments each plus a swap in the 6 pairs with a # b (18 + 6 + 1 = 25); ' + ORACLE,
  },
  {
    name: 'AssumeFalse',
    spec: 'AssumeFalse.tla',
    config: 'AssumeFalse.cfg',
    expect: { result: 'assumption' },
    features: ['ASSUME violated by the model (exit 10)'],
    origin: 'written for exitspec',
    source: 'reasoning: N = 0 makes ASSUME N > 0 false; TLC prints "Assumption line ... is false." (it names the assumption by location) and exits 10',
  },
  {
    name: 'AssertFail',
    spec: 'AssertFail.tla',
    config: 'AssertFail.cfg',
    expect: { result: 'error', traceLength: 4 },
    features: ['TLC Assert failing inside Next (exit 14)', 'behaviour up to the failing state'],
    origin: 'written for exitspec',
    source: 'reasoning: Next is evaluated in x = 3 (after 3 steps) where Assert(x < 3, ...) fails; TLC prints the behaviour up to that state (ModelChecker.doNextFailed, printTrace); ' + ORACLE,
  },
];

/** Folder of the conformance specs (from dist/, the sources' folder: tsc does not copy .tla files). */
export const SPECS_DIR = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'specs');
  return existsSync(beside) ? beside : join(here, '..', '..', '..', 'bridge', 'conformance', 'specs');
})();

/** Absolute paths of a case's spec and config. */
export function casePaths(c: ConformanceCase): { readonly spec: string; readonly config: string } {
  return { spec: join(SPECS_DIR, c.spec), config: join(SPECS_DIR, c.config) };
}
