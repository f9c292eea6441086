/**
 * Command generation: abstract commands (small numbers) and their resolution against the model
 * (the k-th process able to issue, its k-th child...), so they stay meaningful and shrink
 * whatever came before; and the per-step schedule arbitrary. docs/spec.md, "The stateful
 * property tests".
 */
import fc from 'fast-check';
import { Signal, type Command, type IdType, type Pid, type SignalName, type WaitOptions } from '../impl/api.js';
import type { SpecParams, SpecProc, SpecState } from '../spec/index.js';
import type { HarnessConfig } from './harness-config.js';

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

export function busyTids(s: SpecState, pid: Pid): Set<number> {
  return new Set(s.pending.filter((c) => c.pid === pid).map((c) => c.tid));
}

/** Processes that can issue a command now: running, with a thread not blocked. */
export function issuers(s: SpecState): SpecProc[] {
  return s.procs.filter((p) => {
    if (p.state !== 'running') return false;
    const busy = busyTids(s, p.pid);
    return p.tids.some((t) => !busy.has(t));
  });
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
  const busy = busyTids(s, p.pid);
  const idle = p.tids.filter((t) => !busy.has(t));
  // Every command names the idle thread that issues it when the process has several
  // (impl/api.ts Command.tid), e.g. a fork or kill from a second thread while the first is
  // blocked in wait.
  if (idle.length === 0) return undefined;
  const tid = idle[a.sub % idle.length]!;
  const tidField = p.tids.length > 1 ? { tid } : {};
  const others = s.procs.filter((q) => q.pid !== 1);
  const children = s.procs.filter((q) => q.ppid === p.pid || q.tracer === p.pid).filter((q) => q.pid !== p.pid);
  const child = children.length > 0 ? children[a.target % children.length] : undefined;
  switch (a.kind) {
    case 'fork':
      if (s.procs.length >= (cfg.maxProcs ?? 8)) return undefined;
      return { cmd: { kind: 'fork', pid: p.pid, ...tidField }, tid };
    case 'lwp_create':
      if (p.tids.length >= 3) return undefined;
      return { cmd: { kind: 'lwp_create', pid: p.pid, ...tidField }, tid };
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
      return { cmd: { kind: 'kill', pid: p.pid, ...tidField, target: t.pid, sig: sigName }, tid };
    }
    case 'ptrace_attach': {
      if (others.length === 0) return undefined;
      const t = others[a.target % others.length]!;
      return { cmd: { kind: 'ptrace_attach', pid: p.pid, ...tidField, target: t.pid }, tid };
    }
    case 'reaper_release':
      if (p.pid === 1) return undefined; // init's reaper is the real-init one
      return { cmd: { kind: a.kind, pid: p.pid, ...tidField }, tid };
    case 'reaper_acquire':
    case 'setsid':
      return { cmd: { kind: a.kind, pid: p.pid, ...tidField }, tid };
    case 'sigchld':
      return { cmd: { kind: 'sigchld', pid: p.pid, ...tidField, disposition: a.disposition }, tid };
    case 'setpgid': {
      const groups = [0, p.pid, ...others.map((q) => q.pgid)];
      return { cmd: { kind: 'setpgid', pid: p.pid, ...tidField, pgid: groups[a.target % groups.length]! }, tid };
    }
  }
}

export const optionsArb: fc.Arbitrary<WaitOptions> = fc.record({
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

/** Per-step scheduler choices: mostly "keep running" (0), sometimes a switch (docs/spec.md). */
export const scheduleArb: fc.Arbitrary<number[]> = fc.array(
  fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 15 }) }),
  { maxLength: 64 },
);
