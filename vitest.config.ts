import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each integration file starts its own database; argon2 and PGlite are CPU-bound.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, so the
    // files ran one after another (833 s). Most of a file's time is spent waiting (on the
    // database, a browser, a child process): two at once take 423 s here.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
