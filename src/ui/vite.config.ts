import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * JavaScript budgets, gzipped (issue 15): what the first screen loads (the entry chunk and
 * what it imports statically: Today, sign-in, the words) and what the Write screen loads (that
 * plus the chunks it loads lazily: the screen itself, src/ui/src/screens/editor.tsx, the text
 * editor, src/ui/src/editor/rich-text.tsx, and marked for the live preview). Every screen but
 * Today is a chunk of its own (src/ui/src/screens/screens.tsx).
 */
const FIRST_SCREEN_BUDGET = 80 * 1024;
const WRITE_SCREEN_BUDGET = 200 * 1024;
const EDITOR_MODULE = /src\/ui\/src\/editor\/rich-text\.tsx$/;
const WRITE_SCREEN_MODULE = /src\/ui\/src\/screens\/editor\.tsx$/;
const WRITE_SCREEN_LAZY = [WRITE_SCREEN_MODULE, EDITOR_MODULE, /node_modules\/marked\//];
/**
 * Screens and parts that must stay out of the first screen (issue 24: the mailings screen;
 * issue 19: the meeting parts, Today's list included).
 */
const LAZY_SCREENS = [
  /src\/ui\/src\/mailings\/screen\.tsx$/,
  /src\/ui\/src\/meetings\/client-meetings\.tsx$/,
  /src\/ui\/src\/meetings\/task-meeting\.tsx$/,
  /src\/ui\/src\/meetings\/today-meetings\.tsx$/,
];

type Chunks = Record<string, { code: string; imports: string[] }>;

/** The chunk named `file` and every chunk it imports statically, gzipped bytes each. */
function withImports(chunks: Chunks, file: string, into: Map<string, number>): void {
  const chunk = chunks[file];
  if (!chunk || into.has(file)) return;
  into.set(file, gzipSync(chunk.code).length);
  for (const imported of chunk.imports) withImports(chunks, imported, into);
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const sum = (sizes: Map<string, number>): number => [...sizes.values()].reduce((a, b) => a + b, 0);

// Prints the first screen's and the Write screen's gzipped JavaScript; fails above a budget.
function bundleBudget(): Plugin {
  return {
    name: 'sitedesk-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: Chunks = {};
      const first = new Map<string, number>();
      const lazy: string[] = [];
      let editorSplit = false;
      const lazyScreens = new Set<RegExp>();
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type !== 'chunk') continue;
        chunks[file] = out;
        const id = out.facadeModuleId ?? '';
        if (WRITE_SCREEN_LAZY.some((m) => m.test(id))) lazy.push(file);
        if (!out.isEntry && EDITOR_MODULE.test(id)) editorSplit = true;
        for (const m of LAZY_SCREENS) if (!out.isEntry && m.test(id)) lazyScreens.add(m);
      }
      for (const [file, out] of Object.entries(bundle))
        if (out.type === 'chunk' && out.isEntry) withImports(chunks, file, first);
      if (!editorSplit)
        this.error('the text editor (editor/rich-text.tsx) is not a chunk of its own');
      for (const m of LAZY_SCREENS)
        if (!lazyScreens.has(m)) this.error(`${m.source} is not a chunk of its own`);
      const write = new Map(first);
      for (const file of lazy) withImports(chunks, file, write);
      const firstBytes = sum(first);
      const writeBytes = sum(write);
      console.log(
        `sitedesk web app: first screen JavaScript ${kb(firstBytes)} KB gzipped (budget 80 KB); ` +
          `Write screen ${kb(writeBytes)} KB (budget 200 KB; loaded when it opens ${kb(writeBytes - firstBytes)} KB)`,
      );
      if (firstBytes > FIRST_SCREEN_BUDGET)
        this.error(`the first screen's JavaScript is ${kb(firstBytes)} KB gzipped, over 80 KB`);
      if (writeBytes > WRITE_SCREEN_BUDGET)
        this.error(`the Write screen's JavaScript is ${kb(writeBytes)} KB gzipped, over 200 KB`);
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
    // Prints each file's gzipped size; bundleBudget() prints the two screens' totals and enforces them.
    reportCompressedSize: true,
    // No inline modulepreload polyfill script: the app's CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/preview': 'http://127.0.0.1:8080' } },
});
