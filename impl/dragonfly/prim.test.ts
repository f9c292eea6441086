import { describe, expect, it } from 'vitest';
import { KernelFault, TState } from '../kernel/sched.js';
import { roundRobinStrategy } from '../kernel/strategies.js';
import { resolveConfig, ConfigError } from './config.js';
import { Kern } from './kern.js';
import { PHOLD, PHOLDZOMB, PRELE, PRELEZOMB, PSTALL, PWAITRES_PENDING, PWAITRES_SET, lwpsignal } from './prim.js';
import { Lwp, P_WEXIT, PLOCK_WAITING, PLOCK_WAITRES, PLOCK_ZOMB, Proc, SIGKILL, Td, kfree, isFreed, sigmask } from './structs.js';
import { at_exit, rm_at_exit } from './reparent.js';
import type { ThreadBody } from '../kernel/sched.js';

function kern(mutant?: string): Kern {
  return new Kern(resolveConfig(undefined, mutant), {});
}
function proc(pid: number): Proc {
  return new Proc(pid, pid, { s_sid: pid, s_leader: null }, { cr_uid: 0, cr_gid: 0, cr_prison: null }, { ps_flag: 0, ps_refcnt: 1 });
}
function thread(k: Kern, name: string, body: (td: Td) => ThreadBody): Td {
  const kt = k.s.spawn(name, null);
  const td = new Td(kt, null, null);
  kt.ext = td;
  kt.body = body(td);
  return td;
}

describe('process holds', () => {
  it('PSTALL sleeps while the count is above n and PRELE wakes it', () => {
    const k = kern();
    const p = proc(5);
    PHOLD(p);
    PHOLD(p);
    const log: string[] = [];
    thread(k, 'staller', function* (td) {
      while (PSTALL(k, td, p, 'reap1', 0)) yield 'stall';
      yield 'stall';
      log.push(`passed at ${p.p_lock & 0xfff}`);
    });
    k.s.run(roundRobinStrategy(), 10);
    expect(p.p_lock & PLOCK_WAITING).not.toBe(0);
    expect(k.s.enabled()).toEqual([]);
    PRELE(k, p);
    expect(k.s.enabled().length).toBe(1); // woken on every decrement while WAITING
    k.s.run(roundRobinStrategy(), 10);
    expect(log).toEqual([]); // re-checked, still 1 > 0, asleep again
    PRELE(k, p);
    k.s.run(roundRobinStrategy(), 10);
    expect(log).toEqual(['passed at 0']);
  });

  it('PRELE of a zero count is a kernel fault', () => {
    const k = kern();
    expect(() => PRELE(k, proc(2))).toThrow(KernelFault);
  });

  it('PHOLDZOMB: first caller owns ZOMB; a second sleeps and fails; WAITRES makes it fail at once', () => {
    const k = kern();
    const p = proc(3);
    const res: number[] = [];
    thread(k, 'a', function* (td) {
      res.push(yield* PHOLDZOMB(k, td, p, 'z'));
      yield 'owned';
    });
    thread(k, 'b', function* (td) {
      res.push(yield* PHOLDZOMB(k, td, p, 'z'));
    });
    k.s.run(roundRobinStrategy(), 2);
    expect(res).toEqual([0]);
    expect(p.p_lock).toBe(PLOCK_ZOMB | PLOCK_WAITING | 1);
    PWAITRES_SET(k, p); // wakes the sleeper, which fails
    expect(PWAITRES_PENDING(p)).toBe(true);
    k.s.run(roundRobinStrategy(), 10);
    expect(res).toEqual([0, 1]);
    PRELEZOMB(k, p);
    expect(p.p_lock & (PLOCK_ZOMB | PLOCK_WAITRES)).toBe(0);
    expect(p.g_zombHolders).toBe(0);
  });

  it('mutant no_zombie_lock lets a second caller take the zombie lock', () => {
    const k = kern('no_zombie_lock');
    const p = proc(3);
    const res: number[] = [];
    for (const n of ['a', 'b']) thread(k, n, function* (td) {
      res.push(yield* PHOLDZOMB(k, td, p, 'z'));
    });
    k.s.run(roundRobinStrategy(), 10);
    expect(res).toEqual([0, 0]);
    expect(p.g_zombHolders).toBe(2);
  });
});

describe('freed objects are poisoned', () => {
  it('any access after kfree is a use-after-free fault', () => {
    const p = proc(9);
    kfree(p, 'proc 9');
    expect(isFreed(p)).toBe(true);
    expect(() => p.p_stat).toThrow(/use after free: proc 9.p_stat/);
    expect(() => {
      p.p_lock = 1;
    }).toThrow(KernelFault);
  });

  it('every field of a freed proc, lwp and thread faults on read and on write; live objects of the class are untouched', () => {
    const k = kern();
    const p = proc(7);
    const live = proc(8);
    const lp = new Lwp(1, p, 0);
    const td = thread(k, 'victim', function* () {
      yield 'x';
    });
    const fields = (o: object): string[] => Object.keys(o);
    const pFields = fields(p);
    const lpFields = fields(lp);
    const tdFields = fields(td);
    expect(pFields).toContain('p_stat');
    kfree(p, 'proc 7');
    kfree(lp, 'lwp 7.1');
    kfree(td, 'thread 7.1');
    for (const [obj, keys, what] of [
      [p, pFields, 'proc 7'],
      [lp, lpFields, 'lwp 7.1'],
      [td, tdFields, 'thread 7.1'],
    ] as const) {
      const rec = obj as unknown as Record<string, unknown>;
      for (const key of keys) {
        expect(() => rec[key], `${what}.${key} read`).toThrow(new RegExp(`use after free: ${what.replace('.', '\\.')}\\.${key}`));
        expect(() => {
          rec[key] = 0;
        }, `${what}.${key} write`).toThrow(KernelFault);
      }
      expect(isFreed(obj)).toBe(true);
    }
    // The poisoned prototype is per class: a live proc still reads and writes normally.
    expect(isFreed(live)).toBe(false);
    live.p_lock = 3;
    expect(live.p_lock).toBe(3);
    expect(live.p_pid).toBe(8);
  });

  it('kfree with the old accessor-per-field poisoning and with the new prototype poisoning fault alike (differential)', () => {
    // The pre-optimisation kfree redefined every own field as a throwing accessor in place.
    const oldKfree = (obj: object, what: string): void => {
      for (const key of Object.keys(obj)) {
        const fault = (): never => {
          throw new KernelFault('no_use_after_free', `use after free: ${what}.${key}`);
        };
        Object.defineProperty(obj, key, { get: fault, set: fault, configurable: false, enumerable: false });
      }
    };
    const a = proc(12);
    const b = proc(12);
    oldKfree(a, 'proc 12');
    kfree(b, 'proc 12');
    const outcome = (o: object, key: string): string => {
      try {
        return `read ${String((o as Record<string, unknown>)[key])}`;
      } catch (e) {
        return e instanceof KernelFault ? `${e.invariant}: ${e.message}` : 'other error';
      }
    };
    for (const key of Object.keys(proc(1))) expect(outcome(b, key), key).toBe(outcome(a, key));
  });

  it('a thread touching a freed proc is reported as a violation, not a crash', () => {
    const k = kern();
    const p = proc(4);
    thread(k, 'stale', function* () {
      yield 'before';
      kfree(p, 'proc 4');
      yield 'freed';
      PHOLD(p);
    });
    k.s.run(roundRobinStrategy(), 10);
    expect(k.s.violations.map((v) => v.invariant)).toEqual(['no_use_after_free']);
  });
});

describe('signals', () => {
  it('process-directed signals are dropped once P_WEXIT is set; lwp-directed SIGKILL passes', () => {
    const k = kern();
    const p = proc(6);
    const lp = new Lwp(1, p, 0);
    p.p_lwp_tree.push(lp);
    p.p_stat = 2;
    p.p_flags |= P_WEXIT;
    lwpsignal(k, p, null, SIGKILL);
    expect(lp.lwp_siglist).toBe(0);
    lwpsignal(k, p, lp, SIGKILL);
    expect(lp.lwp_siglist).toBe(sigmask(SIGKILL));
    expect(TState.Sleeping).toBe(1);
  });
});

describe('config and the exit callout list', () => {
  it('unknown revisions and mutants are clear errors', () => {
    expect(() => resolveConfig('f2a91d31')).toThrow(ConfigError);
    expect(() => resolveConfig(undefined, 'nope')).toThrow(/unknown DragonFly mutant 'nope' \(known: no_wexit_interlock/);
    expect(resolveConfig(undefined, 'reap3_zero').reapThreshold).toBe(0);
  });

  it('at_exit adds once, rm_at_exit removes', () => {
    const k = kern();
    const f = (): void => {};
    expect(at_exit(k, f)).toBe(0);
    expect(at_exit(k, f)).toBe(0);
    expect(k.exit_list.length).toBe(1);
    expect(rm_at_exit(k, f)).toBe(1);
    expect(rm_at_exit(k, f)).toBe(0);
  });
});
