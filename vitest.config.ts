import { defineConfig } from 'vitest/config';

// Unit tests are fast and isolated; integration tests start real Strapi, publisher, Astro
// builds and HTTP servers, so they run one file at a time with generous hook timeouts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'scripts/**/*.test.ts', 'site/src/**/*.test.ts', 'cms/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
