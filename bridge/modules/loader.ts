/**
 * Module loading: parses the spec file and, transitively, every module it EXTENDS or INSTANCEs.
 * Search order for a module `M`: modules defined in an already-loaded file (a file may hold several
 * modules; the first module of the spec file is the root); the bundled standard modules
 * (bridge/syntax/stdlib.ts: Naturals, Integers, Sequences, FiniteSets, TLC, Bags, TLCExt), which
 * have no TLA+ source (their operators are builtins, and like TLC's Java overrides they win over a
 * same-named .tla file); then `M.tla` in each directory of the search path (by default the spec's
 * directory); then the modules bundled as TLA+ source (bundled.ts: TLAPS).
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { AstNode, Module, Name, SourceFile, SourceLoc } from '../syntax/ast.js';
import { readAstCache, writeAstCache } from '../syntax/cache.js';
import { TlaError, excerpt } from '../syntax/errors.js';
import { initParser, parseTla } from '../syntax/parse.js';
import { isStandardModule } from '../syntax/stdlib.js';
import { BUNDLED_MODULES, bundledPath } from './bundled.js';

/** A loaded user module. */
export interface LoadedModule {
  readonly module: Module;
  readonly file: string;
}

/** Everything resolution needs: the root module, all user modules by name, the source texts
 * (for error excerpts), and which standard modules are used. */
export interface LoadedSpec {
  readonly root: Module;
  readonly file: string;
  readonly modules: ReadonlyMap<string, LoadedModule>;
  readonly standard: ReadonlySet<string>;
  /** Source lines of every loaded file, by file name. */
  readonly sources: ReadonlyMap<string, readonly string[]>;
}

export interface LoadOptions {
  /** Directories searched for `M.tla` (default: the spec's directory). */
  readonly searchPath?: readonly string[];
  /** File reader (default: fs); returns undefined when the file does not exist. Tests inject an
   * in-memory file system here. */
  readonly readFile?: (file: string) => Promise<string | undefined>;
}

async function defaultRead(file: string): Promise<string | undefined> {
  try {
    return await fsReadFile(file, 'utf8');
  } catch (e) {
    if (e instanceof Error && 'code' in e && (e.code === 'ENOENT' || e.code === 'EISDIR')) return undefined;
    throw e;
  }
}

/** Loads `specFile` and every module it references. Throws TlaError for syntax errors and
 * missing modules. */
export async function loadSpec(specFile: string, opts: LoadOptions = {}): Promise<LoadedSpec> {
  const read = opts.readFile ?? defaultRead;
  const searchPath = opts.searchPath ?? [path.dirname(specFile)];
  const text = await read(specFile);
  if (text === undefined) {
    throw new TlaError({ file: specFile, line: 1, col: 1, endLine: 1, endCol: 1 }, 'cannot read the spec file', '');
  }
  const modules = new Map<string, LoadedModule>();
  const sources = new Map<string, readonly string[]>();
  const standard = new Set<string>();
  const pending: Name[] = [];

  const addFile = async (content: string, file: string): Promise<Module[]> => {
    sources.set(file, content.split(/\r?\n/));
    const sf = await parseWithCache(content, file);
    const added: Module[] = [];
    const register = (m: Module): void => {
      if (!modules.has(m.name)) {
        modules.set(m.name, { module: m, file });
        added.push(m);
      }
      for (const u of m.units) if (u.kind === 'Submodule') register(u.module);
    };
    for (const m of sf.modules) register(m);
    for (const m of added) pending.push(...referencedModules(m));
    return sf.modules as Module[];
  };

  const rootModules = await addFile(text, specFile);
  const root = rootModules[0] as Module;

  while (pending.length > 0) {
    const ref = pending.shift() as Name;
    const name = ref.name;
    if (modules.has(name) || standard.has(name)) continue;
    // Like TLC, whose standard modules are implemented in Java whatever .tla file is around, a
    // standard module name always means the bundled builtins (a vendored Sequences.tla in the
    // spec's directory would otherwise define Seq(S) as an infinite UNION).
    if (isStandardModule(name)) {
      standard.add(name);
      continue;
    }
    let found = false;
    for (const dir of searchPath) {
      const candidate = path.join(dir, `${name}.tla`);
      const content = await read(candidate);
      if (content === undefined) continue;
      await addFile(content, candidate);
      if (!modules.has(name)) {
        throw new TlaError(ref.loc, `file ${candidate} does not define module '${name}'`, name);
      }
      found = true;
      break;
    }
    if (found) continue;
    const bundled = BUNDLED_MODULES.get(name);
    if (bundled !== undefined) {
      await addFile(bundled, bundledPath(name));
      continue;
    }
    throw new TlaError(
      ref.loc,
      `cannot find module '${name}' (looked for ${name}.tla in ${searchPath.join(', ')} and among the standard modules)`,
      excerpt(name),
    );
  }
  return { root, file: specFile, modules, standard, sources };
}

/** Parses a file, through the on-disk AST cache (bridge/syntax/cache.ts). */
async function parseWithCache(text: string, file: string): Promise<SourceFile> {
  const cached = readAstCache(text, file);
  if (cached) return cached;
  await initParser();
  const sf = parseTla(text, file);
  writeAstCache(text, file, sf);
  return sf;
}

/** Names of the modules a module EXTENDS or INSTANCEs (anywhere, including inside LET). */
export function referencedModules(m: Module): Name[] {
  const out: Name[] = [...m.extends];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const x of node) walk(x);
      return;
    }
    const n = node as Partial<AstNode> & Record<string, unknown>;
    if (n.kind === 'Submodule') return; // registered and scanned on its own
    if (n.kind === 'Instance' && typeof n.module === 'object') out.push(n.module as Name);
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'nameLoc') walk(v);
  };
  walk(m.units);
  return out;
}

/** The source text at a location (first line of it), for error messages. */
export function sourceText(sources: ReadonlyMap<string, readonly string[]>, loc: SourceLoc): string {
  const lines = sources.get(loc.file);
  if (!lines) return '';
  const first = lines[loc.line - 1] ?? '';
  const chars = [...first];
  const end = loc.endLine === loc.line ? loc.endCol : chars.length;
  return excerpt(chars.slice(loc.col - 1, end).join(''));
}
