import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Client code imports the shared model as `@shared/...` (see vite.config.ts). */
const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

/**
 * Three suites: unit (model, pure logic), integration (real server on port 0),
 * e2e (headless Chromium). `npm test` runs all of them.
 */
export default defineConfig({
  test: {
    projects: [
      {
        // Seeded convergence fuzzing is CPU-bound: allow for a loaded 2-core CI machine.
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // PostgreSQL for the storage contract suites (TEST_DATABASE_URL, or a throwaway
          // cluster when the server binaries are installed): test/helpers/pgSetup.ts.
          globalSetup: ['test/helpers/pgSetup.ts'],
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/pgSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
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
