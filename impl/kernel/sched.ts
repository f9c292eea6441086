/**
 * The deterministic scheduler: a kernel-independent substrate on which kernels (impl/dragonfly,
 * impl/minix) run their kernel threads.
 *
 * - A kernel thread is a generator. Every `yield label` is a scheduling point; `label` names the
 *   atomic step the thread has just executed (the code since its previous yield).
 * - The scheduler owns every thread. At each step it lists the enabled `Choice`s (impl/api.ts):
 *   `run` a runnable thread, a timed sleep timing out, a spurious wakeup (when enabled), or a
 *   pending signal interrupting an interruptible sleep; a `Strategy` picks one. The picked choices
 *   form the schedule, so a schedule alone replays a run.
 * - Soft tokens (LWKT-style, generic enough for any kernel): a thread that blocks (sleeps or
 *   contends on a token) loses every token it holds and is runnable again only when all of them
 *   can be re-acquired at once.
 * - Sleep queues: `sleep()` registers a thread on an ident (an object); `wakeup(ident)` wakes every
 *   registered thread (broadcast, memoryless). `interlock()` registers without descheduling, so a
 *   wakeup between interlock and sleep makes the sleep return at once (tsleep_interlock).
 * - Deadlock: no run or signal choice is enabled while some thread sleeps in a sleep that is not
 *   marked `idle` (idle sleeps are threads waiting for a user-level event, e.g. a new command).
 *
 * Hot path: the scheduler allocates nothing per step (only the generator's iterator result).
 * Choices are cached per thread; `enabled()` returns one reused array per option count, with the
 * thread of each option kept alongside; kernels sleep through `sleepOn` (no options object).
 */
import type { BlockedThread, Choice, Strategy } from '../api.js';

/** A kernel thread body. Yields step labels; may return the label of its final step. */
export type ThreadBody = Generator<string, string | void, void>;

/** Why a sleep ended. */
export const WAKE_NORMAL = 0;
export const WAKE_TIMEOUT = 1;
export const WAKE_SIGNAL = 2;
export type WakeReason = typeof WAKE_NORMAL | typeof WAKE_TIMEOUT | typeof WAKE_SIGNAL;

export const enum TState {
  Runnable = 0,
  Sleeping = 1,
  TokenWait = 2,
  Done = 3,
}

/** A soft lock. A thread may hold it recursively. */
export class Token {
  owner: KThread | null = null;
  constructor(readonly name: string) {}
}

export interface SleepOptions {
  /** A timed sleep: the scheduler may offer a `timeout` choice. */
  readonly timed?: boolean;
  /** Interruptible (PCATCH): a pending signal offers a `signal` choice. */
  readonly pcatch?: boolean;
  /** The sleeper waits for a user-level event: sleeping here forever is quiescence, not deadlock. */
  readonly idle?: boolean;
  /**
   * For polling sleeps (re-check after a tick): the timeout is offered only while this returns
   * true (the polled condition may now hold). Without it a timed sleep may always time out.
   */
  readonly pollReady?: () => boolean;
}

/** A thread owned by the scheduler. `ext` carries the kernel's per-thread structure. */
export class KThread {
  state: TState = TState.Runnable;
  /** Tokens held, in acquisition order (recursive acquisitions appear more than once). */
  readonly tokens: Token[] = [];
  /** True while the thread owns every token in `tokens` (false after it blocked). */
  holding = true;
  /** Sleep-queue registration (tsleep_interlock or sleep). */
  wchan: object | null = null;
  wmesg = '';
  sleepTimed = false;
  sleepPcatch = false;
  sleepIdle = false;
  pollReady: (() => boolean) | null = null;
  /** Set when a wakeup dequeued the thread while it was only interlocked. */
  wokenWhileInterlocked = false;
  wakeReason: WakeReason = WAKE_NORMAL;
  /** The label of the last step this thread executed. */
  lastLabel = '';
  readonly runChoice: Choice;
  readonly timeoutChoice: Choice;
  readonly spuriousChoice: Choice;
  readonly signalChoice: Choice;
  constructor(
    readonly tid: number,
    readonly name: string,
    public body: ThreadBody | null,
    public ext: unknown,
  ) {
    this.runChoice = Object.freeze({ kind: 'run', tid });
    this.timeoutChoice = Object.freeze({ kind: 'timeout', tid });
    this.spuriousChoice = Object.freeze({ kind: 'spurious', tid });
    this.signalChoice = Object.freeze({ kind: 'signal', tid });
  }
}

/** Thrown by kernel code for a simulated kernel fault (panic, assertion, use-after-free). */
export class KernelFault extends Error {
  constructor(
    readonly invariant: string,
    message: string,
  ) {
    super(message);
    this.name = 'KernelFault';
  }
}

/** A violation recorded by the scheduler or the kernel (same shape as api.ts Violation). */
export interface SchedViolation {
  readonly invariant: string;
  readonly message: string;
  readonly step: number;
  readonly label?: string;
}

export interface SchedulerOptions {
  /** Offer spurious wakeups of sleeping threads as choices (only while some thread can run). */
  readonly spuriousWakeups?: boolean;
  /** Called after every step (invariant checks). Returns nothing; report through `violate`. */
  readonly afterStep?: (s: Scheduler, t: KThread, label: string) => void;
  /** Does thread t have a signal pending that would interrupt a PCATCH sleep? */
  readonly signalPending?: (t: KThread) => boolean;
}

export interface StepResult {
  readonly steps: number;
  readonly quiescent: boolean;
  readonly deadlock?: readonly BlockedThread[];
  /** True when the run stopped early because of a kernel fault. */
  readonly faulted: boolean;
}

export class Scheduler {
  /** Live threads (finished threads are removed). */
  readonly threads: KThread[] = [];
  private readonly byTid = new Map<number, KThread>();
  /** The thread executing the current step (valid inside thread code). */
  current: KThread | null = null;
  /** Number of choices taken so far. */
  step = 0;
  readonly scheduleLog: Choice[] = [];
  readonly labels = new Set<string>();
  readonly violations: SchedViolation[] = [];
  private nextTid = 1;
  /** Scratch lists of the enabled choices and their threads (entries past the count are stale). */
  private readonly options: Choice[] = [];
  /** The thread of each entry of `options` (same index), so `run` needs no lookup by tid. */
  private readonly optionThreads: KThread[] = [];
  /** One reused array per option count (truncating an array's length is a slow runtime call). */
  private readonly optionArrays: Choice[][] = [];
  private readonly spurious: boolean;
  private readonly afterStep: ((s: Scheduler, t: KThread, label: string) => void) | null;
  private readonly signalPending: ((t: KThread) => boolean) | null;
  /** Stop running (a kernel fault happened). */
  halted = false;

  constructor(opts: SchedulerOptions = {}) {
    this.spurious = opts.spuriousWakeups ?? false;
    this.afterStep = opts.afterStep ?? null;
    this.signalPending = opts.signalPending ?? null;
  }

  /** Creates a runnable thread. `body` may be given later (thread structure first, code after). */
  spawn(name: string, body: ThreadBody | null, ext: unknown = null): KThread {
    const t = new KThread(this.nextTid++, name, body, ext);
    this.threads.push(t);
    this.byTid.set(t.tid, t);
    return t;
  }

  thread(tid: number): KThread | undefined {
    return this.byTid.get(tid);
  }

  violate(invariant: string, message: string, label?: string): void {
    this.violations.push(label === undefined ? { invariant, message, step: this.step } : { invariant, message, step: this.step, label });
  }

  // ------------------------------------------------------------------------------------------
  // Tokens
  // ------------------------------------------------------------------------------------------

  /**
   * Acquires `tok` for `t`. Returns true when acquired at once; false when contended: then `t`
   * has released every token it held, is in TokenWait, and must yield. It resumes holding all.
   */
  tryGetToken(t: KThread, tok: Token): boolean {
    t.tokens.push(tok);
    if (!t.holding) return false; // already blocked in this step: wanted with the others
    if (tok.owner === null || tok.owner === t) {
      tok.owner = t;
      return true;
    }
    this.releaseAll(t);
    t.state = TState.TokenWait;
    return false;
  }

  /**
   * A call that may block (an allocation, lwp_userunmap's lwp_token, ...): `t` releases every
   * token it holds and must yield; it resumes holding all of them again, like a contended
   * `tryGetToken` (notes 2: a blocked thread loses its tokens). When nothing else takes them, the
   * scheduler may resume it at once, which is the not-blocking case.
   */
  block(t: KThread): void {
    this.releaseAll(t);
    t.state = TState.TokenWait;
  }

  /** Releases the most recent acquisition of `tok` by `t`. */
  relToken(t: KThread, tok: Token): void {
    const i = t.tokens.lastIndexOf(tok);
    if (i < 0) throw new KernelFault('token_discipline', `${t.name} releases token ${tok.name} it does not hold`);
    t.tokens.splice(i, 1);
    if (t.tokens.indexOf(tok) < 0 && tok.owner === t) tok.owner = null;
  }

  holds(t: KThread, tok: Token): boolean {
    return tok.owner === t && t.holding;
  }

  private releaseAll(t: KThread): void {
    const toks = t.tokens;
    for (let i = 0; i < toks.length; i++) {
      const k = toks[i]!;
      if (k.owner === t) k.owner = null;
    }
    t.holding = false;
  }

  private canReacquire(t: KThread): boolean {
    const toks = t.tokens;
    for (let i = 0; i < toks.length; i++) {
      const o = toks[i]!.owner;
      if (o !== null && o !== t) return false;
    }
    return true;
  }

  private reacquire(t: KThread): void {
    const toks = t.tokens;
    for (let i = 0; i < toks.length; i++) toks[i]!.owner = t;
    t.holding = true;
  }

  // ------------------------------------------------------------------------------------------
  // Sleep / wakeup
  // ------------------------------------------------------------------------------------------

  /** tsleep_interlock: registers t on ident without descheduling it. */
  interlock(t: KThread, ident: object, wmesg: string): void {
    t.wchan = ident;
    t.wmesg = wmesg;
    t.wokenWhileInterlocked = false;
  }

  /**
   * Deschedules t on ident (must then yield). With `interlocked`, the thread must have called
   * `interlock(ident)` and the sleep returns at once (returns false, thread stays runnable) when a
   * wakeup already dequeued it or it is registered on another ident.
   */
  sleep(t: KThread, ident: object, wmesg: string, opts: SleepOptions, interlocked = false): boolean {
    return this.sleepOn(t, ident, wmesg, opts.timed ?? false, opts.pcatch ?? false, opts.idle ?? false, opts.pollReady ?? null, interlocked);
  }

  /** `sleep` with the options as arguments (no options object on the hot path). */
  sleepOn(t: KThread, ident: object, wmesg: string, timed: boolean, pcatch: boolean, idle: boolean, pollReady: (() => boolean) | null, interlocked: boolean): boolean {
    if (interlocked) {
      if (t.wchan !== ident || t.wokenWhileInterlocked) {
        t.wokenWhileInterlocked = false;
        t.wchan = null;
        t.wakeReason = WAKE_NORMAL;
        return false;
      }
    }
    t.wchan = ident;
    t.wmesg = wmesg;
    t.sleepTimed = timed;
    t.sleepPcatch = pcatch;
    t.sleepIdle = idle;
    t.pollReady = pollReady;
    t.wakeReason = WAKE_NORMAL;
    t.state = TState.Sleeping;
    this.releaseAll(t);
    return true;
  }

  /** Wakes every thread registered on ident. Returns how many. */
  wakeup(ident: object): number {
    let n = 0;
    const ts = this.threads;
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      if (t.wchan !== ident) continue;
      n++;
      if (t.state === TState.Sleeping) this.endSleep(t, WAKE_NORMAL);
      else {
        t.wchan = null;
        t.wokenWhileInterlocked = true;
      }
    }
    return n;
  }

  /** Wakes one specific sleeping thread (e.g. setrunnable for signal delivery). */
  wakeThread(t: KThread, reason: WakeReason): void {
    if (t.state === TState.Sleeping) this.endSleep(t, reason);
  }

  private endSleep(t: KThread, reason: WakeReason): void {
    t.state = TState.TokenWait; // must re-acquire its tokens before running
    t.wchan = null;
    t.wakeReason = reason;
    t.pollReady = null;
  }

  // ------------------------------------------------------------------------------------------
  // Running
  // ------------------------------------------------------------------------------------------

  /** The enabled choices now, in a deterministic order (by thread, then kind). A reused array: valid until the next call. */
  enabled(): readonly Choice[] {
    const opts = this.options;
    const owners = this.optionThreads;
    let n = 0;
    const ts = this.threads;
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      const st = t.state;
      if (st === TState.Runnable) {
        opts[n] = t.runChoice;
        owners[n++] = t;
      } else if (st === TState.TokenWait) {
        if (this.canReacquire(t)) {
          opts[n] = t.runChoice;
          owners[n++] = t;
        }
      } else if (st === TState.Sleeping) {
        if (t.sleepPcatch && this.signalPending !== null && this.signalPending(t)) {
          opts[n] = t.signalChoice;
          owners[n++] = t;
        }
        if (t.sleepTimed && (t.pollReady === null || t.pollReady())) {
          opts[n] = t.timeoutChoice;
          owners[n++] = t;
        }
      }
    }
    if (this.spurious && n > 0) {
      for (let i = 0; i < ts.length; i++) {
        const t = ts[i]!;
        if (t.state === TState.Sleeping && !t.sleepIdle) {
          opts[n] = t.spuriousChoice;
          owners[n++] = t;
        }
      }
    }
    const out = this.optionArrays[n];
    if (out === undefined) {
      const fresh = opts.slice(0, n);
      this.optionArrays[n] = fresh;
      return fresh;
    }
    for (let i = 0; i < n; i++) out[i] = opts[i]!;
    return out;
  }

  /**
   * Applies one choice. `run` runs the thread to its next yield. `timeout`, `signal` and
   * `spurious` end the thread's sleep and, when every token it must re-acquire is free, run it at
   * once; otherwise the thread waits for its tokens (a later `run` choice resumes it).
   */
  apply(c: Choice): void {
    const t = this.thread(c.tid);
    if (t === undefined) throw new Error(`no thread ${c.tid}`);
    this.applyTo(t, c);
  }

  /** `apply` for a choice whose thread is known. */
  private applyTo(t: KThread, c: Choice): void {
    this.scheduleLog.push(c);
    this.step++;
    if (c.kind !== 'run') {
      this.endSleep(t, c.kind === 'timeout' ? WAKE_TIMEOUT : c.kind === 'signal' ? WAKE_SIGNAL : WAKE_NORMAL);
      if (!this.canReacquire(t)) return;
    }
    this.runThread(t);
  }

  private runThread(t: KThread): void {
    if (t.state === TState.TokenWait) {
      this.reacquire(t);
      t.state = TState.Runnable;
    } else if (t.state === TState.Sleeping || t.state === TState.Done) {
      throw new Error(`thread ${t.tid} (${t.name}) is not runnable`);
    } else if (!t.holding) {
      this.reacquire(t);
    }
    const body = t.body;
    if (body === null) throw new Error(`thread ${t.tid} (${t.name}) has no body`);
    this.current = t;
    let label: string;
    try {
      const r = body.next();
      if (r.done === true) {
        label = typeof r.value === 'string' ? r.value : t.lastLabel;
        this.finish(t);
      } else {
        label = r.value;
      }
    } catch (e) {
      if (e instanceof KernelFault) {
        label = t.lastLabel;
        this.violate(e.invariant, `${t.name}: ${e.message}`, label);
        this.finish(t);
        this.halted = true;
      } else {
        this.current = null;
        throw e;
      }
    }
    this.current = null;
    t.lastLabel = label;
    this.labels.add(label);
    if (this.afterStep !== null && !this.halted) this.afterStep(this, t, label);
  }

  /** Ends a thread: releases its tokens and its sleep registration. */
  finish(t: KThread): void {
    for (const k of t.tokens) if (k.owner === t) k.owner = null;
    t.tokens.length = 0;
    t.state = TState.Done;
    t.wchan = null;
    t.body = null;
    const i = this.threads.indexOf(t);
    if (i >= 0) this.threads.splice(i, 1);
  }

  /** Runs until no choice is enabled, a fault halts the run, or maxSteps more steps were taken. */
  run(strategy: Strategy, maxSteps: number): StepResult {
    const start = this.step;
    const limit = start + maxSteps;
    while (!this.halted && this.step < limit) {
      const opts = this.enabled();
      if (opts.length === 0) break;
      const i = strategy.pick(opts, this.step);
      const c = opts[i];
      if (c === undefined) throw new Error(`strategy ${strategy.name} picked ${i} of ${opts.length} choices`);
      this.applyTo(this.optionThreads[i]!, c);
    }
    const steps = this.step - start;
    if (this.halted) return { steps, quiescent: false, faulted: true };
    if (this.enabled().length > 0) return { steps, quiescent: false, faulted: false };
    const blocked = this.blockedThreads();
    if (blocked.length > 0) return { steps, quiescent: false, deadlock: blocked, faulted: false };
    return { steps, quiescent: true, faulted: false };
  }

  /** Threads stuck in non-idle sleeps (or token waits) when nothing can run. */
  blockedThreads(): BlockedThread[] {
    const out: BlockedThread[] = [];
    for (const t of this.threads) {
      if (t.state === TState.Done || t.state === TState.Runnable) continue;
      if (t.state === TState.Sleeping && t.sleepIdle) continue;
      const tokens: string[] = [];
      for (const k of t.tokens) if (!tokens.includes(k.name)) tokens.push(k.name);
      out.push({ tid: t.tid, name: t.name, wchan: t.state === TState.TokenWait ? 'token' : t.wmesg, tokens });
    }
    return out;
  }
}
