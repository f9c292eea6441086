/**
 * The MINIX TLA+ model (tla/MinixPM.tla) through exitspec's checker: the clean worlds pass every
 * invariant, each reachability witness is violated (so the interesting states are reached, not
 * vacuously safe), each mutant of impl/minix/mutants.ts violates the invariant the catalogue
 * names, the refinement to ExitWait holds between PM steps, every TLA+ action is named after a
 * label of impl/minix/labels.ts, and every label is an action or listed in
 * MINIX_LABELS_WITHOUT_ACTION with its reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSpec } from '../bridge/index.js';
import { MINIX_MUTANTS, STEP_LABELS, tlaActionName } from '../impl/minix/index.js';
import { withOnlyInvariant } from '../tla/models.js';

const TLA = join(import.meta.dirname, '..', 'tla');
/** Written configs (witness, mutant and fairness variants), removed after the file's tests. */
const scratch = mkdtempSync(join(tmpdir(), 'minix-tla-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const check = (name: string, config?: string) => checkSpec({ spec: join(TLA, `${name}.tla`), config: config ?? join(TLA, `${name}.cfg`) });

/** A copy of `base`.cfg whose only invariant is `inv`. */
function witnessConfig(base: string, inv: string): string {
  const file = join(scratch, `${base}-${inv}.cfg`);
  writeFileSync(file, withOnlyInvariant(readFileSync(join(TLA, `${base}.cfg`), 'utf8'), inv));
  return file;
}

/** TLA+ invariant name of an impl invariant: snake_case to CamelCase. */
const camel = (s: string): string => s.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/**
 * Labels of impl/minix/labels.ts that have no action of their own in tla/MinixPM.tla, each with
 * the reason: folded into the action that runs it (a user call and PM's handling of it are one
 * action, a VFS answer and PM's handling of its reply are one action, and the path labels inside a
 * PM step are branches of the operators that action applies), stuttering (nothing the model keeps
 * changes), or outside the modelled worlds (the model has user processes, INIT and PM, SIGKILL
 * and SIGHUP, ptrace T_ATTACH, fork/exit/wait4/kill, no core dumps, no system processes).
 */
export const MINIX_LABELS_WITHOUT_ACTION: Readonly<Record<string, string>> = {
  'user.send': 'folded: a user call and its PM handling are one action',
  'pm.drop_exiting': 'folded: send and handling are one action, so an EXITING process sends nothing (CanCall)',
  'pm.no_sys': 'outside the modelled worlds (no unknown call numbers)',
  'do_fork.eagain': 'stuttering (a refused fork changes nothing the model keeps; do_fork_suspend needs piu < N)',
  'do_srv_fork.eperm': 'outside the modelled worlds (no srv_fork)',
  'do_srv_fork.eagain': 'outside the modelled worlds (no srv_fork)',
  'do_srv_fork.reply_child': 'outside the modelled worlds (no srv_fork)',
  'do_exit.priv_sigkill': 'outside the modelled worlds (no system processes call exit)',
  'do_trace.exit': 'outside the modelled worlds (ptrace T_ATTACH only)',
  'do_trace.detach': 'outside the modelled worlds (ptrace T_ATTACH only)',
  'do_trace.resume': 'outside the modelled worlds (ptrace T_ATTACH only)',
  'do_trace.refused': 'stuttering (a refused ptrace request changes nothing the model keeps)',
  'do_sigaction.set': 'outside the modelled worlds (SIGCHLD is held for a tracer or ignored, SigChld)',
  'do_setsid.tell_vfs': 'outside the modelled worlds (process groups are given by Init and fork)',
  'do_setsid.eperm': 'outside the modelled worlds (no setsid)',
  'process_ksig.deliver': 'outside the modelled worlds (no kernel signals)',
  'process_ksig.dead': 'outside the modelled worlds (no kernel signals)',
  'handle_vfs_reply.srv_fork': 'outside the modelled worlds (no srv_fork)',
  'handle_vfs_reply.core': 'outside the modelled worlds (no core dumps)',
  'handle_vfs_reply.setsid': 'outside the modelled worlds (no setsid)',
  'vfs.pm_fork': 'folded into handle_vfs_reply_fork / handle_vfs_reply_fork_new_parent (VFS only queues the reply)',
  'vfs.pm_srv_fork': 'outside the modelled worlds (no srv_fork)',
  'vfs.pm_exit': 'folded into handle_vfs_reply_exit (VFS only queues the reply)',
  'vfs.pm_dumpcore': 'outside the modelled worlds (no core dumps)',
  'vfs.pm_setsid': 'outside the modelled worlds (no setsid)',
  'exit_proc.no_core': 'outside the modelled worlds (no core dumps)',
  'exit_proc.stop': 'folded into exit_proc_mark_exiting (MarkExiting sets PROC_STOPPED)',
  'exit_proc.init_died': 'folded into exit_proc_mark_exiting (its s = INIT branch)',
  'exit_proc.tell_vfs': 'folded into exit_proc_mark_exiting (VFS_CALL, vfs = "exit")',
  'exit_proc.priv_clear': 'outside the modelled worlds (no system processes exit)',
  'exit_proc.zombify': 'folded into exit_proc_mark_exiting (Zombify)',
  'exit_proc.new_parent': 'folded into exit_proc_disinherit (ParentStage sets NEW_PARENT)',
  'exit_proc.offer_init': 'folded into exit_proc_disinherit (ParentStage: CheckParent of a zombie)',
  'exit_restart.sched_stop': 'stuttering (mp_scheduler is not modelled)',
  'exit_restart.zombify': 'outside the modelled worlds (only a core dump zombifies in exit_restart)',
  'exit_restart.trace_exit_reply': 'outside the modelled worlds (no ptrace T_EXIT)',
  'exit_restart.cleanup': 'folded into handle_vfs_reply_exit (Cleanup)',
  'zombify.trace_zombie': 'folded into Zombify (exit_proc_mark_exiting)',
  'zombify.tell_tracer': 'folded into Zombify (exit_proc_mark_exiting)',
  'zombify.zombie': 'folded into Zombify (exit_proc_mark_exiting)',
  'check_parent.exiting_parent': 'folded into CheckParent (Zombify, TracerDied, ParentStage, do_wait4_tell_tracer)',
  'check_parent.tell_parent': 'folded into CheckParent (Zombify, TracerDied, ParentStage, do_wait4_tell_tracer)',
  'check_parent.sigchld': 'folded into CheckParent (Zombify, TracerDied, ParentStage, do_wait4_tell_tracer)',
  'tell_parent.copy_fail': 'outside the modelled worlds (the rusage copy-out always succeeds)',
  'tell_parent.reply': 'folded into TellParent (do_wait4_tell_parent, CheckParent)',
  'tell_tracer.reply': 'folded into TellTracer (do_wait4_tell_tracer, Zombify)',
  'tracer_died.kill': 'folded into exit_proc_tracer_died (TracerDied)',
  'tracer_died.reparent_zombie': 'folded into exit_proc_tracer_died (TracerDied)',
  'tracer_died.exiting': 'folded into exit_proc_tracer_died (TracerDied)',
  'cleanup.free': 'folded into Cleanup (do_wait4_tell_parent, handle_vfs_reply_exit, CheckParent)',
  'sig_proc.to_tracer': 'folded into Signal / SigChld (their TraceStop branch)',
  'sig_proc.pending_vfs': 'folded into Signal / SigChld (their VFS_CALL branch)',
  'sig_proc.pending_stopped': 'folded into Signal (its TRACE_STOPPED branch)',
  'sig_proc.ignored': 'folded into SigChld (SIGCHLD ignored)',
  'sig_proc.exit': 'folded into Signal (a nested exit pushed for exit_proc_mark_exiting)',
  'trace_stop.reply': 'folded into TraceStop (do_trace_attach, Signal, SigChld)',
  'restart_sigs.trace_exit': 'outside the modelled worlds (no ptrace T_EXIT)',
  'restart_sigs.pending': 'folded into RestartSigs (handle_vfs_reply_fork, handle_vfs_reply_fork_new_parent)',
};

/** Model actions of tla/MinixPM.tla: every `name ==` / `name(params) ==` definition in lower case (but `vars`). */
const MODEL_ACTIONS = [...readFileSync(join(TLA, 'MinixPM.tla'), 'utf8').matchAll(/^([a-z][a-z0-9_]*)(\([^)]*\))? ==/gm)]
  .map((m) => m[1]!)
  .filter((a) => a !== 'vars');

/** What is wrong with `table` as the list of labels without a model action (all empty: nothing). */
function labelActionGaps(table: Readonly<Record<string, string>>): { missing: string[]; listedButModelled: string[]; unknown: string[] } {
  const actions = new Set(MODEL_ACTIONS);
  return {
    missing: STEP_LABELS.map((l) => l.label).filter((l) => !actions.has(tlaActionName(l)) && table[l] === undefined),
    listedButModelled: Object.keys(table).filter((l) => actions.has(tlaActionName(l))),
    unknown: Object.keys(table).filter((l) => !STEP_LABELS.some((s) => s.label === l)),
  };
}

describe('tla/MinixPM.tla', () => {
  it.each(['MCMinixPM', 'MCMinixPMTree'])('%s: every invariant holds', async (name) => {
    const r = await check(name);
    expect(r.result, r.message ?? r.violated).toBe('success');
    expect(r.distinctStates).toBeGreaterThan(1000);
  });

  it.each([
    ['MCMinixPM', 'NeverToldBeforeVfs'],
    ['MCMinixPM', 'NeverFreedAfterUse'],
    ['MCMinixPMTree', 'NeverNewParent'],
    ['MCMinixPMTree', 'NeverTraceZombie'],
  ])('%s reaches the state %s rules out (anti-vacuity)', async (base, inv) => {
    const r = await check(base, witnessConfig(base, inv));
    expect(r.result).toBe('invariant');
    expect(r.violated).toBe(inv);
  });

  for (const m of MINIX_MUTANTS) {
    it(`mutant ${m.name} is caught by ${m.caughtBy.join(' or ')}`, async () => {
      const r = await check(`MCBug_Minix_${m.name}`);
      expect(r.result).toBe('invariant');
      const expected = [...m.caughtBy.map(camel), 'ReplyMatchesCall'];
      expect(expected, `violated ${r.violated}`).toContain(r.violated);
      expect(r.trace?.states.length ?? 0).toBeGreaterThan(1);
    });
  }

  it('refines ExitWait between PM steps (MCMinixRefinement), and a mutant breaks the refinement', async () => {
    const r = await check('MCMinixRefinement');
    expect(r.result, r.message ?? r.violated).toBe('success');
    const text = readFileSync(join(TLA, 'MCMinixRefinement.cfg'), 'utf8').replace('Bug = "none"', 'Bug = "forget_told_parent"');
    writeFileSync(join(scratch, 'R.cfg'), text);
    const bad = await check('MCMinixRefinement', join(scratch, 'R.cfg'));
    expect(bad.result).not.toBe('success');
  });

  it('liveness (MCMinixPMLive): waiting parents are answered and collected slots freed, under fairness only', async () => {
    const r = await check('MCMinixPMLive');
    expect(r.result, r.message ?? r.violated).toBe('success');
    const text = readFileSync(join(TLA, 'MCMinixPMLive.cfg'), 'utf8');
    // without fairness VFS may never answer: a collected slot is never freed
    writeFileSync(join(scratch, 'unfair.cfg'), text.replace('SPECIFICATION FairSpec', 'SPECIFICATION Spec'));
    const unfair = await check('MCMinixPMLive', join(scratch, 'unfair.cfg'));
    expect(unfair.result).toBe('liveness');
    // tracer_died_no_reparent leaves INIT waiting forever for a TRACE_ZOMBIE nobody will collect
    const tree = text
      .replace('N = 4', 'N = 5')
      .replace('Boot = {2}', 'Boot = {2, 3}')
      .replace('WaitPids = {-1, 3}', 'WaitPids = {}')
      .replace('Bug = "none"', 'Bug = "tracer_died_no_reparent"')
      .replace('Atomic = FALSE', 'Atomic = TRUE');
    writeFileSync(join(scratch, 'tracer.cfg'), tree);
    const mutant = await check('MCMinixPMLive', join(scratch, 'tracer.cfg'));
    expect(mutant.result).toBe('liveness');
  });

  it('every action of the model is a step or path label of impl/minix/labels.ts', () => {
    const known = new Set(STEP_LABELS.map((l) => tlaActionName(l.label)));
    expect(MODEL_ACTIONS.length).toBeGreaterThan(10);
    for (const a of MODEL_ACTIONS) expect(known.has(a), a).toBe(true);
  });

  it('every label is an action of the model, or is listed with its reason in MINIX_LABELS_WITHOUT_ACTION (and only then)', () => {
    expect(labelActionGaps(MINIX_LABELS_WITHOUT_ACTION)).toEqual({ missing: [], listedButModelled: [], unknown: [] });
  });

  it('the reverse check fails when an entry of MINIX_LABELS_WITHOUT_ACTION is removed', () => {
    for (const label of Object.keys(MINIX_LABELS_WITHOUT_ACTION)) {
      const { [label]: _removed, ...rest } = MINIX_LABELS_WITHOUT_ACTION;
      expect(labelActionGaps(rest).missing, label).toEqual([label]);
    }
  });
});
