/** Benchmark of the kernel part (placeholder until its issue lands). */
export const title = 'kernel (not built yet)';
export async function run(): Promise<void> {
  process.stdout.write('no figures yet\n');
}
