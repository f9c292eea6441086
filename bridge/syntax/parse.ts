/**
 * TLA+ parsing: web-tree-sitter with the grammar wasm of @tlaplus/tree-sitter-tlaplus produces a
 * concrete tree, which is converted here into the AST of ast.ts. Precedence, associativity and the
 * alignment of `/\` `\/` bullet lists come from the grammar.
 *
 * Errors (tree-sitter ERROR / MISSING nodes, and constructs the checker does not support, such as
 * subexpression navigation `Op!1!<<`) throw a TlaError `file:line:col: expected ... near '<text>'`.
 *
 * Usage: `await initParser()` once, then `parseTla(text, file)`; or `await parseTlaAsync(...)`.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node as TsNode } from 'web-tree-sitter';
import type {
  Arg,
  Bound,
  Expr,
  ExceptPathStep,
  ExceptUpdate,
  FunctionDef,
  InstanceUnit,
  Module,
  ModuleDef,
  Name,
  OpDecl,
  OperatorDef,
  QualifierStep,
  RecordField,
  RecursiveDecl,
  SourceFile,
  SourceLoc,
  Substitution,
  Unit,
} from './ast.js';
import { TlaError, excerpt } from './errors.js';

// ---------------------------------------------------------------------------------------------
// Loading the grammar
// ---------------------------------------------------------------------------------------------

let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;

/** Loads web-tree-sitter and the TLA+ grammar once (idempotent; concurrent calls share one load). */
export async function initParser(): Promise<void> {
  if (parser) return;
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    const lang = await Language.load(require.resolve('@tlaplus/tree-sitter-tlaplus/tree-sitter-tlaplus.wasm'));
    const p = new Parser();
    p.setLanguage(lang);
    return p;
  })();
  parser = await loading;
}

/** Parses a .tla file's text (after `initParser()`). Throws TlaError on syntax errors. */
export function parseTla(text: string, file: string): SourceFile {
  if (!parser) throw new Error('parseTla: call `await initParser()` first');
  if (!/^\s*-{4,}\s*MODULE\b/m.test(text)) {
    const first = text.split(/\r?\n/).findIndex((l) => l.trim() !== '');
    const line = first < 0 ? 1 : first + 1;
    throw new TlaError({ file, line, col: 1, endLine: line, endCol: 1 }, "expected a module header '---- MODULE Name ----'", excerpt((text.split(/\r?\n/)[line - 1] ?? '').trim()));
  }
  const endMissing = missingModuleEnd(text, file);
  if (endMissing) throw endMissing;
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${file}`);
  try {
    const lines = text.split(/\r?\n/);
    const conv = new Converter(file, lines);
    if (tree.rootNode.hasError) conv.reportFirstError(tree.rootNode);
    return conv.sourceFile(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** `initParser()` then `parseTla()`. */
export async function parseTlaAsync(text: string, file: string): Promise<SourceFile> {
  await initParser();
  return parseTla(text, file);
}

// ---------------------------------------------------------------------------------------------
// Operator symbols
// ---------------------------------------------------------------------------------------------

/** Canonical spelling of each grammar operator-symbol node type. */
export const OP_SYMBOLS: Readonly<Record<string, string>> = {
  // prefix
  lnot: '~', union: 'UNION', powerset: 'SUBSET', domain: 'DOMAIN', negative: '-.', negative_dot: '-.',
  enabled: 'ENABLED', unchanged: 'UNCHANGED', always: '[]', eventually: '<>',
  // infix
  implies: '=>', plus_arrow: '-+->', equiv: '\\equiv', iff: '<=>', leads_to: '~>', land: '/\\', lor: '\\/',
  assign: ':=', bnf_rule: '::=', eq: '=', neq: '/=', lt: '<', gt: '>', leq: '<=', geq: '>=',
  approx: '\\approx', rs_ttile: '|-', rd_ttile: '|=', ls_ttile: '-|', ld_ttile: '=|', asymp: '\\asymp',
  cong: '\\cong', doteq: '\\doteq', gg: '\\gg', ll: '\\ll', in: '\\in', notin: '\\notin', prec: '\\prec',
  succ: '\\succ', preceq: '\\preceq', succeq: '\\succeq', propto: '\\propto', sim: '\\sim', simeq: '\\simeq',
  sqsubset: '\\sqsubset', sqsupset: '\\sqsupset', sqsubseteq: '\\sqsubseteq', sqsupseteq: '\\sqsupseteq',
  subset: '\\subset', supset: '\\supset', subseteq: '\\subseteq', supseteq: '\\supseteq', compose: '@@',
  map_to: ':>', map_from: '<:', setminus: '\\', cap: '\\cap', cup: '\\cup', dots_2: '..', dots_3: '...',
  plus: '+', plusplus: '++', oplus: '(+)', ominus: '(-)', mod: '%', modmod: '%%', vert: '|', vertvert: '||',
  minus: '-', minusminus: '--', amp: '&', ampamp: '&&', odot: '(.)', oslash: '(/)', otimes: '(\\X)',
  mul: '*', mulmul: '**', slash: '/', slashslash: '//', bigcirc: '\\bigcirc', bullet: '\\bullet',
  div: '\\div', circ: '\\o', star: '\\star', excl: '!!', hashhash: '##', dol: '$', doldol: '$$', qq: '??',
  sqcap: '\\sqcap', sqcup: '\\sqcup', uplus: '\\uplus', times: '\\X', wr: '\\wr', cdot: '\\cdot', pow: '^',
  powpow: '^^',
  // postfix
  sup_plus: '^+', asterisk: '^*', sup_hash: '^#', prime: "'",
};

const PREFIX_TYPES = new Set(['lnot', 'union', 'powerset', 'domain', 'negative', 'negative_dot', 'enabled', 'unchanged', 'always', 'eventually']);
/** TLA+ precedence of SUBSET, UNION, DOMAIN (canonical names). */
const LOW_SET_PREFIX: Readonly<Record<string, number>> = { SUBSET: 8, UNION: 8, DOMAIN: 9 };

/** The grammar's precedence level of each infix operator node type (its low end in TLA+). */
const INFIX_LEVEL: Readonly<Record<string, number>> = Object.fromEntries(
  (
    [
      [1, ['implies']],
      [2, ['plus_arrow', 'equiv', 'iff', 'leads_to']],
      [3, ['land', 'lor']],
      [6, ['compose']],
      [7, ['map_to', 'map_from']],
      [8, ['setminus', 'cap', 'cup']],
      [9, ['dots_2', 'dots_3']],
      [10, ['plus', 'plusplus', 'oplus']],
      [11, ['ominus', 'mod', 'modmod', 'vert', 'vertvert', 'minus', 'minusminus']],
      [13, ['amp', 'ampamp', 'odot', 'oslash', 'otimes', 'mul', 'mulmul', 'slash', 'slashslash', 'bigcirc', 'bullet', 'div', 'circ', 'star', 'excl', 'hashhash', 'dol', 'doldol', 'qq', 'sqcap', 'sqcup', 'uplus', 'times']],
      [14, ['wr', 'cdot', 'pow', 'powpow']],
    ] as const
  ).flatMap(([lvl, types]) => types.map((t) => [t, lvl] as const)),
);

/** Prefix operators of precedence 4-15 (the grammar makes them 15-15). */
const LOW_PREFIX_TYPES = new Set(['enabled', 'unchanged', 'always', 'eventually']);
const POSTFIX_TYPES = new Set(['sup_plus', 'asterisk', 'sup_hash', 'prime']);
const SYMBOL_WRAPPERS = new Set(['infix_op_symbol', 'prefix_op_symbol', 'postfix_op_symbol']);
const NUMBER_SETS: Readonly<Record<string, string>> = {
  nat_number_set: 'Nat',
  int_number_set: 'Int',
  real_number_set: 'Real',
  string_set: 'STRING',
  boolean_set: 'BOOLEAN',
};
const EXTRAS = new Set(['comment', 'block_comment']);
/** Lookahead symbols not worth listing in an "expected ..." message. */
const SKIP_EXPECTED = new Set(['comment', 'block_comment', 'ERROR', '(*', '\\*', '----', 'extramodular_text', 'header_line', 'single_line']);

/** Friendly names of grammar node types, for "expected ..." messages. */
const FRIENDLY: Readonly<Record<string, string>> = {
  identifier: 'an identifier',
  identifier_ref: 'an identifier',
  _expr: 'an expression',
  def_eq: "'=='",
  set_in: "'\\in'",
  rangle_bracket: "'>>'",
  case_arrow: "'->'",
  all_map_to: "'|->'",
  maps_to: "'->'",
  gets: "'<-'",
  double_line: "'===='",
};

// ---------------------------------------------------------------------------------------------
// Concrete tree -> AST
// ---------------------------------------------------------------------------------------------

class Converter {
  /** Expressions that were written in parentheses (so `(A \X B) \X C` is not flattened). */
  private readonly parenthesized = new WeakSet<Expr>();

  constructor(
    private readonly file: string,
    private readonly lines: readonly string[],
  ) {}

  loc(n: TsNode): SourceLoc {
    const s = n.startPosition;
    const e = n.endPosition;
    // tree-sitter end positions are exclusive; TLC prints the last character's column.
    let endLine = e.row + 1;
    let endCol = e.column;
    if (endCol === 0 && e.row > s.row) {
      endLine = e.row;
      endCol = (this.lines[e.row - 1] ?? '').length;
    }
    return {
      file: this.file,
      line: s.row + 1,
      col: this.column(s.row, s.column),
      endLine,
      endCol: toCharColumn(this.lines[endLine - 1] ?? '', endCol),
    };
  }

  /** Converts tree-sitter's column (see `toCharColumn`) to TLC's 1-based character column. */
  private column(row: number, col: number): number {
    return toCharColumn(this.lines[row] ?? '', col) + 1;
  }

  err(n: TsNode, detail: string, text?: string): TlaError {
    return new TlaError(this.loc(n), detail, excerpt(text ?? n.text));
  }

  // ---- errors ---------------------------------------------------------------------------

  /** Throws a TlaError for the first ERROR or MISSING node of the tree. */
  reportFirstError(root: TsNode): void {
    let bad = findFirstError(root);
    if (!bad) return;
    // A misspelt backslash operator (`\inn`, `\subseteqq`) is lexed as a known one plus an
    // identifier; name it instead of the confusing error that follows.
    const unknown = unknownBackslashOperator(this.lines);
    if (unknown) {
      const loc = { file: this.file, line: unknown.line, col: unknown.col, endLine: unknown.line, endCol: unknown.col + [...unknown.text].length - 1 };
      throw new TlaError(loc, `unknown operator '${unknown.text}'`, unknown.text);
    }
    // An unclosed block comment swallows the rest of the file; say so at the comment's start.
    const comment = unclosedBlockComment(this.lines);
    if (comment) {
      const loc = { file: this.file, line: comment.line, col: comment.col, endLine: comment.line, endCol: comment.col + 1 };
      throw new TlaError(loc, `unclosed comment: this '(*' is never closed by a matching '*)'`, '(*');
    }
    // tree-sitter's recovery often wraps a whole module in one ERROR; a nested ERROR/MISSING node
    // is closer to the actual problem.
    for (let inner = bad.isError ? findFirstErrorBelow(bad) : undefined; inner; inner = inner.isError ? findFirstErrorBelow(inner) : undefined) {
      bad = inner;
    }
    if (bad.isError && bad.children.some((c) => c?.type === 'MODULE')) {
      const broken = brokenDefinition(bad);
      if (broken?.eqInsteadOfDefEq) {
        throw new TlaError(this.loc(broken.eqInsteadOfDefEq), `expected '==' to define ${broken.name ?? 'an operator'} (found '=')`, '=');
      }
      if (broken) {
        const where = broken.name ? ` in the definition of ${broken.name}` : '';
        throw new TlaError(this.loc(broken.last), `syntax error${where}: the expression breaks off here`, excerpt(broken.last.text));
      }
    }
    const ctx = enclosingContext(bad);
    const where = ctx ? ` in ${ctx}` : '';
    if (bad.isMissing) {
      const what = FRIENDLY[bad.type] ?? `'${bad.type}'`;
      throw new TlaError(this.loc(bad), `expected ${what}${where}`, excerpt(nextLeafText(bad)));
    }
    const expected = this.expectedAt(bad);
    const text = bad.text.trim() === '' ? nextLeafText(bad) : bad.text;
    throw new TlaError(this.loc(bad), `${expected ? `expected ${expected}` : 'syntax error'}${where}`, excerpt(text));
  }

  /** What the grammar would have accepted where the ERROR node starts (a short list). */
  private expectedAt(bad: TsNode): string {
    const prev = prevLeaf(bad);
    if (!prev) return '';
    const lang = parser?.language;
    if (!lang) return '';
    const it = lang.lookaheadIterator(prev.nextParseState);
    if (!it) return '';
    const names: string[] = [];
    try {
      for (const t of it) {
        if (t === 'end' || t.startsWith('_') || SKIP_EXPECTED.has(t) || /[^\x00-\x7f]/.test(t)) continue;
        const f = FRIENDLY[t] ?? (/^[A-Z_]+$/.test(t) || /^\W+$/.test(t) ? `'${t}'` : undefined);
        if (f && !names.includes(f)) names.push(f);
      }
    } finally {
      it.delete();
    }
    // Long lists come from recovery states and mislead more than they help.
    if (names.length === 0 || names.length > 4) return '';
    return names.join(' or ');
  }

  // ---- source file, modules, units ------------------------------------------------------

  sourceFile(root: TsNode): SourceFile {
    const modules: Module[] = [];
    for (const c of named(root)) {
      if (c.type === 'module') modules.push(this.module(c));
    }
    if (modules.length === 0) {
      throw new TlaError({ file: this.file, line: 1, col: 1, endLine: 1, endCol: 1 }, "expected a module ('---- MODULE Name ----')", excerpt(root.text.trim()));
    }
    return { file: this.file, modules };
  }

  module(n: TsNode): Module {
    const nameNode = field(n, 'name');
    const ext: Name[] = [];
    const units: Unit[] = [];
    for (const c of named(n)) {
      if (c.id === nameNode.id || c.type === 'header_line' || c.type === 'double_line' || c.type === 'single_line') continue;
      if (c.type === 'extends') {
        for (const r of named(c)) ext.push(this.name(r));
        continue;
      }
      const u = this.unit(c);
      if (u) units.push(...u);
    }
    return { kind: 'Module', name: nameNode.text, nameLoc: this.loc(nameNode), extends: ext, units, loc: this.loc(n) };
  }

  private unit(n: TsNode): Unit[] | undefined {
    switch (n.type) {
      case 'constant_declaration':
        return [{ kind: 'ConstantDecl', decls: named(n).map((d) => this.opDecl(d)), loc: this.loc(n) }];
      case 'variable_declaration':
        return [{ kind: 'VariableDecl', names: named(n).map((d) => this.name(d)), loc: this.loc(n) }];
      case 'recursive_declaration':
        return [this.recursive(n)];
      case 'operator_definition':
        return [this.operatorDef(n, false)];
      case 'function_definition':
        return [this.functionDef(n, false)];
      case 'instance':
        return [this.instance(n, false)];
      case 'module_definition':
        return [this.moduleDef(n, false)];
      case 'local_definition': {
        const d = named(n)[0];
        if (!d) throw this.err(n, 'expected a definition after LOCAL');
        if (d.type === 'operator_definition') return [this.operatorDef(d, true)];
        if (d.type === 'function_definition') return [this.functionDef(d, true)];
        if (d.type === 'instance') return [this.instance(d, true)];
        if (d.type === 'module_definition') return [this.moduleDef(d, true)];
        throw this.err(d, 'expected a definition after LOCAL');
      }
      case 'assumption': {
        const nm = n.childForFieldName('name');
        const body = named(n).filter((c) => c.id !== nm?.id && c.type !== 'def_eq');
        const e = body[body.length - 1];
        if (!e) throw this.err(n, 'expected an expression after ASSUME');
        return [{ kind: 'Assume', ...(nm ? { name: nm.text } : {}), expr: this.expr(e), loc: this.loc(n) }];
      }
      case 'theorem': {
        const nm = n.childForFieldName('name');
        return [{ kind: 'Theorem', ...(nm ? { name: nm.text } : {}), loc: this.loc(n) }];
      }
      case 'module':
        return [{ kind: 'Submodule', module: this.module(n), loc: this.loc(n) }];
      case 'use_or_hide':
        return [];
      default:
        if (EXTRAS.has(n.type)) return [];
        throw this.err(n, `unsupported module-level construct (${n.type})`);
    }
  }

  private name(n: TsNode): Name {
    return { kind: 'Name', name: n.text, loc: this.loc(n) };
  }

  /** `c`, `F(_, _)`, `_ \prec _`, `-. _`. */
  private opDecl(n: TsNode): OpDecl {
    if (n.type === 'identifier' || n.type === 'identifier_ref') return { kind: 'OpDecl', name: n.text, arity: 0, loc: this.loc(n) };
    if (n.type !== 'operator_declaration') throw this.err(n, 'expected an identifier or an operator declaration');
    const nm = field(n, 'name');
    const arity = n.children.filter((c) => c.type === 'placeholder').length;
    return { kind: 'OpDecl', name: this.opName(nm), arity, loc: this.loc(n) };
  }

  /** The canonical name of an identifier, number set, or operator-symbol node. */
  private opName(n: TsNode): string {
    if (SYMBOL_WRAPPERS.has(n.type)) {
      const inner = named(n)[0];
      return inner ? (OP_SYMBOLS[inner.type] ?? inner.text) : n.text;
    }
    return OP_SYMBOLS[n.type] ?? n.text;
  }

  private params(n: TsNode): OpDecl[] {
    return n.childrenForFieldName('parameter').filter((c) => c.isNamed && !EXTRAS.has(c.type)).map((c) => this.opDecl(c));
  }

  private recursive(n: TsNode): RecursiveDecl {
    return { kind: 'RecursiveDecl', decls: named(n).map((d) => this.opDecl(d)), loc: this.loc(n) };
  }

  operatorDef(n: TsNode, local: boolean): OperatorDef {
    const nm = field(n, 'name');
    let name = this.opName(nm);
    // The grammar spells a prefix `-` definition's name `negative`; in TLA+ `-. a == ...` and a
    // definition `- a == ...` both define prefix minus, while `a - b == ...` defines infix minus.
    const params = this.params(n);
    if (name === '-.' && params.length === 2) name = '-';
    return { kind: 'OperatorDef', name, nameLoc: this.loc(nm), params, body: this.expr(field(n, 'definition')), local, loc: this.loc(n) };
  }

  functionDef(n: TsNode, local: boolean): FunctionDef {
    const nm = field(n, 'name');
    const bounds = named(n).filter((c) => c.type === 'quantifier_bound').map((b) => this.bound(b));
    return { kind: 'FunctionDef', name: nm.text, nameLoc: this.loc(nm), bounds, body: this.expr(field(n, 'definition')), local, loc: this.loc(n) };
  }

  instance(n: TsNode, local: boolean): InstanceUnit {
    const kids = named(n);
    const mod = kids.find((c) => c.type === 'identifier_ref');
    if (!mod) throw this.err(n, 'expected a module name after INSTANCE');
    const substitutions: Substitution[] = kids
      .filter((c) => c.type === 'substitution')
      .map((s) => {
        const parts = named(s).filter((c) => c.type !== 'gets');
        const [target, value] = parts;
        if (!target || !value) throw this.err(s, "expected 'name <- expression'");
        return { kind: 'Substitution', target: { kind: 'Name', name: this.opName(target), loc: this.loc(target) }, value: this.arg(value), loc: this.loc(s) };
      });
    return { kind: 'Instance', module: this.name(mod), substitutions, local, loc: this.loc(n) };
  }

  moduleDef(n: TsNode, local: boolean): ModuleDef {
    const nm = field(n, 'name');
    const inst = field(n, 'definition');
    return { kind: 'ModuleDef', name: nm.text, nameLoc: this.loc(nm), params: this.params(n), instance: this.instance(inst, local), local, loc: this.loc(n) };
  }

  // ---- expressions ----------------------------------------------------------------------

  /** An operator argument: an expression, an operator symbol, or a LAMBDA. */
  arg(n: TsNode): Arg {
    if (SYMBOL_WRAPPERS.has(n.type)) return { kind: 'OpSymbol', name: this.opName(n), loc: this.loc(n) };
    if (n.type === 'lambda') {
      const kids = named(n);
      const body = kids[kids.length - 1];
      if (!body) throw this.err(n, 'expected LAMBDA x : body');
      return { kind: 'Lambda', params: kids.slice(0, -1).map((k) => this.name(k)), body: this.expr(body), loc: this.loc(n) };
    }
    return this.expr(n);
  }

  bound(n: TsNode): Bound {
    const intro = n.childrenForFieldName('intro').filter((c) => c.isNamed);
    const set = field(n, 'set');
    const first = intro[0];
    if (first && first.type === 'tuple_of_identifiers') {
      return { kind: 'Bound', names: named(first).filter((c) => c.type === 'identifier').map((c) => this.name(c)), tuple: true, set: this.expr(set), loc: this.loc(n) };
    }
    return { kind: 'Bound', names: intro.map((c) => this.name(c)), tuple: false, set: this.expr(set), loc: this.loc(n) };
  }

  private opApp(n: TsNode, name: string, nameNode: TsNode, fixity: 'name' | 'prefix' | 'infix' | 'postfix', args: Arg[], qualifier: QualifierStep[] = []): Expr {
    return { kind: 'OpApp', name, fixity, args, qualifier, nameLoc: this.loc(nameNode), loc: this.loc(n) };
  }

  private boundOpArgs(n: TsNode): Arg[] {
    return n.childrenForFieldName('parameter').filter((c) => c.isNamed && !EXTRAS.has(c.type)).map((c) => this.arg(c));
  }

  expr(n: TsNode): Expr {
    const L = this.loc(n);
    switch (n.type) {
      case 'nat_number':
        return { kind: 'Number', value: BigInt(n.text), loc: L };
      case 'real_number':
        return { kind: 'Number', value: 0n, real: n.text, loc: L };
      case 'binary_number':
      case 'octal_number':
      case 'hex_number': {
        const digits = named(n).find((c) => c.type === 'value')?.text ?? '0';
        const prefix = n.type === 'binary_number' ? '0b' : n.type === 'octal_number' ? '0o' : '0x';
        return { kind: 'Number', value: BigInt(prefix + digits), loc: L };
      }
      case 'string':
        return { kind: 'String', value: decodeString(n.text), loc: L };
      case 'boolean':
        return { kind: 'Bool', value: n.text === 'TRUE', loc: L };
      case 'nat_number_set':
      case 'int_number_set':
      case 'real_number_set':
      case 'string_set':
      case 'boolean_set':
        return this.opApp(n, NUMBER_SETS[n.type] ?? n.text, n, 'name', []);
      case 'parentheses': {
        const inner = named(n)[0];
        if (!inner) throw this.err(n, 'expected an expression inside parentheses');
        const e = this.expr(inner);
        this.parenthesized.add(e);
        return e;
      }
      case 'label': {
        const nm = field(n, 'name');
        const params = n.childrenForFieldName('parameter').filter((c) => c.isNamed).map((c) => this.name(c));
        return { kind: 'Label', name: nm.text, params, body: this.expr(field(n, 'expression')), loc: L };
      }
      case 'identifier_ref':
      case 'identifier':
        return this.opApp(n, n.text, n, 'name', []);
      case 'bound_op': {
        const nm = field(n, 'name');
        return this.opApp(n, nm.text, nm, 'name', this.boundOpArgs(n));
      }
      case 'bound_nonfix_op':
        return this.nonfix(n, []);
      case 'prefixed_op':
        return this.prefixed(n);
      case 'bound_prefix_op': {
        const sym = field(n, 'symbol');
        return this.opApp(n, this.opName(sym), sym, 'prefix', [this.expr(field(n, 'rhs'))]);
      }
      case 'bound_infix_op': {
        const sym = field(n, 'symbol');
        const lhs = this.expr(field(n, 'lhs'));
        const rhs = this.expr(field(n, 'rhs'));
        const build = (left: Expr): Expr => {
          if (sym.type === 'times') {
            const sets = left.kind === 'CartesianProduct' && !this.parenthesized.has(left) ? [...left.sets, rhs] : [left, rhs];
            return { kind: 'CartesianProduct', sets, loc: L };
          }
          return this.opApp(n, this.opName(sym), sym, 'infix', [left, rhs]);
        };
        // The grammar gives SUBSET, UNION and DOMAIN precedence 13; in TLA+ they are 8-8, 8-8
        // and 9-9, so `SUBSET S \X T` is `SUBSET (S \X T)` and `DOMAIN f + 1` is `DOMAIN (f + 1)`.
        const level = INFIX_LEVEL[sym.type] ?? 0;
        const low = lhs.kind === 'OpApp' && lhs.fixity === 'prefix' && !this.parenthesized.has(lhs) ? LOW_SET_PREFIX[lhs.name] : undefined;
        if (low !== undefined && level > low && lhs.kind === 'OpApp' && lhs.args[0]) {
          return { ...lhs, args: [build(lhs.args[0])], loc: L };
        }
        return build(lhs);
      }
      case 'bound_postfix_op': {
        const sym = field(n, 'symbol');
        // The grammar gives ENABLED, UNCHANGED, [] and <> the same precedence as the postfix
        // operators and groups `UNCHANGED x'` as `(UNCHANGED x)'`; in TLA+ they range 4-15, below
        // the postfix operators (15), so the postfix operator applies to the operand.
        const chain: TsNode[] = [];
        let lhs = field(n, 'lhs');
        while (lhs.type === 'bound_prefix_op' && LOW_PREFIX_TYPES.has(field(lhs, 'symbol').type)) {
          chain.push(lhs);
          lhs = field(lhs, 'rhs');
        }
        let out = this.underPrefix(n, lhs, (operand) => this.opApp(n, this.opName(sym), sym, 'postfix', [operand]));
        for (const p of chain.reverse()) {
          const psym = field(p, 'symbol');
          const app = this.opApp(p, this.opName(psym), psym, 'prefix', [out]);
          // The rebuilt node spans from the prefix operator to the postfix operator.
          out = { ...app, loc: { ...app.loc, endLine: L.endLine, endCol: L.endCol } };
        }
        return out;
      }
      case 'bounded_quantification': {
        const q = field(n, 'quantifier');
        const bounds = n.childrenForFieldName('bound').filter((c) => c.type === 'quantifier_bound').map((b) => this.bound(b));
        return { kind: 'Quant', quantifier: q.type === 'forall' ? 'A' : 'E', bounds, body: this.expr(field(n, 'expression')), loc: L };
      }
      case 'unbounded_quantification': {
        const q = field(n, 'quantifier').type;
        const quantifier = q === 'forall' ? 'A' : q === 'exists' ? 'E' : q === 'temporal_forall' ? 'AA' : 'EE';
        const names = n.childrenForFieldName('intro').filter((c) => c.type === 'identifier').map((c) => this.name(c));
        return { kind: 'UnboundedQuant', quantifier, names, body: this.expr(field(n, 'expression')), loc: L };
      }
      case 'choose': {
        const intro = field(n, 'intro');
        const tuple = intro.type === 'tuple_of_identifiers';
        const names = tuple ? named(intro).filter((c) => c.type === 'identifier').map((c) => this.name(c)) : [this.name(intro)];
        const set = n.childForFieldName('set');
        return { kind: 'Choose', names, tuple, ...(set ? { set: this.expr(set) } : {}), body: this.expr(field(n, 'expression')), loc: L };
      }
      case 'finite_set_literal':
        return { kind: 'SetEnum', elems: named(n).map((c) => this.expr(c)), loc: L };
      case 'set_filter':
        return { kind: 'SetFilter', bound: this.bound(field(n, 'generator')), pred: this.expr(field(n, 'filter')), loc: L };
      case 'set_map': {
        const bounds = n.childrenForFieldName('generator').filter((c) => c.type === 'quantifier_bound').map((b) => this.bound(b));
        return { kind: 'SetMap', expr: this.expr(field(n, 'map')), bounds, loc: L };
      }
      case 'function_evaluation': {
        const [f, ...args] = named(n);
        if (!f || args.length === 0) throw this.err(n, 'expected f[args]');
        return this.underPrefix(n, f, (fn) => ({ kind: 'FnApp', fn, args: args.map((a) => this.expr(a)), loc: L }));
      }
      case 'function_literal': {
        const kids = named(n);
        const body = kids[kids.length - 1];
        if (!body) throw this.err(n, 'expected [x \\in S |-> e]');
        const bounds = kids.filter((c) => c.type === 'quantifier_bound').map((b) => this.bound(b));
        return { kind: 'FnCons', bounds, body: this.expr(body), loc: L };
      }
      case 'set_of_functions': {
        const [d, , r] = named(n);
        if (!d || !r) throw this.err(n, 'expected [S -> T]');
        return { kind: 'FnSet', domain: this.expr(d), range: this.expr(r), loc: L };
      }
      case 'record_literal':
      case 'set_of_records': {
        const kids = named(n).filter((c) => c.type !== 'all_map_to');
        const fields: RecordField[] = [];
        for (let i = 0; i + 1 < kids.length; i += 2) {
          const k = kids[i] as TsNode;
          const v = kids[i + 1] as TsNode;
          fields.push({ name: k.text, value: this.expr(v), loc: this.loc(k) });
        }
        return { kind: n.type === 'record_literal' ? 'RecordCons' : 'RecordSet', fields, loc: L };
      }
      case 'record_value': {
        const [r, f] = named(n);
        if (!r || !f) throw this.err(n, 'expected record.field');
        return this.underPrefix(n, r, (record) => ({ kind: 'FieldAccess', record, field: this.name(f), loc: L }));
      }
      case 'except': {
        const updates = named(n)
          .filter((c) => c.type === 'except_update')
          .map((u) => this.exceptUpdate(u));
        return { kind: 'Except', fn: this.expr(field(n, 'expr_to_update')), updates, loc: L };
      }
      case 'prev_func_val':
        return { kind: 'At', loc: L };
      case 'tuple_literal':
        return { kind: 'Tuple', elems: named(n).filter((c) => c.type !== 'langle_bracket' && c.type !== 'rangle_bracket').map((c) => this.expr(c)), loc: L };
      case 'step_expr_or_stutter': {
        const [a, v] = named(n);
        if (!a || !v) throw this.err(n, 'expected [A]_v');
        return { kind: 'BoxAction', action: this.expr(a), sub: this.expr(v), loc: L };
      }
      case 'step_expr_no_stutter': {
        const [a, v] = named(n).filter((c) => c.type !== 'langle_bracket' && c.type !== 'rangle_bracket_sub');
        if (!a || !v) throw this.err(n, 'expected <<A>>_v');
        return { kind: 'AngleAction', action: this.expr(a), sub: this.expr(v), loc: L };
      }
      case 'fairness': {
        const [v, a] = named(n);
        if (!v || !a) throw this.err(n, 'expected WF_v(A)');
        return { kind: 'Fairness', strong: n.text.startsWith('SF_'), sub: this.expr(v), action: this.expr(a), loc: L };
      }
      case 'if_then_else':
        return { kind: 'If', cond: this.expr(field(n, 'if')), then: this.expr(field(n, 'then')), else: this.expr(field(n, 'else')), loc: L };
      case 'case': {
        const arms = named(n)
          .filter((c) => c.type === 'case_arm')
          .map((a) => {
            const [g, , b] = named(a);
            if (!g || !b) throw this.err(a, 'expected guard -> expression');
            return { guard: this.expr(g), body: this.expr(b), loc: this.loc(a) };
          });
        const other = named(n).find((c) => c.type === 'other_arm');
        const otherBody = other ? named(other).filter((c) => c.type !== 'case_arrow')[0] : undefined;
        return { kind: 'Case', arms, ...(otherBody ? { other: this.expr(otherBody) } : {}), loc: L };
      }
      case 'let_in': {
        const defs = n.childrenForFieldName('definitions').map((d) => {
          switch (d.type) {
            case 'operator_definition':
              return this.operatorDef(d, false);
            case 'function_definition':
              return this.functionDef(d, false);
            case 'module_definition':
              return this.moduleDef(d, false);
            case 'recursive_declaration':
              return this.recursive(d);
            default:
              throw this.err(d, 'expected a definition in LET');
          }
        });
        return { kind: 'Let', defs, body: this.expr(field(n, 'expression')), loc: L };
      }
      case 'conj_list':
      case 'disj_list': {
        const items = named(n).map((item) => {
          const e = named(item).filter((c) => c.type !== 'bullet_conj' && c.type !== 'bullet_disj')[0];
          if (!e) throw this.err(item, 'expected an expression after the bullet');
          return this.expr(e);
        });
        return { kind: 'Junction', op: n.type === 'conj_list' ? 'and' : 'or', items, loc: L };
      }
      case 'subexpression':
      case 'proof_step_ref':
        throw this.err(n, 'unsupported: subexpression/proof-step references are not supported by the checker');
      default:
        throw this.err(n, `expected an expression (got ${n.type})`);
    }
  }

  /**
   * `~(a)[i]`, `-(x).f`, `~(x)'`: the grammar reads `~(a)` as the nonfix application `~(a)` and
   * then applies `[i]` to it, but in TLA+ a prefix operator applies to the whole postfix
   * expression `(a)[i]` (function application, field access and postfix operators bind tighter).
   * Rebuilds `op(build(operand))` in that case; otherwise `build(expr(first))`.
   */
  private underPrefix(n: TsNode, first: TsNode, build: (operand: Expr) => Expr): Expr {
    if (first.type === 'bound_nonfix_op') {
      const sym = field(first, 'symbol');
      const inner = named(sym)[0] ?? sym;
      const operands = named(first).filter((c) => c.id !== sym.id);
      const operand = operands[0];
      if (PREFIX_TYPES.has(inner.type) && operand && operands.length === 1) {
        const applied = build(this.expr(operand));
        return this.opApp(n, this.opName(sym), sym, 'prefix', [applied]);
      }
    }
    return build(this.expr(first));
  }

  private exceptUpdate(u: TsNode): ExceptUpdate {
    const spec = u.childrenForFieldName('update_specifier').find((c) => c.type === 'except_update_specifier');
    if (!spec) throw this.err(u, 'expected ![...] = value');
    const path: ExceptPathStep[] = named(spec).map((s) => {
      if (s.type === 'except_update_record_field') {
        const f = named(s)[0];
        return { kind: 'Field', name: f ? f.text : '', loc: this.loc(s) };
      }
      return { kind: 'Index', args: named(s).map((a) => this.expr(a)), loc: this.loc(s) };
    });
    return { kind: 'ExceptUpdate', path, value: this.expr(field(u, 'new_val')), loc: this.loc(u) };
  }

  /** `+(a, b)`, `-(a)`, `'(x)`, optionally module-qualified. */
  private nonfix(n: TsNode, qualifier: QualifierStep[]): Expr {
    const sym = field(n, 'symbol');
    const inner = named(sym)[0] ?? sym;
    const fixity = PREFIX_TYPES.has(inner.type) ? 'prefix' : POSTFIX_TYPES.has(inner.type) ? 'postfix' : 'infix';
    const args = named(n)
      .filter((c) => c.id !== sym.id)
      .map((c) => this.expr(c));
    return this.opApp(n, this.opName(sym), sym, fixity, args, qualifier);
  }

  /** `M!Op`, `I(a)!J!Op(x)`, `M!+(a, b)`. */
  private prefixed(n: TsNode): Expr {
    const prefix = field(n, 'prefix');
    const qualifier: QualifierStep[] = [];
    for (const c of named(prefix)) {
      if (c.type !== 'subexpr_component') throw this.err(c, 'unsupported: subexpression navigation (!1, !<<, !:, !@) is not supported by the checker');
      const inner = named(c)[0];
      if (!inner) throw this.err(c, 'expected a module or operator name');
      if (inner.type === 'identifier_ref') qualifier.push({ name: inner.text, args: [], loc: this.loc(inner) });
      else if (inner.type === 'bound_op') {
        const nm = field(inner, 'name');
        qualifier.push({ name: nm.text, args: this.boundOpArgs(inner), loc: this.loc(inner) });
      } else throw this.err(inner, 'unsupported: operator symbols as module qualifiers');
    }
    const op = field(n, 'op');
    if (op.type === 'bound_op') {
      const nm = field(op, 'name');
      return this.opApp(n, nm.text, nm, 'name', this.boundOpArgs(op), qualifier);
    }
    if (op.type === 'bound_nonfix_op') return this.nonfix(op, qualifier);
    return this.opApp(n, NUMBER_SETS[op.type] ?? op.text, op, 'name', [], qualifier);
  }
}

// ---------------------------------------------------------------------------------------------
// Tree helpers
// ---------------------------------------------------------------------------------------------

function named(n: TsNode): TsNode[] {
  return n.namedChildren.filter((c): c is TsNode => c !== null && !EXTRAS.has(c.type));
}

function field(n: TsNode, name: string): TsNode {
  const c = n.childForFieldName(name);
  if (!c) throw new TlaError({ file: '?', line: n.startPosition.row + 1, col: n.startPosition.column + 1, endLine: n.endPosition.row + 1, endCol: n.endPosition.column }, `internal: ${n.type} has no '${name}'`, excerpt(n.text));
  return c;
}

function findFirstError(n: TsNode): TsNode | undefined {
  if (n.isError || n.isMissing) return n;
  if (!n.hasError) return undefined;
  for (const c of n.children) {
    if (!c) continue;
    const e = findFirstError(c);
    if (e) return e;
  }
  return undefined;
}

const UNIT_TYPES = new Set([
  'single_line', 'header_line', 'double_line', 'extends', 'constant_declaration', 'variable_declaration',
  'operator_definition', 'function_definition', 'instance', 'module_definition', 'local_definition',
  'recursive_declaration', 'assumption', 'theorem', 'module', 'use_or_hide', 'comment', 'block_comment',
]);

/** For a module-level ERROR without a nested error: the first unit that failed to parse (its
 * name, when it looks like `Name == ...`) and the last token before the next line that starts in
 * column 1 (where the broken expression stopped). */
function brokenDefinition(err: TsNode): { name?: string; last: TsNode; eqInsteadOfDefEq?: TsNode } | undefined {
  const kids = err.children.filter((c): c is TsNode => c !== null);
  const headerEnd = kids.findIndex((c) => c.type === 'MODULE');
  let i = headerEnd + 1;
  while (i < kids.length && (kids[i]?.type === 'identifier' && i === headerEnd + 1 ? true : UNIT_TYPES.has(kids[i]?.type ?? ''))) i++;
  const start = kids[i];
  if (!start) return undefined;
  const next = kids[i + 1];
  const sameLine = next !== undefined && next.startPosition.row === start.startPosition.row;
  const name = start.type === 'identifier' && sameLine && (next?.type === 'def_eq' || next?.type === 'infix_op_symbol') ? start.text : undefined;
  // `Op = 1` at the start of a unit: a definition written with '=' instead of '=='.
  if (start.type === 'identifier' && start.startPosition.column === 0 && next?.type === 'infix_op_symbol' && next.text === '=') {
    return { name: start.text, last: next, eqInsteadOfDefEq: next };
  }
  const leaves: TsNode[] = [];
  const collect = (n: TsNode): void => {
    if (n.childCount === 0) leaves.push(n);
    else for (const c of n.children) if (c) collect(c);
  };
  for (const k of kids.slice(i)) collect(k);
  let last = leaves[0];
  for (const leaf of leaves) {
    if (leaf.startPosition.row > start.startPosition.row && leaf.startPosition.column === 0) break;
    last = leaf;
  }
  return last ? { ...(name ? { name } : {}), last } : undefined;
}

/** A module header without its closing `====` line (tree-sitter then fails on the whole file). */
function missingModuleEnd(text: string, file: string): TlaError | undefined {
  const lines = text.split(/\r?\n/);
  const headers = lines.flatMap((l, i) => {
    const m = /^\s*-{4,}\s*MODULE\s+(\w+)/.exec(l);
    return m ? [{ i, name: m[1] ?? '' }] : [];
  });
  const ends = lines.filter((l) => /^\s*={4,}/.test(l)).length;
  if (headers.length === 0 || ends >= headers.length) return undefined;
  const last = headers[headers.length - 1];
  let line = lines.length;
  while (line > 1 && (lines[line - 1] ?? '').trim() === '') line--;
  return new TlaError(
    { file, line, col: 1, endLine: line, endCol: 1 },
    `expected '====' to end module ${last?.name ?? ''} (begun at line ${(last?.i ?? 0) + 1})`,
    excerpt((lines[line - 1] ?? '').trim()),
  );
}

/** Every backslash spelling the grammar knows (operators, quantifiers, number prefixes aside). */
const BACKSLASH_WORDS = new Set(
  (
    'in notin cup cap union intersect subseteq subset supseteq supset X times o circ div land lor lnot neg ' +
    'equiv leq geq prec succ preceq succeq ll gg sim simeq approx asymp cong doteq propto sqsubset sqsupset ' +
    'sqsubseteq sqsupseteq sqcap sqcup uplus oplus ominus odot oslash otimes bigcirc bullet star wr cdot A E AA EE'
  ).split(' '),
);

/** Where the outermost block comment left open at the end of the text begins, if any (comments nest). */
function unclosedBlockComment(lines: readonly string[]): { line: number; col: number } | undefined {
  const open: { line: number; col: number }[] = [];
  for (const [row, line] of lines.entries()) {
    let i = 0;
    while (i < line.length) {
      if (line.startsWith('(*', i)) {
        open.push({ line: row + 1, col: [...line.slice(0, i)].length + 1 });
        i += 2;
      } else if (open.length > 0) {
        if (line.startsWith('*)', i)) {
          open.pop();
          i += 2;
        } else i++;
      } else if (line.startsWith('\\*', i)) {
        break; // line comment
      } else if (line[i] === '"') {
        i++;
        while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
        i++;
      } else i++;
    }
  }
  return open[0];
}

/** The first `\word` outside comments and strings that is not a TLA+ operator, if any. */
function unknownBackslashOperator(lines: readonly string[]): { line: number; col: number; text: string } | undefined {
  let depth = 0; // block comment nesting
  for (const [row, line] of lines.entries()) {
    let i = 0;
    while (i < line.length) {
      if (depth > 0) {
        if (line.startsWith('(*', i)) {
          depth++;
          i += 2;
        } else if (line.startsWith('*)', i)) {
          depth--;
          i += 2;
        } else i++;
        continue;
      }
      const c = line[i];
      if (line.startsWith('(*', i)) {
        depth++;
        i += 2;
      } else if (line.startsWith('\\*', i)) {
        break; // line comment
      } else if (c === '"') {
        i++;
        while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
        i++;
      } else if (c === '\\') {
        const m = /^\\([A-Za-z]+)/.exec(line.slice(i));
        const word = m?.[1];
        const isNumber = /^\\(?:[bB][01]+|[oO][0-7]+|[hH][0-9a-fA-F]+)/.test(line.slice(i));
        if (word !== undefined && !BACKSLASH_WORDS.has(word) && !isNumber) {
          return { line: row + 1, col: [...line.slice(0, i)].length + 1, text: `\\${word}` };
        }
        i += 1 + (word?.length ?? 0);
      } else i++;
    }
  }
  return undefined;
}

function findFirstErrorBelow(n: TsNode): TsNode | undefined {
  for (const c of n.children) {
    if (!c) continue;
    const e = findFirstError(c);
    if (e) return e;
  }
  return undefined;
}

function prevLeaf(n: TsNode): TsNode | undefined {
  let cur: TsNode | null = n;
  while (cur) {
    const p: TsNode | null = cur.previousSibling;
    if (p) {
      let leaf: TsNode = p;
      while (leaf.childCount > 0) {
        const last = leaf.child(leaf.childCount - 1);
        if (!last) break;
        leaf = last;
      }
      if (EXTRAS.has(leaf.type)) {
        cur = p;
        continue;
      }
      return leaf;
    }
    cur = cur.parent;
  }
  return undefined;
}

function nextLeafText(n: TsNode): string {
  let cur: TsNode | null = n;
  while (cur) {
    const s: TsNode | null = cur.nextSibling;
    if (s) return s.text;
    cur = cur.parent;
  }
  return '';
}

/** A short description of where an error is: "the definition of Init", "module M". */
function enclosingContext(n: TsNode): string {
  for (let p: TsNode | null = n.parent, child: TsNode = n; p; child = p, p = p.parent) {
    if (p.type === 'operator_definition' || p.type === 'function_definition' || p.type === 'module_definition') {
      const nm = p.childForFieldName('name');
      if (nm) return `the definition of ${nm.text}`;
    }
    if (p.type === 'ERROR' || p.type === 'module') {
      // Recovery flattened the definition: look back for `Name ... ==` among the siblings.
      let defName: string | undefined;
      for (let s: TsNode | null = child.previousSibling; s; s = s.previousSibling) {
        if (s.type === 'def_eq') {
          const before = s.previousSibling;
          if (before && before.type === 'identifier') defName = before.text;
          break;
        }
        if (s.type === 'operator_definition' || s.type === 'single_line' || s.type === 'header_line') break;
      }
      if (defName) return `the definition of ${defName}`;
      if (p.type === 'module') {
        const nm = p.childForFieldName('name');
        if (nm) return `module ${nm.text}`;
      }
    }
  }
  return '';
}

/** web-tree-sitter reports columns in UTF-16 code units of the JS string; TLC counts characters
 * (code points), which differ only on lines with astral-plane characters. */
function toCharColumn(line: string, col: number): number {
  if (/^[\x00-\x7f]*$/.test(line)) return col;
  return [...line.slice(0, col)].length;
}

/** Decodes a TLA+ string literal (with its quotes). */
function decodeString(text: string): string {
  const body = text.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      default:
        return c;
    }
  });
}
