/**
 * Command.tid (impl/api.ts): every command kind runs on the lwp it names; an unknown or exiting
 * tid fails at submit with ESRCH, the error a command for a dead or missing process gets
 * (docs/dragonfly.md, "The driver: how commands run").
 */
import { describe, expect, it } from 'vitest';
import { Errno, type Command, type CommandHandle } from '../api.js';
import { randomStrategy, roundRobinStrategy } from '../kernel/strategies.js';
import { createDragonflyKernel } from './index.js';

type Kind = Command['kind'];

/** One command of every kind, issued by pid 2 on thread `tid` (targets: pid 3, 2's child). */
function everyKind(tid: number | undefined): Command[] {
  const t = tid === undefined ? {} : { tid };
  return [
    { kind: 'fork', pid: 2, ...t },
    { kind: 'lwp_create', pid: 2, ...t },
    { kind: 'kill', pid: 2, ...t, target: 3, sig: 'SIGSTOP' },
    { kind: 'kill', pid: 2, ...t, target: 3, sig: 'SIGCONT' },
    { kind: 'wait', pid: 2, ...t, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WNOHANG: true, WUNTRACED: true } },
    { kind: 'sigchld', pid: 2, ...t, disposition: 'default' },
    { kind: 'setpgid', pid: 2, ...t, pgid: 0 },
    { kind: 'reaper_acquire', pid: 2, ...t },
    { kind: 'reaper_release', pid: 2, ...t },
    { kind: 'setsid', pid: 2, ...t },
    { kind: 'extexit', pid: 2, ...t, who: 'invalid', action: 'EXTEXIT_SIMPLE', status: 0 },
    // last but one: the attach stop of the traced child 3 is reported to the blocked wait4 (WTRAPPED)
    { kind: 'ptrace_attach', pid: 2, ...t, target: 3 },
    { kind: 'extexit', pid: 2, ...t, who: 'EXTEXIT_LWP', action: 'EXTEXIT_SIMPLE', status: 0 },
  ];
}

const KINDS: readonly Kind[] = ['fork', 'lwp_create', 'exit', 'extexit', 'wait', 'kill', 'reaper_acquire', 'reaper_release', 'ptrace_attach', 'sigchld', 'setpgid', 'setsid'];

/** pid 2 with lwps 1 and 2, lwp 1 blocked in wait4(-1) (its child pid 3 stays alive). */
function setup() {
  const d = createDragonflyKernel();
  const rr = roundRobinStrategy();
  for (const c of [{ kind: 'fork', pid: 1 }, { kind: 'fork', pid: 2 }, { kind: 'lwp_create', pid: 2 }] as const) {
    const h = d.submit(c);
    d.run(rr, 10_000);
    expect(h.result?.error).toBe(0);
  }
  const blocked = d.submit({ kind: 'wait', pid: 2, tid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} });
  d.run(rr, 10_000);
  expect(blocked.done).toBe(false);
  return { d, blocked };
}

describe('Command.tid selects the lwp that runs the command', () => {
  it('the test covers every command kind of impl/api.ts', () => {
    const covered = new Set([...everyKind(2), { kind: 'exit', pid: 2, tid: 2, status: 0 } as Command].map((c) => c.kind));
    expect([...covered].sort()).toEqual([...KINDS].sort());
  });

  it('each kind completes on lwp 2 while lwp 1 stays blocked in wait (a command for lwp 1 would queue behind it)', () => {
    for (const seed of [1, 2, 3]) {
      const { d, blocked } = setup();
      for (const cmd of everyKind(2)) {
        const h = d.submit(cmd);
        const o = d.run(randomStrategy(seed), 20_000);
        expect(o.violations, JSON.stringify(cmd)).toEqual([]);
        expect(h.done, `${JSON.stringify(cmd)} did not complete on lwp 2`).toBe(true);
        if (cmd.kind === 'ptrace_attach') {
          expect(blocked.result?.report).toEqual({ kind: 'stopped', pid: 3, signal: 17 });
        } else if (cmd.kind !== 'extexit' || cmd.who !== 'EXTEXIT_LWP') {
          expect(blocked.done, JSON.stringify(cmd)).toBe(false);
        }
      }
      // EXTEXIT_LWP ended lwp 2; lwp 1 and the lwp created by lwp 2 remain
      expect(d.view().procs.find((p) => p.pid === 2)?.nthreads).toBe(2); // lwp 1 and the lwp_create'd 3
    }
  });

  it('without tid a command runs on the first live lwp: it queues behind lwp 1\'s blocked wait', () => {
    const { d, blocked } = setup();
    const h = d.submit({ kind: 'setsid', pid: 2 });
    d.run(roundRobinStrategy(), 10_000);
    expect(h.done).toBe(false);
    expect(blocked.done).toBe(false);
  });

  it('exit on lwp 2 ends the whole process, the blocked wait of lwp 1 with it', () => {
    const { d, blocked } = setup();
    const h = d.submit({ kind: 'exit', pid: 2, tid: 2, status: 3 });
    const o = d.run(roundRobinStrategy(), 20_000);
    expect(o.violations).toEqual([]);
    expect(h.done && blocked.done).toBe(true);
    expect(d.view().procs.find((p) => p.pid === 2)?.state).toBe('zombie');
  });
});

describe('an unknown or exited tid', () => {
  const check = (d: ReturnType<typeof createDragonflyKernel>, cmds: readonly Command[]) => {
    const before = JSON.stringify(d.view());
    for (const cmd of cmds) {
      const h: CommandHandle = d.submit(cmd);
      expect(h.done, JSON.stringify(cmd)).toBe(true);
      expect(h.result, JSON.stringify(cmd)).toEqual({ error: Errno.ESRCH });
    }
    d.run(roundRobinStrategy(), 10_000);
    expect(JSON.stringify(d.view())).toBe(before);
  };

  it('fails every command kind at submit with ESRCH and changes nothing', () => {
    const { d } = setup();
    check(d, [...everyKind(9), { kind: 'exit', pid: 2, tid: 9, status: 0 }]);
  });

  it('an lwp that exited (EXTEXIT_LWP) is unknown from then on', () => {
    const { d } = setup();
    const h = d.submit({ kind: 'extexit', pid: 2, tid: 2, who: 'EXTEXIT_LWP', action: 'EXTEXIT_SIMPLE', status: 0 });
    d.run(roundRobinStrategy(), 10_000);
    expect(h.done).toBe(true);
    check(d, [...everyKind(2), { kind: 'exit', pid: 2, tid: 2, status: 0 }]);
  });
});
