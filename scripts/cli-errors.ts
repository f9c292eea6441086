/**
 * Errors a command may throw to end with a message and an exit code instead of a stack trace.
 * `main` in cli.ts turns them into stderr text and the exit code.
 */

/** Bad command-line usage: printed with the command's usage text, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A located, user-facing failure (bad input file, missing tool...). `exitCode` follows the
 * command's documented codes (TLC's codes for check/tlc, 2 for bad input elsewhere).
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
