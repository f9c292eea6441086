import { describe, expect, it } from 'vitest';
import type { Choice } from '../api.js';
import { KernelFault, Scheduler, Token, WAKE_NORMAL, WAKE_TIMEOUT, type KThread, type ThreadBody } from './sched.js';
import { Prng, ScheduleDivergence, parseChoice, randomStrategy, replayStrategy, roundRobinStrategy, stickyRandomStrategy } from './strategies.js';

/** A small workload: n threads each incrementing a shared counter under a token, with sleeps. */
function workload(s: Scheduler, n: number, log: string[]): void {
  const tok = new Token('t');
  const chan = {};
  for (let i = 0; i < n; i++) {
    const t: KThread = s.spawn(`w${i}`, null);
    t.body = (function* (): ThreadBody {
      for (let j = 0; j < 5; j++) {
        if (!s.tryGetToken(t, tok)) yield 'get';
        log.push(`${i}:${j}`);
        yield 'inc';
        s.relToken(t, tok);
        if (j === 2) {
          s.wakeup(chan);
          if (s.sleep(t, chan, 'nap', { timed: true })) yield 'nap';
        }
      }
      return 'end';
    })();
  }
}

describe('scheduler determinism and replay', () => {
  it('same seed, same run, bit for bit; another seed differs', () => {
    const run = (seed: number): { log: string[]; sched: Choice[] } => {
      const s = new Scheduler();
      const log: string[] = [];
      workload(s, 4, log);
      s.run(randomStrategy(seed), 10_000);
      return { log, sched: [...s.scheduleLog] };
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7).sched).not.toEqual(run(8).sched);
  });

  it('replaying a schedule reproduces the run; a divergent schedule is reported clearly', () => {
    const s1 = new Scheduler();
    const log1: string[] = [];
    workload(s1, 3, log1);
    s1.run(stickyRandomStrategy(3), 10_000);
    const s2 = new Scheduler();
    const log2: string[] = [];
    workload(s2, 3, log2);
    s2.run(replayStrategy(s1.scheduleLog), 10_000);
    expect(log2).toEqual(log1);
    expect(s2.scheduleLog).toEqual(s1.scheduleLog);

    const bad = [...s1.scheduleLog];
    bad[2] = { kind: 'run', tid: 99 };
    const s3 = new Scheduler();
    workload(s3, 3, []);
    expect(() => s3.run(replayStrategy(bad), 10_000)).toThrow(ScheduleDivergence);
    expect(() => {
      const s4 = new Scheduler();
      workload(s4, 3, []);
      s4.run(replayStrategy(bad), 10_000);
    }).toThrow(/diverges at step 2: it says run:99/);
  });

  it('round-robin cycles through runnable threads in tid order', () => {
    const s = new Scheduler();
    for (let i = 0; i < 3; i++) {
      s.spawn(`t${i}`, (function* (): ThreadBody {
        yield 'a';
        yield 'b';
      })());
    }
    s.run(roundRobinStrategy(), 100);
    expect(s.scheduleLog.slice(0, 6).map((c) => c.tid)).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('parses choices', () => {
    expect(parseChoice('timeout:4')).toEqual({ kind: 'timeout', tid: 4 });
    expect(parseChoice('7')).toEqual({ kind: 'run', tid: 7 });
    expect(parseChoice('jump:1')).toBeUndefined();
  });

  it('the PRNG is deterministic and spreads', () => {
    const a = new Prng(1);
    const b = new Prng(1);
    const xs = Array.from({ length: 100 }, () => a.below(10));
    expect(Array.from({ length: 100 }, () => b.below(10))).toEqual(xs);
    expect(new Set(xs).size).toBe(10);
  });
});

describe('tokens, sleeps, deadlock', () => {
  it('a thread that blocks loses its tokens and resumes holding them all again', () => {
    const s = new Scheduler();
    const A = new Token('A');
    const B = new Token('B');
    const chan = {};
    const seen: string[] = [];
    const t1 = s.spawn('t1', null);
    t1.body = (function* (): ThreadBody {
      s.tryGetToken(t1, A);
      s.tryGetToken(t1, B);
      if (s.sleep(t1, chan, 'zz', {})) yield 'sleep';
      seen.push(`t1 resumed holding A=${A.owner === t1} B=${B.owner === t1}`);
      yield 'after';
    })();
    const t2 = s.spawn('t2', null);
    t2.body = (function* (): ThreadBody {
      // t1 slept: A is free now
      seen.push(`t2 got A=${s.tryGetToken(t2, A)}`);
      s.wakeup(chan);
      yield 'holdA';
      seen.push(`t1 runnable while t2 holds A: ${s.enabled().some((c) => c.tid === t1.tid)}`);
      s.relToken(t2, A);
      yield 'relA';
    })();
    s.run(roundRobinStrategy(), 100);
    expect(seen).toEqual(['t2 got A=true', 't1 runnable while t2 holds A: false', 't1 resumed holding A=true B=true']);
  });

  it('wakeup is memoryless, but an interlocked sleep returns at once after a wakeup', () => {
    const s = new Scheduler();
    const chan = {};
    const t = s.spawn('t', null);
    s.wakeup(chan); // nobody registered: lost
    s.interlock(t, chan, 'x');
    s.wakeup(chan);
    expect(s.sleep(t, chan, 'x', {}, true)).toBe(false);
    s.interlock(t, chan, 'x');
    expect(s.sleep(t, chan, 'x', {}, true)).toBe(true);
  });

  it('a timed sleep offers a timeout; a polling sleep only when its condition may hold', () => {
    const s = new Scheduler();
    let ready = false;
    const t = s.spawn('t', null);
    t.body = (function* (): ThreadBody {
      s.sleep(t, {}, 'poll', { timed: true, pollReady: () => ready });
      yield 'poll';
      expect(t.wakeReason).toBe(WAKE_TIMEOUT);
    })();
    s.run(roundRobinStrategy(), 1);
    expect(s.enabled()).toEqual([]);
    ready = true;
    expect(s.enabled()).toEqual([{ kind: 'timeout', tid: t.tid }]);
    expect(WAKE_NORMAL).toBe(0);
  });

  it('reports a deadlock with each blocked thread wait channel and held tokens; idle sleeps are quiescence', () => {
    const s = new Scheduler();
    const A = new Token('A');
    const t1 = s.spawn('stuck', null);
    t1.body = (function* (): ThreadBody {
      s.tryGetToken(t1, A);
      if (s.sleep(t1, {}, 'reap3', {})) yield 'sleep';
    })();
    const t2 = s.spawn('idle', null);
    t2.body = (function* (): ThreadBody {
      if (s.sleep(t2, {}, 'user', { idle: true })) yield 'idle';
    })();
    const r = s.run(roundRobinStrategy(), 100);
    expect(r.quiescent).toBe(false);
    expect(r.deadlock).toEqual([{ tid: t1.tid, name: 'stuck', wchan: 'reap3', tokens: ['A'] }]);

    const s2 = new Scheduler();
    const t3 = s2.spawn('idle', null);
    t3.body = (function* (): ThreadBody {
      if (s2.sleep(t3, {}, 'user', { idle: true })) yield 'idle';
    })();
    expect(s2.run(roundRobinStrategy(), 100)).toEqual({ steps: 1, quiescent: true, faulted: false });
  });

  it('a kernel fault in a thread becomes a violation and halts the run', () => {
    const s = new Scheduler();
    s.spawn('bad', (function* (): ThreadBody {
      yield 'ok';
      throw new KernelFault('kassert', 'boom');
    })());
    const r = s.run(roundRobinStrategy(), 100);
    expect(r.faulted).toBe(true);
    expect(s.violations).toEqual([{ invariant: 'kassert', message: 'bad: boom', step: 2, label: 'ok' }]);
  });

  it('a timeout ends the sleep but the thread waits for its tokens before it runs', () => {
    const s = new Scheduler();
    const A = new Token('A');
    const log: string[] = [];
    const sleeper = s.spawn('sleeper', null);
    sleeper.body = (function* (): ThreadBody {
      s.tryGetToken(sleeper, A);
      if (s.sleep(sleeper, {}, 'poll', { timed: true })) yield 'sleep';
      log.push(`sleeper runs owning A=${A.owner === sleeper}`);
      yield 'after';
    })();
    const holder = s.spawn('holder', null);
    holder.body = (function* (): ThreadBody {
      s.tryGetToken(holder, A);
      yield 'took A';
      log.push('holder releases A');
      s.relToken(holder, A);
      yield 'released';
    })();
    const pick = (want: Choice): void => {
      const i = s.enabled().findIndex((c) => c.kind === want.kind && c.tid === want.tid);
      expect(i, JSON.stringify(want)).toBeGreaterThanOrEqual(0);
      s.apply(s.enabled()[i]!);
    };
    pick({ kind: 'run', tid: sleeper.tid }); // takes A, sleeps (A released)
    pick({ kind: 'run', tid: holder.tid }); // holder takes A
    pick({ kind: 'timeout', tid: sleeper.tid }); // sleep ends, but A is held: no code runs
    expect(log).toEqual([]);
    expect(A.owner).toBe(holder);
    expect(s.enabled().some((c) => c.tid === sleeper.tid)).toBe(false);
    pick({ kind: 'run', tid: holder.tid });
    pick({ kind: 'run', tid: sleeper.tid });
    expect(log).toEqual(['holder releases A', 'sleeper runs owning A=true']);
  });
});
