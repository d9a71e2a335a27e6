import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  API_DOC_PATH,
  apiReferenceMarkdown,
  currentOpenApiDocument,
  renderApiReference,
} from '../../../tools/docs/api-reference.js';

const root = join(import.meta.dirname, '../../..');

describe('docs/api.md', () => {
  it('is what `npm run docs:api` writes from the OpenAPI document now', async () => {
    const committed = readFileSync(join(root, API_DOC_PATH), 'utf8');
    // On failure: run `npm run docs:api` and commit docs/api.md with the route change.
    expect(committed).toBe(await renderApiReference(root));
  }, 60_000);

  it('lists every route of the document with its method, summary and who may call it', async () => {
    const doc = await currentOpenApiDocument();
    const page = apiReferenceMarkdown(doc);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    // Routes the hand-kept table used to miss (mailboxes, mailings, call settings, replies, thread).
    const paths = operations.map((o) => o.path);
    expect(paths).toContain('/api/v1/mailboxes');
    expect(paths).toContain('/api/v1/tasks/{id}/reply');
    expect(paths.some((p) => p.includes('thread'))).toBe(true);
    for (const { path, method, op } of operations) {
      expect(page).toContain(
        `\`${method.toUpperCase()} ${path}\` — ${op.summary.replace(/\s+/g, ' ').replace(/</g, '&lt;').trim()}`,
      );
    }
    expect(page).toContain(`(${operations.length} in all)`);
    expect(page).toContain('`GET /api/v1/users` — List agency accounts\n  <br>_admins only_');
  }, 60_000);
});
