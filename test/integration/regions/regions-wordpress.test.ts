// Regions on a real WordPress (issue 23): a page whose region sits in a Custom HTML block among
// other blocks (Czech text, a table, a shortcode, an image); the raw content is compared
// through the REST API (context=edit) and revisions counted with /revisions.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { basic, connectorFor, rest } from '../wordpress/helpers.js';
import { regionJourney } from './flow.js';
import type { WordPressConnector } from '../../../src/connectors/wordpress/connector.js';

let wp: RunningWordPress;
let dataDir: string;
let store: Store;

beforeAll(async () => {
  wp = await startWordPress();
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-regions-wp-'));
  store = await openStore({ dataDir });
});
afterAll(async () => {
  await store?.close();
  await wp?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const PAGE = [
  '<!-- wp:paragraph -->',
  '<p>Vítejte v pekárně „U Nováků“ — čerstvý chléb každý den &amp; koláče.</p>',
  '<!-- /wp:paragraph -->',
  '',
  '<!-- wp:table -->',
  '<figure class="wp-block-table"><table><tbody><tr><td>Po</td><td>rohlíky</td></tr></tbody></table></figure>',
  '<!-- /wp:table -->',
  '',
  '<!-- wp:shortcode -->',
  '[gallery ids="1,2"]',
  '<!-- /wp:shortcode -->',
  '',
  '<!-- wp:html -->',
  '<div class="hours"><!-- sitedesk:opening-hours --><p>Po–Pá <strong>7–18</strong></p><!-- /sitedesk:opening-hours --></div>',
  '<!-- /wp:html -->',
  '',
  '<!-- wp:paragraph -->',
  '<p>Těšíme se na vás!</p>',
  '<!-- /wp:paragraph -->',
].join('\n');

async function call<T>(method: string, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${wp.url}/wp-json${route}`, {
    method,
    headers: { Authorization: basic(wp), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${route} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const raw = async (id: string) =>
  (await rest<{ content: { raw: string } }>(wp, `/wp/v2/pages/${id}`, { context: 'edit' })).content
    .raw;

it('discovers, updates only the region (one revision), none for the same text, refuses broken markers', async () => {
  const page = await call<{ id: number }>('POST', '/wp/v2/pages', {
    title: 'Otevírací doba',
    content: PAGE,
    status: 'publish',
  });
  const broken = await call<{ id: number }>('POST', '/wp/v2/pages', {
    title: 'Menu',
    content: '<!-- wp:html --><!-- sitedesk:menu --><p>Polévka</p><!-- /wp:html -->',
    status: 'publish',
  });
  let connector: WordPressConnector | undefined;
  await regionJourney(store, {
    kind: 'wordpress',
    url: wp.url,
    settings: { username: wp.username },
    connectorFor: async (site) =>
      (connector ??= await connectorFor(wp, { id: site.id, url: site.url })),
    pageRef: String(page.id),
    brokenRef: String(broken.id),
    raw,
    revisions: async (id) => (await rest<unknown[]>(wp, `/wp/v2/pages/${id}/revisions`)).length,
    breakMarkers: async (id) => {
      const content = (await raw(id)).replace('<!-- /sitedesk:opening-hours -->', '');
      await call('POST', `/wp/v2/pages/${id}`, { content });
    },
  });
});
