/**
 * `npm run bench`: prints the project's speed and memory figures. Each part owns one module in
 * scripts/bench/ exporting `title` and `run()`; figures are printed, never asserted.
 */
interface BenchModule {
  readonly title: string;
  run(): Promise<void>;
}

const BENCHES: (() => Promise<BenchModule>)[] = [
  () => import('./bench/kernel.js'),
  () => import('./bench/bridge.js'),
];

for (const load of BENCHES) {
  const b = await load();
  process.stdout.write(`\n== ${b.title} ==\n`);
  await b.run();
}
