// The unit tier on Node 24 (docs/developer/node24.md): the same tests, with better-sqlite3
// taken from a copy built for Node 24 (SITEDESK_BS3_NODE24, a folder holding
// node_modules/better-sqlite3), because the repository's copy is built for Node 20's ABI.
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const bs3 = process.env.SITEDESK_BS3_NODE24;
if (!bs3)
  throw new Error(
    'Set SITEDESK_BS3_NODE24 to the folder where better-sqlite3 was built for Node 24.',
  );

export default defineConfig({
  resolve: { alias: { 'better-sqlite3': join(bs3, 'node_modules/better-sqlite3') } },
  test: {
    root: join(import.meta.dirname, '../..'),
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 10_000,
    hookTimeout: 30_000,
    server: { deps: { inline: [/better-sqlite3/] } },
  },
});
