/**
 * Issue 16 on a real Ghost: the payload corpus in every plain field Ghost has (title,
 * excerpt, tags, feature image alt) and the body, sent as plain text — as Ghost expects it —
 * and every live page (Ghost's default theme) opened in Chromium: no marker runs, titles and
 * excerpts read as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GhostConnector } from '../../../src/connectors/ghost/connector.js';
import type { PublishResult } from '../../../src/connectors/types.js';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';
import { connectorFor } from '../ghost/helpers.js';
import { corpusItems, inParallel, notShown } from './items.js';
import { markersThatRan, startPageChecker, type PageChecker } from './pages.js';

let ghost: GhostInstance;
let connector: GhostConnector;
let checker: PageChecker;

beforeAll(async () => {
  [ghost, checker] = await Promise.all([startGhost(), startPageChecker(6)]);
  connector = (await connectorFor(ghost.url, ghost.adminKey)).connector;
}, 120_000);

afterAll(async () => {
  await Promise.all([checker?.close(), ghost?.stop()]);
});

describe('plain fields on a real Ghost (issue 16)', () => {
  it('Ghost: no payload runs, every title and excerpt reads as typed', async () => {
    const items = corpusItems('gh', { images: 'all', categories: false });
    const results: PublishResult[] = await inParallel(items, 6, ({ item }) =>
      connector.publish(item),
    );
    const visits = await checker.visit([...results.map((r) => r.url), `${ghost.url}/`]);
    expect(markersThatRan(visits)).toEqual([]);
    items.forEach(({ item }, index) => {
      const shown = visits[index]?.text ?? '';
      expect(notShown(shown, [item.title]), `title on ${results[index]?.url}`).toEqual([]);
      const documentTitle = shown.split('\n')[0] ?? '';
      expect(notShown(documentTitle, [item.title]), `<title> of ${results[index]?.url}`).toEqual(
        [],
      );
      expect(notShown(shown, [item.excerpt ?? '']), `excerpt on ${results[index]?.url}`).toEqual(
        [],
      );
    });
    // Idempotent: a second publish finds the posts (three are enough to show it).
    const again = await inParallel(items.slice(0, 3), 3, ({ item }) => connector.publish(item));
    expect(again.map((r) => [r.remoteId, r.created])).toEqual(
      results.slice(0, 3).map((r) => [r.remoteId, false]),
    );
  }, 90_000);

  it('a tag typed as a hashtag is shown, not made internal (Ghost hides tags that start with #)', async () => {
    const [first] = corpusItems('gh-hashtag', { images: 'inline', categories: false });
    if (!first) throw new Error('the corpus is empty');
    const result = await connector.publish({ ...first.item, tags: ['#summer16', 'bakery'] });
    const [visit] = await checker.visit([result.url]);
    expect(markersThatRan(visit ? [visit] : [])).toEqual([]);
    // The theme shows the first public tag above the title (in capitals: innerText follows CSS).
    expect(visit?.text.toLowerCase()).toContain('\uff03summer16');
  }, 30_000);
});
