/**
 * The Ghost connector against a real Ghost 5 (started once for this file by test/env/ghost):
 * publish, update, idempotency, images, tags, scheduling, 409 handling, unpublish, delete,
 * listing, newsletter. The public pages are fetched and checked with cheerio.
 */
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GhostConnector } from '../../../src/connectors/ghost/connector.js';
import { GhostRemoteError } from '../../../src/connectors/ghost/errors.js';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';
import {
  connectorFor,
  countRequests,
  eventually,
  pngFile,
  postItem,
  uniqueSlug,
} from './helpers.js';

let ghost: GhostInstance;
let connector: GhostConnector;
let requests: ReturnType<typeof countRequests>;

interface AdminPost {
  id: string;
  slug: string;
  status: string;
  title: string;
  updated_at: string;
  html?: string;
  custom_excerpt?: string | null;
  feature_image?: string | null;
  tags?: { name: string }[];
  published_at?: string | null;
  url?: string;
}

/** Reads a post as the owner sees it in Ghost Admin (not through the connector). */
async function adminRead(kind: 'posts' | 'pages', id: string): Promise<AdminPost> {
  const body = await ghost.admin.request<Record<string, AdminPost[]>>(
    'GET',
    `/${kind}/${id}/?formats=html`,
  );
  const post = body[kind]?.[0];
  if (!post) throw new Error('no post');
  return post;
}

async function countBySlug(kind: 'posts' | 'pages', slug: string): Promise<number> {
  const body = await ghost.admin.request<{ meta: { pagination: { total: number } } }>(
    'GET',
    `/${kind}/?filter=${encodeURIComponent(`slug:~'${slug}'`)}&limit=1`,
  );
  return body.meta.pagination.total;
}

async function publicHtml(url: string): Promise<{ status: number; $: ReturnType<typeof load> }> {
  const response = await fetch(url);
  return { status: response.status, $: load(await response.text()) };
}

beforeAll(async () => {
  ghost = await startGhost();
  const made = await connectorFor(ghost.url, ghost.adminKey);
  connector = made.connector;
  requests = countRequests(made.axios);
});

afterAll(async () => {
  await ghost?.stop();
});

describe('Ghost publish', () => {
  it('creates a live post with two requests, with excerpt and new tags, visible at its public URL', async () => {
    const item = postItem({
      excerpt: 'Baked daily',
      tags: ['Bakery News', `tag-${uniqueSlug('t')}`],
    });
    requests.reset();
    const result = await connector.publish(item);
    expect(requests.calls).toEqual(['GET /ghost/api/admin/posts/', 'POST /ghost/api/admin/posts/']);
    expect(result).toMatchObject({ status: 'published', created: true });

    const stored = await adminRead('posts', result.remoteId);
    expect(stored).toMatchObject({
      slug: item.slug,
      status: 'published',
      title: item.title,
      custom_excerpt: 'Baked daily',
    });
    expect(stored.tags?.map((t) => t.name)).toEqual(item.tags);

    const page = await publicHtml(result.url);
    expect(page.status).toBe(200);
    expect(page.$('h1').first().text()).toContain(item.title);
    expect(page.$('strong').text()).toContain('croissants');
    expect(
      page
        .$('li')
        .map((_, li) => page.$(li).text())
        .get(),
    ).toEqual(expect.arrayContaining(['butter', 'flour']));
  });

  it('is idempotent: publishing the same item again updates the one post', async () => {
    const item = postItem();
    const first = await connector.publish(item);
    const second = await connector.publish({ ...item, title: 'Changed title' });
    expect(second).toMatchObject({ remoteId: first.remoteId, created: false });
    const third = await connector.publish(
      { ...item, title: 'Changed again' },
      { remoteId: first.remoteId },
    );
    expect(third.remoteId).toBe(first.remoteId);
    expect(await countBySlug('posts', item.slug)).toBe(1);
    expect((await adminRead('posts', first.remoteId)).title).toBe('Changed again');
  });

  it('finds the post by slug when the stored remote id no longer exists', async () => {
    const item = postItem();
    const first = await connector.publish(item);
    const again = await connector.publish(item, { remoteId: '0123456789abcdef01234567' });
    expect(again).toMatchObject({ remoteId: first.remoteId, created: false });
  });

  it('publishes pages to the pages collection', async () => {
    const item = postItem({ kind: 'page', slug: uniqueSlug('page') });
    const result = await connector.publish(item);
    expect((await adminRead('pages', result.remoteId)).slug).toBe(item.slug);
    expect((await publicHtml(result.url)).status).toBe(200);
  });

  it('saves drafts that are not public', async () => {
    const result = await connector.publish(postItem(), { status: 'draft' });
    expect(result.status).toBe('draft');
    expect((await adminRead('posts', result.remoteId)).status).toBe('draft');
  });

  it('uploads the feature image and inline images, rewrites their URLs, and reuses them on republish', async () => {
    const red = pngFile('red dot.png', [220, 20, 20]);
    const blue = pngFile('blue.png', [20, 20, 220], 8, 'A blue square');
    const item = postItem({
      markdown: 'Look:\n\n![a red dot](red%20dot.png)\n\nand ![](https://example.com/x.png)',
      images: [red],
      featureImage: blue,
    });
    const result = await connector.publish(item);
    const stored = await adminRead('posts', result.remoteId);
    expect(stored.feature_image).toMatch(
      new RegExp(`^${ghost.url}/content/images/.+/blue-[0-9a-f]{10}\\.png$`),
    );

    const page = await publicHtml(result.url);
    const srcs = page
      .$('article img, .gh-content img')
      .map((_, img) => page.$(img).attr('src'))
      .get();
    const inline = srcs.find((src) => /red-dot-[0-9a-f]{10}\.png$/.test(src));
    expect(inline).toBeDefined();
    expect(srcs).toContain('https://example.com/x.png');
    const image = await fetch(new URL(inline ?? '', ghost.url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');

    requests.reset();
    await connector.publish({ ...item, title: 'Same images' }, { remoteId: result.remoteId });
    expect(requests.calls.filter((call) => call.includes('/images/upload/'))).toEqual([]);
    expect((await adminRead('posts', result.remoteId)).feature_image).toBe(stored.feature_image);
  });

  it('refuses an image the text shows but the item does not carry', async () => {
    await expect(
      connector.publish(postItem({ markdown: '![x](missing.png)' })),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('schedules a post that Ghost publishes by itself', async () => {
    const at = new Date(Date.now() + 4000);
    const result = await connector.publish(postItem(), { status: 'scheduled', publishAt: at });
    expect(result.status).toBe('scheduled');
    const stored = await adminRead('posts', result.remoteId);
    expect(stored.status).toBe('scheduled');
    expect(new Date(stored.published_at ?? 0).getTime()).toBe(
      Math.floor(at.getTime() / 1000) * 1000,
    );
    const live = await eventually(async () => {
      const post = await adminRead('posts', result.remoteId);
      return post.status === 'published' ? post : undefined;
    }, 30_000);
    expect(live.status).toBe('published');
    // Ghost's url of the scheduled post was its preview link: not handed out (issue 23).
    expect(result.url).toBe('');
    expect(live.url).not.toContain('/p/');
    expect((await publicHtml(live.url ?? '')).status).toBe(200);
  });

  it('rejects a scheduled publish without a future time', async () => {
    await expect(
      connector.publish(postItem(), {
        status: 'scheduled',
        publishAt: new Date(Date.now() - 1000),
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('Ghost edits and collisions', () => {
  it('re-reads once and succeeds when someone saved the post after it was read', async () => {
    const item = postItem();
    const first = await connector.publish(item);
    // Ghost compares updated_at to the second, so the other edit must land a second later.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { axios: instance, connector: racing } = await connectorFor(ghost.url, ghost.adminKey);
    let edited = false;
    instance.interceptors.request.use(async (config) => {
      if (config.method?.toUpperCase() === 'PUT' && !edited) {
        edited = true;
        const current = await adminRead('posts', first.remoteId);
        await ghost.admin.request('PUT', `/posts/${first.remoteId}/`, {
          posts: [{ custom_excerpt: 'edited by someone else', updated_at: current.updated_at }],
        });
      }
      return config;
    });
    const calls = countRequests(instance);
    const result = await racing.publish({ ...item, title: 'After the collision' });
    expect(edited).toBe(true);
    expect(calls.calls.filter((c) => c.startsWith('PUT'))).toHaveLength(2);
    expect(result.created).toBe(false);
    expect((await adminRead('posts', first.remoteId)).title).toBe('After the collision');
  });

  it('sends the updated_at it read: a stale one is answered 409 UpdateCollisionError and reported', async () => {
    const item = postItem();
    const first = await connector.publish(item);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { axios: instance, connector: racing } = await connectorFor(ghost.url, ghost.adminKey);
    // Someone saves before every PUT: both attempts are stale, so the connector must give up.
    instance.interceptors.request.use(async (config) => {
      if (config.method?.toUpperCase() === 'PUT') {
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const current = await adminRead('posts', first.remoteId);
        await ghost.admin.request('PUT', `/posts/${first.remoteId}/`, {
          posts: [{ custom_excerpt: `edit ${Date.now()}`, updated_at: current.updated_at }],
        });
      }
      return config;
    });
    const error: unknown = await racing
      .publish({ ...item, title: 'Never saved' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GhostRemoteError);
    expect(error).toMatchObject({
      status: 409,
      remoteCode: 'UpdateCollisionError',
      code: 'remote_conflict',
    });
    expect((error as Error).message).toMatch(
      /^PUT http:\/\/127\.0\.0\.1:\d+\/ghost\/api\/admin\/posts\/[0-9a-f]{24}\/\?source=html → 409 UpdateCollisionError: Saving failed/,
    );
    expect((await adminRead('posts', first.remoteId)).title).toBe(item.title);
  });
});

describe('Ghost unpublish, delete, list', () => {
  it('unpublishes to draft and deletes; a second delete is harmless', async () => {
    const result = await connector.publish(postItem());
    await connector.unpublish({ remoteId: result.remoteId, kind: 'post' });
    expect((await adminRead('posts', result.remoteId)).status).toBe('draft');
    expect((await fetch(result.url)).status).toBe(404);
    await connector.delete({ remoteId: result.remoteId, kind: 'post' });
    await expect(adminRead('posts', result.remoteId)).rejects.toThrow(/404/);
    await expect(
      connector.delete({ remoteId: result.remoteId, kind: 'post' }),
    ).resolves.toBeUndefined();
    await expect(
      connector.unpublish({ remoteId: result.remoteId, kind: 'post' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists posts of every status across pages', async () => {
    const tag = uniqueSlug('list');
    const made = [];
    for (const status of ['draft', 'published', 'draft', 'published', 'published'] as const) {
      made.push((await connector.publish(postItem({ tags: [tag] }), { status })).remoteId);
    }
    requests.reset();
    const seen: string[] = [];
    for await (const post of connector.list('post', { filter: `tag:${tag}`, pageSize: 2 }))
      seen.push(post.id);
    expect(seen.sort()).toEqual([...made].sort());
    expect(requests.calls).toHaveLength(3);
  });
});

describe('Ghost newsletter', () => {
  it('is not sent unless asked, and reported separately when asked', async () => {
    const plain = await connector.publish(postItem());
    expect(plain.newsletter).toBeUndefined();

    await ghost.admin.request('POST', '/members/', {
      members: [{ email: `reader-${uniqueSlug('m')}@example.com`, name: 'Reader' }],
    });
    const item = postItem();
    const result = await connector.publish(item, {
      newsletter: { slug: 'default-newsletter', segment: 'all' },
    });
    expect(result.status).toBe('published');
    expect(result.newsletter?.sent).toBe(true);
    expect(result.newsletter?.detail).toMatch(/^e-mail \w+ to 1 recipient/);

    // Publishing it again does not send it again.
    const again = await connector.publish(item, { newsletter: { slug: 'default-newsletter' } });
    expect(again).toMatchObject({ remoteId: result.remoteId, newsletter: { sent: false } });
    const stored = await ghost.admin.request<{
      posts: { newsletter: { slug: string } | null; email_segment: string }[];
    }>('GET', `/posts/${result.remoteId}/?include=newsletter`);
    expect(stored.posts[0]?.newsletter?.slug).toBe('default-newsletter');
    expect(stored.posts[0]?.email_segment).toBe('all');
  });
});

describe('Ghost page regions', () => {
  const cardHtml =
    '<div class="hours"><!-- sitedesk:hours --><p>Mon 9-5</p><!-- /sitedesk:hours --></div>';
  const pageHtml = `<p>Intro of the <strong>contact</strong> page</p><!--kg-card-begin: html-->${cardHtml}<!--kg-card-end: html--><p>Outro, <em>unchanged</em></p>`;

  async function makePage(): Promise<{ id: string; url: string; lexical: string }> {
    const body = await ghost.admin.request<{
      pages: { id: string; url: string; lexical: string }[];
    }>('POST', '/pages/?source=html', {
      pages: [
        { title: 'Contact', slug: uniqueSlug('contact'), html: pageHtml, status: 'published' },
      ],
    });
    const page = body.pages[0];
    if (!page) throw new Error('no page');
    return page;
  }

  it('replaces only the region inside its HTML card; every other byte of the Lexical document stays', async () => {
    const page = await makePage();
    await connector.updateRegion(
      { remoteId: page.id, kind: 'page' },
      'hours',
      '<p>Mon–Sat 8-6</p><script>alert(1)</script>',
    );
    const after = await ghost.admin.request<{ pages: { lexical: string }[] }>(
      'GET',
      `/pages/${page.id}/?formats=lexical`,
    );
    expect(after.pages[0]?.lexical).toBe(
      page.lexical.replace('<p>Mon 9-5</p>', '<p>Mon–Sat 8-6</p>'),
    );

    const { $ } = await publicHtml(page.url);
    expect($('.hours').text().trim()).toBe('Mon–Sat 8-6');
    expect($('script:contains("alert")').length).toBe(0);
    expect($('strong').text()).toContain('contact');
    expect($('em').text()).toBe('unchanged');
  });

  it("applies the region to someone else's newer save instead of overwriting it (409, re-read once)", async () => {
    const page = await makePage();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { axios: instance, connector: racing } = await connectorFor(ghost.url, ghost.adminKey);
    let edited = false;
    instance.interceptors.request.use(async (config) => {
      if (config.method?.toUpperCase() === 'PUT' && !edited) {
        edited = true;
        const current = await ghost.admin.request<{ pages: { updated_at: string }[] }>(
          'GET',
          `/pages/${page.id}/`,
        );
        await ghost.admin.request('PUT', `/pages/${page.id}/`, {
          pages: [{ title: 'Renamed meanwhile', updated_at: current.pages[0]?.updated_at }],
        });
      }
      return config;
    });
    const calls = countRequests(instance);
    await racing.updateRegion({ remoteId: page.id, kind: 'page' }, 'hours', '<p>Closed today</p>');
    expect(calls.calls.filter((c) => c.startsWith('PUT'))).toHaveLength(2);
    const after = await ghost.admin.request<{ pages: { title: string; lexical: string }[] }>(
      'GET',
      `/pages/${page.id}/?formats=lexical`,
    );
    expect(edited).toBe(true);
    expect(after.pages[0]?.title).toBe('Renamed meanwhile');
    expect(after.pages[0]?.lexical).toBe(
      page.lexical.replace('<p>Mon 9-5</p>', '<p>Closed today</p>'),
    );
  });

  it('says how to add the HTML card when the page has no such region', async () => {
    const page = await makePage();
    await expect(
      connector.updateRegion({ remoteId: page.id, kind: 'page' }, 'prices', '<p>x</p>'),
    ).rejects.toMatchObject({
      code: 'region_missing',
      message: expect.stringContaining('add an HTML card'),
    });
  });
});
