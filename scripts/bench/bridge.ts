/** Benchmark of the bridge part (placeholder until its issue lands). */
export const title = 'bridge (not built yet)';
export async function run(): Promise<void> {
  process.stdout.write('no figures yet\n');
}
