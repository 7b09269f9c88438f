import { defineConfig } from 'vitest/config';

/**
 * Three suites: unit (model, pure logic), integration (real server on port 0),
 * e2e (headless Chromium). `npm test` runs all of them.
 */
export default defineConfig({
  test: {
    projects: [
      {
        // Seeded convergence fuzzing is CPU-bound: allow for a loaded 2-core CI machine.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // Two real browsers plus a server on a loaded 2-core machine: one retry for
          // timing noise; a test that fails twice fails the suite.
          retry: 1,
        },
      },
    ],
  },
});
