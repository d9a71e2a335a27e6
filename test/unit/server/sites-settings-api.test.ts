/**
 * Issue 14 "Sites": every bad settings shape of every kind is a 400 naming the field, with
 * nothing saved (POST and PATCH /api/v1/sites); a site is checked when it is added or its
 * address, settings or secret change, and one whose last check failed cannot be chosen for
 * publishing (`siteIds.N`). The connector here is a stand-in whose verify() fails for
 * addresses with "broken" in them: these tests are about what the API does with a check's
 * answer; the real connectors' checks run in test/e2e/sites-setup.test.ts and the
 * integration tests.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, VerifyResult } from '../../../src/connectors/types.js';
import type { Site } from '../../../src/tasks/index.js';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';

let h: Harness;
const verified: string[] = [];

/** A connector whose check fails for "broken" addresses and without a secret; nothing else is used. */
function standIn(site: Site, hasSecret: () => Promise<boolean>): Connector {
  const unused = () => Promise.reject(new Error('not used in these tests'));
  return {
    kind: site.kind,
    capabilities: new Set(),
    async verify(): Promise<VerifyResult> {
      verified.push(site.url);
      if (!(await hasSecret()))
        return {
          ok: false,
          checks: [{ name: 'credentials', ok: false, message: 'no password stored' }],
          cause: { code: 'secret_missing', message: 'No password is stored for this site.' },
        };
      if (site.url.includes('broken'))
        return {
          ok: false,
          checks: [{ name: 'login', ok: false, message: 'the password was refused' }],
          cause: { code: 'wrong_password', message: 'The site refused the password.' },
        };
      return { ok: true, checks: [{ name: 'login', ok: true, message: 'the password works' }] };
    },
    publish: unused,
    unpublish: unused,
    delete: unused,
    uploadMedia: unused,
    updateRegion: unused,
  };
}

beforeAll(async () => {
  h = await createHarness(({ secrets }) => ({
    connectorFor: (site) =>
      standIn(site, async () => (await secrets.get(`site:${site.id}`)) !== undefined),
  }));
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

const agency = () => ({ Authorization: h.adminToken });
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path).sort();

const urls = {
  wordpress: 'https://wp.example',
  ghost: 'https://ghost.example',
  git: 'https://git-site.example',
};
const good = {
  wordpress: { username: 'editor' },
  ghost: {},
  git: { repoUrl: 'https://git.example/site.git' },
} as const;

/** Each kind's bad settings and the fields the 400 names. */
const BAD: { kind: keyof typeof good; settings: Record<string, unknown>; fields: string[] }[] = [
  { kind: 'wordpress', settings: {}, fields: ['body.settings.username'] },
  { kind: 'wordpress', settings: { username: '  ' }, fields: ['body.settings.username'] },
  {
    kind: 'wordpress',
    settings: { username: 'editor', user: 'x' },
    fields: ['body.settings.user'],
  },
  {
    kind: 'wordpress',
    settings: { username: 'editor', timeoutMs: 'soon', restStyle: 'fancy' },
    fields: ['body.settings.restStyle', 'body.settings.timeoutMs'],
  },
  {
    kind: 'wordpress',
    settings: { username: 'editor', retries: 99 },
    fields: ['body.settings.retries'],
  },
  {
    kind: 'ghost',
    settings: { adminUrl: 'ftp://ghost.example' },
    fields: ['body.settings.adminUrl'],
  },
  { kind: 'ghost', settings: { adminUrl: 'not a url' }, fields: ['body.settings.adminUrl'] },
  { kind: 'ghost', settings: { apiVersion: 'v5' }, fields: ['body.settings.apiVersion'] },
  { kind: 'ghost', settings: { retries: -1 }, fields: ['body.settings.retries'] },
  { kind: 'git', settings: {}, fields: ['body.settings.repoUrl'] },
  { kind: 'git', settings: { repoUrl: 'git.example/site' }, fields: ['body.settings.repoUrl'] },
  {
    kind: 'git',
    settings: { repoUrl: 'https://user:tok@git.example/site.git' },
    fields: ['body.settings.repoUrl'],
  },
  {
    kind: 'git',
    settings: { ...good.git, branch: '-delete' },
    fields: ['body.settings.branch'],
  },
  {
    kind: 'git',
    settings: { ...good.git, generator: 'gatsby' },
    fields: ['body.settings.generator'],
  },
  {
    kind: 'git',
    settings: { ...good.git, contentDirs: { post: '../etc' } },
    fields: ['body.settings.contentDirs.post'],
  },
  {
    kind: 'git',
    settings: { ...good.git, contentDirs: { posts: 'content' } },
    fields: ['body.settings.contentDirs.posts'],
  },
  {
    kind: 'git',
    settings: { ...good.git, author: { name: 'Jana', email: 'not-mail' } },
    fields: ['body.settings.author.email'],
  },
  {
    kind: 'git',
    settings: { ...good.git, author: { email: 'jana@example.com' } },
    fields: ['body.settings.author.name'],
  },
  {
    kind: 'git',
    settings: { ...good.git, username: 'oauth2:x' },
    fields: ['body.settings.username'],
  },
  {
    kind: 'git',
    settings: { ...good.git, urlPatterns: { post: '/posts/' } },
    fields: ['body.settings.urlPatterns.post'],
  },
  {
    kind: 'git',
    settings: { ...good.git, timeoutSeconds: 0, frontMatter: 'xml' },
    fields: ['body.settings.frontMatter', 'body.settings.timeoutSeconds'],
  },
  { kind: 'git', settings: { ...good.git, publicUrl: 'x' }, fields: ['body.settings.publicUrl'] },
];

describe('site settings are checked with each kind’s schema', () => {
  it.each(BAD.map((b) => [b.kind, JSON.stringify(b.settings), b] as const))(
    'POST %s %s: 400 naming the field, nothing saved',
    async (_kind, _text, bad) => {
      const before = await rowCounts(h);
      const res = await request(h.http)
        .post('/api/v1/sites')
        .set(agency())
        .send({
          clientId: h.clientA.id,
          name: 'Bad',
          kind: bad.kind,
          url: urls[bad.kind],
          settings: bad.settings,
          secret: 'abc',
        })
        .expect(400);
      expect(paths(res)).toEqual(bad.fields);
      expect(await rowCounts(h)).toEqual(before);
      expect(await h.secrets.list()).not.toContainEqual(expect.stringMatching(/^site:(?!.*(A|B))/));
    },
  );

  it.each(BAD.map((b) => [b.kind, JSON.stringify(b.settings), b] as const))(
    'PATCH %s %s: 400 naming the field, the site unchanged',
    async (_kind, _text, bad) => {
      const site = await h.tasks.createSite(
        {
          clientId: h.clientA.id,
          name: `Good ${bad.kind}`,
          kind: bad.kind,
          url: urls[bad.kind],
          settings: {
            ...good[bad.kind],
            author: bad.kind === 'git' ? { name: 'A', email: 'a@example.com' } : undefined,
          },
        },
        { actor: 'seed' },
      );
      const before = await rowCounts(h);
      const res = await request(h.http)
        .patch(`/api/v1/sites/${site.id}`)
        .set(agency())
        .send({ url: 'https://changed.example', settings: bad.settings })
        .expect(400);
      expect(paths(res)).toEqual(bad.fields);
      expect(await rowCounts(h)).toEqual(before);
      expect(await h.tasks.getSite(site.id)).toEqual(site);
      await h.tasks.removeSite(site.id, { actor: 'seed' }, h.secrets);
    },
  );

  it('a git site’s author defaults to the signed-in user; the generator may be left to detection', async () => {
    const res = await request(h.http)
      .post('/api/v1/sites')
      .set({ Cookie: h.admin.cookie, 'X-CSRF-Token': h.admin.csrf })
      .send({
        clientId: h.clientA.id,
        name: 'Static',
        kind: 'git',
        url: urls.git,
        settings: good.git,
        secret: 'tok',
      })
      .expect(201);
    expect(res.body.settings).toEqual({
      repoUrl: 'https://git.example/site.git',
      author: { name: 'admin', email: 'admin@sitedesk.invalid' },
    });
    await h.tasks.removeSite(res.body.id, { actor: 'seed' }, h.secrets);
    const named = await request(h.http)
      .post('/api/v1/sites')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        name: 'Static 2',
        kind: 'git',
        url: urls.git,
        settings: { ...good.git, author: { name: 'Jana Nováková' } },
      })
      .expect(201);
    expect(named.body.settings.author).toEqual({
      name: 'Jana Nováková',
      email: expect.stringMatching(/^Jana-Nov[\w.-]*@sitedesk\.invalid$/),
    });
    await h.tasks.removeSite(named.body.id, { actor: 'seed' }, h.secrets);
  });
});

describe('a site is checked when added or changed', () => {
  let siteId: string;

  it('adds a working site: check ok with its steps, at once', async () => {
    const res = await request(h.http)
      .post('/api/v1/sites')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        name: 'Works',
        kind: 'wordpress',
        url: 'https://works.example',
        settings: good.wordpress,
        secret: 'pw',
      })
      .expect(201);
    expect(res.body.check).toEqual({ ok: true, at: expect.any(String) });
    expect(res.body.checks).toEqual([{ name: 'login', ok: true, message: 'the password works' }]);
    siteId = res.body.id;
  });

  it('a typo in the address is fixed in place: the check runs again and says why it fails', async () => {
    const broken = await request(h.http)
      .patch(`/api/v1/sites/${siteId}`)
      .set(agency())
      .send({ url: 'https://works.example/broken' })
      .expect(200);
    expect(broken.body.check).toMatchObject({ ok: false, cause: { code: 'wrong_password' } });
    const one = await request(h.http).get(`/api/v1/sites/${siteId}`).set(agency()).expect(200);
    expect(one.body.check).toEqual(broken.body.check);
    const renamed = await request(h.http)
      .patch(`/api/v1/sites/${siteId}`)
      .set(agency())
      .send({ name: 'Works again' })
      .expect(200);
    expect(renamed.body.checks).toBeUndefined();
    expect(renamed.body.check).toEqual(broken.body.check);
  });

  it('a site that is not working yet cannot be chosen for publishing or approval (siteIds.N)', async () => {
    const item = await h.tasks.createContentItem(
      { clientId: h.clientA.id, title: 'News', slug: 'news', markdown: 'x' },
      { actor: 'seed' },
    );
    const before = await rowCounts(h);
    const publish = await request(h.http)
      .post('/api/v1/publish')
      .set(agency())
      .send({ contentItemId: item.id, siteIds: [h.siteA.id, siteId] })
      .expect(400);
    expect(paths(publish)).toEqual(['siteIds.1']);
    expect(publish.body.error.details[0].message).toContain('not working yet');
    expect(publish.body.error.details[0].message).toContain('The site refused the password.');
    const approval = await request(h.http)
      .post(`/api/v1/content-items/${item.id}/approval`)
      .set(agency())
      .send({ siteIds: [siteId] })
      .expect(400);
    expect(paths(approval)).toEqual(['siteIds.0']);
    expect(await rowCounts(h)).toEqual(before);
  });

  it('fixed again (address back, then a new secret): the check passes and publishing is allowed', async () => {
    await request(h.http)
      .patch(`/api/v1/sites/${siteId}`)
      .set(agency())
      .send({ url: 'https://works.example' })
      .expect(200);
    const one = await request(h.http).get(`/api/v1/sites/${siteId}`).set(agency()).expect(200);
    // The origin stayed, so the secret stayed and the check passes.
    expect(one.body).toMatchObject({ hasSecret: true, check: { ok: true } });
    const moved = await request(h.http)
      .patch(`/api/v1/sites/${siteId}`)
      .set(agency())
      .send({ url: 'https://elsewhere.example' })
      .expect(200);
    expect(moved.body).toMatchObject({
      secretCleared: true,
      check: { ok: false, cause: { code: 'secret_missing' } },
    });
    await request(h.http)
      .put(`/api/v1/sites/${siteId}/secret`)
      .set(agency())
      .send({ secret: 'new-pw' })
      .expect(204);
    const after = await request(h.http).get(`/api/v1/sites/${siteId}`).set(agency()).expect(200);
    expect(after.body.check).toMatchObject({ ok: true });
    const item = await h.tasks.createContentItem(
      { clientId: h.clientA.id, title: 'Later', slug: 'later', markdown: 'x' },
      { actor: 'seed' },
    );
    await request(h.http)
      .post('/api/v1/publish')
      .set(agency())
      .send({ contentItemId: item.id, siteIds: [siteId] })
      .expect(201);
  });

  it('settings saved wrong by an earlier version: the check fails naming them, never a 500', async () => {
    // The service layer takes what an earlier version stored; only the API edge checks kinds.
    const old = await h.tasks.createSite(
      {
        clientId: h.clientA.id,
        name: 'Old',
        kind: 'git',
        url: 'https://old.example',
        settings: { branch: 'main' },
      },
      { actor: 'seed' },
    );
    const list = await request(h.http).get('/api/v1/sites').set(agency()).expect(200);
    expect(list.body.items.find((s: { id: string }) => s.id === old.id).check).toBeNull();
    const check = await request(h.http)
      .post(`/api/v1/sites/${old.id}/check`)
      .set(agency())
      .expect(200);
    expect(check.body).toMatchObject({ ok: false, cause: { code: 'settings_invalid' } });
    expect(check.body.cause.message).toContain('settings.repoUrl');
    expect(check.body.check).toMatchObject({ ok: false, cause: { code: 'settings_invalid' } });
  });
});
