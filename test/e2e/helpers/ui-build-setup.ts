/**
 * Global set-up of the e2e tier: builds the web app once for the run; each test file serves a
 * copy of it (buildUi() in ui-server.ts), so one file's server never shares a folder with another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildUiInto } from './ui-build.js';

export default async function setup(): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'sitedesk-ui-run-'));
  await buildUiInto(outDir);
  process.env.SITEDESK_TEST_UI = outDir;
  return () => rmSync(outDir, { recursive: true, force: true });
}
