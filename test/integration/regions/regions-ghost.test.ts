// Regions on a real Ghost (issue 23): a page whose region sits in an HTML card among other
// cards; the Lexical document is compared through the Admin API (owner session, not the
// connector), and Ghost's own post revisions and `updated_at` show whether anything was saved.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GhostConnector } from '../../../src/connectors/ghost/connector.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';
import { connectorFor, uniqueSlug } from '../ghost/helpers.js';
import { regionJourney } from './flow.js';

let ghost: GhostInstance;
let dataDir: string;
let store: Store;

beforeAll(async () => {
  ghost = await startGhost();
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-regions-ghost-'));
  store = await openStore({ dataDir });
});
afterAll(async () => {
  await store?.close();
  await ghost?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const card = (html: string) => `<!--kg-card-begin: html-->${html}<!--kg-card-end: html-->`;
const PAGE = [
  '<p>Vítejte v pekárně „U Nováků“ — <em>čerstvý</em> chléb &amp; koláče.</p>',
  '<table><tbody><tr><td>Po</td><td>rohlíky</td></tr></tbody></table>',
  card(
    '<div class="hours"><!-- sitedesk:opening-hours --><p>Po–Pá <strong>7–18</strong></p><!-- /sitedesk:opening-hours --></div>',
  ),
  '<p>Těšíme se na vás!</p>',
].join('');

interface GhostPage {
  id: string;
  lexical: string;
  updated_at: string;
  post_revisions?: unknown[];
}

async function makePage(title: string, html: string): Promise<GhostPage> {
  const body = await ghost.admin.request<{ pages: GhostPage[] }>('POST', '/pages/?source=html', {
    pages: [{ title, slug: uniqueSlug('page'), html, status: 'published' }],
  });
  const page = body.pages[0];
  if (!page) throw new Error('no page');
  return page;
}

const read = async (id: string): Promise<GhostPage> => {
  const body = await ghost.admin.request<{ pages: GhostPage[] }>(
    'GET',
    `/pages/${id}/?formats=lexical&include=post_revisions`,
  );
  const page = body.pages[0];
  if (!page) throw new Error('no page');
  return page;
};

it('discovers, updates only the region (one save), no new revision or updated_at for the same text, refuses broken markers', async () => {
  const page = await makePage('Otevírací doba', PAGE);
  const broken = await makePage('Menu', card('<div><!-- sitedesk:menu --><p>Polévka</p></div>'));
  // Ghost keeps post_revisions of saves, and every save moves updated_at: a save shows in
  // either, so "saves" is the larger of the two counts since the first look.
  const seen = new Map<string, { revisions: number; at: string; moves: number }>();
  const saves = async (id: string): Promise<number> => {
    const current = await read(id);
    expect(Array.isArray(current.post_revisions)).toBe(true);
    const revisions = current.post_revisions?.length ?? 0;
    const first = seen.get(id) ?? { revisions, at: current.updated_at, moves: 0 };
    if (first.at !== current.updated_at) first.moves += 1;
    seen.set(id, { ...first, at: current.updated_at });
    return first.revisions + Math.max(revisions - first.revisions, first.moves);
  };
  let connector: GhostConnector | undefined;
  await regionJourney(store, {
    kind: 'ghost',
    url: ghost.url,
    settings: {},
    connectorFor: async (site) =>
      (connector ??= (await connectorFor(site.url, ghost.adminKey, { id: site.id })).connector),
    pageRef: page.id,
    brokenRef: broken.id,
    raw: async (id) => (await read(id)).lexical,
    revisions: saves,
    breakMarkers: async (id) => {
      const current = await read(id);
      await ghost.admin.request('PUT', `/pages/${id}/`, {
        pages: [
          {
            lexical: current.lexical.replace('<!-- /sitedesk:opening-hours -->', ''),
            updated_at: current.updated_at,
          },
        ],
      });
    },
  });
});
