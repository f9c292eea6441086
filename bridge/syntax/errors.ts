/**
 * The front end's located error: parse errors, unsupported syntax, missing modules, unresolved
 * names and arity mismatches. The message always starts with `file:line:col: ` and names the
 * offending source text, e.g. `Spec.tla:12:9: unknown operator 'Nxt' (near 'Nxt')`.
 * The CLI maps it to TLC's parse-error exit code (150, TlcExitCode.ERROR_SPEC_PARSE).
 */
import { formatLoc, type SourceLoc } from './ast.js';

export class TlaError extends Error {
  override readonly name = 'TlaError';
  constructor(
    /** Where the problem is. */
    readonly loc: SourceLoc,
    /** What went wrong, without the location prefix. */
    readonly detail: string,
    /** The offending source text (first line, shortened). */
    readonly text: string,
  ) {
    super(`${formatLoc(loc)}: ${detail}${text ? ` near '${text}'` : ''}`);
  }
}

/** Shortens source text for an error message: first line, at most 40 characters. */
export function excerpt(text: string): string {
  const first = text.split(/\r?\n/)[0] ?? '';
  return first.length > 40 ? `${first.slice(0, 40)}...` : first;
}
