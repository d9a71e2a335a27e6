import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The secretary's web app: built to dist/ui, served by `sitedesk serve` next to /api.
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/ui', import.meta.url)),
    emptyOutDir: true,
    // Prints each file's gzipped size; the budget check is in tools/ui-size (see README).
    reportCompressedSize: true,
    // No inline modulepreload polyfill script: the app's CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/preview': 'http://127.0.0.1:8080' } },
});
