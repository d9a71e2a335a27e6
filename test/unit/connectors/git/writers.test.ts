import { describe, expect, it } from 'vitest';
import { astroFields } from '../../../../src/connectors/git/generators.js';
import { liveUrl, renderFile, rewriteImageLinks } from '../../../../src/connectors/git/publish.js';
import { publishMessage, resolveSchedule } from '../../../../src/connectors/git/rules.js';
import { parseGitSite } from '../../../../src/connectors/git/settings.js';
import { writerFor, type WriteContext } from '../../../../src/connectors/git/writers.js';
import type { ContentItem } from '../../../../src/connectors/types.js';

const site = (generator: string, settings: Record<string, unknown> = {}) =>
  parseGitSite({
    id: 's',
    url: 'https://site.example',
    settings: {
      repoUrl: 'https://git.example/s.git',
      generator,
      author: { name: 'A', email: 'a@example.com' },
      ...settings,
    },
  });
const item: ContentItem = {
  id: 'i',
  kind: 'post',
  slug: 'spring',
  title: 'Spring',
  markdown: '# Hello\n\n**Bold** text.',
  tags: ['a'],
};
const when = new Date('2024-03-01T08:00:00Z');
const ctx = (over: Partial<WriteContext> = {}): WriteContext => ({
  item,
  kind: 'post',
  creating: true,
  date: when,
  live: true,
  existing: {},
  ...over,
});
const fields = astroFields(undefined, {});

describe('generator writers', () => {
  it('names Jekyll posts by date and finds them by slug', () => {
    const jekyll = writerFor('jekyll', fields);
    expect(jekyll.fileName('post', 'spring', when)).toBe('2024-03-01-spring.md');
    expect(jekyll.matches('post', '2023-12-24-spring.md', 'spring')).toBe(true);
    expect(jekyll.matches('post', '2023-12-24-spring-sale.md', 'spring')).toBe(false);
    expect(jekyll.fields(ctx()).set).toMatchObject({
      layout: 'post',
      date: '2024-03-01 08:00:00 +0000',
      published: true,
    });
    expect(jekyll.urlDate('2023-12-24-spring.md')?.toISOString()).toBe('2023-12-24T00:00:00.000Z');
  });

  it('writes Hugo and Jekyll draft flags, and does not add a live flag to a file without one', () => {
    expect(writerFor('hugo', fields).fields(ctx({ live: false })).set.draft).toBe(true);
    expect(
      writerFor('hugo', fields).fields(ctx({ creating: false, existing: { title: 'x' } })).set,
    ).not.toHaveProperty('draft');
    expect(writerFor('jekyll', fields).draft({})?.set).toEqual({ published: false });
  });

  it('keeps Eleventy drafts out with permalink: false and removes only its own markers', () => {
    const eleventy = writerFor('eleventy', fields);
    expect(eleventy.fields(ctx({ live: false })).set).toMatchObject({
      permalink: false,
      eleventyExcludeFromCollections: true,
    });
    const live = eleventy.fields(
      ctx({
        creating: false,
        existing: { permalink: false, eleventyExcludeFromCollections: true },
      }),
    );
    expect(live.remove.sort()).toEqual(['eleventyExcludeFromCollections', 'permalink']);
    const custom = eleventy.fields(ctx({ creating: false, existing: { permalink: '/custom/' } }));
    expect(custom.remove).toEqual([]);
  });

  it('reads Astro field names from the content config, and takes configured ones first', () => {
    const config =
      'schema: z.object({ title: z.string(), summary: z.string(), publishedAt: z.coerce.date(), isDraft: z.boolean() })';
    expect(astroFields(config, {})).toEqual({
      title: 'title',
      description: 'summary',
      date: 'publishedAt',
      draft: 'isDraft',
      tags: undefined,
    });
    expect(astroFields(config, { date: 'when' }).date).toBe('when');
    const astro = writerFor('astro', astroFields(config, {}));
    expect(astro.fields(ctx()).set).toEqual({
      title: 'Spring',
      summary: 'Hello Bold text.',
      publishedAt: when,
      isDraft: false,
    });
    expect(writerFor('astro', astroFields('title: z.string()', {})).draft({})).toBeUndefined();
  });
});

describe('files, links and URLs', () => {
  it('renders the same bytes when nothing changed (idempotent publish)', () => {
    const s = site('hugo');
    const writer = writerFor('hugo', fields);
    const first = renderFile(s, undefined, writer.fields(ctx()), item.markdown);
    const again = renderFile(
      s,
      first,
      writer.fields(ctx({ creating: false, date: undefined, existing: { title: 'Spring' } })),
      item.markdown,
    );
    expect(again).toBe(first);
  });

  it('points image links at the uploaded files and builds live URLs from patterns', () => {
    const urls = new Map([['a.png', '/images/spring/a.png']]);
    expect(rewriteImageLinks('![x](a.png) ![y](./a.png "t") ![z](b.png)', urls)).toBe(
      '![x](/images/spring/a.png) ![y](/images/spring/a.png "t") ![z](b.png)',
    );
    expect(liveUrl(site('jekyll'), 'post', 'spring', when)).toBe(
      'https://site.example/2024/03/01/spring.html',
    );
    expect(liveUrl(site('astro'), 'post', 'spring', when)).toBe(
      'https://site.example/blog/spring/',
    );
  });
});

describe('scheduling and commit messages', () => {
  const now = new Date('2024-03-01T00:00:00Z');
  const later = new Date('2024-03-05T09:00:00Z');

  it('holds a future item by default and commits it future-dated when asked', () => {
    expect(resolveSchedule(site('hugo'), { ...item, startsAt: later }, {}, now)).toMatchObject({
      status: 'scheduled',
      hold: true,
    });
    expect(
      resolveSchedule(
        site('hugo', { scheduling: 'future-dated' }),
        item,
        { status: 'scheduled', publishAt: later },
        now,
      ),
    ).toMatchObject({
      status: 'scheduled',
      hold: false,
      live: true,
      date: later,
    });
    expect(resolveSchedule(site('hugo'), item, { publishAt: now }, later)).toMatchObject({
      status: 'published',
      live: true,
      explicitDate: now,
    });
    expect(() => resolveSchedule(site('hugo'), item, { status: 'scheduled' }, now)).toThrow(
      /publishAt/,
    );
  });

  it('writes the agreed commit message, on one line', () => {
    expect(publishMessage([{ item, options: { taskId: '42' } }])).toBe(
      'sitedesk: publish "Spring" (task 42)',
    );
    expect(publishMessage([{ item: { ...item, title: 'Two\nlines' } }])).toBe(
      'sitedesk: publish "Two lines"',
    );
  });
});
