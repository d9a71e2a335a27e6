/**
 * Page regions in the secretary's words (issue 23): where a region is, what went wrong with its
 * markers by problem code (never the server's English or the code itself), the marker pair to
 * paste, the same part on other sites, and the title of a region update task — English and Czech.
 */
import { describe, expect, it } from 'vitest';
import type { Region } from '../../../src/ui/src/api/region-types.js';
import { cs } from '../../../src/ui/src/i18n/cs.js';
import { en, type MessageKey } from '../../../src/ui/src/i18n/en.js';
import {
  markerBlock,
  problemWords,
  regionNameFrom,
  regionPlace,
  regionTaskTitle,
  sameRegionElsewhere,
  sameText,
} from '../../../src/ui/src/parts/region-words.js';
import { REGION_NAME } from '../../../src/content/regions.js';

const translator =
  (catalog: Record<MessageKey, string>) =>
  (key: MessageKey, values?: Record<string, string | number>): string =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
      : catalog[key];
const tEn = translator(en);
const tCs = translator(cs);

const region = (over: Partial<Region> = {}): Region => ({
  id: 'r1',
  clientId: 'c1',
  siteId: 's1',
  siteName: 'Bakery website',
  siteKind: 'wordpress',
  page: { ref: '12', kind: 'page', title: 'Home page' },
  name: 'opening-hours',
  label: 'Opening hours',
  content: 'Mon–Fri 7–18',
  status: 'ok',
  checkedAt: '2026-12-05T08:00:00Z',
  ...over,
});

describe('regionPlace', () => {
  it('says the label, the site, its kind and the page', () => {
    expect(regionPlace(region(), tEn)).toBe(
      'Opening hours — Bakery website (WordPress), Home page',
    );
    expect(
      regionPlace(
        region({
          siteKind: 'git',
          generator: 'hugo',
          siteName: 'Static',
          page: { ref: 'content/contact.md', kind: 'page', title: 'Contact' },
        }),
        tCs,
      ),
    ).toBe('Opening hours — Static (statický web, Hugo), Contact');
  });

  it('never shows the page id or path when the page has no title', () => {
    const words = regionPlace(
      region({ page: { ref: 'content/x.md', kind: 'page', title: ' ' } }),
      tEn,
    );
    expect(words).toContain('a page without a title');
    expect(words).not.toContain('content/x.md');
  });
});

describe('problemWords', () => {
  const codes = [
    'region_missing',
    'region_unclosed',
    'region_unopened',
    'region_duplicated',
    'region_overlap',
    'region_content_invalid',
    'region_name_invalid',
    'page_missing',
  ];

  it.each(codes)(
    '%s: a sentence in each language, without the code or the server’s English',
    (code) => {
      const server = { code, message: 'page has no region "opening-hours": put …' };
      for (const t of [tEn, tCs]) {
        const words = problemWords(server, region({ status: 'broken' }), t);
        expect(words?.what).toBeTruthy();
        expect(words?.fix).toBeTruthy();
        expect(`${words?.what} ${words?.fix}`).not.toContain(code);
        expect(`${words?.what} ${words?.fix}`).not.toContain('page has no region');
        expect(`${words?.what} ${words?.fix}`).not.toMatch(/\{\w+\}/);
      }
    },
  );

  it('says how to put the markers back, with the exact markers', () => {
    const words = problemWords({ code: 'region_unclosed' }, region({ status: 'broken' }), tEn);
    expect(words?.what).toContain('Home page');
    expect(words?.fix).toContain('<!-- /sitedesk:opening-hours -->');
    const missing = problemWords(undefined, region({ status: 'missing' }), tCs);
    expect(missing?.what).toContain('někdo je odstranil');
    expect(missing?.fix).toContain('<!-- sitedesk:opening-hours -->');
    expect(missing?.fix).toContain('<!-- /sitedesk:opening-hours -->');
  });

  it('words an unknown code by the region’s status; a region in order has no problem', () => {
    const words = problemWords({ code: 'http_500' }, region({ status: 'broken' }), tEn);
    expect(words?.what).toContain('not right');
    expect(problemWords(undefined, region(), tEn)).toBeUndefined();
    expect(problemWords({ code: 'site_unreachable' }, region(), tEn)).toBeUndefined();
    expect(problemWords({ code: 'region_broken' }, region(), tCs)?.what).toContain(
      'nejsou v pořádku',
    );
  });
});

describe('markers to paste', () => {
  it('makes a marker name sitedesk accepts from her words', () => {
    expect(regionNameFrom('Otevírací doba')).toBe('oteviraci-doba');
    expect(regionNameFrom('  Today’s menu!! ')).toBe('today-s-menu');
    expect(regionNameFrom('---')).toBe('');
    const long = regionNameFrom('Ž'.repeat(30) + ' ' + 'a'.repeat(80));
    expect(long).toMatch(REGION_NAME);
  });

  it('puts the text between the opening and the closing marker', () => {
    expect(markerBlock('menu', ' Soup ')).toBe(
      '<!-- sitedesk:menu -->\nSoup\n<!-- /sitedesk:menu -->',
    );
  });
});

describe('sameRegionElsewhere', () => {
  it('offers the same part on the client’s other sites, in order, only where it is ready', () => {
    const here = region();
    const ghost = region({
      id: 'r2',
      siteId: 's2',
      siteName: 'Bakery newsletter',
      siteKind: 'ghost',
    });
    const git = region({ id: 'r3', siteId: 's3', siteName: 'Bakery static', siteKind: 'git' });
    const broken = region({ id: 'r4', siteId: 's4', siteName: 'Old site', status: 'broken' });
    const other = region({ id: 'r5', name: 'menu', label: 'Menu' });
    const otherClient = region({ id: 'r6', clientId: 'c2' });
    const relabelled = region({
      id: 'r7',
      name: 'hodiny',
      label: 'opening HOURS',
      siteName: 'A site',
    });
    expect(
      sameRegionElsewhere([here, git, ghost, broken, other, otherClient, relabelled], here).map(
        (r) => r.id,
      ),
    ).toEqual(['r7', 'r2', 'r3']);
  });
});

describe('sameText', () => {
  it('ignores line ends and trailing blanks, not words', () => {
    expect(sameText('Mon 7–18\r\nTue 7–18  \n', 'Mon 7–18\nTue 7–18')).toBe(true);
    expect(sameText('Mon 7–18', 'Mon 7–19')).toBe(false);
  });
});

describe('regionTaskTitle', () => {
  const task = (title: string, details: Record<string, unknown> = { regionIds: ['r1'] }) => ({
    kind: 'publish',
    title,
    details,
  });

  it('reads a region update task in English and Czech', () => {
    const t = task('Update Opening hours on Bakery website, Bakery newsletter', {
      regionIds: ['r1', 'r2'],
      regionLabel: 'Opening hours',
    });
    expect(regionTaskTitle(t, tEn)).toBe(
      'Update opening hours on Bakery website, Bakery newsletter',
    );
    expect(regionTaskTitle(t, tCs)).toBe(
      'Opening hours: nový text na Bakery website, Bakery newsletter',
    );
    expect(regionTaskTitle(task('Update PDF menu on X'), tEn)).toBe('Update PDF menu on X');
  });

  it('knows a region update by its text’s kind, and names the sites', () => {
    const t = {
      kind: 'publish',
      title: 'Publish “Opening hours”',
      details: { siteIds: ['s1', 's2', 'gone'] },
    };
    const names = new Map([
      ['s1', 'Bakery website'],
      ['s2', 'Bakery newsletter'],
    ]);
    expect(regionTaskTitle(t, tEn, { kind: 'region', title: 'Opening hours' }, names)).toBe(
      'Update opening hours on Bakery website, Bakery newsletter',
    );
    expect(
      regionTaskTitle(t, tEn, { kind: 'post', title: 'Opening hours' }, names),
    ).toBeUndefined();
  });

  it('leaves other tasks alone', () => {
    expect(regionTaskTitle(task('Update the prices on the site', {}), tEn)).toBeUndefined();
    expect(regionTaskTitle({ ...task('Update a on b'), kind: 'call' }, tEn)).toBeUndefined();
    expect(regionTaskTitle(task('Publish to 2 sites'), tEn)).toBeUndefined();
  });
});
