import { defineConfig } from 'vitest/config';

// Three tiers, all run in CI (see docs/developer/tests.md): unit tests touch nothing remote,
// integration tests talk to the real servers that test/env starts, e2e drives a real browser.
//
// Wall time (the suite must stay well under 20 minutes on a 2-core CI machine):
// - Unit files share their workers' module cache (`isolate: false`): importing the app anew for
//   each of ~130 files cost ~10 minutes of CPU under load, against ~40 s shared. Unit tests use no
//   module mocks, fake timers or stubbed globals, so nothing leaks between files.
// - Unit files run first on both cores; then the integration and e2e tiers side by side, each
//   one file at a time (they start real servers and time real clocks). test/env/run-all.sh runs
//   them as three processes; test/env/ports.ts keeps their servers' ports apart.
// - Integration and e2e files share their one worker's module cache too: importing anew for each
//   file cost 150–170 s per process (import time in vitest's summary) against 15–26 s shared.
//   Their files start and stop their own servers and undo what they change (PATH, NODE_ENV).
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        // A harness (app, accounts, links) takes seconds on a busy 2-core machine: hooks get 30 s.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 10_000,
          hookTimeout: 30_000,
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // The processes tests start run as JavaScript transpiled once (test/env/node-scripts.ts).
          globalSetup: ['test/env/node-scripts-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          isolate: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The web app is built once for the run; each file serves a copy of it.
          globalSetup: ['test/e2e/helpers/ui-build-setup.ts'],
          testTimeout: 120_000,
          isolate: false,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
