/** A located error in a TLC .cfg file: `file:line:col: message`. */
export class CfgError extends Error {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** The message without the location prefix. */
  readonly detail: string;
  constructor(file: string, line: number, col: number, detail: string) {
    super(`${file}:${line}:${col}: ${detail}`);
    this.name = 'CfgError';
    this.file = file;
    this.line = line;
    this.col = col;
    this.detail = detail;
  }
}
