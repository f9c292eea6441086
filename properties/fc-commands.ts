/**
 * The fast-check commands of the stateful test: KernelCommand (one abstract command, sometimes
 * with one or two more submitted together) and RaceTemplateCommand (waiters vs. an exiting child;
 * two exits of one process), and the commands arbitrary.
 */
import fc from 'fast-check';
import type { Command, WaitOptions } from '../impl/api.js';
import { describe, type SpecProc, type SpecState } from '../spec/index.js';
import { abstractCmdArb, busyTids, defaultKinds, optionsArb, resolve, scheduleArb, type AbstractCmd } from './generate.js';
import type { HarnessConfig } from './harness-config.js';
import { choiceListStrategy } from './schedule.js';
import { step, type Issued, type Model, type Real } from './step.js';

/**
 * A fast-check command that resolves a batch of kernel commands against the model and runs them
 * together under one fast-check-chosen schedule. Subclasses say how the batch is chosen.
 */
abstract class BatchCommand implements fc.Command<Model, Real> {
  private shown: string | undefined;
  constructor(readonly choices: readonly number[]) {}
  /** The batch to issue in this model state (first command first), or undefined if none fits. */
  protected abstract resolveAll(m: Readonly<Model>): Issued[] | undefined;
  /** What to print before the command has run. */
  protected abstract get title(): string;
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
    return `${this.shown ?? this.title} sched=[${this.choices.join(',')}]`;
  }
}

export class KernelCommand extends BatchCommand {
  constructor(
    readonly abs: AbstractCmd,
    choices: readonly number[],
    readonly cfg: HarnessConfig,
    /** Commands submitted together with the first, so they run concurrently with it. */
    readonly race?: AbstractCmd | readonly AbstractCmd[],
  ) {
    super(choices);
  }
  protected get title(): string {
    return this.abs.kind;
  }
  protected resolveAll(m: Readonly<Model>): Issued[] | undefined {
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
}

/**
 * Race templates, resolved against the model like any command and skipped when nothing fits:
 * - 'waiters': every idle thread (up to three) of a process waits for children while one of its
 *   children exits, all submitted together (the p_waitgen / PHOLDZOMB / PWAITRES windows);
 * - 'exits': two threads of one process exit at once (the P_WEXIT master-exit interlock).
 */
export class RaceTemplateCommand extends BatchCommand {
  constructor(
    readonly template: 'waiters' | 'exits',
    readonly pick: number,
    readonly options: WaitOptions,
    choices: readonly number[],
    readonly cfg: HarnessConfig,
  ) {
    super(choices);
  }
  protected get title(): string {
    return this.template;
  }
  private idleOf(s: SpecState, p: SpecProc): number[] {
    return p.tids.filter((t) => !busyTids(s, p.pid).has(t));
  }
  protected resolveAll(m: Readonly<Model>): Issued[] | undefined {
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
