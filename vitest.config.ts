import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each integration file starts its own database; argon2 and PGlite are CPU-bound.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
