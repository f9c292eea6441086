/**
 * Shape check of a Command read from a file (a schedule file's `submit` entries): every field
 * its kind needs (impl/api.ts Command), of the right type and value set, and no other field (a
 * misspelt field would otherwise be ignored). Pure; returns the first problem or undefined.
 */
import { ID_TYPES, Signal } from '../api.js';

/** A problem in a command: the JSON path below the command and what was expected there. */
export interface CommandProblem {
  readonly where: string;
  readonly expected: string;
}

type Field = (v: unknown) => string | undefined; // the expectation when v is wrong

const int: Field = (v) => (typeof v === 'number' && Number.isInteger(v) ? undefined : 'an integer');
const oneOf =
  (...values: readonly string[]): Field =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `one of ${values.map((x) => `"${x}"`).join(', ')}`;

const WAIT_OPTIONS = ['WNOHANG', 'WUNTRACED', 'WCONTINUED', 'WEXITED', 'WTRAPPED', 'WNOWAIT', 'WLINUXCLONE', 'invalidBits'] as const;

/** The fields of each kind besides `kind`, `pid` (integer) and `tid` (optional integer). */
const FIELDS: Readonly<Record<string, Readonly<Record<string, Field>>>> = {
  fork: {},
  vfork: {},
  lwp_create: {},
  exit: { status: int },
  extexit: {
    who: oneOf('EXTEXIT_PROC', 'EXTEXIT_LWP', 'invalid'),
    action: oneOf('EXTEXIT_SIMPLE', 'EXTEXIT_SETINT', 'invalid'),
    status: int,
  },
  wait: { api: oneOf('wait4', 'wait6'), idtype: oneOf(...ID_TYPES), id: int, options: () => undefined },
  kill: { target: int, sig: oneOf(...Object.keys(Signal)) },
  reaper_acquire: {},
  reaper_release: {},
  ptrace_attach: { target: int },
  sigchld: { disposition: oneOf('default', 'ignore', 'nocldwait') },
  setpgid: { pgid: int },
  setsid: {},
};

/** The command kinds a file may name. */
export const COMMAND_KIND_NAMES: readonly string[] = Object.keys(FIELDS);

/** Checks `c` (already known to be a JSON object) against its kind's fields. */
export function commandProblem(c: Readonly<Record<string, unknown>>): CommandProblem | undefined {
  const kind = c['kind'];
  const fields = typeof kind === 'string' ? FIELDS[kind] : undefined;
  if (fields === undefined) return { where: 'kind', expected: `one of ${COMMAND_KIND_NAMES.join(', ')}` };
  if (int(c['pid']) !== undefined) return { where: 'pid', expected: 'an integer pid' };
  if (c['tid'] !== undefined && int(c['tid']) !== undefined) return { where: 'tid', expected: 'an integer thread id (or no tid)' };
  for (const [name, check] of Object.entries(fields)) {
    if (!(name in c)) return { where: name, expected: `the field "${name}" of a ${kind} command` };
    const bad = check(c[name]);
    if (bad !== undefined) return { where: name, expected: `${bad}, got ${JSON.stringify(c[name])}` };
  }
  for (const name of Object.keys(c)) {
    if (name !== 'kind' && name !== 'pid' && name !== 'tid' && !(name in fields)) {
      return { where: name, expected: `no such field in a ${kind} command (its fields: pid, tid${Object.keys(fields).map((f) => `, ${f}`).join('')})` };
    }
  }
  if (kind === 'wait') {
    const o = c['options'];
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return { where: 'options', expected: 'an object of wait option flags' };
    for (const [name, v] of Object.entries(o)) {
      if (!(WAIT_OPTIONS as readonly string[]).includes(name)) return { where: `options.${name}`, expected: `one of the wait options ${WAIT_OPTIONS.join(', ')}` };
      if (typeof v !== 'boolean') return { where: `options.${name}`, expected: `true or false, got ${JSON.stringify(v)}` };
    }
  }
  return undefined;
}
