/**
 * The contract between an executable kernel (impl/dragonfly, impl/minix) and the code that drives
 * it (properties/, scripts/commands/explore.ts, traces/). It names the user-level commands a
 * scenario is made of, their observable results, and the observable process table, all in
 * kernel-independent terms so that spec/ can judge any kernel's behaviour.
 *
 * Fields may be added (optional) as kernels grow; existing names are shared vocabulary and do not
 * change without updating every user.
 */

export type Pid = number;

/** Process id of init. Orphans with no reaper are reparented to it. */
export const INIT_PID: Pid = 1;

/** errno values, with BSD numbering. */
export const Errno = {
  OK: 0,
  EPERM: 1,
  ESRCH: 3,
  EINTR: 4,
  EFAULT: 14,
  ECHILD: 10,
  EAGAIN: 35,
  EINVAL: 22,
  EBUSY: 16,
  ERESTART: -1,
} as const;
export type ErrnoName = keyof typeof Errno;

/** Signals the scenarios can send (BSD numbering). */
export const Signal = {
  SIGHUP: 1,
  SIGKILL: 9,
  SIGTERM: 15,
  SIGSTOP: 17,
  SIGCONT: 19,
  SIGCHLD: 20,
} as const;
export type SignalName = keyof typeof Signal;

/** A process's SIGCHLD disposition: default, SIG_IGN (PS_CLDSIGIGN) or SA_NOCLDWAIT (PS_NOCLDWAIT). */
export type SigchldDisposition = 'default' | 'ignore' | 'nocldwait';

/** `idtype_t` of wait6/waitid. wait4 uses P_PID for pid > 0, P_ALL for -1, P_PGID otherwise. */
export const ID_TYPES = ['P_ALL', 'P_PID', 'P_PGID', 'P_SID', 'P_UID', 'P_GID', 'P_JAILID'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** wait option bits, by name. */
export interface WaitOptions {
  readonly WNOHANG?: boolean;
  readonly WUNTRACED?: boolean; // == WSTOPPED
  readonly WCONTINUED?: boolean;
  readonly WEXITED?: boolean;
  readonly WTRAPPED?: boolean;
  readonly WNOWAIT?: boolean;
  readonly WLINUXCLONE?: boolean;
  /** Any bit outside the valid set, to reach the EINVAL path. */
  readonly invalidBits?: boolean;
}

/** What a wait call reports about the child it picked (POSIX-level view). */
export type WaitReport =
  | { readonly kind: 'exited'; readonly pid: Pid; readonly status: number }
  | { readonly kind: 'killed'; readonly pid: Pid; readonly signal: number }
  | { readonly kind: 'stopped'; readonly pid: Pid; readonly signal: number }
  | { readonly kind: 'continued'; readonly pid: Pid };

/**
 * A user-level command of a scenario. `pid` is the process issuing it; `tid` optionally selects
 * which of its threads (lwps) runs it (default: its first live thread).
 */
export type Command =
  | { readonly kind: 'fork'; readonly pid: Pid; readonly tid?: number }
  /**
   * vfork(2): like fork, but the calling thread returns (with the child's pid) only once the
   * child has exited (P_PPWAIT cleared by exit1; no exec is modelled). The child is otherwise a
   * normal child and runs commands meanwhile. DragonFly only.
   */
  | { readonly kind: 'vfork'; readonly pid: Pid; readonly tid?: number }
  | { readonly kind: 'lwp_create'; readonly pid: Pid; readonly tid?: number }
  | { readonly kind: 'exit'; readonly pid: Pid; readonly tid?: number; readonly status: number }
  | {
      readonly kind: 'extexit';
      readonly pid: Pid;
      readonly tid?: number;
      readonly who: 'EXTEXIT_PROC' | 'EXTEXIT_LWP' | 'invalid';
      readonly action: 'EXTEXIT_SIMPLE' | 'EXTEXIT_SETINT' | 'invalid';
      readonly status: number;
    }
  | {
      readonly kind: 'wait';
      readonly pid: Pid;
      readonly tid?: number;
      /** wait4(pid, ...) or wait6(idtype, id, ...). For wait4, `id` is the pid argument. */
      readonly api: 'wait4' | 'wait6';
      readonly idtype: IdType;
      readonly id: number;
      readonly options: WaitOptions;
    }
  | { readonly kind: 'kill'; readonly pid: Pid; readonly tid?: number; readonly target: Pid; readonly sig: SignalName }
  | { readonly kind: 'reaper_acquire'; readonly pid: Pid; readonly tid?: number }
  | { readonly kind: 'reaper_release'; readonly pid: Pid; readonly tid?: number }
  | { readonly kind: 'ptrace_attach'; readonly pid: Pid; readonly tid?: number; readonly target: Pid }
  | { readonly kind: 'sigchld'; readonly pid: Pid; readonly tid?: number; readonly disposition: SigchldDisposition }
  | { readonly kind: 'setpgid'; readonly pid: Pid; readonly tid?: number; readonly pgid: Pid }
  | { readonly kind: 'setsid'; readonly pid: Pid; readonly tid?: number };

/** The observable outcome of a command once its thread finished. */
export interface CommandResult {
  readonly error: number; // Errno value, 0 on success
  /** fork: the child's pid. wait: the reaped/reported child's pid, 0 for WNOHANG-nothing. */
  readonly pid?: Pid;
  /** wait: what was reported about that child. */
  readonly report?: WaitReport;
}

/** Observable state of a process. */
export type ProcState = 'running' | 'stopped' | 'zombie';

export interface ProcView {
  readonly pid: Pid;
  readonly ppid: Pid;
  readonly state: ProcState;
  readonly pgid: Pid;
  readonly sid: Pid;
  readonly uid: number;
  readonly gid: number;
  readonly jail: number;
  readonly nthreads: number;
  /** Set once the process has exited (zombie): what a wait would report. */
  readonly exit?: WaitReport;
  readonly isReaper: boolean;
  readonly tracer?: Pid;
  readonly sigchld: SigchldDisposition;
}

/** The observable process table: every process that has not been freed. */
export interface ProcTableView {
  readonly procs: readonly ProcView[];
}

// ---------------------------------------------------------------------------------------------
// Driving a kernel: the interface properties/, explore and traces/ use, implemented by
// impl/dragonfly and impl/minix on the deterministic scheduler of impl/kernel.
// ---------------------------------------------------------------------------------------------

/**
 * One nondeterministic choice the scheduler offers. Every source of nondeterminism is one of
 * these, so the list of chosen entries (the schedule) replays a run exactly.
 */
export type Choice =
  | { readonly kind: 'run'; readonly tid: number } // run thread tid to its next yield
  | { readonly kind: 'timeout'; readonly tid: number } // a timed sleep of tid times out
  | { readonly kind: 'spurious'; readonly tid: number } // tid is woken without a wakeup()
  | { readonly kind: 'signal'; readonly tid: number }; // a pending signal interrupts tid's PCATCH sleep

/** Picks one of the offered choices (returns its index). Seeded random, round-robin, replay... */
export interface Strategy {
  readonly name: string;
  pick(options: readonly Choice[], step: number): number;
}

/** An invariant that failed, with where. */
export interface Violation {
  readonly invariant: string;
  readonly message: string;
  /** Scheduler step (0-based count of choices taken) after which it was observed. */
  readonly step: number;
  /** Step label the offending thread had just executed, when known. */
  readonly label?: string;
}

/** A thread blocked forever, as reported by deadlock detection. */
export interface BlockedThread {
  readonly tid: number;
  readonly name: string;
  readonly wchan: string;
  readonly tokens: readonly string[];
}

export interface RunOutcome {
  readonly steps: number;
  /** No thread runnable: every submitted command finished or sleeps until an event. */
  readonly quiescent: boolean;
  /** No runnable thread while a thread waits on something no thread or event can supply. */
  readonly deadlock?: readonly BlockedThread[];
  readonly violations: readonly Violation[];
}

/** A submitted command; `result` is set when its thread returns to user mode. */
export interface CommandHandle {
  readonly id: number;
  readonly cmd: Command;
  readonly done: boolean;
  readonly result?: CommandResult;
}

export interface KernelOptions {
  /** Which code: DragonFly 'current' (seed 000), MINIX 'b89261ba'; default the kernel's only one. */
  readonly revision?: string;
  /** A seeded defect from the kernel's mutant catalogue, by name. */
  readonly mutant?: string;
  /** Check every invariant after every step (default true). */
  readonly invariants?: boolean;
}

export interface KernelDriver {
  readonly kernel: 'dragonfly' | 'minix';
  /** Queues `cmd` as a new user-mode request of its process. Nothing runs until `run`. */
  submit(cmd: Command): CommandHandle;
  /** Runs scheduler steps, picking with `strategy`, until quiescent, deadlocked, or maxSteps. */
  run(strategy: Strategy, maxSteps: number): RunOutcome;
  /** The observable process table now. */
  view(): ProcTableView;
  /** Every choice taken so far, in order: replaying it reproduces the run. */
  schedule(): readonly Choice[];
  /** The step labels executed so far. */
  labelsCovered(): ReadonlySet<string>;
}
