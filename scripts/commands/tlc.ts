/** `exitspec tlc`: placeholder until its issue lands (replaced by the owning work). */
import { CliError } from '../cli-errors.js';

export const summary = '(not built yet)';
export const usage = 'usage: exitspec tlc ... (not built yet)';

export async function run(_argv: readonly string[]): Promise<number> {
  throw new CliError('tlc is not built yet', 2);
}
