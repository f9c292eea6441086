/** TLC's location text for actions: `line L, col C to line L2, col C2 of module M`. */
import { readFileSync } from 'node:fs';
import type { SourceLoc } from '../modules/resolved.js';

const lines = new Map<string, readonly string[]>();

/** The lines of a source file (cached; none when it cannot be read). */
export function fileLines(file: string): readonly string[] {
  let ls = lines.get(file);
  if (ls === undefined) {
    try {
      ls = readFileSync(file, 'utf8').split('\n');
    } catch {
      ls = [];
    }
    lines.set(file, ls);
  }
  return ls;
}

/**
 * The location as TLC prints it. A range ending at column 0 of a line (tree-sitter's exclusive end
 * after a bullet list) is pulled back to the last non-blank character before it, as SANY reports.
 */
export function showLocation(loc: SourceLoc, module: string): string {
  let endLine = loc.endLine;
  let endCol = loc.endCol;
  if (endCol === 0 && endLine > loc.line) {
    const ls = fileLines(loc.file);
    let l = endLine - 1;
    while (l > loc.line && (ls[l - 1] ?? '').trim() === '') l--;
    endLine = l;
    endCol = (ls[l - 1] ?? '').replace(/\s+$/, '').length;
  }
  return `line ${loc.line}, col ${loc.col} to line ${endLine}, col ${endCol} of module ${module}`;
}
