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
    // expect.poll waits for what a browser or a background job shows "soon": Vitest's default
    // of 1 s is shorter than a page load on this machine while the other worker runs a
    // browser too (a list still loading counted 0 rows and failed a CI run). It only waits
    // as long as the condition is not yet met.
    expect: { poll: { timeout: 15_000 } },
  },
});
