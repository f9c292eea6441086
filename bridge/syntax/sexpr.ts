/**
 * A compact S-expression rendering of AST expressions, e.g. `(+ a (* b c))`, used by tests to
 * state expected shapes (precedence, associativity, binders) and handy when debugging the parser.
 */
import type { Bound, Expr, ExceptPathStep } from './ast.js';

function bound(b: Bound): string {
  const names = b.names.map((n) => n.name).join(' ');
  return `${b.tuple ? `<${names}>` : names} ${sexpr(b.set)}`;
}

function path(p: ExceptPathStep): string {
  return p.kind === 'Field' ? `.${p.name}` : `[${p.args.map(sexpr).join(' ')}]`;
}

/** Renders an expression as an S-expression. */
export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'Number':
      return e.real ?? e.value.toString();
    case 'String':
      return JSON.stringify(e.value);
    case 'Bool':
      return e.value ? 'TRUE' : 'FALSE';
    case 'OpApp': {
      const q = e.qualifier.map((s) => (s.args.length ? `${s.name}(${s.args.map(sexpr).join(' ')})` : s.name) + '!').join('');
      if (e.args.length === 0) return q + e.name;
      return `(${q}${e.name} ${e.args.map(sexpr).join(' ')})`;
    }
    case 'OpSymbol':
      return `op:${e.name}`;
    case 'Lambda':
      return `(LAMBDA ${e.params.map((p) => p.name).join(' ')} : ${sexpr(e.body)})`;
    case 'Quant':
      return `(${e.quantifier} ${e.bounds.map(bound).join(', ')} : ${sexpr(e.body)})`;
    case 'UnboundedQuant':
      return `(${e.quantifier} ${e.names.map((n) => n.name).join(' ')} : ${sexpr(e.body)})`;
    case 'Choose': {
      const names = e.names.map((n) => n.name).join(' ');
      return `(CHOOSE ${e.tuple ? `<${names}>` : names}${e.set ? ` ${sexpr(e.set)}` : ''} : ${sexpr(e.body)})`;
    }
    case 'SetEnum':
      return `{${e.elems.map(sexpr).join(' ')}}`;
    case 'SetFilter':
      return `{${bound(e.bound)} : ${sexpr(e.pred)}}`;
    case 'SetMap':
      return `{${sexpr(e.expr)} : ${e.bounds.map(bound).join(', ')}}`;
    case 'FnApp':
      return `(app ${sexpr(e.fn)} ${e.args.map(sexpr).join(' ')})`;
    case 'FnCons':
      return `[${e.bounds.map(bound).join(', ')} |-> ${sexpr(e.body)}]`;
    case 'FnSet':
      return `[${sexpr(e.domain)} -> ${sexpr(e.range)}]`;
    case 'RecordCons':
      return `[${e.fields.map((f) => `${f.name} |-> ${sexpr(f.value)}`).join(', ')}]`;
    case 'RecordSet':
      return `[${e.fields.map((f) => `${f.name} : ${sexpr(f.value)}`).join(', ')}]`;
    case 'FieldAccess':
      return `(. ${sexpr(e.record)} ${e.field.name})`;
    case 'Except':
      return `(EXCEPT ${sexpr(e.fn)} ${e.updates.map((u) => `!${u.path.map(path).join('')} = ${sexpr(u.value)}`).join(', ')})`;
    case 'At':
      return '@';
    case 'Tuple':
      return `<<${e.elems.map(sexpr).join(' ')}>>`;
    case 'CartesianProduct':
      return `(\\X ${e.sets.map(sexpr).join(' ')})`;
    case 'If':
      return `(IF ${sexpr(e.cond)} ${sexpr(e.then)} ${sexpr(e.else)})`;
    case 'Case':
      return `(CASE ${e.arms.map((a) => `${sexpr(a.guard)} -> ${sexpr(a.body)}`).join(' [] ')}${e.other ? ` [] OTHER -> ${sexpr(e.other)}` : ''})`;
    case 'Let':
      return `(LET ${e.defs.map((d) => ('name' in d ? d.name : d.decls.map((x) => x.name).join(' '))).join(' ')} IN ${sexpr(e.body)})`;
    case 'Junction':
      return `(${e.op === 'and' ? '/\\*' : '\\/*'} ${e.items.map(sexpr).join(' ')})`;
    case 'BoxAction':
      return `([]_ ${sexpr(e.action)} ${sexpr(e.sub)})`;
    case 'AngleAction':
      return `(<>_ ${sexpr(e.action)} ${sexpr(e.sub)})`;
    case 'Fairness':
      return `(${e.strong ? 'SF' : 'WF'} ${sexpr(e.sub)} ${sexpr(e.action)})`;
    case 'Label':
      return `(${e.name} :: ${sexpr(e.body)})`;
  }
}
