/**
 * Running real TLC: `java -cp $TLA2TOOLS_JAR tlc2.TLC -tool -config X.cfg Spec.tla` with
 * child_process, then parsing its output into a CheckResult. The jar is found through the
 * `TLA2TOOLS_JAR` environment variable; setup problems (no variable, no jar file, no java) are
 * TlcSetupError with exit code 153 (TLC's ERROR_SYSTEM), carrying instructions.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { TlcExitCode } from '../result.js';
import { isTlcOutput, parseTlcOutput, type TlcOutput } from './output.js';

/** Where to get the jar, printed when it is missing. */
export const TLA2TOOLS_HELP =
  'Download tla2tools.jar from the TLA+ releases (https://github.com/tlaplus/tlaplus/releases, ' +
  'e.g. https://github.com/tlaplus/tlaplus/releases/latest/download/tla2tools.jar), install Java 11 or newer, ' +
  'and set TLA2TOOLS_JAR=/path/to/tla2tools.jar';

/** A problem with the TLC installation (not with the spec). */
export class TlcSetupError extends Error {
  readonly exitCode: number = TlcExitCode.ERROR_SYSTEM;
  constructor(message: string) {
    super(message);
    this.name = 'TlcSetupError';
  }
}

/** Resolves the jar from `env.TLA2TOOLS_JAR`, checking that the file exists. */
export function findTlaToolsJar(env: NodeJS.ProcessEnv = process.env): string {
  const jar = env['TLA2TOOLS_JAR'];
  if (jar === undefined || jar.trim() === '') {
    throw new TlcSetupError(`TLA2TOOLS_JAR is not set, so real TLC cannot run. ${TLA2TOOLS_HELP}.`);
  }
  if (!existsSync(jar)) {
    throw new TlcSetupError(`TLA2TOOLS_JAR=${jar}: expected the path of tla2tools.jar but no such file exists. ${TLA2TOOLS_HELP}.`);
  }
  if (!statSync(jar).isFile()) {
    throw new TlcSetupError(`TLA2TOOLS_JAR=${jar}: expected the path of tla2tools.jar but it is not a file. ${TLA2TOOLS_HELP}.`);
  }
  return resolve(jar);
}

export interface TlcRunOptions {
  /** The .tla file to check. */
  readonly spec: string;
  /** The .cfg file; TLC's default is Spec.cfg next to the spec. */
  readonly config?: string;
  /** `-workers N` (default 1). */
  readonly workers?: number;
  /** `-deadlock`: do NOT check for deadlock (TLC's flag meaning). */
  readonly noDeadlock?: boolean;
  /** Extra TLC options, passed through. */
  readonly extraArgs?: readonly string[];
  /** The jar; default from TLA2TOOLS_JAR. */
  readonly jar?: string;
  /** The java executable (default `java`, or $JAVA_HOME/bin/java when JAVA_HOME is set). */
  readonly java?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each chunk of TLC's stdout as it arrives. */
  readonly onOutput?: (chunk: string) => void;
}

export interface TlcRun extends TlcOutput {
  /** TLC's own process exit code. */
  readonly processExitCode: number;
  /** TLC's raw stdout+stderr. */
  readonly raw: string;
}

/** The java command line for a run (exported for tests and for `--dry-run`-style display). */
export function tlcCommandLine(opts: TlcRunOptions, jar: string, metadir: string): string[] {
  const args = ['-XX:+UseParallelGC', '-cp', jar, 'tlc2.TLC', '-tool', '-metadir', metadir, '-workers', String(opts.workers ?? 1)];
  if (opts.config !== undefined) args.push('-config', resolve(opts.config));
  if (opts.noDeadlock) args.push('-deadlock');
  args.push(...(opts.extraArgs ?? []));
  args.push(basename(opts.spec));
  return args;
}

/** Runs TLC and parses its output. Throws TlcSetupError when TLC cannot be started. */
export async function runTlc(opts: TlcRunOptions): Promise<TlcRun> {
  const env = opts.env ?? process.env;
  const jar = opts.jar ?? findTlaToolsJar(env);
  if (!existsSync(opts.spec)) throw new TlcSetupError(`${opts.spec}: expected a .tla file but no such file exists`);
  if (opts.config !== undefined && !existsSync(opts.config)) throw new TlcSetupError(`${opts.config}: expected a .cfg file but no such file exists`);
  const java = opts.java ?? (env['JAVA_HOME'] ? join(env['JAVA_HOME'], 'bin', 'java') : 'java');
  const metadir = await mkdtemp(join(tmpdir(), 'exitspec-tlc-'));
  try {
    const args = tlcCommandLine(opts, jar, metadir);
    const { code, out } = await new Promise<{ code: number; out: string }>((resolvePromise, reject) => {
      const child = spawn(java, args, { cwd: dirname(resolve(opts.spec)), env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        out += d;
        opts.onOutput?.(d);
      });
      child.stderr.on('data', (d: string) => {
        out += d;
      });
      child.on('error', (e: NodeJS.ErrnoException) => {
        reject(
          e.code === 'ENOENT'
            ? new TlcSetupError(`cannot run '${java}': no such program. Install Java 11 or newer (or set JAVA_HOME). ${TLA2TOOLS_HELP}.`)
            : new TlcSetupError(`cannot run '${java}': ${e.message}`),
        );
      });
      child.on('close', (c, signal) => resolvePromise({ code: c ?? (signal ? 128 : TlcExitCode.ERROR), out }));
    });
    if (!isTlcOutput(out)) {
      // java ran but TLC did not: a file that is not tla2tools.jar, an old java, a JVM option error.
      const said = out.trim().split('\n').slice(0, 3).join(' / ') || `nothing (exit code ${code})`;
      throw new TlcSetupError(`TLA2TOOLS_JAR=${jar}: TLC could not be started; '${java}' said: ${said}. ${TLA2TOOLS_HELP}.`);
    }
    const parsed = parseTlcOutput(out);
    return { ...parsed, processExitCode: code, raw: out };
  } finally {
    await rm(metadir, { recursive: true, force: true });
  }
}
