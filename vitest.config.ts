import { defineConfig } from 'vitest/config';

// Three tiers, all run in CI (see README "Tests"): unit tests touch nothing remote,
// integration tests talk to the real servers that test/env starts, e2e drives a real browser.
export default defineConfig({
  test: {
    projects: [
      {
        // A harness (app, accounts, links) takes seconds on a busy 2-core machine: hooks get 30 s.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 10_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});
