/** `exitspec check`: placeholder until its issue lands (replaced by the owning work). */
import { CliError } from '../cli-errors.js';

export const summary = '(not built yet)';
export const usage = 'usage: exitspec check ... (not built yet)';

export async function run(_argv: readonly string[]): Promise<number> {
  throw new CliError('check is not built yet', 2);
}
