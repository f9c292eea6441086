import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{spec,impl,properties,traces,tla,scripts,bridge,test}/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
