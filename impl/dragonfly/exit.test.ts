import { describe, expect, it } from 'vitest';
import type { ThreadBody } from '../kernel/sched.js';
import { randomStrategy, roundRobinStrategy } from '../kernel/strategies.js';
import { killalllwps } from './exit.js';
import { createDragonflyKernel } from './index.js';
import { LWP_MP_WEXIT, P_WEXIT, type Td } from './structs.js';

describe('killalllwps(forexec) (the exec path, seed 000:233-242)', () => {
  it('kills the other lwps, then clears P_WEXIT and its own LWP_MP_WEXIT so the thread can continue', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const d = createDragonflyKernel();
      const rr = roundRobinStrategy();
      for (const c of [{ kind: 'fork', pid: 1 }, { kind: 'lwp_create', pid: 2 }, { kind: 'lwp_create', pid: 2 }] as const) {
        d.submit(c);
        d.run(rr, 10_000);
      }
      const k = d.k;
      const p = k.pfindAny(2)!;
      const lp = p.p_lwp_tree[0]!;
      const td = lp.lwp_thread as Td;
      const out: number[] = [];
      // Replace the user-mode loop of lwp 2.1 by an exec that calls killalllwps(1).
      td.kt.body = (function* (): ThreadBody {
        lp.g_user = false;
        out.push(yield* killalllwps(k, td, true));
        for (;;) {
          if (k.s.sleep(td.kt, lp.id_user, 'user', { idle: true })) yield 'syscall.idle';
        }
      })();
      k.s.wakeup(lp.id_user);
      const o = d.run(randomStrategy(seed), 10_000);
      expect(o.violations).toEqual([]);
      expect(o.quiescent).toBe(true);
      expect(out).toEqual([0]);
      expect(p.p_nthreads).toBe(1);
      expect(p.p_lwp_tree.map((l) => l.lwp_tid)).toEqual([1]);
      expect(p.p_flags & P_WEXIT).toBe(0);
      expect(lp.lwp_mpflags & LWP_MP_WEXIT).toBe(0);
      expect(p.g_masterExits).toBe(0); // an exec is not a master exit
    }
  });
});
