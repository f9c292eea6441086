/**
 * The schedule-file command check accepts every command the scenario generator submits (both
 * kernels) and rejects each way a hand-edited command can be wrong, naming the field.
 */
import { describe, expect, it } from 'vitest';
import type { Command, KernelDriver } from '../api.js';
import { createDragonflyKernel } from '../dragonfly/index.js';
import { createMinixKernel } from '../minix/index.js';
import { runRandomScenario } from '../scenario.js';
import { commandProblem } from './command-check.js';
import { parseScheduleFile, ScheduleFileError } from './schedule-file.js';
import { randomStrategy } from './strategies.js';

const asRecord = (c: Command): Record<string, unknown> => ({ ...c }) as Record<string, unknown>;

describe('commandProblem', () => {
  it.each([
    ['dragonfly', (): KernelDriver => createDragonflyKernel()],
    ['minix', (): KernelDriver => createMinixKernel() as unknown as KernelDriver],
  ] as const)('accepts every command the %s scenario generator submits', (_name, make) => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 150; seed++) {
      const r = runRandomScenario(make(), randomStrategy(seed), seed, { maxSteps: 2000 });
      for (const e of r.script) {
        if (!('submit' in e)) continue;
        kinds.add(e.submit.kind);
        expect(commandProblem(asRecord(e.submit)), JSON.stringify(e.submit)).toBeUndefined();
      }
    }
    expect(kinds.size).toBeGreaterThanOrEqual(8); // the check saw most kinds, not a handful
  });

  it.each([
    [{ kind: 'kill', pid: 1 }, 'target'],
    [{ kind: 'kill', pid: 1, target: 2, sig: 'SIGFOO' }, 'sig'],
    [{ kind: 'exit', pid: 1, status: 'zero' }, 'status'],
    [{ kind: 'wait', pid: 1, api: 'wait9', idtype: 'P_ALL', id: -1, options: {} }, 'api'],
    [{ kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WNOHNAG: true } }, 'options.WNOHNAG'],
    [{ kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1, options: { WNOHANG: 1 } }, 'options.WNOHANG'],
    [{ kind: 'wait', pid: 1, api: 'wait4', idtype: 'P_ALL', id: -1 }, 'options'],
    [{ kind: 'fork', pid: 1, tid: 'main' }, 'tid'],
    [{ kind: 'fork', pid: 1, child: 3 }, 'child'],
    [{ kind: 'sigchld', pid: 1, disposition: 'catch' }, 'disposition'],
    [{ kind: 'frob', pid: 1 }, 'kind'],
    [{ kind: 'setsid' }, 'pid'],
  ])('%j is rejected at %s', (c, where) => {
    expect(commandProblem(c)?.where).toBe(where);
  });

  it('a schedule file with a malformed command is a ScheduleFileError naming file and path', () => {
    const text = JSON.stringify({ format: 'exitspec-schedule/1', kernel: 'dragonfly', script: [{ submit: { kind: 'kill', pid: 1, target: 1 } }], schedule: [] });
    expect(() => parseScheduleFile(text, 's.json')).toThrow(ScheduleFileError);
    expect(() => parseScheduleFile(text, 's.json')).toThrow(/^s\.json: script\[0\]\.submit\.sig: expected the field "sig" of a kill command$/);
  });
});
