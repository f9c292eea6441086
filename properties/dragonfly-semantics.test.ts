/**
 * Directed regression tests of DragonFly stop/continue and process-group semantics, from the
 * divergences E2's stateful harness found against spec/ (properties/harness-dragonfly.ts):
 * each command runs to quiescence under round-robin, and its result is checked.
 */
import { describe, expect, it } from 'vitest';
import type { Command, CommandResult } from '../impl/api.js';
import { Errno } from '../impl/api.js';
import { createDragonflyKernel } from '../impl/dragonfly/index.js';
import { roundRobinStrategy } from '../impl/kernel/strategies.js';

function session(): { run: (c: Command) => CommandResult | undefined; state: (pid: number) => string | undefined } {
  const k = createDragonflyKernel();
  const rr = roundRobinStrategy();
  return {
    run: (c) => {
      const h = k.submit(c);
      const o = k.run(rr, 50_000);
      expect(o.violations).toEqual([]);
      return h.result;
    },
    state: (pid) => k.view().procs.find((p) => p.pid === pid)?.state,
  };
}

describe('stop / continue reporting', () => {
  it('SIGCONT on a stopped process is reported once to WCONTINUED; SIGKILL of a stopped process is not a continue', () => {
    const s = session();
    s.run({ kind: 'fork', pid: 1 }); // 2
    s.run({ kind: 'kill', pid: 1, target: 2, sig: 'SIGSTOP' });
    expect(s.state(2)).toBe('stopped');
    expect(s.run({ kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WUNTRACED: true, WNOHANG: true } })?.report).toEqual({
      kind: 'stopped',
      pid: 2,
      signal: 17,
    });
    s.run({ kind: 'kill', pid: 1, target: 2, sig: 'SIGCONT' });
    const cont = { kind: 'wait', pid: 1, api: 'wait6', idtype: 'P_ALL', id: 0, options: { WCONTINUED: true, WNOHANG: true } } as const;
    expect(s.run(cont)?.report).toEqual({ kind: 'continued', pid: 2 });
    expect(s.run(cont)).toEqual({ error: 0, pid: 0 });

    s.run({ kind: 'fork', pid: 1 }); // 3
    s.run({ kind: 'kill', pid: 1, target: 3, sig: 'SIGSTOP' });
    s.run({ kind: 'kill', pid: 1, target: 3, sig: 'SIGKILL' });
    expect(s.state(3)).toBe('zombie');
    expect(s.run({ ...cont, options: { WCONTINUED: true, WNOHANG: true, WNOWAIT: true } })).toEqual({ error: 0, pid: 0 });
    expect(s.run({ kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_PID', id: 3, options: {} })?.report).toEqual({ kind: 'killed', pid: 3, signal: 9 });
  });

  it('a stopped process whose blocked wait is woken does not report its stop a second time', () => {
    const s = session();
    s.run({ kind: 'fork', pid: 1 }); // 2
    s.run({ kind: 'fork', pid: 2 }); // 3
    expect(s.run({ kind: 'wait', pid: 2, api: 'wait4', idtype: 'P_ALL', id: -1, options: {} })).toBeUndefined(); // blocks
    s.run({ kind: 'kill', pid: 3, target: 2, sig: 'SIGSTOP' });
    const w = { kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WUNTRACED: true, WNOHANG: true } } as const;
    expect(s.run(w)?.report).toEqual({ kind: 'stopped', pid: 2, signal: 17 });
    s.run({ kind: 'exit', pid: 3, status: 1 }); // wakes 2's wait; 2 stays stopped
    expect(s.state(2)).toBe('stopped');
    expect(s.run(w)).toEqual({ error: 0, pid: 0 });
  });
});

describe('process groups', () => {
  it('a zombie stays in its process group until reaped, so setpgid into it succeeds', () => {
    const s = session();
    s.run({ kind: 'fork', pid: 1 }); // 2
    expect(s.run({ kind: 'setpgid', pid: 2, pgid: 0 })).toEqual({ error: 0 });
    s.run({ kind: 'exit', pid: 2, status: 1 });
    s.run({ kind: 'fork', pid: 1 }); // 3
    expect(s.run({ kind: 'setpgid', pid: 3, pgid: 2 })).toEqual({ error: 0 });
    expect(s.run({ kind: 'setpgid', pid: 3, pgid: 77 })).toEqual({ error: Errno.EPERM });
  });
});
