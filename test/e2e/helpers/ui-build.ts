/** The web app built by Vite for the e2e tests, as `npm run build:ui` builds what ships. */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * A folder of its own with the built UI: a copy of the build the e2e tier's global set-up made
 * once for the run (test/e2e/helpers/ui-build-setup.ts, SITEDESK_TEST_UI), or, without it, a
 * build of its own (Vite, a second or two of CPU; twenty files built it twenty times).
 */
export async function buildUi(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'sitedesk-ui-'));
  const built = process.env.SITEDESK_TEST_UI;
  if (built && existsSync(join(built, 'index.html'))) cpSync(built, outDir, { recursive: true });
  else await buildUiInto(outDir);
  return outDir;
}

/** Builds the UI that ships into `outDir`. */
export async function buildUiInto(outDir: string): Promise<void> {
  // The bundle that ships: vitest sets NODE_ENV=test, which Vite would bake into the bundle
  // (keeping preact's development code), so it is production for the build only.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(import.meta.dirname, '../../../src/ui/vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
