/** TLC's location text for actions: `line L, col C to line L2, col C2 of module M`. */
import type { SourceLoc } from '../modules/resolved.js';

export function showLocation(loc: SourceLoc, module: string): string {
  return `line ${loc.line}, col ${loc.col} to line ${loc.endLine}, col ${loc.endCol} of module ${module}`;
}
