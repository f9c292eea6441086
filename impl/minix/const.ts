/**
 * MINIX 3 PM constants: mproc flag bits, slot numbers and limits, signal sets, and the wait status
 * encoding. Flag values are those of mproc.h at the seed's revision (see
 * /work/shared/notes/minix-pm.md section 1.2); the seed (004) uses them by name only.
 */

// --- mp_flags bits (mproc.h) -------------------------------------------------------------------
export const IN_USE = 0x1;
export const WAITING = 0x2;
export const ZOMBIE = 0x4;
export const PROC_STOPPED = 0x8;
export const ALARM_ON = 0x10;
export const EXITING = 0x20;
export const TOLD_PARENT = 0x40;
export const TRACE_STOPPED = 0x80;
export const SIGSUSPENDED = 0x100;
export const VFS_CALL = 0x400;
export const NEW_PARENT = 0x800;
export const UNPAUSED = 0x1000;
export const PRIV_PROC = 0x2000;
export const PARTIAL_EXEC = 0x4000;
export const TRACE_EXIT = 0x8000;
export const TRACE_ZOMBIE = 0x10000;
export const DELAY_CALL = 0x20000;
export const TAINTED = 0x40000;
export const EVENT_CALL = 0x80000;

/** Flag names by bit, for messages and the view. */
export const FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [IN_USE, 'IN_USE'],
  [WAITING, 'WAITING'],
  [ZOMBIE, 'ZOMBIE'],
  [PROC_STOPPED, 'PROC_STOPPED'],
  [ALARM_ON, 'ALARM_ON'],
  [EXITING, 'EXITING'],
  [TOLD_PARENT, 'TOLD_PARENT'],
  [TRACE_STOPPED, 'TRACE_STOPPED'],
  [SIGSUSPENDED, 'SIGSUSPENDED'],
  [VFS_CALL, 'VFS_CALL'],
  [NEW_PARENT, 'NEW_PARENT'],
  [UNPAUSED, 'UNPAUSED'],
  [PRIV_PROC, 'PRIV_PROC'],
  [PARTIAL_EXEC, 'PARTIAL_EXEC'],
  [TRACE_EXIT, 'TRACE_EXIT'],
  [TRACE_ZOMBIE, 'TRACE_ZOMBIE'],
  [DELAY_CALL, 'DELAY_CALL'],
  [TAINTED, 'TAINTED'],
  [EVENT_CALL, 'EVENT_CALL'],
];

export function flagNames(flags: number): string {
  const out: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if ((flags & bit) !== 0) out.push(name);
  return out.length === 0 ? '0' : out.join('|');
}

// --- slots and limits --------------------------------------------------------------------------
/** PM's own slot; also the value of NO_TRACER (const.h). */
export const PM_PROC_NR = 0;
export const NO_TRACER = 0;
/** INIT's slot in this model (MINIX uses slot 11; only the slot order matters, see docs/minix.md). */
export const INIT_PROC_NR = 1;
/** RS's slot when the model includes RS (option `rs`). */
export const RS_PROC_NR = 2;
export const INIT_PID = 1;
/** seed 004:32 */
export const LAST_FEW = 2;
/** Highest pid handed out by get_free_pid (utility.c). */
export const NR_PIDS = 30000;
/** Default table size of the model (MINIX default is 256; small tables reach EAGAIN). */
export const DEFAULT_NR_PROCS = 12;

/** PM's handler result meaning "no reply now" (pm.h SUSPEND). */
export const SUSPEND = -998;

/** ptrace trace flags (sys/ptrace.h). */
export const TO_TRACEFORK = 0x1;
export const TO_NOEXEC = 0x4;

// --- signals (BSD/NetBSD numbering, as MINIX 3 uses) -------------------------------------------
export const SIGHUP = 1;
export const SIGQUIT = 3;
export const SIGKILL = 9;
export const SIGTERM = 15;
export const SIGSTOP = 17;
export const SIGCONT = 19;
export const SIGCHLD = 20;
/** Default-ignored signals (signal.c ign_sset): CHLD, WINCH, CONT, INFO. */
export const IGN_SSET: ReadonlySet<number> = new Set([SIGCHLD, 28, SIGCONT, 29]);
/** Signals whose default action dumps core (signal.c core_sset). */
export const CORE_SSET: ReadonlySet<number> = new Set([SIGQUIT, 4, 5, 6, 7, 8, 10, 11, 12]);

/** MINIX errno values not in impl/api.ts Errno (BSD numbering). */
export const ENOSYS = 78;
export const EDEADEPT = -999;

// --- wait status encoding (sys/wait.h) ---------------------------------------------------------
export const WCOREFLAG = 0x80;
/** W_EXITCODE(ret, sig) */
export function wExitCode(ret: number, sig: number): number {
  return ((ret & 0xff) << 8) | (sig & 0xff);
}
/** W_STOPCODE(sig) */
export function wStopCode(sig: number): number {
  return ((sig & 0xff) << 8) | 0x7f;
}
/** (char) cast of an exit status, as `mp_exitstatus = (char) exit_status` (seed 004:357). */
export function toChar(v: number): number {
  return (v << 24) >> 24;
}
