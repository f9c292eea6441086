/**
 * Parser of TLC's console output, in tool mode (`-tool`: every message wrapped in
 * `@!@!@STARTMSG code:class @!@!@` ... `@!@!@ENDMSG code @!@!@`) and in plain mode, into the
 * shared CheckResult (bridge/result.ts) plus run details (version, mode, progress, queue).
 *
 * Message texts follow tlc2/output/MP.java; codes tlc2/output/EC.java. Tool-mode STATE messages
 * omit the `State ` prefix (`1: <Initial predicate>`) and ERROR messages the `Error: ` prefix;
 * the parser first rewrites tool mode into the plain-mode text, then reads the plain text.
 */
import type { CheckResult, CheckVerdict, ItfState, ItfStateMeta, ItfTrace, ItfValue } from '../result.js';
import { exitCodeForVerdict, TlcExitCode } from '../result.js';
import { parseTlcState, TlcValueSyntaxError } from '../itf/index.js';

export interface TlcProgress {
  readonly depth: number;
  readonly generated: number;
  readonly distinct: number;
  readonly queue: number;
}

export interface TlcOutput {
  /** The verdict, counts and counterexample; `tool: 'tlc'`. */
  readonly result: CheckResult;
  /** The exit code TLC gives this outcome (tlc2/output/EC.java ExitStatus). */
  readonly exitCode: number;
  /** `TLC2 Version ...` text after "Version ", when printed. */
  readonly version?: string;
  readonly mode: 'bfs' | 'dfid' | 'simulate' | 'unknown';
  /** Whether the output was in tool mode. */
  readonly toolMode: boolean;
  readonly statesLeftOnQueue?: number;
  readonly initialStates?: number;
  readonly progress: readonly TlcProgress[];
  /** Simulation seed, when printed. */
  readonly seed?: string;
  /** Whether TLC reached its final report (Finished...). False for truncated/killed runs. */
  readonly finished: boolean;
  /** Warnings (tool-mode class 3 messages / `Warning:` lines). */
  readonly warnings: readonly string[];
}

const START = /^@!@!@STARTMSG (\d+):(\d+) @!@!@$/;
const END = /^@!@!@ENDMSG (\d+) @!@!@$/;

/** TLC message codes used to rewrite tool-mode bodies into plain-mode text. */
const EC = {
  STATE_PRINT1: 2216,
  STATE_PRINT2: 2217,
  STUTTER: 2218,
  BACK_TO_STATE: 2122,
} as const;

const CLASS_ERROR = 1;
const CLASS_WARNING = 3;
const CLASS_STATE = 4;

/** Rewrites tool-mode output to the equivalent plain-mode text; plain text passes through. */
export function toolToPlain(text: string): { plain: string; toolMode: boolean; warnings: string[] } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (!lines.some((l) => START.test(l))) return { plain: lines.join('\n'), toolMode: false, warnings: [] };
  const out: string[] = [];
  const warnings: string[] = [];
  let code = -1;
  let cls = -1;
  let body: string[] | undefined;
  for (const line of lines) {
    const s = START.exec(line);
    if (s) {
      code = Number(s[1]);
      cls = Number(s[2]);
      body = [];
      continue;
    }
    if (END.test(line) && body !== undefined) {
      if (cls === CLASS_STATE) {
        if (code === EC.BACK_TO_STATE) {
          const m = /^(\d+): Back to state/.exec(body[0] ?? '');
          out.push(m ? `Back to state ${m[1]}.` : body.join('\n'), '');
        } else {
          out.push(`State ${body[0] ?? ''}`, ...body.slice(1));
          if (code === EC.STATE_PRINT1 || code === EC.STATE_PRINT2) out.push('');
        }
      } else if (cls === CLASS_ERROR) {
        out.push(`Error: ${body[0] ?? ''}`, ...body.slice(1));
      } else {
        if (cls === CLASS_WARNING) warnings.push(body.join('\n'));
        out.push(...body);
      }
      body = undefined;
      continue;
    }
    if (body !== undefined) body.push(line);
    else out.push(line);
  }
  return { plain: out.join('\n'), toolMode: true, warnings };
}

/**
 * Incremental version of toolToPlain for streaming TLC's output while it runs: feed chunks as
 * they arrive, get plain-mode text back one complete message (or line) at a time.
 */
export function toolStreamConverter(write: (plain: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  let message: string[] | undefined;
  const line = (l: string): void => {
    if (message === undefined) {
      if (START.test(l)) message = [l];
      else write(l + '\n');
      return;
    }
    message.push(l);
    if (END.test(l)) {
      const plain = toolToPlain(message.join('\n')).plain;
      message = undefined;
      if (plain.length > 0) write(plain + '\n');
    }
  };
  return {
    push(chunk: string): void {
      pending += chunk.replace(/\r\n/g, '\n');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        line(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    },
    end(): void {
      if (pending.length > 0) line(pending);
      pending = '';
      if (message !== undefined) write(message.join('\n') + '\n');
      message = undefined;
    },
  };
}

const num = (s: string): number => Number(s.replace(/,/g, ''));

/** Parses `Finished in 01min 02s at (...)` durations: `2455ms`, `01s`, `02min 03s`, `1h 02min`. */
function parseDuration(s: string): number | undefined {
  let total = 0;
  let any = false;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)\s*(ms|h|min|s)\b/g)) {
    any = true;
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n / 1000 : m[2] === 'h' ? n * 3600 : m[2] === 'min' ? n * 60 : n;
  }
  return any ? total : undefined;
}

function parseStamp(s: string): number | undefined {
  const m = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) / 1000;
}

/** Parses a state header `<Name(args) line a, col b to line c, col d of module M>`. */
export function parseStateHeader(header: string): ItfStateMeta {
  const h = header.trim();
  if (h === '<Initial predicate>') return { action: '<Initial predicate>' };
  const m = /^<([^\s(>]+)(?:\((.*?)\))?(?: (line \d+, col \d+ to line \d+, col \d+ of module \S+))?>$/.exec(h);
  if (!m) return { action: h.replace(/^<|>$/g, '') };
  return {
    action: m[1]!,
    ...(m[3] !== undefined ? { location: m[3] } : {}),
    ...(m[2] !== undefined ? { actionArgs: m[2] } : {}),
  };
}

class TraceBuilder {
  readonly states: ItfState[] = [];
  vars: string[] = [];
  readonly modelValues = new Set<string>();
  loop?: number;
  stuttering = false;

  add(meta: ItfStateMeta, body: string, lineNo: number): void {
    let parsed;
    try {
      parsed = parseTlcState(body, { lenient: true });
    } catch (e) {
      const msg = e instanceof TlcValueSyntaxError ? e.message : String(e);
      throw new TlcOutputError(`line ${lineNo}: cannot read the state printed by TLC: ${msg}`);
    }
    if (this.vars.length === 0) this.vars = [...parsed.vars.keys()];
    for (const mv of parsed.modelValues) this.modelValues.add(mv);
    const state: Record<string, ItfValue | ItfStateMeta> = { '#meta': { index: this.states.length, ...meta } };
    for (const [k, v] of parsed.vars) state[k] = v;
    this.states.push(state as ItfState);
  }

  build(): ItfTrace | undefined {
    if (this.states.length === 0) return undefined;
    return {
      '#meta': {
        format: 'ITF',
        source: 'TLC',
        ...(this.modelValues.size > 0 ? { modelValues: [...this.modelValues].sort() } : {}),
        ...(this.stuttering ? { stuttering: true } : {}),
      },
      vars: this.vars,
      states: this.states,
      ...(this.loop !== undefined ? { loop: this.loop } : {}),
    };
  }
}

/** Output TLC printed that we could not make sense of (e.g. a state we cannot parse). */
export class TlcOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlcOutputError';
  }
}

function errorExitCode(message: string): number {
  if (/Parse Error|Semantic error|Lexical error|Could not parse|\*\*\* Errors:/i.test(message)) return TlcExitCode.ERROR_SPEC_PARSE;
  if (/configuration file|\.cfg\b/i.test(message)) return TlcExitCode.ERROR_CONFIG_PARSE;
  if (/while evaluating|when TLC was evaluating|Attempted to/i.test(message)) return TlcExitCode.FAILURE_SPEC_EVAL;
  return TlcExitCode.ERROR;
}

/**
 * Whether `text` contains any message TLC itself prints (a tool-mode message, TLC's banner, or one
 * of its outcome or statistics lines). False for an empty file, an unrelated file, or the
 * complaint of a java that never started TLC ("Could not find or load main class tlc2.TLC").
 */
export function isTlcOutput(text: string): boolean {
  return /@!@!@STARTMSG \d+:\d+ @!@!@|^TLC2 Version|^Running (breadth-first|depth-first|Random simulation)|states generated|^Model checking completed|^Parsing file /m.test(text);
}

/** Parses a whole TLC console output (tool or plain mode). */
export function parseTlcOutput(text: string): TlcOutput {
  const { plain, toolMode, warnings } = toolToPlain(text);
  const lines = plain.split('\n');
  let verdict: CheckVerdict | undefined;
  let violated: string | undefined;
  let version: string | undefined;
  let mode: TlcOutput['mode'] = 'unknown';
  let generated: number | undefined;
  let distinct: number | undefined;
  let queue: number | undefined;
  let depth: number | undefined;
  let seconds: number | undefined;
  let startStamp: number | undefined;
  let initialStates: number | undefined;
  let seed: string | undefined;
  let finished = false;
  let errorExit: number | undefined;
  const errors: string[] = [];
  const progress: TlcProgress[] = [];
  const trace = new TraceBuilder();

  const setVerdict = (v: CheckVerdict, name?: string): void => {
    if (verdict === undefined || verdict === 'error') {
      verdict = v;
      if (name !== undefined) violated = name;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if ((m = /^TLC2 Version (.*)$/.exec(line))) version = m[1]!.trim();
    else if (/^Running (breadth-first search )?Model-Checking|Running in Model-Checking mode/.test(line)) mode = 'bfs';
    else if ((m = /^Running Random Simulation with seed (-?\d+)/.exec(line))) {
      mode = 'simulate';
      seed = m[1];
    } else if (/^Running depth-first search/.test(line)) mode = 'dfid';
    else if ((m = /^Starting\.\.\. \((.*)\)/.exec(line))) startStamp = parseStamp(m[1]!);
    else if ((m = /^Finished computing initial states: ([\d,]+) distinct states? generated/.exec(line))) initialStates = num(m[1]!);
    else if ((m = /^Computed ([\d,]+) initial states/.exec(line))) initialStates = num(m[1]!);
    else if (/^Model checking completed\. No error has been found\./.test(line)) setVerdict('success');
    else if ((m = /^(?:Error: )?Invariant (\S+) is violated(\.| by the initial state:)/.exec(line))) {
      setVerdict('invariant', m[1]);
      if (m[2] !== '.') {
        // The initial state follows directly, without a `State 1:` header.
        const body: string[] = [];
        let j = i + 1;
        while (j < lines.length && lines[j]!.trim() !== '') body.push(lines[j++]!);
        trace.add({ action: '<Initial predicate>' }, body.join('\n'), i + 2);
        i = j;
      }
    } else if ((m = /^(?:Error: )?Action property (\S+) is violated\./.exec(line))) setVerdict('invariant', m[1]);
    else if (/^(?:Error: )?Deadlock reached\./.test(line)) setVerdict('deadlock');
    else if (/^(?:Error: )?Temporal properties were violated\./.test(line)) setVerdict('liveness');
    else if ((m = /^(?:Error: )?Assumption (.*) is false\./.exec(line))) setVerdict('assumption', m[1]);
    else if ((m = /^(?:Error: )?The first argument of Assert evaluated to FALSE/.exec(line))) {
      setVerdict('error');
      errors.push(line.replace(/^Error: /, ''));
      errorExit = TlcExitCode.VIOLATION_ASSERT;
    } else if ((m = /^State (\d+): (<.*>)\s*$/.exec(line))) {
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== '') body.push(lines[j++]!);
      trace.add(parseStateHeader(m[2]!), body.join('\n'), i + 2);
      i = j;
    } else if (/^State (\d+): Stuttering/.test(line)) trace.stuttering = true;
    else if ((m = /^Back to state (\d+)/.exec(line))) trace.loop = Number(m[1]) - 1;
    else if ((m = /^([\d,]+) states generated, ([\d,]+) distinct states found, ([\d,]+) states left on queue\./.exec(line))) {
      generated = num(m[1]!);
      distinct = num(m[2]!);
      queue = num(m[3]!);
    } else if ((m = /^Progress\((\d+)\) at [^:]*:\d\d:\d\d: ([\d,]+) states generated(?: \([^)]*\))?, ([\d,]+) distinct states found(?: \([^)]*\))?, ([\d,]+) states left on queue/.exec(line))) {
      progress.push({ depth: Number(m[1]), generated: num(m[2]!), distinct: num(m[3]!), queue: num(m[4]!) });
    } else if ((m = /^The depth of the complete state graph search is (\d+)\./.exec(line))) depth = Number(m[1]);
    else if ((m = /^The number of states generated: ([\d,]+)/.exec(line))) generated = num(m[1]!);
    else if ((m = /^Finished in (.*?)(?: at \((.*)\))?$/.exec(line))) {
      finished = true;
      seconds = parseDuration(m[1]!);
    } else if ((m = /^Finished\. \((.*)\)/.exec(line))) {
      finished = true;
      const end = parseStamp(m[1]!);
      if (end !== undefined && startStamp !== undefined) seconds = end - startStamp;
    } else if (/^Error: /.test(line) && !/^Error: The (behavior up to this point is|following behavior constitutes a counter-example):/.test(line)) {
      // Any other TLC error (parse, config, evaluation): collect it with its continuation lines.
      const body = [line.replace(/^Error: /, '')];
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== '' && !/^(Error: |State \d+:|\d+ states generated)/.test(lines[j]!)) body.push(lines[j++]!);
      errors.push(body.join('\n'));
      i = j - 1;
    } else if (/^\*\*\*\s*Parse Error\s*\*\*\*|^Semantic errors:|^\*\*\* Errors:/.test(line)) {
      errors.push(lines.slice(i, Math.min(lines.length, i + 8)).join('\n'));
    }
  }

  if (verdict === undefined) verdict = 'error'; // its message: the errors collected, or why there is no verdict
  const lastProgress = progress.at(-1);
  const tr = trace.build();
  const message =
    verdict === 'error'
      ? errors.length > 0
        ? errors.join('\n')
        : finished
          ? 'TLC finished without a verdict'
          : 'TLC output ended before a verdict (truncated or killed run)'
      : undefined;
  const result: CheckResult = {
    result: verdict,
    distinctStates: distinct ?? lastProgress?.distinct ?? (mode === 'simulate' ? 0 : initialStates ?? 0),
    totalStates: generated ?? lastProgress?.generated ?? 0,
    depth: depth ?? lastProgress?.depth ?? tr?.states.length ?? 0,
    seconds: seconds ?? 0,
    tool: 'tlc',
    ...(violated !== undefined ? { violated } : {}),
    ...(tr !== undefined ? { trace: tr } : {}),
    ...(message !== undefined ? { message } : {}),
  };
  const exitCode =
    verdict === 'error' ? errorExit ?? errorExitCode(message ?? '') : exitCodeForVerdict(verdict);
  return {
    result,
    exitCode,
    mode,
    toolMode,
    progress,
    finished,
    warnings,
    ...(version !== undefined ? { version } : {}),
    ...(queue !== undefined ? { statesLeftOnQueue: queue } : lastProgress ? { statesLeftOnQueue: lastProgress.queue } : {}),
    ...(initialStates !== undefined ? { initialStates } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}
