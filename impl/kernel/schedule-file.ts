/**
 * The saved-schedule file format of `exitspec explore` (--save writes it, --replay reads it):
 *
 * ```json
 * {
 *   "format": "exitspec-schedule/1",
 *   "kernel": "dragonfly",            // or "minix"
 *   "revision": "current",            // optional
 *   "mutant": "no_waitgen",           // optional (null or absent: the unmodified kernel)
 *   "seed": 17,                       // informative: the seed that generated the run
 *   "spurious": true,                 // optional: the run offered spurious wakeups
 *   "script": [ {"submit": <Command>}, {"run": 57}, ... ],
 *   "schedule": ["run:3", "run:1", "timeout:4", "signal:5", "spurious:2", ...]
 * }
 * ```
 *
 * `script` is the run's driver actions in order: submit a command (impl/api.ts Command), or run
 * the scheduler for that many steps. `schedule` is every scheduler choice in order (`kind:tid`).
 * Replaying submits the same commands and answers every choice from `schedule`.
 */
import type { Choice, Command } from '../api.js';
import type { ScriptEntry } from '../scenario.js';
import { formatChoice, parseChoice } from './strategies.js';
import { commandProblem } from './command-check.js';

export const SCHEDULE_FORMAT = 'exitspec-schedule/1';

export interface ScheduleFile {
  readonly format: typeof SCHEDULE_FORMAT;
  readonly kernel: 'dragonfly' | 'minix';
  readonly revision?: string;
  readonly mutant?: string | null;
  readonly seed?: number;
  readonly spurious?: boolean;
  readonly script: readonly ScriptEntry[];
  readonly schedule: readonly string[];
}

/** A malformed schedule file: names the file and the JSON path of the problem. */
export class ScheduleFileError extends Error {
  constructor(file: string, where: string, expected: string) {
    super(`${file}: ${where}: expected ${expected}`);
    this.name = 'ScheduleFileError';
  }
}

export function toScheduleFile(
  kernel: 'dragonfly' | 'minix',
  script: readonly ScriptEntry[],
  schedule: readonly Choice[],
  extra: { revision?: string; mutant?: string | null; seed?: number; spurious?: boolean },
): ScheduleFile {
  return { format: SCHEDULE_FORMAT, kernel, ...extra, script, schedule: schedule.map(formatChoice) };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and validates a schedule file's text. */
export function parseScheduleFile(text: string, file: string): { file: ScheduleFile; choices: Choice[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new ScheduleFileError(file, 'line 1', `a JSON document (${msg})`);
  }
  if (!isObj(data)) throw new ScheduleFileError(file, '(top level)', 'a JSON object');
  if (data['format'] !== SCHEDULE_FORMAT) throw new ScheduleFileError(file, 'format', `"${SCHEDULE_FORMAT}", got ${JSON.stringify(data['format'])}`);
  const kernel = data['kernel'];
  if (kernel !== 'dragonfly' && kernel !== 'minix') throw new ScheduleFileError(file, 'kernel', `"dragonfly" or "minix", got ${JSON.stringify(kernel)}`);
  const revision = data['revision'];
  if (revision !== undefined && typeof revision !== 'string') throw new ScheduleFileError(file, 'revision', 'a string');
  const mutant = data['mutant'];
  if (mutant !== undefined && mutant !== null && typeof mutant !== 'string') throw new ScheduleFileError(file, 'mutant', 'a string or null');
  const seed = data['seed'];
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) throw new ScheduleFileError(file, 'seed', 'an integer');
  const spurious = data['spurious'];
  if (spurious !== undefined && typeof spurious !== 'boolean') throw new ScheduleFileError(file, 'spurious', 'true or false');
  const script = data['script'];
  if (!Array.isArray(script)) throw new ScheduleFileError(file, 'script', 'an array of {"submit": command} or {"run": steps}');
  const entries: ScriptEntry[] = [];
  script.forEach((e: unknown, i: number) => {
    const where = `script[${i}]`;
    if (!isObj(e)) throw new ScheduleFileError(file, where, 'an object');
    if ('run' in e) {
      const n = e['run'];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ScheduleFileError(file, `${where}.run`, 'a non-negative integer');
      entries.push({ run: n });
    } else if ('submit' in e) {
      const c = e['submit'];
      if (!isObj(c)) throw new ScheduleFileError(file, `${where}.submit`, 'a command object');
      const problem = commandProblem(c);
      if (problem !== undefined) throw new ScheduleFileError(file, `${where}.submit.${problem.where}`, problem.expected);
      entries.push({ submit: c as unknown as Command });
    } else {
      throw new ScheduleFileError(file, where, '{"submit": command} or {"run": steps}');
    }
  });
  const schedule = data['schedule'];
  if (!Array.isArray(schedule)) throw new ScheduleFileError(file, 'schedule', 'an array of choices like "run:3"');
  const choices: Choice[] = [];
  schedule.forEach((s: unknown, i: number) => {
    const c = typeof s === 'string' ? parseChoice(s) : undefined;
    if (c === undefined) throw new ScheduleFileError(file, `schedule[${i}]`, `a choice "run|timeout|spurious|signal:<tid>", got ${JSON.stringify(s)}`);
    choices.push(c);
  });
  const out: {
    format: typeof SCHEDULE_FORMAT;
    kernel: 'dragonfly' | 'minix';
    script: ScriptEntry[];
    schedule: string[];
    revision?: string;
    mutant?: string | null;
    seed?: number;
    spurious?: boolean;
  } = {
    format: SCHEDULE_FORMAT,
    kernel,
    script: entries,
    schedule: schedule as string[],
  };
  if (revision !== undefined) out.revision = revision;
  if (mutant !== undefined) out.mutant = mutant;
  if (seed !== undefined) out.seed = seed;
  if (spurious !== undefined) out.spurious = spurious;
  return { file: out, choices };
}
