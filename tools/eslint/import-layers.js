// @ts-check
/**
 * ESLint rule `sitedesk/import-layers`: imports point one way (DESIGN.md "Layout"):
 *   cli → server → tasks → connectors, store → content, secrets → shared
 * `ui` talks to the server over HTTP only, so it imports nothing from the other layers.
 * A file in src/<layer>/ may import only from its own layer and the layers listed for it.
 * Inside src/tasks the same holds between its parts (taskParts, lowest first).
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

/**
 * The parts of src/tasks (a folder, or a file directly in src/tasks by its name without `.ts`),
 * lowest first: a part imports only the parts before it, so the task service's topics do not
 * tangle. A new folder of src/tasks must be placed here.
 */
export const taskParts = [
  'validate',
  'schemas',
  'types',
  'events',
  'context',
  'rows',
  'task-list',
  'content-items',
  'thread',
  'sites',
  'regions',
  'clients',
  'publishing',
  'calls',
  'schedules',
  'queue',
  'service',
  'accounts',
  'mail',
  'index',
  'letters',
  'meetings',
  'backup',
];

/**
 * The upward imports between parts of src/tasks that are there today (`from>to`), each a loop
 * between two topics that a small move does not undo; new ones are refused. Shrink this list,
 * never grow it without saying why here.
 *   - schemas, types > letters: the letter task's details schema lives with the letter service.
 *   - rows > content-items: task rows show attachments through the content-items file views.
 *   - content-items > letters: pruning uploads keeps those a letter still names.
 *   - thread, regions > publishing: sending for approval and filling regions queue publications.
 *   - clients > schedules: a client's new timezone reschedules its schedules.
 *   - clients > mail: a client's final removal deletes its mail files.
 *   - calls > mail: calls are delivered through the mail desk's context and mailboxes.
 *   - mail > letters: the mail desk sends letters and its outbox carries them.
 */
export const knownUpward = new Set([
  'schemas>letters',
  'types>letters',
  'rows>content-items',
  'content-items>letters',
  'thread>publishing',
  'regions>publishing',
  'clients>schedules',
  'clients>mail',
  'calls>mail',
  'mail>letters',
]);

/** The part of src/tasks an absolute path is in (see taskParts), or undefined outside it. */
function taskPartOf(root, file) {
  const rel = relative(resolve(root, 'src/tasks'), file);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep)[0].replace(/\.(ts|js)$/, '');
}

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
      taskUpward:
        'src/tasks/{{from}} must not import from src/tasks/{{to}}: it stands higher in taskParts (tools/eslint/import-layers.js); move the function to the part it belongs to.',
      taskUnknown:
        'src/tasks/{{part}} is not in taskParts (tools/eslint/import-layers.js): place it among the parts of src/tasks.',
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

    const rank = (/** @type {string} */ part) => taskParts.indexOf(part);
    const fromPart = from === 'tasks' ? taskPartOf(root, context.filename) : undefined;

    /** Within src/tasks: the import from `fromPart` to the file `target` must point down. */
    function checkTaskPart(
      /** @type {import('estree').Node} */ node,
      /** @type {string} */ target,
    ) {
      const toPart = taskPartOf(root, target);
      if (!fromPart || !toPart || toPart === fromPart) return;
      for (const part of [fromPart, toPart])
        if (rank(part) < 0) {
          context.report({ node, messageId: 'taskUnknown', data: { part } });
          return;
        }
      if (rank(toPart) > rank(fromPart) && !knownUpward.has(`${fromPart}>${toPart}`))
        context.report({ node, messageId: 'taskUpward', data: { from: fromPart, to: toPart } });
    }

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
      if (from === 'tasks' && to === 'tasks') checkTaskPart(source, target);
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
