import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The secretary app's JS budget, gzipped (issue 8). */
const JS_BUDGET_BYTES = 150 * 1024;

// Prints the gzipped size of all JS together and fails the build above the budget.
function bundleBudget(): Plugin {
  return {
    name: 'sitedesk-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      let total = 0;
      for (const file of Object.values(bundle))
        if (file.type === 'chunk') total += gzipSync(file.code).length;
      const kb = (total / 1024).toFixed(1);
      console.log(`sitedesk web app: JavaScript ${kb} KB gzipped (budget 150 KB)`);
      if (total > JS_BUDGET_BYTES)
        this.error(`JavaScript is ${kb} KB gzipped, over the 150 KB budget`);
    },
  };
}

const here = fileURLToPath(new URL('.', import.meta.url));

// The secretary's web app: built to dist/ui, served by `sitedesk serve` next to /api.
export default defineConfig({
  root: here,
  plugins: [bundleBudget()],
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/ui', import.meta.url)),
    emptyOutDir: true,
    // Prints each file's gzipped size; bundleBudget() prints the total and enforces it.
    reportCompressedSize: true,
    // No inline modulepreload polyfill script: the app's CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/preview': 'http://127.0.0.1:8080' } },
});
