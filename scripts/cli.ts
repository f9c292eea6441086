/**
 * The `exitspec` command: a dispatcher over subcommands, each in scripts/commands/<name>.ts
 * exporting `summary`, `usage` and `run(argv) => exit code`.
 */
import { CliError, UsageError } from './cli-errors.js';

export interface CommandModule {
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  explore: () => import('./commands/explore.js'),
  check: () => import('./commands/check.js'),
  'trace-check': () => import('./commands/trace-check.js'),
  tlc: () => import('./commands/tlc.js'),
};

async function overview(): Promise<string> {
  const lines = ['usage: exitspec <command> [options]', '', 'commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const mod = await load();
    lines.push(`  ${name.padEnd(12)} ${mod.summary}`);
  }
  lines.push('', "Run 'exitspec <command> --help' for a command's options.");
  return lines.join('\n') + '\n';
}

let epipeGuarded = false;

/**
 * `exitspec check ... | head` closes the pipe early: stop quietly, as Unix tools do, instead of
 * Node's unhandled 'error' event (an EPIPE stack trace). Installed once per process.
 */
function guardEpipe(): void {
  if (epipeGuarded) return;
  epipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}

/** Runs the CLI and returns the process exit code. Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  guardEpipe();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await overview());
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    process.stderr.write(`exitspec: unknown command '${name}'\n\n${await overview()}`);
    return 2;
  }
  const mod = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(mod.usage.endsWith('\n') ? mod.usage : mod.usage + '\n');
    return 0;
  }
  try {
    return await mod.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`exitspec ${name}: ${e.message}\n\n${mod.usage}\n`);
      return 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(`exitspec ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`exitspec ${name}: internal error: ${msg}\n`);
    if (process.env['EXITSPEC_DEBUG'] && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    return 255;
  }
}
