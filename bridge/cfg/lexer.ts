/**
 * Tokeniser for TLC `.cfg` files. TLC tokenises configs with the TLA+ lexer, so `\*` line
 * comments and nested `(* ... *)` block comments are skipped, strings use TLA+ escapes, and
 * identifiers are TLA+ identifiers (letters, digits, `_`, at least one non-digit).
 */
import { CfgError } from './error.js';

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Source text (for strings: the decoded contents, for eof: ''). */
  readonly text: string;
  readonly line: number;
  readonly col: number;
}

/** Punctuation recognised in configs, longest first. */
const PUNCT = ['<-', '<<', '>>', '=', '{', '}', '[', ']', '(', ')', ',', '!', '-'] as const;

function isIdentChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/** Splits `text` into tokens, throwing a located CfgError on an unexpected character. */
export function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const advance = (n: number): void => {
    for (let k = 0; k < n; k++) {
      if (text[i] === '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
      i++;
    }
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f') {
      advance(1);
      continue;
    }
    if (c === '\\' && text[i + 1] === '*') {
      while (i < text.length && text[i] !== '\n') advance(1);
      continue;
    }
    if (c === '(' && text[i + 1] === '*') {
      const startLine = line;
      const startCol = col;
      let depth = 0;
      do {
        if (text[i] === '(' && text[i + 1] === '*') {
          depth++;
          advance(2);
        } else if (text[i] === '*' && text[i + 1] === ')') {
          depth--;
          advance(2);
        } else {
          advance(1);
        }
      } while (depth > 0 && i < text.length);
      if (depth > 0) {
        throw new CfgError(file, startLine, startCol, "unterminated comment: expected '*)' before the end of the file");
      }
      continue;
    }
    // A line of dashes/equals (module-style separators) is ignored, as TLC's lexer does for
    // `----` and `====` lines.
    if ((c === '-' && text.startsWith('----', i)) || (c === '=' && text.startsWith('====', i))) {
      while (i < text.length && (text[i] === c)) advance(1);
      continue;
    }
    const line0 = line;
    const col0 = col;
    if (c === '"') {
      let out = '';
      advance(1);
      for (;;) {
        if (i >= text.length || text[i] === '\n') {
          throw new CfgError(file, line0, col0, 'unterminated string: expected a closing \'"\' on the same line');
        }
        const d = text[i]!;
        if (d === '"') {
          advance(1);
          break;
        }
        if (d === '\\') {
          const e = text[i + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', '"': '"', '\\': '\\' };
          if (e === undefined || map[e] === undefined) {
            throw new CfgError(file, line, col, `expected a string escape (\\n \\t \\r \\f \\" \\\\) but found '\\${e ?? ''}'`);
          }
          out += map[e];
          advance(2);
          continue;
        }
        out += d;
        advance(1);
      }
      tokens.push({ kind: 'string', text: out, line: line0, col: col0 });
      continue;
    }
    if (isIdentChar(c)) {
      let j = i;
      while (j < text.length && isIdentChar(text[j]!)) j++;
      const word = text.slice(i, j);
      const kind: TokenKind = /^[0-9]+$/.test(word) ? 'number' : 'ident';
      tokens.push({ kind, text: word, line: line0, col: col0 });
      advance(j - i);
      continue;
    }
    const p = PUNCT.find((q) => text.startsWith(q, i));
    if (p !== undefined) {
      tokens.push({ kind: 'punct', text: p, line: line0, col: col0 });
      advance(p.length);
      continue;
    }
    throw new CfgError(file, line0, col0, `expected a keyword, identifier, value or comment but found '${c}'`);
  }
  tokens.push({ kind: 'eof', text: '', line, col });
  return tokens;
}
