// The API of a git conflict (issue 17): the runner stores both versions when the connector
// stops with git_conflict; GET shows them, POST takes the secretary's choice (validated: 400
// naming the field, 409 for a version no longer current, 404 without a conflict) and the next
// attempt hands the choice to the connector; after it, sitedesk's rendering is the next base.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitConflictError } from '../../../src/connectors/git/errors.js';
import { blobVersion } from '../../../src/connectors/git/merge.js';
import type { Connector, PublishOptions } from '../../../src/connectors/types.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner, type Runner } from '../../../src/tasks/index.js';
import { createHarness, type Harness } from './harness.js';

const THEIRS = '---\ntitle: Menu\n---\n\nSoup by Jan.\n';
const OURS = '---\ntitle: Menu\n---\n\nSoup of the day.\n';
const calls: PublishOptions[] = [];
let conflictNext = true;
const connector = {
  kind: 'git',
  capabilities: new Set(),
  publish: async (_item: unknown, options: PublishOptions) => {
    calls.push(options);
    if (conflictNext && !options.resolution)
      throw new GitConflictError(
        { method: 'git merge-file', url: 'https://git.example/site.git' },
        {
          path: 'content/posts/menu.md',
          theirs: THEIRS,
          ours: OURS,
          theirsVersion: blobVersion(THEIRS),
        },
      );
    return {
      remoteId: 'content/posts/menu.md',
      url: 'https://a.example/posts/menu/',
      status: 'published',
      created: false,
      rendered: OURS,
    };
  },
} as unknown as Connector;

let h: Harness;
let runner: Runner;
beforeAll(async () => {
  h = await createHarness((parts) => {
    runner = createRunner(
      { maxAttempts: 3 },
      { ...parts.tasks.deps, logger: createSilentLogger(), connectorFor: () => connector },
    );
    return { publications: runner };
  });
});
afterAll(async () => h.close());

const agency = () => ({ Authorization: h.secretaryToken });

describe('a publication stopped by a git conflict', () => {
  let id = '';
  const url = () => `/api/v1/publications/${id}/conflict`;

  it('fails with git_conflict (not retried) and shows both versions', async () => {
    const item = await h.tasks.createContentItem(
      { clientId: h.clientA.id, title: 'Menu', slug: 'menu', markdown: 'Soup of the day.' },
      { actor: 'seed' },
    );
    const { publications } = await h.tasks.requestPublish(
      { contentItemId: item.id, siteIds: [h.siteA.id] },
      { actor: 'seed' },
    );
    id = publications[0]!.id;
    await runner.runDue();
    const list = await request(h.http)
      .get(`/api/v1/publications?state=failed`)
      .set(agency())
      .expect(200);
    const failed = (list.body.items as { id: string; lastError: string; attempts: number }[]).find(
      (p) => p.id === id,
    );
    expect(failed?.lastError).toMatch(/\[git_conflict\]$/);
    expect(failed?.attempts).toBe(1);
    const shown = await request(h.http).get(url()).set(agency()).expect(200);
    expect(shown.body).toMatchObject({
      publicationId: id,
      siteId: h.siteA.id,
      path: 'content/posts/menu.md',
      theirs: THEIRS,
      ours: OURS,
      version: blobVersion(THEIRS),
    });
  });

  it('refuses bad choices naming the field, a stale version, and a client link', async () => {
    const version = blobVersion(THEIRS);
    const missing = await request(h.http)
      .post(url())
      .set(agency())
      .send({ choice: 'edit', version })
      .expect(400);
    expect(JSON.stringify(missing.body.error.details)).toContain('body.text');
    const wrong = await request(h.http)
      .post(url())
      .set(agency())
      .send({ choice: 'mine', version })
      .expect(400);
    expect(JSON.stringify(wrong.body.error.details)).toContain('body.choice');
    await request(h.http)
      .post(url())
      .set(agency())
      .send({ choice: 'ours', version: 'x' })
      .expect(400);
    await request(h.http)
      .post(url())
      .set(agency())
      .send({ choice: 'ours', version: blobVersion('older') })
      .expect(409);
    await request(h.http).get(url()).set({ Authorization: h.linkA }).expect(403);
    await request(h.http)
      .get(`/api/v1/publications/${h.clientA.id}/conflict`)
      .set(agency())
      .expect(404);
  });

  it('hands the choice to the next attempt, then keeps sitedesk’s rendering as the base', async () => {
    const version = blobVersion(THEIRS);
    const res = await request(h.http)
      .post(url())
      .set(agency())
      .send({ choice: 'edit', version, text: 'Soup by Jan, and of the day.' })
      .expect(200);
    expect(res.body.state).toBe('pending');
    await runner.runDue();
    expect(calls.at(-1)?.resolution).toEqual({
      path: 'content/posts/menu.md',
      theirsVersion: version,
      choice: 'edit',
      text: 'Soup by Jan, and of the day.',
    });
    const after = await request(h.http)
      .get(`/api/v1/publications?state=published`)
      .set(agency())
      .expect(200);
    expect((after.body.items as { id: string }[]).map((p) => p.id)).toContain(id);
    await request(h.http).get(url()).set(agency()).expect(404);
    const history = await h.store.db
      .selectFrom('history')
      .select(['action', 'changes'])
      .where('entity_id', '=', id)
      .execute();
    expect(history.map((e) => e.action)).toContain('conflict_decided');
    // Publishing again: the base is what sitedesk rendered, and no old choice is handed on.
    conflictNext = false;
    await h.tasks.requestPublish(
      {
        contentItemId: (await h.tasks.listPublications({ taskId: res.body.taskId }))[0]!
          .contentItemId,
        siteIds: [h.siteA.id],
      },
      { actor: 'seed' },
    );
    await runner.runDue();
    expect(calls.at(-1)?.previous).toBe(OURS);
    expect(calls.at(-1)?.resolution).toBeUndefined();
  });
});
