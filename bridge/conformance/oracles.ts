/**
 * Hand-written TypeScript re-models of the conformance specs (specs/*.tla), explored by
 * oracle.ts to establish their expected TLC numbers independently of the TLA+ front end and the
 * checker. Each model follows its spec action by action; successors are listed per enabled
 * action instance, as TLC generates them.
 */
import { explore, permutations, type OracleModel, type OracleResult } from './oracle.js';

// ---- DieHard ----
interface Jugs {
  readonly small: number;
  readonly big: number;
}
function dieHard(invariants: OracleModel<Jugs>['invariants']): OracleModel<Jugs> {
  return {
    init: [{ small: 0, big: 0 }],
    key: (s) => `${s.small},${s.big}`,
    next: ({ small, big }) => [
      { small: 3, big }, // FillSmall
      { small, big: 5 }, // FillBig
      { small: 0, big }, // EmptySmall
      { small, big: 0 }, // EmptyBig
      big + small <= 5 ? { big: big + small, small: 0 } : { big: 5, small: small - (5 - big) }, // SmallToBig
      big + small <= 3 ? { small: big + small, big: 0 } : { small: 3, big: big - (3 - small) }, // BigToSmall
    ],
    ...(invariants ? { invariants } : {}),
  };
}
const dieHardTypeOK = (s: Jugs): boolean => s.small >= 0 && s.small <= 3 && s.big >= 0 && s.big <= 5;

// ---- LockOrder ----
interface Locks {
  readonly pc: Readonly<Record<'p1' | 'p2', string>>;
  readonly owner: Readonly<Record<'a' | 'b', string>>;
}
function lockOrder(checkDeadlock: boolean): OracleModel<Locks> {
  const first = (p: 'p1' | 'p2'): 'a' | 'b' => (p === 'p1' ? 'a' : 'b');
  const second = (p: 'p1' | 'p2'): 'a' | 'b' => (p === 'p1' ? 'b' : 'a');
  return {
    init: [{ pc: { p1: 'idle', p2: 'idle' }, owner: { a: 'none', b: 'none' } }],
    key: (s) => JSON.stringify(s),
    checkDeadlock,
    invariants: { MutualExclusion: (s) => !(s.pc.p1 === 'cs' && s.pc.p2 === 'cs') },
    next: (s) => {
      const out: Locks[] = [];
      for (const p of ['p1', 'p2'] as const) {
        if (s.pc[p] === 'idle' && s.owner[first(p)] === 'none') out.push({ pc: { ...s.pc, [p]: 'holdsFirst' }, owner: { ...s.owner, [first(p)]: p } });
        if (s.pc[p] === 'holdsFirst' && s.owner[second(p)] === 'none') out.push({ pc: { ...s.pc, [p]: 'cs' }, owner: { ...s.owner, [second(p)]: p } });
        if (s.pc[p] === 'cs') {
          out.push({ pc: { ...s.pc, [p]: 'idle' }, owner: { a: s.owner.a === p ? 'none' : s.owner.a, b: s.owner.b === p ? 'none' : s.owner.b } });
        }
      }
      return out;
    },
  };
}

// ---- TCommit ----
type RmState = 'working' | 'prepared' | 'committed' | 'aborted';
function tcommit(n: number): OracleModel<readonly RmState[]> {
  const set = (s: readonly RmState[], i: number, v: RmState): RmState[] => s.map((x, j) => (j === i ? v : x));
  return {
    init: [Array.from({ length: n }, () => 'working' as RmState)],
    key: (s) => s.join(','),
    invariants: { TCConsistent: (s) => !(s.includes('aborted') && s.includes('committed')) },
    next: (s) => {
      const out: RmState[][] = [];
      const canCommit = s.every((x) => x === 'prepared' || x === 'committed');
      const notCommitted = s.every((x) => x !== 'committed');
      s.forEach((x, i) => {
        if (x === 'working') out.push(set(s, i, 'prepared')); // Prepare
        if (x === 'prepared' && canCommit) out.push(set(s, i, 'committed')); // Decide, commit disjunct
        if ((x === 'working' || x === 'prepared') && notCommitted) out.push(set(s, i, 'aborted')); // Decide, abort disjunct
      });
      return out;
    },
  };
}

// ---- TwoPhase ----
interface TP {
  readonly rm: readonly RmState[];
  readonly tm: 'init' | 'committed' | 'aborted';
  readonly prepared: readonly boolean[];
  /** Sorted message names: "P<i>", "Commit", "Abort". */
  readonly msgs: readonly string[];
}
function twoPhase(n: number): OracleModel<TP> {
  const add = (msgs: readonly string[], m: string): string[] => [...new Set([...msgs, m])].sort();
  const setRm = (s: TP, i: number, v: RmState): RmState[] => s.rm.map((x, j) => (j === i ? v : x));
  return {
    init: [{ rm: Array.from({ length: n }, () => 'working' as RmState), tm: 'init', prepared: Array.from({ length: n }, () => false), msgs: [] }],
    key: (s) => JSON.stringify(s),
    invariants: { TCConsistent: (s) => !(s.rm.includes('aborted') && s.rm.includes('committed')) },
    next: (s) => {
      const out: TP[] = [];
      if (s.tm === 'init' && s.prepared.every(Boolean)) out.push({ ...s, tm: 'committed', msgs: add(s.msgs, 'Commit') }); // TMCommit
      if (s.tm === 'init') out.push({ ...s, tm: 'aborted', msgs: add(s.msgs, 'Abort') }); // TMAbort
      for (let i = 0; i < n; i++) {
        if (s.tm === 'init' && s.msgs.includes(`P${i}`)) out.push({ ...s, prepared: s.prepared.map((p, j) => p || j === i) }); // TMRcvPrepared
        if (s.rm[i] === 'working') out.push({ ...s, rm: setRm(s, i, 'prepared'), msgs: add(s.msgs, `P${i}`) }); // RMPrepare
        if (s.rm[i] === 'working') out.push({ ...s, rm: setRm(s, i, 'aborted') }); // RMChooseToAbort
        if (s.msgs.includes('Commit')) out.push({ ...s, rm: setRm(s, i, 'committed') }); // RMRcvCommitMsg
        if (s.msgs.includes('Abort')) out.push({ ...s, rm: setRm(s, i, 'aborted') }); // RMRcvAbortMsg
      }
      return out;
    },
  };
}

// ---- InnerFIFO (Channel instantiated twice) ----
interface Chan {
  readonly val: string;
  readonly rdy: number;
  readonly ack: number;
}
interface Fifo {
  readonly in: Chan;
  readonly out: Chan;
  readonly q: readonly string[];
}
function innerFifo(messages: readonly string[], bound: number): OracleModel<Fifo> {
  const chans: Chan[] = [];
  for (const val of messages) for (const rdy of [0, 1]) chans.push({ val, rdy, ack: rdy });
  const init: Fifo[] = [];
  for (const i of chans) for (const o of chans) init.push({ in: i, out: o, q: [] });
  return {
    init,
    key: (s) => JSON.stringify(s),
    constraint: (s) => s.q.length <= bound,
    next: (s) => {
      const out: Fifo[] = [];
      if (s.in.rdy === s.in.ack) for (const m of messages) out.push({ ...s, in: { ...s.in, val: m, rdy: 1 - s.in.rdy } }); // SSend
      if (s.in.rdy !== s.in.ack) out.push({ ...s, in: { ...s.in, ack: 1 - s.in.ack }, q: [...s.q, s.in.val] }); // BufRcv
      if (s.q.length > 0 && s.out.rdy === s.out.ack) out.push({ ...s, out: { ...s.out, val: s.q[0]!, rdy: 1 - s.out.rdy }, q: s.q.slice(1) }); // BufSend
      if (s.out.rdy !== s.out.ack) out.push({ ...s, out: { ...s.out, ack: 1 - s.out.ack } }); // RRcv
      return out;
    },
  };
}

// ---- Ledger ----
interface Ledger {
  readonly amount: readonly number[];
  readonly ops: readonly number[];
  readonly logLen: number;
}
function ledger(accounts: number, max: number): OracleModel<Ledger> {
  return {
    init: [{ amount: Array.from({ length: accounts }, () => 1), ops: Array.from({ length: accounts }, () => 0), logLen: 0 }],
    key: (s) => JSON.stringify(s),
    checkDeadlock: false,
    invariants: {
      Conserved: (s) => s.amount.reduce((a, b) => a + b, 0) === accounts,
      LogOK: () => true,
    },
    next: (s) => {
      const out: Ledger[] = [];
      for (let f = 0; f < accounts; f++) {
        for (let t = 0; t < accounts; t++) {
          if (f === t || s.amount[f]! <= 0 || s.logLen >= max) continue;
          out.push({
            amount: s.amount.map((a, i) => (i === f ? a - 1 : i === t ? a + 1 : a)),
            ops: s.ops.map((o, i) => (i === f ? o + 1 : o)),
            logLen: s.logLen + 1,
          });
        }
      }
      return out;
    },
  };
}

// ---- TokenSym ----
type PState = 'idle' | 'waiting' | 'cs';
interface Token {
  readonly st: readonly PState[];
  /** Index of the lock holder, -1 when free. */
  readonly holder: number;
}
function tokenSym(n: number, symmetry: boolean): OracleModel<Token> {
  const perms = permutations(Array.from({ length: n }, (_, i) => i));
  const plain = (s: Token): string => `${s.st.join(',')}|${s.holder}`;
  return {
    init: [{ st: Array.from({ length: n }, () => 'idle' as PState), holder: -1 }],
    key: symmetry
      ? (s) =>
          perms
            .map((p) => plain({ st: s.st.map((_, i) => s.st[p[i]!]!), holder: s.holder < 0 ? -1 : p.indexOf(s.holder) }))
            .sort()[0]!
      : plain,
    invariants: { MutualExclusion: (s) => s.st.filter((x) => x === 'cs').length <= 1 },
    next: (s) => {
      const out: Token[] = [];
      s.st.forEach((x, i) => {
        const with_ = (v: PState): PState[] => s.st.map((y, j) => (j === i ? v : y));
        if (x === 'idle') out.push({ st: with_('waiting'), holder: s.holder });
        if (x === 'waiting' && s.holder < 0) out.push({ st: with_('cs'), holder: i });
        if (x === 'cs') out.push({ st: with_('idle'), holder: -1 });
      });
      return out;
    },
  };
}

// ---- DeepBug ----
function deepBug(): OracleModel<{ readonly x: number; readonly y: number }> {
  return {
    init: [{ x: 0, y: 0 }],
    key: (s) => `${s.x},${s.y}`,
    invariants: { Safe: (s) => s.x + s.y < 7 },
    next: ({ x, y }) => [
      ...(x < 4 ? [{ x: x + 1, y }] : []),
      ...(y < 4 ? [{ x, y: y + 1 }] : []),
      ...(x === 4 && y === 4 ? [{ x: 0, y: 0 }] : []),
    ],
  };
}

// ---- EWD840 ----
/**
 * How many successors TLC generates for an action whose guard is the disjunction of `ds`: TLC's
 * next-state enumeration (Tool.getNextStates) explores each disjunct of a `\/` as its own
 * branch, so a successor reached through two true disjuncts is generated, and counted in
 * "states generated", twice. Checked against TLC's published EWD840 totals: 2001 (N = 3) and
 * 15986 (N = 4) with this rule, 1817 and 14962 without it.
 */
function trueDisjuncts(...ds: boolean[]): number {
  return ds.filter(Boolean).length;
}
interface Ring {
  readonly active: readonly boolean[];
  readonly color: readonly ('white' | 'black')[];
  readonly tpos: number;
  readonly tcolor: 'white' | 'black';
}
function ewd840(n: number): OracleModel<Ring> {
  const init: Ring[] = [];
  for (let a = 0; a < 2 ** n; a++) {
    for (let c = 0; c < 2 ** n; c++) {
      for (let tpos = 0; tpos < n; tpos++) {
        init.push({
          active: Array.from({ length: n }, (_, i) => ((a >> i) & 1) === 1),
          color: Array.from({ length: n }, (_, i) => (((c >> i) & 1) === 1 ? 'black' : 'white')),
          tpos,
          tcolor: 'black',
        });
      }
    }
  }
  const detected = (s: Ring): boolean => s.tpos === 0 && s.tcolor === 'white' && s.color[0] === 'white' && !s.active[0];
  return {
    init,
    key: (s) => JSON.stringify(s),
    checkDeadlock: false,
    invariants: {
      TerminationDetection: (s) => !detected(s) || s.active.every((x) => !x),
      Inv: (s) =>
        s.active.every((x, i) => !(s.tpos < i) || !x) || s.color.slice(0, s.tpos + 1).includes('black') || s.tcolor === 'black',
    },
    next: (s) => {
      const out: Ring[] = [];
      const paint = (i: number, v: 'white' | 'black'): ('white' | 'black')[] => s.color.map((x, j) => (j === i ? v : x));
      // TLC enumerates a disjunction inside an action branch by branch, so a successor is
      // generated once per true disjunct of these disjunctive guards (see trueDisjuncts).
      if (s.tpos === 0) {
        for (let k = trueDisjuncts(s.tcolor === 'black', s.color[0] === 'black'); k > 0; k--) {
          out.push({ ...s, tpos: n - 1, tcolor: 'white', color: paint(0, 'white') }); // InitiateProbe
        }
      }
      for (let i = 1; i < n; i++) {
        if (s.tpos !== i) continue;
        for (let k = trueDisjuncts(!s.active[i], s.color[i] === 'black', s.tcolor === 'black'); k > 0; k--) {
          out.push({ ...s, tpos: i - 1, tcolor: s.color[i] === 'black' ? 'black' : s.tcolor, color: paint(i, 'white') }); // PassToken(i)
        }
      }
      for (let i = 0; i < n; i++) {
        if (s.active[i]) {
          for (let j = 0; j < n; j++) {
            if (j !== i) out.push({ ...s, active: s.active.map((x, k) => (k === j ? true : x)), color: j > i ? paint(i, 'black') : s.color }); // SendMsg(i) to j
          }
          out.push({ ...s, active: s.active.map((x, k) => (k === i ? false : x)) }); // Deactivate(i)
        }
      }
      return out;
    },
  };
}

// ---- Bounded ----
function bounded(withInvariant: boolean): OracleModel<number> {
  return {
    init: [0],
    key: String,
    next: (x) => [x + 1],
    constraint: (x) => x <= 3,
    ...(withInvariant ? { invariants: { Small: (x: number) => x <= 3 } } : {}),
  };
}

// ---- Lock and Peterson (PlusCal translations, two processes) ----
interface LockS {
  readonly pc: readonly string[];
  readonly lock: number;
}
function lockSpec(): OracleModel<LockS> {
  const step: Record<string, string> = { l0: 'l1', l1: 'cs', cs: 'l2', l2: 'l0' };
  return {
    init: [{ pc: ['l0', 'l0'], lock: 1 }],
    key: (s) => JSON.stringify(s),
    invariants: {
      LockInv: (s) => s.pc.filter((x) => x === 'cs' || x === 'l2').length <= 1 && (!s.pc.some((x) => x === 'cs' || x === 'l2') || s.lock === 0),
    },
    next: (s) => {
      const out: LockS[] = [];
      s.pc.forEach((x, i) => {
        if (x === 'l1' && s.lock !== 1) return;
        const lock = x === 'l1' ? 0 : x === 'l2' ? 1 : s.lock;
        out.push({ pc: s.pc.map((y, j) => (j === i ? step[x]! : y)), lock });
      });
      return out;
    },
  };
}

interface PetersonS {
  readonly pc: readonly string[];
  readonly c: readonly boolean[];
  /** 1 or 2, as in the spec. */
  readonly turn: number;
}
function peterson(): OracleModel<PetersonS> {
  const next: Record<string, string> = { a0: 'a1', a1: 'a2', a2: 'a3', a3: 'cs', cs: 'a4', a4: 'a0' };
  const inCs = (x: string): boolean => x === 'cs' || x === 'a4';
  return {
    init: [{ pc: ['a0', 'a0'], c: [false, false], turn: 1 }],
    key: (s) => JSON.stringify(s),
    invariants: {
      Inv: (s) =>
        s.pc.every((x, i) => s.c[i] === ['a2', 'a3', 'cs', 'a4'].includes(x)) &&
        s.pc.every((x, i) => !inCs(x) || s.turn === i + 1 || ['a0', 'a1', 'a2'].includes(s.pc[1 - i]!)) &&
        !(inCs(s.pc[0]!) && inCs(s.pc[1]!)),
    },
    next: (s) => {
      const out: PetersonS[] = [];
      s.pc.forEach((x, i) => {
        const self = i + 1;
        const other = self === 1 ? 2 : 1;
        if (x === 'a3' && !(!s.c[other - 1] || s.turn === self)) return;
        const c = x === 'a1' ? s.c.map((v, j) => (j === i ? true : v)) : x === 'a4' ? s.c.map((v, j) => (j === i ? false : v)) : s.c;
        const turn = x === 'a2' ? other : s.turn;
        out.push({ pc: s.pc.map((y, j) => (j === i ? next[x]! : y)), c, turn });
      });
      return out;
    },
  };
}

// ---- LiveClock and LiveWorkers: state spaces only (liveness verdicts are reasoned in manifest.ts) ----
function liveClock(): OracleModel<number> {
  return { init: [0], key: String, next: (h) => [(h + 1) % 3] };
}
interface Workers {
  readonly done: readonly boolean[];
  readonly beat: number;
}
function liveWorkers(n: number): OracleModel<Workers> {
  return {
    init: [{ done: Array.from({ length: n }, () => false), beat: 0 }],
    key: (s) => JSON.stringify(s),
    next: (s) => [
      { ...s, beat: 1 - s.beat }, // Beat
      ...s.done.flatMap((d, i) => (d ? [] : [{ ...s, done: s.done.map((x, j) => x || j === i) }])), // Finish(p)
    ],
  };
}

// ---- Odometer: VIEW and ACTION_CONSTRAINT ----
interface Odo {
  readonly trip: number;
  readonly odo: number;
}
function odometer(): OracleModel<Odo> {
  return {
    init: [{ trip: 0, odo: 0 }],
    key: (s) => String(s.trip), // VIEW TripView: states are told apart by trip only
    next: (s) => [
      ...(s.trip < 4 ? [{ trip: s.trip + 1, odo: s.odo + 1 }] : []),
      // Back from 4 is generated, then dropped by the action constraint (counted, never stored).
      ...(s.trip > 0 ? [{ trip: s.trip - 1, odo: s.odo + 1, dropped: s.trip === 4 }] : []),
    ],
    constraint: (s) => !(s as Odo & { dropped?: boolean }).dropped,
  };
}

// ---- Catalog: the state is determined by the sequence of picked items ----
function catalog(items: readonly string[]): OracleModel<readonly string[]> {
  return {
    init: [[]],
    key: (order) => order.join(','),
    invariants: {
      Consistent: (order) => new Set(order).size === order.length && order.length <= 3,
    },
    next: (order) => [
      ...items.filter((i) => !order.includes(i)).map((i) => [...order, i]), // Pick(i)
      ...(order.length > 0 ? [order.slice(0, -1)] : []), // Drop
    ],
  };
}

// ---- LiveTake: state space only (the SF/WF verdicts are reasoned in manifest.ts) ----
function liveTake(): OracleModel<{ readonly open: boolean; readonly passed: boolean }> {
  return {
    init: [{ open: false, passed: false }],
    key: (s) => `${s.open},${s.passed}`,
    next: (s) => [{ ...s, open: !s.open }, ...(s.open && !s.passed ? [{ ...s, passed: true }] : [])],
  };
}

// ---- Toolbox: two counters modulo 3 and a swap ----
function toolbox(): OracleModel<{ readonly a: number; readonly b: number }> {
  return {
    init: [{ a: 0, b: 0 }],
    key: (s) => `${s.a},${s.b}`,
    next: ({ a, b }) => [{ a: (a + 1) % 3, b }, { a, b: (b + 2) % 3 }, ...(a !== b ? [{ a: b, b: a }] : [])],
  };
}

/** Oracle results by conformance case name (see manifest.ts). */
export const ORACLES: Readonly<Record<string, () => OracleResult>> = {
  DieHard: () => explore(dieHard({ TypeOK: dieHardTypeOK, NotSolved: (s) => s.big !== 4 })),
  DieHardTypeOK: () => explore(dieHard({ TypeOK: dieHardTypeOK })),
  LockOrder: () => explore(lockOrder(true)),
  LockOrderNoDeadlock: () => explore(lockOrder(false)),
  TCommit: () => explore({ ...tcommit(3), checkDeadlock: false }),
  TwoPhase: () => explore(twoPhase(3)),
  TwoPhase5: () => explore({ ...twoPhase(5), invariants: {} }),
  InnerFIFO: () => explore(innerFifo(['m1', 'm2'], 2)),
  Ledger: () => explore(ledger(3, 3)),
  TokenSym: () => explore(tokenSym(3, true)),
  TokenNoSym: () => explore(tokenSym(3, false)),
  DeepBug: () => explore(deepBug()),
  EWD840: () => explore(ewd840(4)),
  Bounded: () => explore(bounded(true)),
  Lock: () => explore(lockSpec()),
  Peterson: () => explore(peterson()),
  Odometer: () => explore(odometer()),
  Catalog: () => explore(catalog(['i1', 'i2', 'i3'])),
  Toolbox: () => explore(toolbox()),
  // ASSUME N > 0 with N = 0: TLC evaluates assumptions before computing any state.
  AssumeFalse: () => ({ result: 'assumption', distinctStates: 0, totalStates: 0, depth: 0 }),
  AssertFail: () => explore({ init: [0], key: String, next: (x: number) => [x + 1], failsIn: (x: number) => !(x < 3) }),
  OdometerProp: () => explore({ ...odometer(), constraint: () => true, actionProperties: { OnlyForward: (s, t) => t.trip >= s.trip } }),
  LiveClockFair: () => explore(liveClock()),
  LiveClockUnfair: () => explore(liveClock()),
  LiveClockNever: () => explore(liveClock()),
  LiveClockPersist: () => explore(liveClock()),
  LiveClockLeadsTo: () => explore(liveClock()),
  LiveWorkersFair: () => explore(liveWorkers(2)),
  LiveWorkersWeak: () => explore(liveWorkers(2)),
  LiveTakeWeak: () => explore(liveTake()),
  LiveTakeStrong: () => explore(liveTake()),
  BoundedOK: () => explore(bounded(false)),
};
