#!/usr/bin/env node
// Launcher for the compiled CLI. `npm ci` runs the `prepare` script, which compiles the
// TypeScript sources to dist/; this file only forwards to dist/scripts/cli.js.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'scripts', 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write(
    `exitspec: the compiled CLI is missing (${entry}).\n` +
      `Run 'npm ci' (or 'npm run build') in ${root} first.\n`,
  );
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
