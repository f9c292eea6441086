/**
 * The shared result shape of a model-checking run, produced both by our checker (bridge/checker)
 * and by the TLC output parser (bridge/tlc), and the ITF (Informal Trace Format, Apalache ADR-015)
 * types counterexamples are expressed in. `exitspec check --json` and `exitspec tlc --json` print
 * one `CheckResult` as the last line of output.
 */

/** An ITF expression (Apalache ADR-015). Model values are encoded as JSON strings; the trace's
 * `#meta.modelValues` lists which strings are model values. */
export type ItfValue =
  | boolean
  | string
  | number
  | { readonly '#bigint': string }
  | readonly ItfValue[] // TLA+ sequence / tuple with domain 1..n
  | { readonly '#tup': readonly ItfValue[] }
  | { readonly '#set': readonly ItfValue[] }
  | { readonly '#map': readonly (readonly [ItfValue, ItfValue])[] }
  | { readonly '#unserializable': string }
  | ItfRecord;

export interface ItfRecord {
  readonly [field: string]: ItfValue;
}

/** One ITF state: `#meta` plus one entry per variable. */
export interface ItfState {
  readonly '#meta'?: ItfStateMeta;
  readonly [variable: string]: ItfValue | ItfStateMeta | undefined;
}

export interface ItfStateMeta {
  readonly index?: number;
  /** Name of the action that produced this state ("Init" / "<Initial predicate>" for the first). */
  readonly action?: string;
  /** The action's parameters when it is parameterised, e.g. {"self": "t1"}. */
  readonly actionParams?: Readonly<Record<string, ItfValue>>;
  /** Source location of the action, TLC style. */
  readonly location?: string;
  readonly [key: string]: unknown;
}

export interface ItfTrace {
  readonly '#meta'?: {
    readonly format?: 'ITF';
    readonly source?: string;
    readonly description?: string;
    readonly modelValues?: readonly string[];
    /** For a liveness lasso ending in infinite stuttering. */
    readonly stuttering?: boolean;
    readonly [key: string]: unknown;
  };
  readonly params?: readonly string[];
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
  /** Index of the state the lasso loops back to (liveness counterexamples). */
  readonly loop?: number;
}

export type CheckVerdict = 'success' | 'invariant' | 'deadlock' | 'liveness' | 'assumption' | 'error';

export interface CheckResult {
  readonly result: CheckVerdict;
  readonly distinctStates: number;
  readonly totalStates: number;
  readonly depth: number;
  readonly seconds: number;
  /** The violated invariant/property/assumption name, when result is not success. */
  readonly violated?: string;
  /** The counterexample, when there is one. */
  readonly trace?: ItfTrace;
  /** Human-readable error text for result "error" (parse/config/evaluation errors). */
  readonly message?: string;
  /** Which tool produced it. */
  readonly tool?: 'exitspec' | 'tlc';
}

/** TLC's process exit codes (tlc2/output/EC.java ExitStatus), which our checker also uses. */
export const TlcExitCode = {
  SUCCESS: 0,
  VIOLATION_ASSUMPTION: 10,
  VIOLATION_DEADLOCK: 11,
  VIOLATION_SAFETY: 12,
  VIOLATION_LIVENESS: 13,
  VIOLATION_ASSERT: 14,
  FAILURE_SPEC_EVAL: 75,
  FAILURE_SAFETY_EVAL: 76,
  FAILURE_LIVENESS_EVAL: 77,
  ERROR_SPEC_PARSE: 150,
  ERROR_CONFIG_PARSE: 151,
  ERROR_STATESPACE_TOO_LARGE: 152,
  ERROR_SYSTEM: 153,
  ERROR: 255,
} as const;

/** The exit code a verdict maps to. */
export function exitCodeForVerdict(verdict: CheckVerdict): number {
  switch (verdict) {
    case 'success':
      return TlcExitCode.SUCCESS;
    case 'invariant':
      return TlcExitCode.VIOLATION_SAFETY;
    case 'deadlock':
      return TlcExitCode.VIOLATION_DEADLOCK;
    case 'liveness':
      return TlcExitCode.VIOLATION_LIVENESS;
    case 'assumption':
      return TlcExitCode.VIOLATION_ASSUMPTION;
    case 'error':
      return TlcExitCode.ERROR;
  }
}
