import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One test file per core: vitest's default (cores - 1) keeps a core for its own process, which
    // only collects results here, so a 2-core machine would run the simulations one file at a time.
    maxWorkers: availableParallelism(),
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
