/**
 * TLC `.cfg` parser following TLC's ModelConfig grammar (tlc2/tool/impl/ModelConfig.java):
 *
 *   CONSTANT(S)  { C = value | C = [Mod] value | Op(v, ...) = value | I!C = value
 *                | C <- Def | C <-[Mod] Def }
 *   INIT name | NEXT name | SPECIFICATION name          (single-valued)
 *   INVARIANT(S) names | PROPERTY/PROPERTIES names | CONSTRAINT(S) names
 *   ACTION_CONSTRAINT(S) names | POSTCONDITION(S) names  (lists, until the next keyword)
 *   SYMMETRY name | VIEW name | ALIAS name              (single-valued)
 *   CHECK_DEADLOCK TRUE|FALSE
 *
 * value ::= number | -number | "string" | TRUE | FALSE | identifier (a model value)
 *         | { value, ... } | << value, ... >>
 */
import { CfgError } from './error.js';
import { tokenize, type Token } from './lexer.js';
import type { CfgConstant, CfgName, CfgValue, ModelConfig } from './types.js';

type ListKey = 'invariants' | 'properties' | 'constraints' | 'actionConstraints' | 'postconditions';
type SingleKey = 'init' | 'next' | 'specification' | 'symmetry' | 'view' | 'alias';

const LIST_KEYWORDS: Readonly<Record<string, ListKey>> = {
  INVARIANT: 'invariants',
  INVARIANTS: 'invariants',
  PROPERTY: 'properties',
  PROPERTIES: 'properties',
  CONSTRAINT: 'constraints',
  CONSTRAINTS: 'constraints',
  ACTION_CONSTRAINT: 'actionConstraints',
  ACTION_CONSTRAINTS: 'actionConstraints',
  POSTCONDITION: 'postconditions',
  POSTCONDITIONS: 'postconditions',
};

const SINGLE_KEYWORDS: Readonly<Record<string, SingleKey>> = {
  INIT: 'init',
  NEXT: 'next',
  SPECIFICATION: 'specification',
  SYMMETRY: 'symmetry',
  VIEW: 'view',
  ALIAS: 'alias',
};

/** Every keyword that starts a section. */
export const CFG_KEYWORDS: readonly string[] = [
  'CONSTANT',
  'CONSTANTS',
  'CHECK_DEADLOCK',
  ...Object.keys(LIST_KEYWORDS),
  ...Object.keys(SINGLE_KEYWORDS),
];

function isKeyword(t: Token): boolean {
  return t.kind === 'ident' && CFG_KEYWORDS.includes(t.text);
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === 'string') return `"${t.text}"`;
  return t.text;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly file: string,
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  fail(t: Token, expected: string): never {
    throw new CfgError(this.file, t.line, t.col, `expected ${expected} but found '${describe(t)}'`);
  }

  isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }

  expectPunct(text: string, expected = `'${text}'`): Token {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== text) this.fail(t, expected);
    return t;
  }

  /** A definition name (not a keyword). */
  name(what: string): CfgName {
    const t = this.next();
    if (t.kind !== 'ident' || isKeyword(t)) this.fail(t, what);
    return { name: t.text, line: t.line, col: t.col };
  }

  value(): CfgValue {
    const t = this.next();
    if (t.kind === 'number') return { kind: 'int', value: BigInt(t.text) };
    if (t.kind === 'string') return { kind: 'string', value: t.text };
    if (t.kind === 'punct' && t.text === '-') {
      const n = this.next();
      if (n.kind !== 'number') this.fail(n, 'a number after \'-\'');
      return { kind: 'int', value: -BigInt(n.text) };
    }
    if (t.kind === 'ident' && !isKeyword(t)) {
      if (t.text === 'TRUE') return { kind: 'bool', value: true };
      if (t.text === 'FALSE') return { kind: 'bool', value: false };
      return { kind: 'modelValue', name: t.text };
    }
    if (t.kind === 'punct' && (t.text === '{' || t.text === '<<')) {
      const close = t.text === '{' ? '}' : '>>';
      const elems: CfgValue[] = [];
      if (!this.isPunct(close)) {
        for (;;) {
          elems.push(this.value());
          if (this.isPunct(',')) {
            this.next();
            continue;
          }
          break;
        }
      }
      this.expectPunct(close, `',' or '${close}'`);
      return t.text === '{' ? { kind: 'set', elems } : { kind: 'tuple', elems };
    }
    this.fail(t, 'a value (number, "string", TRUE, FALSE, model value, {set} or <<tuple>>)');
  }

  /** Optional `[Mod]` scope after `=` or `<-`. */
  moduleScope(): string | undefined {
    if (!this.isPunct('[')) return undefined;
    this.next();
    const m = this.next();
    if (m.kind !== 'ident' || isKeyword(m)) this.fail(m, 'a module name');
    this.expectPunct(']');
    return m.text;
  }

  constant(): CfgConstant {
    const first = this.next();
    if (first.kind !== 'ident' || isKeyword(first)) this.fail(first, 'a constant name');
    let name = first.text;
    while (this.isPunct('!')) {
      this.next();
      const part = this.next();
      if (part.kind !== 'ident' || isKeyword(part)) this.fail(part, "an identifier after '!'");
      name += '!' + part.text;
    }
    const args: CfgValue[] = [];
    if (this.isPunct('(')) {
      this.next();
      for (;;) {
        args.push(this.value());
        if (this.isPunct(',')) {
          this.next();
          continue;
        }
        break;
      }
      this.expectPunct(')', "',' or ')'");
    }
    const op = this.next();
    if (op.kind === 'punct' && op.text === '<-') {
      if (args.length > 0) this.fail(op, "'=' after an operator with arguments");
      const module = this.moduleScope();
      const def = this.next();
      if (def.kind !== 'ident' || isKeyword(def)) this.fail(def, "a definition name after '<-'");
      return { kind: 'substitution', name, def: def.text, line: first.line, col: first.col, ...(module ? { module } : {}) };
    }
    if (op.kind === 'punct' && op.text === '=') {
      const module = this.moduleScope();
      const value = this.value();
      return { kind: 'value', name, args, value, line: first.line, col: first.col, ...(module ? { module } : {}) };
    }
    this.fail(op, `'=' or '<-' after constant ${name}`);
  }
}

interface MutableConfig {
  constants: CfgConstant[];
  invariants: CfgName[];
  properties: CfgName[];
  constraints: CfgName[];
  actionConstraints: CfgName[];
  postconditions: CfgName[];
  init?: CfgName;
  next?: CfgName;
  specification?: CfgName;
  symmetry?: CfgName;
  view?: CfgName;
  alias?: CfgName;
  checkDeadlock?: boolean;
}

/**
 * Parses the text of a TLC .cfg file. `file` is used in error messages only. Throws CfgError
 * (`file:line:col: expected ... but found '...'`) on any syntax error, on a repeated
 * single-valued keyword, and on SPECIFICATION given together with INIT or NEXT.
 */
export function parseCfg(text: string, file: string): ModelConfig {
  const p = new Parser(tokenize(text, file), file);
  const cfg: MutableConfig = {
    constants: [],
    invariants: [],
    properties: [],
    constraints: [],
    actionConstraints: [],
    postconditions: [],
  };
  let checkDeadlockAt: Token | undefined;
  for (;;) {
    const kw = p.next();
    if (kw.kind === 'eof') break;
    if (!isKeyword(kw)) p.fail(kw, `a keyword (${CFG_KEYWORDS.join(', ')})`);
    if (kw.text === 'CONSTANT' || kw.text === 'CONSTANTS') {
      while (!isKeyword(p.peek()) && p.peek().kind !== 'eof') cfg.constants.push(p.constant());
      continue;
    }
    if (kw.text === 'CHECK_DEADLOCK') {
      if (checkDeadlockAt !== undefined) {
        throw new CfgError(file, kw.line, kw.col, `CHECK_DEADLOCK given twice (first at line ${checkDeadlockAt.line})`);
      }
      checkDeadlockAt = kw;
      const v = p.next();
      if (v.kind !== 'ident' || (v.text !== 'TRUE' && v.text !== 'FALSE')) p.fail(v, 'TRUE or FALSE after CHECK_DEADLOCK');
      cfg.checkDeadlock = v.text === 'TRUE';
      continue;
    }
    const single = SINGLE_KEYWORDS[kw.text];
    if (single !== undefined) {
      const prev = cfg[single];
      if (prev !== undefined) {
        throw new CfgError(file, kw.line, kw.col, `${kw.text} given twice (first value '${prev.name}' at line ${prev.line}); TLC allows one`);
      }
      cfg[single] = p.name(`a definition name after ${kw.text}`);
      continue;
    }
    const list = LIST_KEYWORDS[kw.text]!;
    const t = p.peek();
    if (isKeyword(t) || t.kind === 'eof') p.fail(t, `a definition name after ${kw.text}`);
    while (!isKeyword(p.peek()) && p.peek().kind !== 'eof') cfg[list].push(p.name(`a definition name in ${kw.text}`));
  }
  if (cfg.specification !== undefined && (cfg.init !== undefined || cfg.next !== undefined)) {
    const other = cfg.init ?? cfg.next!;
    throw new CfgError(
      file,
      other.line,
      other.col,
      `expected either SPECIFICATION or INIT/NEXT but found both (SPECIFICATION at line ${cfg.specification.line})`,
    );
  }
  return { file, ...cfg };
}
