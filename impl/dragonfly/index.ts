/**
 * The executable DragonFly kernel (seed 000, revision 'current') behind the KernelDriver contract
 * of impl/api.ts: `createDragonflyKernel(options)`.
 *
 * At creation the kernel has init (pid 1, one lwp in user mode, the real-init reaper) and one
 * reaper task thread per simulated cpu. Commands queue on an lwp of their process and run as
 * system calls when the scheduler runs that lwp.
 */
import {
  Errno,
  type Choice,
  type Command,
  type CommandHandle,
  type KernelDriver,
  type KernelOptions,
  type ProcTableView,
  type ProcView,
  type RunOutcome,
  type Strategy,
  type Violation,
} from '../api.js';
import { resolveConfig, type DfConfig } from './config.js';
import { newLwp, newProc } from './driver.js';
import { checkInvariants, lostWakeups } from './invariants.js';
import { Kern, NCPUS } from './kern.js';
import { reaplwpsTask } from './lwp.js';
import { cursig } from './prim.js';
import { reaper_init } from './reaper.js';
import { LWP_MP_WEXIT, P_TRACED, PS_CLDSIGIGN, PS_NOCLDWAIT, SACTIVE, SSTOP, SZOMB, Td, type MutableHandle, type Proc } from './structs.js';
import { exitReport } from './wait.js';

export { ConfigError, MUTANTS, resolveConfig } from './config.js';
export { STEP_LABELS, tlaActionName } from './labels.js';

export interface DragonflyKernelOptions extends KernelOptions {
  /** Offer spurious wakeups of sleeping threads as scheduler choices (default false). */
  readonly spuriousWakeups?: boolean;
}

export class DragonflyKernel implements KernelDriver {
  readonly kernel = 'dragonfly' as const;
  readonly k: Kern;
  readonly config: DfConfig;
  private nextHandle = 1;
  private reportedDeadlock = false;

  constructor(options: DragonflyKernelOptions = {}) {
    this.config = resolveConfig(options.revision, options.mutant);
    const check = options.invariants ?? true;
    this.k = new Kern(this.config, {
      spuriousWakeups: options.spuriousWakeups ?? false,
      signalPending: (t) => cursig(t.ext as Td),
      ...(check ? { afterStep: (_s, _t, label) => checkInvariants(this.k, label) } : {}),
    });
    const k = this.k;
    const init = newProc(k, null);
    k.initproc = init;
    reaper_init(init, true);
    init.p_stat = SACTIVE;
    newLwp(k, init, 1);
    for (let cpu = 0; cpu < NCPUS; cpu++) {
      const kt = k.s.spawn(`reaplwps cpu${cpu}`, null);
      const td = new Td(kt, null, null);
      kt.ext = td;
      kt.body = reaplwpsTask(k, td, cpu);
    }
  }

  submit(cmd: Command): CommandHandle {
    const handle: MutableHandle = { id: this.nextHandle++, cmd, done: false };
    const fail = (error: number): CommandHandle => {
      handle.done = true;
      handle.result = { error };
      return handle;
    };
    const p = this.k.pfindAny(cmd.pid);
    if (p === undefined || p.p_stat === SZOMB) return fail(Errno.ESRCH);
    if (p === this.k.initproc && (cmd.kind === 'exit' || cmd.kind === 'extexit')) return fail(Errno.EPERM);
    const tid = 'tid' in cmd ? cmd.tid : undefined;
    const lp = tid === undefined ? p.p_lwp_tree.find((l) => (l.lwp_mpflags & LWP_MP_WEXIT) === 0) : p.p_lwp_tree.find((l) => l.lwp_tid === tid);
    if (lp === undefined || (lp.lwp_mpflags & LWP_MP_WEXIT) !== 0) return fail(Errno.ESRCH);
    lp.queue.push({ cmd, handle });
    if (lp.g_user) this.k.s.wakeup(lp.id_user);
    return handle;
  }

  run(strategy: Strategy, maxSteps: number): RunOutcome {
    const k = this.k;
    const r = k.s.run(strategy, maxSteps);
    if (r.deadlock !== undefined && !this.reportedDeadlock) {
      this.reportedDeadlock = true;
      const what = r.deadlock.map((b) => `${b.name} on ${b.wchan}${b.tokens.length > 0 ? ` holding ${b.tokens.join('+')}` : ''}`).join('; ');
      k.s.violate('deadlock', `no runnable thread: ${what}`);
    }
    if (r.quiescent) for (const m of lostWakeups(k)) k.s.violate('no_lost_wakeup', m);
    const violations: Violation[] = k.s.violations.map((v) => ({ ...v }));
    const out: { steps: number; quiescent: boolean; violations: Violation[]; deadlock?: RunOutcome['deadlock'] } = {
      steps: r.steps,
      quiescent: r.quiescent,
      violations,
    };
    if (r.deadlock !== undefined) out.deadlock = r.deadlock;
    return out;
  }

  view(): ProcTableView {
    return { procs: this.k.allproc.map((p) => procView(p)) };
  }

  schedule(): readonly Choice[] {
    return this.k.s.scheduleLog;
  }

  labelsCovered(): ReadonlySet<string> {
    return this.k.s.labels;
  }
}

function procView(p: Proc): ProcView {
  const ps = p.p_sigacts;
  const flag = ps === null ? 0 : ps.ps_flag;
  const v: {
    -readonly [K in keyof ProcView]: ProcView[K];
  } = {
    pid: p.p_pid,
    ppid: p.p_pptr === null ? 0 : p.p_pptr.p_pid,
    state: p.p_stat === SZOMB ? 'zombie' : p.p_stat === SSTOP ? 'stopped' : 'running',
    pgid: p.p_pgid,
    sid: p.p_session.s_sid,
    uid: p.p_ucred === null ? 0 : p.p_ucred.cr_uid,
    gid: p.p_ucred === null ? 0 : p.p_ucred.cr_gid,
    jail: p.p_ucred === null || p.p_ucred.cr_prison === null ? 0 : p.p_ucred.cr_prison.pr_id,
    nthreads: p.p_nthreads,
    isReaper: p.p_reaper !== null && p.p_reaper.p === p,
    sigchld: (flag & PS_NOCLDWAIT) !== 0 ? 'nocldwait' : (flag & PS_CLDSIGIGN) !== 0 ? 'ignore' : 'default',
  };
  if (p.p_stat === SZOMB) v.exit = exitReport(p.p_pid, p.p_xstat);
  if ((p.p_flags & P_TRACED) !== 0 && p.p_pptr !== null) v.tracer = p.p_pptr.p_pid;
  return v;
}

/** Creates a DragonFly kernel (revision 'current' unless told otherwise; optional mutant). */
export function createDragonflyKernel(options: DragonflyKernelOptions = {}): DragonflyKernel {
  return new DragonflyKernel(options);
}
