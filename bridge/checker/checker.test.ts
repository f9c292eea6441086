/**
 * Model-checker tests on small specs whose state spaces are counted by hand (the reasoning is in
 * each test), plus the published TLC numbers for DieHard (16 distinct / 97 generated / depth 8)
 * and TwoPhase with 3 RMs (tlaplus/Examples manifest: 288 distinct, 1146 total, depth 11).
 * Each mechanism (constraint, symmetry, view, action constraint, deadlock, action property) is
 * also shown to matter: the same spec without it gives a different, hand-counted answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck, CheckError, prepareModel } from './run.js';
import type { SearchOutcome } from './bfs.js';
import { FpStore } from './fpstore.js';

const dir = mkdtempSync(join(tmpdir(), 'exitspec-checker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(name: string, tla: string, cfg: string): Promise<SearchOutcome> {
  const spec = join(dir, `${name}.tla`);
  writeFileSync(spec, `---- MODULE ${name} ----\n${tla}\n====\n`);
  const config = join(dir, `${name}-${Math.random().toString(36).slice(2)}.cfg`);
  writeFileSync(config, cfg);
  return runCheck({ spec, config, print: () => undefined });
}

async function checkError(name: string, tla: string, cfg: string): Promise<CheckError> {
  try {
    await check(name, tla, cfg);
  } catch (e) {
    if (e instanceof CheckError) return e;
    throw e;
  }
  throw new Error('expected a CheckError');
}

const DIEHARD = `EXTENDS Naturals
VARIABLES big, small
TypeOK == small \\in 0..3 /\\ big \\in 0..5
Init == big = 0 /\\ small = 0
FillSmallJug == small' = 3 /\\ big' = big
FillBigJug == big' = 5 /\\ small' = small
EmptySmallJug == small' = 0 /\\ big' = big
EmptyBigJug == big' = 0 /\\ small' = small
Min(m, n) == IF m < n THEN m ELSE n
SmallToBig == big' = Min(big + small, 5) /\\ small' = small - (big' - big)
BigToSmall == small' = Min(big + small, 3) /\\ big' = big - (small' - small)
Next == FillSmallJug \\/ FillBigJug \\/ EmptySmallJug \\/ EmptyBigJug \\/ SmallToBig \\/ BigToSmall
NotSolved == big # 4`;

const COUNTER = `EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\\ x' = x + 1
Spec == Init /\\ [][Next]_x /\\ WF_x(Next)
Up == [][x' > x]_x
Down == [][x' < x]_x
Small == x < 3`;

describe('checker: published TLC numbers', () => {
  it('DieHard: 16 distinct states, 97 generated, depth 8 (TLC)', async () => {
    const o = await check('DieHard', DIEHARD, 'INIT Init\nNEXT Next\nINVARIANT TypeOK\n');
    expect(o.result).toMatchObject({ result: 'success', distinctStates: 16, totalStates: 97, depth: 8 });
    expect(o.exitCode).toBe(0);
  });

  it('DieHard: NotSolved is violated with the 7-state shortest trace ending at big = 4', async () => {
    const o = await check('DieHard', DIEHARD, 'INIT Init\nNEXT Next\nINVARIANT NotSolved\n');
    expect(o.result.result).toBe('invariant');
    expect(o.result.violated).toBe('NotSolved');
    expect(o.exitCode).toBe(12);
    const states = o.result.trace!.states;
    expect(states).toHaveLength(7); // the known 6-step solution
    expect(states[6]!['big']).toBe(4);
    expect(states.map((s) => s['#meta']!.action)).toEqual(['Init', 'FillBigJug', 'BigToSmall', 'EmptySmallJug', 'BigToSmall', 'FillBigJug', 'BigToSmall']);
    expect(states[1]!['#meta']!.location).toBe('line 7, col 15 to line 7, col 40 of module DieHard'); // body of FillBigJug (line 1 is the header)
  });
});

describe('checker: hand-counted state spaces', () => {
  it('counter to 3 deadlocks at x = 3 (4 states, trace of 4)', async () => {
    const o = await check('Counter', COUNTER, 'INIT Init\nNEXT Next\n');
    expect(o.result).toMatchObject({ result: 'deadlock', distinctStates: 4 });
    expect(o.exitCode).toBe(11);
    expect(o.result.trace!.states.map((s) => s['x'])).toEqual([0, 1, 2, 3]);
  });

  it('CHECK_DEADLOCK FALSE: the same counter is a success with 4 states, depth 4', async () => {
    const o = await check('Counter', COUNTER, 'INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n');
    expect(o.result).toMatchObject({ result: 'success', distinctStates: 4, totalStates: 4, depth: 4 });
  });

  it('SPECIFICATION Init /\\ [][Next]_x /\\ WF_x(Next) is accepted', async () => {
    const o = await check('Counter', COUNTER, 'SPECIFICATION Spec\nCHECK_DEADLOCK FALSE\n');
    expect(o.result).toMatchObject({ result: 'success', distinctStates: 4 });
  });

  it('invariant broken at depth 4: shortest trace x = 0..3', async () => {
    const o = await check('Counter', COUNTER, 'INIT Init\nNEXT Next\nINVARIANT Small\n');
    expect(o.result).toMatchObject({ result: 'invariant', violated: 'Small' });
    expect(o.result.trace!.states.map((s) => s['x'])).toEqual([0, 1, 2, 3]);
  });

  it('invariant broken at depth 9 (> 5) in a branching spec: trace is shortest', async () => {
    // x, y each go up by 1 or 2; bad when x + y = 16: shortest path 8 steps of +2 (9 states)
    const o = await check(
      'Deep',
      `EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\\ y = 0
Next == \\/ \\E d \\in {1, 2} : x' = x + d /\\ y' = y /\\ x < 10
        \\/ \\E d \\in {1, 2} : y' = y + d /\\ x' = x /\\ y < 10
Inv == x + y # 16`,
      'INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n',
    );
    expect(o.result.result).toBe('invariant');
    expect(o.result.trace!.states).toHaveLength(9);
    const last = o.result.trace!.states[8]!;
    expect((last['x'] as number) + (last['y'] as number)).toBe(16);
  });

  it('state constraint: unbounded counter with CONSTRAINT x < 5 has 5 distinct states', async () => {
    const spec = `EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1
Bound == x < 5`;
    const o = await check('Unbounded', spec, 'INIT Init\nNEXT Next\nCONSTRAINT Bound\n');
    // 0..4 admitted; x = 5 generated but not admitted; x = 4 has a successor, so no deadlock
    expect(o.result).toMatchObject({ result: 'success', distinctStates: 5, totalStates: 6 });
  });

  it('prints TLC-style progress lines while searching', async () => {
    const file = join(dir, 'Prog.tla');
    writeFileSync(file, '---- MODULE Prog ----\nEXTENDS Naturals\nVARIABLES x, y\nInit == x = 0 /\\ y = 0\nNext == (x < 60 /\\ x\' = x + 1 /\\ y\' = y) \\/ (y < 60 /\\ y\' = y + 1 /\\ x\' = x)\n====\n');
    const cfg = join(dir, 'Prog.cfg');
    writeFileSync(cfg, 'INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n');
    const lines: string[] = [];
    const o = await runCheck({ spec: file, config: cfg, onProgress: (l) => lines.push(l), progressMs: 0 });
    expect(o.result.distinctStates).toBe(61 * 61);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^Progress\(\d+\) at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: [\d,]+ states generated \([\d,]+ s\/min\), [\d,]+ distinct states found \([\d,]+ ds\/min\), [\d,]+ states left on queue\.$/);
  });

  it('--max-states stops an infinite search with exit code 152', async () => {
    const spec = `EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1`;
    const file = join(dir, 'Inf.tla');
    writeFileSync(file, `---- MODULE Inf ----\n${spec}\n====\n`);
    const cfg = join(dir, 'Inf.cfg');
    writeFileSync(cfg, 'INIT Init\nNEXT Next\n');
    const o = await runCheck({ spec: file, config: cfg, maxStates: 100 });
    expect(o.exitCode).toBe(152);
    expect(o.result.distinctStates).toBe(100);
  });

  const FLAGS = `VARIABLE flag
CONSTANT Procs
Init == flag = [p \\in Procs |-> FALSE]
Next == \\E p \\in Procs : flag[p] = FALSE /\\ flag' = [flag EXCEPT ![p] = TRUE]
Perms == Permutations(Procs)
NumSet == Cardinality({p \\in Procs : flag[p]})`;
  const FLAGS_EXT = `EXTENDS TLC, FiniteSets\n${FLAGS}`;

  it('SYMMETRY: 3 symmetric flags have 8 states, 4 orbits with symmetry', async () => {
    const plain = await check('Flags', FLAGS_EXT, 'CONSTANT Procs = {p1, p2, p3}\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n');
    expect(plain.result).toMatchObject({ result: 'success', distinctStates: 8, depth: 4 });
    const sym = await check('Flags', FLAGS_EXT, 'CONSTANT Procs = {p1, p2, p3}\nINIT Init\nNEXT Next\nSYMMETRY Perms\nCHECK_DEADLOCK FALSE\n');
    expect(sym.result).toMatchObject({ result: 'success', distinctStates: 4, depth: 4 });
  });

  it('VIEW: states that agree on the view are one state', async () => {
    const o = await check('Flags', FLAGS_EXT, 'CONSTANT Procs = {p1, p2, p3}\nINIT Init\nNEXT Next\nVIEW NumSet\nCHECK_DEADLOCK FALSE\n');
    expect(o.result).toMatchObject({ result: 'success', distinctStates: 4 });
  });

  it('ACTION_CONSTRAINT prunes transitions: only p1 may set its flag -> 2 states', async () => {
    const o = await check(
      'Flags',
      `${FLAGS_EXT}\nOnlyP1 == \\A p \\in Procs : flag'[p] # flag[p] => p = CHOOSE q \\in Procs : TRUE`,
      'CONSTANT Procs = {p1, p2, p3}\nINIT Init\nNEXT Next\nACTION_CONSTRAINT OnlyP1\nCHECK_DEADLOCK FALSE\n',
    );
    expect(o.result).toMatchObject({ result: 'success', distinctStates: 2 });
  });

  it('model values from the config compare equal only to themselves', async () => {
    const o = await check(
      'Mv',
      `VARIABLE v
CONSTANTS A, B
Init == v = A
Next == v' = IF v = A THEN B ELSE A
Ok == v # 1 /\\ v \\in {A, B} /\\ A # B`,
      'CONSTANTS A = A\n B = B\nINIT Init\nNEXT Next\nINVARIANT Ok\n',
    );
    expect(o.result).toMatchObject({ result: 'success', distinctStates: 2 });
    expect(o.result.trace).toBeUndefined();
  });

  it('action properties [][A]_v: Up holds on the counter, Down is violated at the first step', async () => {
    const up = await check('Counter', COUNTER, 'INIT Init\nNEXT Next\nPROPERTY Up\nCHECK_DEADLOCK FALSE\n');
    expect(up.result.result).toBe('success');
    const down = await check('Counter', COUNTER, 'INIT Init\nNEXT Next\nPROPERTY Down\nCHECK_DEADLOCK FALSE\n');
    expect(down.result).toMatchObject({ result: 'invariant', violated: 'Down' });
    expect(down.exitCode).toBe(12);
    expect(down.result.trace!.states.map((s) => s['x'])).toEqual([0, 1]);
  });

  it('a property Init /\\ [][Next]_v (refinement style) checks its Init part on the initial states', async () => {
    const spec = `${COUNTER}\nRef == Init /\\ [][Next]_x\nBadRef == (x = 1) /\\ [][Next]_x`;
    const ok = await check('Counter', spec, 'INIT Init\nNEXT Next\nPROPERTY Ref\nCHECK_DEADLOCK FALSE\n');
    expect(ok.result.result).toBe('success');
    const bad = await check('Counter', spec, 'INIT Init\nNEXT Next\nPROPERTY BadRef\nCHECK_DEADLOCK FALSE\n');
    expect(bad.result).toMatchObject({ result: 'invariant', violated: 'BadRef' });
    expect(bad.result.trace!.states).toHaveLength(1);
  });

  it('ENABLED A in an invariant: true exactly where A has a successor', async () => {
    const spec = `${COUNTER}\nLiveUntil3 == x < 3 => ENABLED Next\nAlwaysEnabled == ENABLED Next`;
    const ok = await check('Counter', spec, 'INIT Init\nNEXT Next\nINVARIANT LiveUntil3\nCHECK_DEADLOCK FALSE\n');
    expect(ok.result.result).toBe('success');
    const bad = await check('Counter', spec, 'INIT Init\nNEXT Next\nINVARIANT AlwaysEnabled\nCHECK_DEADLOCK FALSE\n');
    expect(bad.result).toMatchObject({ result: 'invariant', violated: 'AlwaysEnabled' });
    expect(bad.result.trace!.states.map((s) => s['x'])).toEqual([0, 1, 2, 3]);
  });

  it('TwoPhase (3 RMs): 288 distinct, 1146 generated, depth 11 (tlaplus/Examples manifest)', async () => {
    const o = await check(
      'TwoPhase',
      `CONSTANT RM
VARIABLES rmState, tmState, tmPrepared, msgs
Message == [type : {"Prepared"}, rm : RM] \\cup [type : {"Commit", "Abort"}]
TPTypeOK == /\\ rmState \\in [RM -> {"working", "prepared", "committed", "aborted"}]
            /\\ tmState \\in {"init", "done"}
            /\\ tmPrepared \\subseteq RM
            /\\ msgs \\subseteq Message
TPInit == rmState = [rm \\in RM |-> "working"] /\\ tmState = "init" /\\ tmPrepared = {} /\\ msgs = {}
TMRcvPrepared(rm) == tmState = "init" /\\ [type |-> "Prepared", rm |-> rm] \\in msgs /\\ tmPrepared' = tmPrepared \\cup {rm} /\\ UNCHANGED <<rmState, tmState, msgs>>
TMCommit == tmState = "init" /\\ tmPrepared = RM /\\ tmState' = "done" /\\ msgs' = msgs \\cup {[type |-> "Commit"]} /\\ UNCHANGED <<rmState, tmPrepared>>
TMAbort == tmState = "init" /\\ tmState' = "done" /\\ msgs' = msgs \\cup {[type |-> "Abort"]} /\\ UNCHANGED <<rmState, tmPrepared>>
RMPrepare(rm) == rmState[rm] = "working" /\\ rmState' = [rmState EXCEPT ![rm] = "prepared"] /\\ msgs' = msgs \\cup {[type |-> "Prepared", rm |-> rm]} /\\ UNCHANGED <<tmState, tmPrepared>>
RMChooseToAbort(rm) == rmState[rm] = "working" /\\ rmState' = [rmState EXCEPT ![rm] = "aborted"] /\\ UNCHANGED <<tmState, tmPrepared, msgs>>
RMRcvCommitMsg(rm) == [type |-> "Commit"] \\in msgs /\\ rmState' = [rmState EXCEPT ![rm] = "committed"] /\\ UNCHANGED <<tmState, tmPrepared, msgs>>
RMRcvAbortMsg(rm) == [type |-> "Abort"] \\in msgs /\\ rmState' = [rmState EXCEPT ![rm] = "aborted"] /\\ UNCHANGED <<tmState, tmPrepared, msgs>>
TPNext == \\/ TMCommit \\/ TMAbort
          \\/ \\E rm \\in RM : TMRcvPrepared(rm) \\/ RMPrepare(rm) \\/ RMChooseToAbort(rm) \\/ RMRcvCommitMsg(rm) \\/ RMRcvAbortMsg(rm)
TPSpec == TPInit /\\ [][TPNext]_<<rmState, tmState, tmPrepared, msgs>>`,
      'CONSTANT RM = {r1, r2, r3}\nSPECIFICATION TPSpec\nINVARIANT TPTypeOK\n',
    );
    expect(o.result).toMatchObject({ result: 'success', distinctStates: 288, totalStates: 1146, depth: 11 });
  });

  it('parameterised actions carry their parameters in the trace', async () => {
    const o = await check(
      'Params',
      `EXTENDS Naturals
VARIABLE x
Init == x = 0
Add(n) == x' = x + n
Next == \\E n \\in {5} : Add(n)
Inv == x < 5`,
      'INIT Init\nNEXT Next\nINVARIANT Inv\n',
    );
    const meta = o.result.trace!.states[1]!['#meta']!;
    expect(meta.action).toBe('Add');
    expect(meta.actionParams).toEqual({ n: 5 });
  });
});

describe('checker: errors', () => {
  it('an unsupported temporal form is refused with a clear "not supported yet" error (exit 150)', async () => {
    const e = await checkError('Counter', `${COUNTER}\nOdd == <>(x' > x)`, 'INIT Init\nNEXT Next\nPROPERTY Odd\n');
    expect(e.exitCode).toBe(150);
    expect(e.message).toMatch(/property Odd is not supported yet/);
  });

  it('an unknown invariant name is a config error located in the .cfg (exit 151)', async () => {
    const e = await checkError('Counter', COUNTER, 'INIT Init\nNEXT Next\nINVARIANT Nope\n');
    expect(e.exitCode).toBe(151);
    expect(e.message).toMatch(/\.cfg:3:\d+: the invariant Nope is not defined/);
  });

  it('POSTCONDITION is refused (exit 151), ALIAS is accepted with a warning', async () => {
    const e = await checkError('Counter', `${COUNTER}\nPost == TRUE`, 'INIT Init\nNEXT Next\nPOSTCONDITION Post\n');
    expect(e.exitCode).toBe(151);
    expect(e.message).toMatch(/POSTCONDITION Post is not supported yet/);
    const spec = join(dir, 'Alias.tla');
    writeFileSync(spec, `---- MODULE Alias ----\n${COUNTER}\nA == [y |-> x]\n====\n`);
    const cfg = join(dir, 'Alias.cfg');
    writeFileSync(cfg, 'INIT Init\nNEXT Next\nALIAS A\nCHECK_DEADLOCK FALSE\n');
    const model = await prepareModel({ spec, config: cfg, print: () => undefined });
    expect(model.warnings.join('\n')).toMatch(/Alias\.cfg:3:\d+: ALIAS A is ignored/);
  });

  it('a SPECIFICATION conjunct other than Init, [][Next]_v and fairness is refused, not ignored (exit 150)', async () => {
    const e = await checkError('Counter', `${COUNTER}\nOdd == Init /\\ [][Next]_x /\\ []<>(x = 0)`, 'SPECIFICATION Odd\nCHECK_DEADLOCK FALSE\n');
    expect(e.exitCode).toBe(150);
    expect(e.message).toMatch(/temporal conjunct other than/);
  });

  it('an unassigned constant is a config error (exit 151)', async () => {
    const e = await checkError('Mv', 'CONSTANT N\nVARIABLE v\nInit == v = N\nNext == v\' = v', 'INIT Init\nNEXT Next\n');
    expect(e.exitCode).toBe(151);
    expect(e.message).toMatch(/constant N .* not assigned/);
  });

  it('a syntax error is a located spec error (exit 150)', async () => {
    const e = await checkError('Bad', 'VARIABLE x\nInit == x = = 0', 'INIT Init\nNEXT Init\n');
    expect(e.exitCode).toBe(150);
    expect(e.message).toMatch(/Bad\.tla:\d+:\d+/);
  });

  it('an evaluation error during the search is reported with its location (exit 75)', async () => {
    const o = await check('EvalErr', 'EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x\' = x + "a"', 'INIT Init\nNEXT Next\n');
    expect(o.exitCode).toBe(75);
    expect(o.result.result).toBe('error');
    expect(o.result.message).toMatch(/EvalErr\.tla:5:\d+/);
  });

  it('a successor leaving a variable unassigned is an error, not a silent state', async () => {
    const o = await check('Partial', 'VARIABLES x, y\nInit == x = 0 /\\ y = 0\nNext == x\' = 1', 'INIT Init\nNEXT Next\n');
    expect(o.result.result).toBe('error');
    expect(o.result.message).toMatch(/variable y was not assigned/);
  });
});

describe('FpStore', () => {
  it('stores each fingerprint once, keeps parents, and survives growth', () => {
    const s = new FpStore(4);
    const ids: number[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(s.add(i * 7919, i ^ 0x5555, i - 1));
    expect(ids).toEqual([...Array(10_000).keys()]);
    for (let i = 0; i < 10_000; i += 997) {
      expect(s.add(i * 7919, i ^ 0x5555, 0)).toBe(-1);
      expect(s.parent(i)).toBe(i - 1);
    }
    // same low half, different high half: distinct (a store keyed on 32 bits would merge them)
    expect(s.add(1, 42, -1)).toBeGreaterThanOrEqual(0);
    expect(s.add(2, 42, -1)).toBeGreaterThanOrEqual(0);
    expect(s.size).toBe(10_002);
    expect(s.bytes() / s.size).toBeLessThanOrEqual(64);
  });
});

describe('checker: liveness', () => {
  const LIVE = `EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\\ x' = x + 1
Spec == Init /\\ [][Next]_x
FairSpec == Spec /\\ WF_x(Next)
Reach3 == <>(x = 3)
Never4 == <>(x = 4)
Stable == <>[](x = 3)
Lead == (x = 1) ~> (x = 3)`;
  const cfg = (spec: string, prop: string): string => `SPECIFICATION ${spec}\nPROPERTY ${prop}\nCHECK_DEADLOCK FALSE\n`;

  it('<>P, <>[]P and P ~> Q hold under WF and fail without it (infinite stuttering)', async () => {
    for (const prop of ['Reach3', 'Stable', 'Lead']) {
      const fair = await check('Live', LIVE, cfg('FairSpec', prop));
      expect(fair.result.result, prop).toBe('success');
      const unfair = await check('Live', LIVE, cfg('Spec', prop));
      expect(unfair.result).toMatchObject({ result: 'liveness', violated: prop });
      expect(unfair.exitCode).toBe(13);
      expect(unfair.result.trace!['#meta']!.stuttering).toBe(true);
    }
    // Lead's counterexample must reach x = 1 (the P state) before stuttering
    const lead = await check('Live', LIVE, cfg('Spec', 'Lead'));
    expect(lead.result.trace!.states.map((s) => s['x'])).toEqual([0, 1]);
  });

  it('a property false on every behaviour fails even with fairness', async () => {
    const o = await check('Live', LIVE, cfg('FairSpec', 'Never4'));
    expect(o.result).toMatchObject({ result: 'liveness', violated: 'Never4' });
    expect(o.result.trace!.states.map((s) => s['x'])).toEqual([0, 1, 2, 3]);
    expect(o.result.trace!['#meta']!.stuttering).toBe(true);
  });

  const CYC = `EXTENDS Naturals
VARIABLE x
Init == x = 0
Inc == x' = (x + 1) % 3
Back == x = 2 /\\ x' = 1
Inc2 == x = 2 /\\ x' = 0
Next == Inc \\/ Back
Spec == Init /\\ [][Next]_x
FairWF == Spec /\\ WF_x(Inc)
FairSF == Spec /\\ WF_x(Inc) /\\ SF_x(Inc2)
Often0 == []<>(x = 0)`;

  it('[]<>P: a fair cycle avoiding P is a lasso counterexample; SF on the escape saves it', async () => {
    // WF(Inc) is met on the cycle 1 -> 2 -> 1 (Inc's step 1 -> 2 is on it), which never sees x = 0
    const wf = await check('Cyc', CYC, 'SPECIFICATION FairWF\nPROPERTY Often0\n');
    expect(wf.result).toMatchObject({ result: 'liveness', violated: 'Often0' });
    const t = wf.result.trace!;
    const xs = t.states.map((s) => s['x'] as number);
    expect(t.loop).toBeDefined();
    expect(xs.slice(t.loop!)).not.toContain(0);
    // the loop closes: the last state steps back to the loop state (1 -> 2 or 2 -> 1)
    const last = xs[xs.length - 1]!;
    const back = xs[t.loop!]!;
    expect((last === 1 && back === 2) || (last === 2 && back === 1)).toBe(true);
    // SF(Inc2): Inc2 is enabled infinitely often on that cycle (at x = 2) but never taken -> unfair
    const sf = await check('Cyc', CYC, 'SPECIFICATION FairSF\nPROPERTY Often0\n');
    expect(sf.result.result).toBe('success');
  });

  it('quantified properties and fairness are checked per instance', async () => {
    const spec = `EXTENDS Naturals
CONSTANT Procs
VARIABLE done
Init == done = [p \\in Procs |-> FALSE]
Finish(p) == ~done[p] /\\ done' = [done EXCEPT ![p] = TRUE]
Next == \\E p \\in Procs : Finish(p)
Spec == Init /\\ [][Next]_done
Fair == Spec /\\ \\A p \\in Procs : WF_done(Finish(p))
HalfFair == Spec /\\ WF_done(Finish(1))
AllFinish == \\A p \\in Procs : <>(done[p])`;
    const ok = await check('Procs', spec, 'CONSTANT Procs = {1, 2}\nSPECIFICATION Fair\nPROPERTY AllFinish\nCHECK_DEADLOCK FALSE\n');
    expect(ok.result.result).toBe('success');
    const bad = await check('Procs', spec, 'CONSTANT Procs = {1, 2}\nSPECIFICATION HalfFair\nPROPERTY AllFinish\nCHECK_DEADLOCK FALSE\n');
    expect(bad.result).toMatchObject({ result: 'liveness', violated: 'AllFinish(p = 2)' });
  });
});

