import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests are fast and isolated; integration tests start real Strapi, publisher, Astro
// builds and HTTP servers, so they run one file at a time with generous hook timeouts. The e2e
// tests build the site once per file from a real CMS and check it in Chromium and with the Nu
// Html Checker (Debian's chromium and a Java runtime, see .ci/run). The projects run one after
// the other (groupOrder), so the browser tests never share the two cores with Strapi starts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['tests/unit/**/*.test.ts', 'scripts/**/*.test.ts', 'site/src/**/*.test.ts', 'cms/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/e2e/**'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
