/**
 * `npm run verify`: model checks the TLA+ configurations of tla/ with exitspec's checker and
 * compares each verdict with the catalogue (tla/models.ts). By default it runs the large
 * configurations (the small ones run in `npm test`); `--all` runs every one, including the huge
 * ones (minutes each). Each clean config's reachability witnesses are checked too. Prints one line per config with its distinct-state count
 * and time; exits 1 if any verdict differs from the catalogue, 2 on a usage error.
 *
 *   npm run verify [-- --all] [-- --only NAME[,NAME...]]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSpec } from '../bridge/index.js';
import type { CheckResult } from '../bridge/result.js';
import { MODELS, withOnlyInvariant, type ModelEntry } from '../tla/models.js';

/** The tla/ folder: beside scripts/ (source), two levels up from dist/scripts/, or in the cwd. */
function tlaDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'tla'), join(here, '..', '..', 'tla'), join(process.cwd(), 'tla')];
  return candidates.find((d) => existsSync(join(d, 'DragonflyExit.tla'))) ?? candidates[2]!;
}

function verdictOk(m: ModelEntry, r: CheckResult): boolean {
  if (r.result !== m.expect) return false;
  // The catalogue names the property; the checker may add a binding: `KilllwpsCompletes(t = 3)`.
  return m.violated === undefined || r.violated === m.violated || (r.violated ?? '').startsWith(`${m.violated}(`);
}

function describe(r: CheckResult): string {
  if (r.result === 'success') return 'success';
  if (r.result === 'error') return `error: ${r.message ?? ''}`;
  return r.violated !== undefined ? `${r.result} (${r.violated})` : r.result;
}

interface Options {
  readonly all: boolean;
  readonly only: readonly string[] | undefined;
}

function parseArgs(argv: readonly string[]): Options | string {
  let all = false;
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--all') all = true;
    else if (a === '--only') {
      const v = argv[++i];
      if (v === undefined || v === '') return '--only needs a comma-separated list of config names';
      only = v.split(',');
    } else if (a === '--help' || a === '-h') return 'help';
    else return `unknown option '${a ?? ''}'`;
  }
  if (only !== undefined) {
    const unknown = only.filter((n) => !MODELS.some((m) => m.name === n));
    if (unknown.length > 0) return `unknown config(s): ${unknown.join(', ')} (see tla/models.ts)`;
  }
  return { all, only };
}

const USAGE = 'usage: npm run verify [-- --all] [-- --only NAME[,NAME...]]\n';

export async function main(argv: readonly string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (opts === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (typeof opts === 'string') {
    process.stderr.write(`verify: ${opts}\n${USAGE}`);
    return 2;
  }
  const tla = tlaDir();
  const chosen = MODELS.filter((m) =>
    opts.only !== undefined ? opts.only.includes(m.name) : opts.all || m.size === 'large',
  );
  const scratch = mkdtempSync(join(tmpdir(), 'exitspec-verify-'));
  let failures = 0;
  try {
    for (const m of chosen) {
      const spec = join(tla, `${m.name}.tla`);
      const t0 = Date.now();
      const r = await checkSpec({ spec, config: join(tla, `${m.name}.cfg`) });
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      const ok = verdictOk(m, r);
      if (!ok) failures++;
      const want = m.violated !== undefined ? `${m.expect} (${m.violated})` : m.expect;
      process.stdout.write(
        `${ok ? 'ok  ' : 'FAIL'} ${m.name.padEnd(30)} ${describe(r).padEnd(34)} ` +
          `${String(r.distinctStates).padStart(8)} distinct  depth ${String(r.depth).padStart(3)}  ${secs}s` +
          (ok ? '' : `   expected ${want}`) +
          '\n',
      );
      if (m.expect !== 'success' || !ok) continue;
      for (const w of m.witnesses ?? []) {
        const cfgPath = join(scratch, `${m.name}-${w}.cfg`);
        writeFileSync(cfgPath, withOnlyInvariant(readFileSync(join(tla, `${m.name}.cfg`), 'utf8'), w));
        const wr = await checkSpec({ spec, config: cfgPath });
        const wok = wr.result === 'invariant' && wr.violated === w;
        if (!wok) failures++;
        process.stdout.write(`${wok ? 'ok  ' : 'FAIL'}   witness ${w} reached: ${wok ? 'yes' : `no (${describe(wr)})`}\n`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stdout.write(`\n${chosen.length} config(s), ${failures} failure(s)\n`);
  return failures === 0 ? 0 : 1;
}

const invoked = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invoked) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`verify: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
