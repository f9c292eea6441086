/**
 * The TLA+ bridge's library entry points (shared vocabulary, see README): `checkSpec` model
 * checks a spec with its TLC config, `traceCheck` decides whether an ITF trace is a behaviour of
 * a spec. Both never throw for bad input: problems come back as `result: 'error'` with a
 * located message (the CLI maps them to TLC's exit codes).
 */
import type { CheckResult, ItfTrace } from './result.js';
import { CheckError, runCheck } from './checker/run.js';
import { runTraceCheck, type TraceCheckResult } from './trace/check.js';

export type { CheckResult, ItfTrace } from './result.js';
export type { TraceCheckResult, TraceStepFailure, ActionAttempt, TraceChecker } from './trace/check.js';
export { createTraceChecker } from './trace/check.js';
export { CheckError } from './checker/run.js';

export interface CheckSpecOptions {
  /** Path of the .tla file. */
  readonly spec: string;
  /** Path of the .cfg file (default: Spec.cfg beside the spec, like TLC). */
  readonly config?: string;
  /** Stop after this many distinct states (result 'error'). */
  readonly maxStates?: number;
  /** Kept for the shared signature: the library always returns the JSON-able CheckResult. */
  readonly json?: boolean;
  /** Receives TLC-style progress lines. */
  readonly onProgress?: (line: string) => void;
  /** Receives Print/PrintT output (default: stdout). */
  readonly print?: (line: string) => void;
}

function errorResult(message: string): CheckResult {
  return { result: 'error', message, distinctStates: 0, totalStates: 0, depth: 0, seconds: 0, tool: 'exitspec' };
}

/** Model checks a spec. */
export async function checkSpec(opts: CheckSpecOptions): Promise<CheckResult> {
  try {
    const o = await runCheck(opts);
    return o.result;
  } catch (e) {
    if (e instanceof CheckError) return errorResult(e.message);
    throw e;
  }
}

export interface TraceCheckOptions {
  /** An ITF trace, or the path of an .itf.json file. */
  readonly trace: string | ItfTrace;
  readonly spec: string;
  readonly config?: string;
}

/** Checks whether a trace is a behaviour of the spec. */
export async function traceCheck(opts: TraceCheckOptions): Promise<TraceCheckResult> {
  return runTraceCheck(opts);
}
