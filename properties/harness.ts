/**
 * Kernel-generic fast-check stateful test: random command sequences, each run to quiescence under
 * a fast-check-chosen schedule, judged by spec/ (results of every handle that finished, the
 * process table after every command, no blocked wait with something to report) and by the
 * kernel's own invariants (RunOutcome.violations empty, no deadlock). A failure shrinks to a
 * minimal command list plus schedule and carries a replay (commands + full schedule) that
 * `replayScenario` re-runs.
 *
 * Used by properties/kernel-*.test.ts with a driver factory and SpecParams (DragonFly: 'bsd';
 * MINIX reuses it with 'minix').
 */
import fc from 'fast-check';
import {
  Signal, type Choice, type Command, type CommandHandle, type IdType, type KernelDriver, type Pid, type SignalName,
  type Strategy, type WaitOptions,
} from '../impl/api.js';
import {
  checkStep, describe, initialState, isLive, modelView, diffViews, type SpecParams, type SpecProc, type SpecState,
} from '../spec/index.js';
import { choiceListStrategy, formatChoices, parseChoices } from './schedule.js';

export interface HarnessConfig {
  /** Shown in messages, e.g. 'dragonfly'. */
  readonly name: string;
  readonly makeDriver: () => KernelDriver;
  readonly params: SpecParams;
  /** Scheduler steps allowed per command before "no quiescence" is a failure. */
  readonly maxSteps?: number;
  /** Upper bound on generated processes (forks are skipped beyond it). */
  readonly maxProcs?: number;
  /** Command kinds to generate (default: every kind the params support). */
  readonly kinds?: readonly Command['kind'][];
  /**
   * Scenarios not to generate: returns a reason to skip `cmd` in state `s`. Used only to steer
   * around known, reported kernel bugs (each listed in the test file with its counterexample);
   * the oracle itself is never relaxed.
   */
  readonly avoid?: (s: SpecState, cmd: Command, batch?: readonly Command[]) => string | undefined;
}

/** A failing run, replayable: the commands in order and every scheduler choice taken. */
export interface Replay {
  readonly kernel: string;
  readonly commands: readonly Command[];
  /**
   * Step number of each command: commands with the same number were submitted together and ran
   * concurrently. Absent: one command per step.
   */
  readonly batch?: readonly number[];
  readonly schedule: readonly string[];
}

export class SpecMismatch extends Error {
  constructor(
    message: string,
    readonly replay: Replay,
  ) {
    super(`${message}\nreplay: ${JSON.stringify(replay)}`);
    this.name = 'SpecMismatch';
  }
}

// ------------------------------------------------------------------------------------------
// Abstract commands: numbers resolved against the model when run, so they stay valid (and
// shrink) whatever came before.
// ------------------------------------------------------------------------------------------

export interface AbstractCmd {
  readonly kind: Command['kind'];
  readonly who: number;
  readonly sub: number;
  readonly target: number;
  readonly status: number;
  readonly sig: SignalName;
  readonly api: 'wait4' | 'wait6';
  readonly idtype: IdType;
  readonly options: WaitOptions;
  readonly extWho: 'EXTEXIT_PROC' | 'EXTEXIT_LWP' | 'invalid';
  readonly extAction: 'EXTEXIT_SIMPLE' | 'EXTEXIT_SETINT' | 'invalid';
  readonly disposition: 'default' | 'ignore' | 'nocldwait';
}

function busyTids(s: SpecState, pid: Pid): Set<number> {
  return new Set(s.pending.filter((c) => c.pid === pid).map((c) => c.tid));
}

/** Processes that can issue a command now: running, with a thread not blocked. */
export function issuers(s: SpecState): SpecProc[] {
  return s.procs.filter((p) => p.state === 'running' && p.tids.some((t) => !busyTids(s, p.pid).has(t)));
}

/** Resolves an abstract command against the model; undefined when it does not apply now. */
export function resolve(
  s: SpecState,
  a: AbstractCmd,
  cfg: HarnessConfig,
  boot: ReadonlySet<Pid> = new Set(),
): { cmd: Command; tid: number } | undefined {
  const able = issuers(s);
  if (able.length === 0) return undefined;
  // Prefer processes the scenario created (who < 5) so their lives and deaths dominate.
  const made = able.filter((q) => !boot.has(q.pid));
  const parents = able.filter((q) => s.procs.some((c) => c.ppid === q.pid || c.tracer === q.pid));
  // waits: sometimes a parent with a stop or continue to collect, mostly any parent
  const jobParents = able.filter((q) => s.procs.some((c) => c.ppid === q.pid && (c.continued || (c.state === 'stopped' && !c.waited))));
  const pool =
    a.kind === 'wait' && jobParents.length > 0 && a.who < 3
      ? jobParents
      : a.kind === 'wait' && parents.length > 0 && a.who < 6
        ? parents
        : made.length > 0 && a.who < 5
          ? made
          : able;
  const p = pool[a.who % pool.length]!;
  const idle = p.tids.filter((t) => !busyTids(s, p.pid).has(t));
  // Only exit, extexit and wait name a thread (impl/api.ts); the others run on the process's
  // first live thread, so they are issued only when that thread is idle.
  const threadKinds: readonly Command['kind'][] = ['exit', 'extexit', 'wait'];
  const first = Math.min(...p.tids);
  if (!threadKinds.includes(a.kind) && !idle.includes(first)) return undefined;
  const tid = threadKinds.includes(a.kind) ? idle[a.sub % idle.length]! : first;
  const tidField = p.tids.length > 1 ? { tid } : {};
  const others = s.procs.filter((q) => q.pid !== 1);
  const children = s.procs.filter((q) => q.ppid === p.pid || q.tracer === p.pid).filter((q) => q.pid !== p.pid);
  const child = children.length > 0 ? children[a.target % children.length] : undefined;
  switch (a.kind) {
    case 'fork':
      if (s.procs.length >= (cfg.maxProcs ?? 8)) return undefined;
      return { cmd: { kind: 'fork', pid: p.pid }, tid };
    case 'lwp_create':
      if (p.tids.length >= 3) return undefined;
      return { cmd: { kind: 'lwp_create', pid: p.pid }, tid };
    case 'exit':
      if (boot.has(p.pid)) return undefined; // the boot processes stay, so scenarios go on
      return { cmd: { kind: 'exit', pid: p.pid, status: a.status, ...tidField }, tid };
    case 'extexit':
      if (boot.has(p.pid)) return undefined;
      return { cmd: { kind: 'extexit', pid: p.pid, who: a.extWho, action: a.extAction, status: a.status, ...tidField }, tid };
    case 'wait': {
      const api = cfg.params.wait6 ? a.api : 'wait4';
      // Guided half the time: ask for what a child has to report (a stop, a continue).
      const guide = a.who % 2 === 0;
      const options: WaitOptions = {
        ...a.options,
        ...(guide && children.some((c) => c.continued) ? { WCONTINUED: true } : {}),
        ...(guide && children.some((c) => c.state === 'stopped' && !c.waited) ? { WUNTRACED: true } : {}),
      };
      let id: number;
      if (api === 'wait4') {
        const ids = [-1, child?.pid ?? 999, -1, child?.pid ?? 999, 0, -(child?.pgid ?? 999), 999];
        id = ids[a.sub % ids.length]!;
        return { cmd: { kind: 'wait', pid: p.pid, api, idtype: 'P_ALL', id, options, ...tidField }, tid };
      }
      const pick = (vals: number[]): number => vals[a.target % vals.length]!;
      switch (a.idtype) {
        case 'P_ALL': id = 0; break;
        case 'P_PID': id = pick([child?.pid ?? 999, child?.pid ?? 999, 999, 0]); break;
        case 'P_PGID': id = pick([child?.pgid ?? 999, child?.pgid ?? 999, 0, 999]); break;
        case 'P_SID': id = pick([child?.sid ?? 999, 999]); break;
        case 'P_UID': id = pick([child?.uid ?? 4242, 4242]); break;
        case 'P_GID': id = pick([child?.gid ?? 4242, 4242]); break;
        case 'P_JAILID': id = pick([0, 1, 99]); break;
      }
      return { cmd: { kind: 'wait', pid: p.pid, api, idtype: a.idtype, id, options, ...tidField }, tid };
    }
    case 'kill': {
      if (others.length === 0) return undefined;
      // mostly one's own children (job control), sometimes anyone
      const live = children.filter((c) => c.state !== 'zombie');
      const stopped = others.filter((c) => c.state === 'stopped' && c.tracer === undefined);
      const t =
        a.sig === 'SIGCONT' && stopped.length > 0 && a.target < 6
          ? stopped[a.target % stopped.length]!
          : live.length > 0 && a.target < 5
            ? live[a.target % live.length]!
            : others[a.target % others.length]!;
      // a stopped target is continued half the time (job control: stop, then continue)
      const sigName: SignalName = t.state === 'stopped' && a.sub % 2 === 0 ? 'SIGCONT' : a.sig;
      const sig = Signal[sigName];
      // Not generated (documented in docs/spec.md): stopping oneself, catchable fatal signals to
      // stopped or traced processes, SIGCONT to traced ones (the debugger's business).
      if (t.pid === p.pid && sig === Signal.SIGSTOP) return undefined;
      if (t.pid === 1) return undefined; // init is not signalled
      if (boot.has(t.pid) && (sig === Signal.SIGKILL || sig === Signal.SIGTERM || sig === Signal.SIGHUP)) return undefined;
      if ((sig === Signal.SIGTERM || sig === Signal.SIGHUP) && (t.state === 'stopped' || t.tracer !== undefined)) return undefined;
      if (sig === Signal.SIGCONT && t.tracer !== undefined) return undefined;
      return { cmd: { kind: 'kill', pid: p.pid, target: t.pid, sig: sigName }, tid };
    }
    case 'ptrace_attach': {
      if (others.length === 0) return undefined;
      const t = others[a.target % others.length]!;
      return { cmd: { kind: 'ptrace_attach', pid: p.pid, target: t.pid }, tid };
    }
    case 'reaper_release':
      if (p.pid === 1) return undefined; // init's reaper is the real-init one
      return { cmd: { kind: a.kind, pid: p.pid }, tid };
    case 'reaper_acquire':
    case 'setsid':
      return { cmd: { kind: a.kind, pid: p.pid }, tid };
    case 'sigchld':
      return { cmd: { kind: 'sigchld', pid: p.pid, disposition: a.disposition }, tid };
    case 'setpgid': {
      const groups = [0, p.pid, ...others.map((q) => q.pgid)];
      return { cmd: { kind: 'setpgid', pid: p.pid, pgid: groups[a.target % groups.length]! }, tid };
    }
  }
}

const optionsArb: fc.Arbitrary<WaitOptions> = fc.record({
  WNOHANG: fc.oneof({ weight: 1, arbitrary: fc.constant(false) }, { weight: 2, arbitrary: fc.constant(true) }),
  WUNTRACED: fc.boolean(),
  WCONTINUED: fc.boolean(),
  WEXITED: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  WTRAPPED: fc.boolean(),
  WNOWAIT: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  WLINUXCLONE: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  invalidBits: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const KIND_WEIGHTS: readonly [Command['kind'], number][] = [
  ['fork', 6], ['wait', 8], ['exit', 4], ['kill', 5], ['lwp_create', 2], ['extexit', 2], ['ptrace_attach', 1],
  ['reaper_acquire', 1], ['reaper_release', 1], ['sigchld', 1], ['setpgid', 1], ['setsid', 1],
];

export function defaultKinds(params: SpecParams): Command['kind'][] {
  return KIND_WEIGHTS.map(([k]) => k).filter((k) => params.threads || k !== 'lwp_create');
}

export function abstractCmdArb(kinds: readonly Command['kind'][]): fc.Arbitrary<AbstractCmd> {
  const kindArb = fc.oneof(
    ...KIND_WEIGHTS.filter(([k]) => kinds.includes(k)).map(([k, weight]) => ({ weight, arbitrary: fc.constant(k) })),
  );
  return fc.record({
    kind: kindArb,
    who: fc.nat(7),
    sub: fc.nat(7),
    target: fc.nat(7),
    status: fc.oneof(fc.nat(3), fc.constant(256 + 7)),
    sig: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<SignalName>('SIGKILL', 'SIGSTOP', 'SIGCONT', 'SIGSTOP', 'SIGCONT') },
      { weight: 1, arbitrary: fc.constantFrom<SignalName>('SIGTERM', 'SIGCHLD', 'SIGHUP') },
    ),
    api: fc.constantFrom<'wait4' | 'wait6'>('wait4', 'wait6'),
    idtype: fc.constantFrom<IdType>('P_ALL', 'P_PID', 'P_PGID', 'P_SID', 'P_UID', 'P_GID', 'P_JAILID'),
    options: optionsArb,
    extWho: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom<'EXTEXIT_PROC' | 'EXTEXIT_LWP'>('EXTEXIT_PROC', 'EXTEXIT_LWP') },
      { weight: 1, arbitrary: fc.constant<'invalid'>('invalid') },
    ),
    extAction: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom<'EXTEXIT_SIMPLE' | 'EXTEXIT_SETINT'>('EXTEXIT_SIMPLE', 'EXTEXIT_SETINT') },
      { weight: 1, arbitrary: fc.constant<'invalid'>('invalid') },
    ),
    disposition: fc.constantFrom<'default' | 'ignore' | 'nocldwait'>('default', 'ignore', 'nocldwait'),
  });
}

// ------------------------------------------------------------------------------------------
// Running one command against the kernel and judging it.
// ------------------------------------------------------------------------------------------

/** What the runs exercised (for coverage checks and reports): outcome name -> count. */
export const coverage = new Map<string, number>();

function count(key: string): void {
  coverage.set(key, (coverage.get(key) ?? 0) + 1);
}

function outcomeKey(cmd: Command, r: { error: number; pid?: number; report?: { kind: string } }, late: boolean): string {
  const what = r.error !== 0 ? `errno ${r.error}` : r.report ? r.report.kind : cmd.kind === 'wait' ? 'nohang-0' : 'ok';
  const kind = cmd.kind === 'kill' ? `kill ${cmd.sig}` : cmd.kind;
  return `${kind}:${what}${late ? ' (after blocking)' : ''}`;
}

export interface Model {
  state: SpecState;
  /** Processes of the kernel's boot table: never made to exit by the generator. */
  readonly boot: ReadonlySet<Pid>;
}

export interface Real {
  readonly cfg: HarnessConfig;
  readonly driver: KernelDriver;
  /** Handles submitted and not yet seen done. */
  readonly open: Map<number, CommandHandle>;
  readonly commands: Command[];
  readonly batch: number[];
}

export function newReal(cfg: HarnessConfig): { model: Model; real: Real } {
  const driver = cfg.makeDriver();
  const view = driver.view();
  return { model: { state: initialState(cfg.params, view), boot: new Set(view.procs.map((p) => p.pid)) }, real: { cfg, driver, open: new Map(), commands: [], batch: [] } };
}

/** The command without its false/undefined wait options, as it appears in a replay. */
function compact(cmd: Command): Command {
  if (cmd.kind !== 'wait') return cmd;
  const options = Object.fromEntries(Object.entries(cmd.options).filter(([, v]) => v === true)) as WaitOptions;
  return { ...cmd, options };
}

function replayOf(real: Real): Replay {
  const concurrent = new Set(real.batch).size !== real.batch.length;
  return {
    kernel: real.cfg.name,
    commands: real.commands.map(compact),
    ...(concurrent ? { batch: [...real.batch] } : {}),
    schedule: formatChoices(real.driver.schedule()),
  };
}

/** A resolved command and the thread that issues it. */
export interface Issued {
  readonly cmd: Command;
  readonly tid: number;
}

/**
 * Submits `cmd` (issued by thread `tid`) and any `also` commands together, runs to quiescence
 * with `strategy`, and judges the outcome: advances `model.state` or throws SpecMismatch.
 */
export function step(model: Model, real: Real, cmd: Command, tid: number, strategy: Strategy, also: readonly Issued[] = []): void {
  const { driver, cfg } = real;
  const batchNo = real.batch.length === 0 ? 0 : real.batch[real.batch.length - 1]! + 1;
  const all: Issued[] = [{ cmd, tid }, ...also];
  const handles = all.map((x) => {
    real.commands.push(x.cmd);
    real.batch.push(batchNo);
    const h = driver.submit(x.cmd);
    real.open.set(h.id, h);
    return h;
  });
  const out = driver.run(strategy, cfg.maxSteps ?? 20_000);
  const where = `after command ${real.commands.length} ${all.map((x) => describe(x.cmd)).join(' || ')}`;
  if (out.violations.length > 0) {
    const v = out.violations[0]!;
    throw new SpecMismatch(`${cfg.name}: invariant ${v.invariant} violated at step ${v.step}${v.label ? ` (${v.label})` : ''} ${where}: ${v.message}`, replayOf(real));
  }
  if (out.deadlock && out.deadlock.length > 0) {
    const who = out.deadlock.map((b) => `${b.name}(tid ${b.tid}) on ${b.wchan}${b.tokens.length ? ` holding ${b.tokens.join(',')}` : ''}`).join('; ');
    throw new SpecMismatch(`${cfg.name}: deadlock ${where}: ${who}`, replayOf(real));
  }
  if (!out.quiescent) {
    throw new SpecMismatch(`${cfg.name}: no quiescence within ${cfg.maxSteps ?? 20_000} steps ${where}`, replayOf(real));
  }
  const done = [];
  for (const [id, handle] of real.open) {
    if (handle.done) {
      real.open.delete(id);
      done.push({ handle: id, result: handle.result ?? { error: 0 } });
    }
  }
  const subs = all.map((x, i) => ({ cmd: x.cmd, tid: x.tid, handle: handles[i]!.id }));
  const verdict = checkStep(model.state, { ...subs[0]!, also: subs.slice(1), done, view: driver.view() });
  if (!verdict.ok) throw new SpecMismatch(`${cfg.name}: spec mismatch ${where}: ${verdict.reason}`, replayOf(real));
  model.state = verdict.state;
  count(all.length > 1 ? 'steps:concurrent' : 'steps:single');
  for (const d of done) {
    const own = subs.find((x) => x.handle === d.handle);
    count(outcomeKey(own?.cmd ?? { kind: 'wait', pid: 0, api: 'wait4', idtype: 'P_ALL', id: 0, options: {} }, d.result, own === undefined));
  }
  for (const x of subs) if (!done.some((d) => d.handle === x.handle)) count(`${x.cmd.kind}:no return`);
}

export class KernelCommand implements fc.Command<Model, Real> {
  private shown: string | undefined;
  constructor(
    readonly abs: AbstractCmd,
    readonly choices: readonly number[],
    readonly cfg: HarnessConfig,
    /** Commands submitted together with the first, so they run concurrently with it. */
    readonly race?: AbstractCmd | readonly AbstractCmd[],
  ) {}
  private resolveAll(m: Readonly<Model>): Issued[] | undefined {
    const first = resolve(m.state, this.abs, this.cfg, m.boot);
    if (!first || this.cfg.avoid?.(m.state, first.cmd) !== undefined) return undefined;
    const out: Issued[] = [first];
    const extra = this.race === undefined ? [] : Array.isArray(this.race) ? this.race : [this.race as AbstractCmd];
    // A signal or attach aimed at another command's process could stop it before its command
    // starts, deferring that command past quiescence (a schedule the model does not express).
    const aims = (a: Command, b: Command): boolean => (a.kind === 'kill' || a.kind === 'ptrace_attach') && a.target === b.pid;
    for (const abs of extra) {
      const next = resolve(m.state, abs, this.cfg, m.boot);
      if (!next || this.cfg.avoid?.(m.state, next.cmd) !== undefined) continue;
      // a different thread from every other command (two commands on one thread would just queue)
      if (out.some((o) => o.cmd.pid === next.cmd.pid && o.tid === next.tid)) continue;
      if (out.some((o) => aims(o.cmd, next.cmd) || aims(next.cmd, o.cmd))) continue;
      out.push(next);
    }
    if (out.length > 1 && this.cfg.avoid) {
      const batch = out.map((x) => x.cmd);
      while (out.length > 1 && out.some((x) => this.cfg.avoid!(m.state, x.cmd, batch.slice(0, out.length)) !== undefined)) out.pop();
    }
    return out;
  }
  check(m: Readonly<Model>): boolean {
    return this.resolveAll(m) !== undefined;
  }
  run(m: Model, r: Real): void {
    const res = this.resolveAll(m);
    if (!res) return;
    this.shown = res.map((x) => describe(x.cmd)).join(' || ');
    step(m, r, res[0]!.cmd, res[0]!.tid, choiceListStrategy(this.choices), res.slice(1));
  }
  toString(): string {
    return `${this.shown ?? this.abs.kind} sched=[${this.choices.join(',')}]`;
  }
}

/** Per-step scheduler choices: mostly "keep running" (0), sometimes a switch (docs/spec.md). */
export const scheduleArb: fc.Arbitrary<number[]> = fc.array(
  fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 15 }) }),
  { maxLength: 64 },
);

/**
 * Race templates, resolved against the model like any command and skipped when nothing fits:
 * - 'waiters': every idle thread (up to three) of a process waits for children while one of its
 *   children exits, all submitted together (the p_waitgen / PHOLDZOMB / PWAITRES windows);
 * - 'exits': two threads of one process exit at once (the P_WEXIT master-exit interlock).
 */
export class RaceTemplateCommand implements fc.Command<Model, Real> {
  private shown: string | undefined;
  constructor(
    readonly template: 'waiters' | 'exits',
    readonly pick: number,
    readonly options: WaitOptions,
    readonly choices: readonly number[],
    readonly cfg: HarnessConfig,
  ) {}
  private idleOf(s: SpecState, p: SpecProc): number[] {
    return p.tids.filter((t) => !busyTids(s, p.pid).has(t));
  }
  private resolveAll(m: Readonly<Model>): Issued[] | undefined {
    const s = m.state;
    const quietChild = (p: SpecProc) => (c: SpecProc) =>
      c.ppid === p.pid && c.pid !== p.pid && c.state === 'running' && !m.boot.has(c.pid) && c.tids.length === 1 && busyTids(s, c.pid).size === 0;
    let out: Issued[];
    if (this.template === 'waiters') {
      const fits = s.procs.filter((p) => p.state === 'running' && this.idleOf(s, p).length > 0 && s.procs.some(quietChild(p)));
      if (fits.length === 0) return undefined;
      const p = fits[this.pick % fits.length]!;
      const kids = s.procs.filter(quietChild(p));
      const child = kids[this.pick % kids.length]!;
      const opts: WaitOptions = { ...this.options, WNOHANG: false, invalidBits: false, WLINUXCLONE: false, WEXITED: true };
      const tidField = (tid: number) => (p.tids.length > 1 ? { tid } : {});
      out = this.idleOf(s, p)
        .slice(0, 3)
        .map((tid, i) => ({
          cmd: { kind: 'wait', pid: p.pid, ...tidField(tid), api: 'wait4', idtype: 'P_ALL', id: i % 2 === 0 ? -1 : child.pid, options: opts },
          tid,
        }));
      out.push({ cmd: { kind: 'exit', pid: child.pid, status: this.pick % 4 }, tid: child.tids[0]! });
    } else {
      const fits = s.procs.filter((p) => p.state === 'running' && !m.boot.has(p.pid) && this.idleOf(s, p).length >= 2);
      if (fits.length === 0) return undefined;
      const p = fits[this.pick % fits.length]!;
      const [a, b] = this.idleOf(s, p) as [number, number];
      out = [
        { cmd: { kind: 'exit', pid: p.pid, tid: a, status: 1 }, tid: a },
        { cmd: { kind: 'exit', pid: p.pid, tid: b, status: 2 }, tid: b },
      ];
    }
    const batch = out.map((x) => x.cmd);
    return out.every((x) => this.cfg.avoid?.(s, x.cmd, batch) === undefined) ? out : undefined;
  }
  check(m: Readonly<Model>): boolean {
    return this.resolveAll(m) !== undefined;
  }
  run(m: Model, r: Real): void {
    const res = this.resolveAll(m);
    if (!res) return;
    this.shown = res.map((x) => describe(x.cmd)).join(' || ');
    step(m, r, res[0]!.cmd, res[0]!.tid, choiceListStrategy(this.choices), res.slice(1));
  }
  toString(): string {
    return `${this.shown ?? this.template} sched=[${this.choices.join(',')}]`;
  }
}

export function commandsArb(cfg: HarnessConfig, maxCommands: number): fc.Arbitrary<Iterable<fc.Command<Model, Real>>> {
  const kinds = cfg.kinds ?? defaultKinds(cfg.params);
  const one = fc
    .tuple(
      abstractCmdArb(kinds),
      scheduleArb,
      // one step in three submits one or two more commands with the first, so they run concurrently
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: abstractCmdArb(kinds) },
        { weight: 1, arbitrary: fc.array(abstractCmdArb(kinds), { minLength: 2, maxLength: 2 }) },
      ),
    )
    .map(([abs, choices, race]): fc.Command<Model, Real> => new KernelCommand(abs, choices, cfg, race));
  const race = (template: 'waiters' | 'exits') =>
    fc
      .tuple(fc.nat(7), optionsArb, scheduleArb)
      .map(([pick, options, choices]): fc.Command<Model, Real> => new RaceTemplateCommand(template, pick, options, choices, cfg));
  const arbs = [one, one, one, one, one, one, one, one, race('waiters')];
  if (cfg.params.threads) arbs.push(race('exits'));
  return fc.commands(arbs, { maxCommands, size: 'large' });
}

export interface PropertyOptions {
  readonly numRuns?: number;
  readonly maxCommands?: number;
  readonly seed?: number;
}

/** Runs the stateful property; returns fast-check's details (failed, counterexample, error). */
export function checkKernel(cfg: HarnessConfig, opts: PropertyOptions = {}): fc.RunDetails<[Iterable<fc.Command<Model, Real>>]> {
  const prop = fc.property(commandsArb(cfg, opts.maxCommands ?? 25), (cmds) => {
    fc.modelRun(() => newReal(cfg), cmds);
  });
  return fc.check(prop, { numRuns: opts.numRuns ?? 100, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
}

/** The numRuns to use: PROPERTY_RUNS from the environment (docs/spec.md), else `dflt`. */
export function envRuns(dflt: number): number {
  const v = Number(process.env['PROPERTY_RUNS']);
  return Number.isInteger(v) && v > 0 ? v : dflt;
}

/** The failure carried by a failed run, with its replay. */
export function failureOf<T extends unknown[]>(details: fc.RunDetails<T>): SpecMismatch | undefined {
  const e = details.errorInstance;
  return e instanceof SpecMismatch ? e : undefined;
}

/**
 * Re-runs a replay on a fresh driver with the recorded schedule: returns the first mismatch
 * message, or undefined if the whole replay passes. A schedule that no longer fits the kernel
 * (ScheduleDivergence from impl/kernel) is reported as such.
 */
export function replayScenario(cfg: HarnessConfig, replay: Replay, opts: { readonly ignoreSchedule?: boolean } = {}): string | undefined {
  const schedule: Choice[] = parseChoices(replay.schedule);
  const { model, real } = newReal(cfg);
  let pos = 0;
  const strategy: Strategy = opts.ignoreSchedule ? choiceListStrategy([]) : {
    name: 'replay',
    pick(options: readonly Choice[]): number {
      const c = schedule[pos++];
      const i = c ? options.findIndex((o) => o.kind === c.kind && o.tid === c.tid) : -1;
      if (i < 0) throw new Error(`replay diverges at choice ${pos - 1}: recorded ${c ? `${c.kind}:${c.tid}` : 'nothing'}, offered ${options.map((o) => `${o.kind}:${o.tid}`).join(', ')}`);
      return i;
    },
  };
  const tidOf = (cmd: Command): number =>
    'tid' in cmd && cmd.tid !== undefined ? cmd.tid : Math.min(...(model.state.procs.find((p) => p.pid === cmd.pid)?.tids ?? [0]));
  try {
    const cmds = replay.commands;
    for (let i = 0; i < cmds.length; ) {
      let j = i + 1;
      while (replay.batch && j < cmds.length && replay.batch[j] === replay.batch[i]) j++;
      const group = cmds.slice(i, j).map((cmd) => ({ cmd, tid: tidOf(cmd) }));
      step(model, real, group[0]!.cmd, group[0]!.tid, strategy, group.slice(1));
      i = j;
    }
  } catch (e) {
    return e instanceof SpecMismatch ? e.message.split('\nreplay:')[0] : String(e);
  }
  return undefined;
}

/** Re-export for tests that compare tables directly. */
export { diffViews, isLive, modelView };
