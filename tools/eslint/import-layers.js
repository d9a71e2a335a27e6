// @ts-check
/**
 * ESLint rule `sitedesk/import-layers`: imports point one way (DESIGN.md "Layout"):
 *   cli → server → tasks → connectors, store → content, secrets → shared
 * `ui` talks to the server over HTTP only, so it imports nothing from the other layers.
 * A file in src/<layer>/ may import only from its own layer and the layers listed for it.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Which layers each layer may import (besides itself). */
export const allowedImports = {
  shared: [],
  secrets: ['shared'],
  content: ['shared'],
  connectors: ['content', 'secrets', 'shared'],
  store: ['content', 'secrets', 'shared'],
  tasks: ['connectors', 'store', 'content', 'secrets', 'shared'],
  server: ['tasks', 'connectors', 'store', 'content', 'secrets', 'shared'],
  cli: ['server', 'tasks', 'connectors', 'store', 'content', 'secrets', 'shared'],
  ui: [],
};

/**
 * Pure files (no imports, no Node API) the web app bundles so that it and the server agree to
 * the letter; each one says so at its top. Paths relative to src/.
 */
export const sharedWithUi = ['content/slug.ts'];

/** The layer of an absolute path under `<root>/src/`, or undefined. */
function layerOf(root, file) {
  const rel = relative(resolve(root, 'src'), file);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep)[0];
}

/** Whether `target` (an import, `.js` for `.ts` allowed) is src/`file`. */
function isFile(root, target, file) {
  const rel = relative(resolve(root, 'src'), target).split(sep).join('/');
  return rel === file || rel.replace(/\.js$/, '.ts') === file;
}

/** @type {import('eslint').Rule.RuleModule} */
export const importLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the one-way layer imports of DESIGN.md' },
    schema: [],
    messages: {
      wrongWay:
        'src/{{from}} must not import from src/{{to}}: imports point one way (cli → server → tasks → connectors/store → content/secrets → shared; ui uses HTTP only).',
    },
  },
  create(context) {
    const root = context.cwd;
    const from = layerOf(root, context.filename);
    if (!from || !(from in allowedImports)) return {};
    const allowed = new Set([
      from,
      ...allowedImports[/** @type {keyof typeof allowedImports} */ (from)],
    ]);

    /** @param {import('estree').Node | null | undefined} source */
    function check(source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('.')) return;
      const target = resolve(dirname(context.filename), spec);
      const to = layerOf(root, target);
      if (from === 'ui' && sharedWithUi.some((file) => isFile(root, target, file))) return;
      if (to && !allowed.has(to)) {
        context.report({ node: source, messageId: 'wrongWay', data: { from, to } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { rules: { 'import-layers': importLayers } };
