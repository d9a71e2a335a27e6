import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { connectorFor, rest } from './helpers.js';

// Two real WordPress installs at once, one connector each, in one process: nothing of one
// site (base URL, credentials, api-fetch state, term cache) may reach the other.
let one: RunningWordPress;
let two: RunningWordPress;

beforeAll(async () => {
  [one, two] = await Promise.all([startWordPress(), startWordPress()]);
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
});

describe('two WordPress sites side by side', () => {
  it('publishes the same slug to both at once, each post on its own site with its own tags', async () => {
    const [a, b] = await Promise.all([
      connectorFor(one, { id: 'one' }),
      connectorFor(two, { id: 'two' }),
    ]);
    const item = {
      id: 'shared',
      slug: 'opening-hours',
      kind: 'post' as const,
      markdown: 'Open daily',
    };
    const [ra, rb] = await Promise.all([
      a.publish({ ...item, title: 'Site one hours', tags: ['one-only'] }),
      b.publish({ ...item, title: 'Site two hours', tags: ['two-only'] }),
    ]);
    expect(ra.url.startsWith(one.url)).toBe(true);
    expect(rb.url.startsWith(two.url)).toBe(true);
    const [postOne] = await rest<{ title: { raw: string } }[]>(one, '/wp/v2/posts', {
      slug: 'opening-hours',
      context: 'edit',
    });
    const [postTwo] = await rest<{ title: { raw: string } }[]>(two, '/wp/v2/posts', {
      slug: 'opening-hours',
      context: 'edit',
    });
    expect(postOne?.title.raw).toBe('Site one hours');
    expect(postTwo?.title.raw).toBe('Site two hours');
    expect((await rest<{ name: string }[]>(one, '/wp/v2/tags')).map((t) => t.name)).toEqual([
      'one-only',
    ]);
    expect((await rest<{ name: string }[]>(two, '/wp/v2/tags')).map((t) => t.name)).toEqual([
      'two-only',
    ]);
  });
});
