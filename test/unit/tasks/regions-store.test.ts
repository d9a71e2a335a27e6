import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../../src/content/html-markdown.js';
import type { RegionScan } from '../../../src/connectors/types.js';
import { inTransaction } from '../../../src/tasks/context.js';
import { labelOf, listRegions } from '../../../src/tasks/regions/index.js';
import { rememberScan } from '../../../src/tasks/regions/store.js';
import { regionText, sameRegionText } from '../../../src/tasks/regions/text.js';
import type { Site } from '../../../src/tasks/index.js';
import { anna, createHarness, seedClient, type Harness } from './helpers.js';

let h: Harness;
let site: Site;
beforeEach(async () => {
  h = await createHarness();
  const seeded = await seedClient(h.tasks);
  site = seeded.sites[0] as Site;
});
afterEach(() => h.close());

const page = (ref: string, title = `Page ${ref}`) => ({ ref, kind: 'page' as const, title });
const remember = (scan: RegionScan) =>
  inTransaction(h.tasks.deps, anna, (unit) =>
    rememberScan(h.tasks.deps, unit.trx, site, scan, unit.at),
  );

describe('remembered regions', () => {
  it('keeps ids across discoveries, marks vanished regions missing and broken ones broken', async () => {
    const first = await remember({
      regions: [
        {
          page: page('1', 'Contact'),
          name: 'opening-hours',
          content: '<p>Mon <em>9–5</em></p>',
          format: 'html',
        },
        { page: page('2'), name: 'menu', content: '\nSoup\n', format: 'markdown' },
      ],
      problems: [],
    });
    expect(first.map((r) => [r.name, r.status, r.content, r.label])).toEqual([
      ['opening-hours', 'ok', 'Mon _9–5_', 'Opening hours'],
      ['menu', 'ok', 'Soup', 'Menu'],
    ]);
    await h.clock.advance(60_000);
    const second = await remember({
      regions: [
        {
          page: page('1', 'Kontakt'),
          name: 'opening-hours',
          content: '<p>Closed</p>',
          format: 'html',
        },
      ],
      problems: [
        { page: page('3'), name: 'prices', code: 'region_unclosed', message: 'not closed' },
      ],
    });
    const byName = new Map(second.map((r) => [r.name, r]));
    expect(byName.get('opening-hours')).toMatchObject({
      id: first[0]?.id,
      status: 'ok',
      content: 'Closed',
      page: { title: 'Kontakt' },
    });
    expect(byName.get('menu')).toMatchObject({
      id: first[1]?.id,
      status: 'missing',
      content: 'Soup',
      problem: { code: 'region_missing' },
    });
    expect(byName.get('menu')?.problem?.message).toMatch(/put <!-- sitedesk:menu -->/);
    expect(byName.get('prices')).toMatchObject({
      status: 'broken',
      problem: { code: 'region_broken' },
    });
    expect(byName.get('prices')?.problem?.message).toContain('not closed');
    expect(await listRegions(h.tasks.deps, { clientId: site.clientId })).toHaveLength(3);
  });
});

describe('region text', () => {
  it('names regions for people and converts Markdown per format; the same text is recognised', () => {
    expect(labelOf('opening-hours')).toBe('Opening hours');
    expect(labelOf('menu--today')).toBe('Menu today');
    expect(regionText('html', '**Po–Pá** 7–18')).toBe('<p><strong>Po–Pá</strong> 7–18</p>');
    expect(regionText('markdown', '**Po–Pá** 7–18\n')).toBe('**Po–Pá** 7–18');
    expect(regionText('markdown', 'x <script>alert(1)</script>')).not.toContain('<script>');
    expect(sameRegionText('\n<p><strong>Po–Pá</strong> 7–18</p>\n', 'html', '**Po–Pá** 7–18')).toBe(
      true,
    );
    expect(sameRegionText('<p>Old</p>', 'html', 'New')).toBe(false);
  });

  it('turns region HTML into the Markdown the secretary edits', () => {
    expect(
      htmlToMarkdown(
        '<h2>Hours</h2><ul><li>Mon <strong>9–5</strong></li><li>Sat</li></ul><p>See <a href="/map">map</a><br>Tel. 1*2</p>',
      ),
    ).toBe('## Hours\n\n- Mon **9–5**\n- Sat\n\nSee [map](/map)  \nTel. 1\\*2');
  });
});
