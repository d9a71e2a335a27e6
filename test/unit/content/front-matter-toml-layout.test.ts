// The TOML editor splices at the ranges toml-eslint-parser reports; these tests pin that an
// edit touches the bytes of its own value and nothing else, on front matter as Hugo sites
// really write it (indented tables, array tables, multi-line strings, comments everywhere).
import { describe, expect, it } from 'vitest';
import { editData, parseFrontMatter } from '../../../src/content/front-matter.js';
import { scanToml } from '../../../src/content/front-matter-toml-layout.js';

// As `hugo new` writes it from a theme's archetype, then edited by hand over the years.
const hugoPost = `# Archetype: posts (theme "ananke")
title = "Spring menu — what's new"
date = 2024-03-01T09:30:00+01:00
lastmod = 2024-03-02
draft = false
slug = 'spring-menu'
tags = ["menu", "spring"] # shown on the tag page
categories = [
  "news",    # the home page lists these
  "kitchen", # and the kitchen page
]
summary = """
Three new dishes,
one old favourite: "svíčková".
[not a table]
weight = "not a key"
"""
weight    = 10
aliases = ['/old/spring/']
images = [ "images/spring.jpg" ]
author = { name = "Jana", email = "jana@example.cz" }
"og:title" = 'Spring menu'
hours.monday = "9-17"

[params]
  # indented, as many themes do
  toc = true
  subtitle = 'Fresh from the market' # shown under the title

[build]
  list = "always"
  render = "always"

[[menu.main]]
  name = "Menu"
  weight = 2

[sitemap]
  changefreq = "monthly"
  priority = 0.5
`;

/** The first and last (exclusive) offsets where `after` differs from `before`. */
function changedSpan(before: string, after: string): [number, number] {
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  return [prefix, before.length - suffix];
}

const entryOf = (text: string, path: string[]) =>
  scanToml(text).entries.find((e) => e.path.join('\u0000') === path.join('\u0000'));

describe('the layout of Hugo TOML front matter', () => {
  it('finds each value exactly where it is written, comments and look-alike lines aside', () => {
    const { entries, tables } = scanToml(hugoPost);
    const values = Object.fromEntries(
      entries.map((e) => [e.path.join('.'), hugoPost.slice(e.valueStart, e.valueEnd)]),
    );
    expect(values).toEqual({
      title: '"Spring menu — what\'s new"',
      date: '2024-03-01T09:30:00+01:00',
      lastmod: '2024-03-02',
      draft: 'false',
      slug: "'spring-menu'",
      tags: '["menu", "spring"]',
      categories:
        '[\n  "news",    # the home page lists these\n  "kitchen", # and the kitchen page\n]',
      summary:
        '"""\nThree new dishes,\none old favourite: "svíčková".\n[not a table]\nweight = "not a key"\n"""',
      weight: '10',
      aliases: "['/old/spring/']",
      images: '[ "images/spring.jpg" ]',
      author: '{ name = "Jana", email = "jana@example.cz" }',
      'og:title': "'Spring menu'",
      'hours.monday': '"9-17"',
      'params.toc': 'true',
      'params.subtitle': "'Fresh from the market'",
      'build.list': '"always"',
      'build.render': '"always"',
      'menu.main.name': '"Menu"',
      'menu.main.weight': '2',
      'sitemap.changefreq': '"monthly"',
      'sitemap.priority': '0.5',
    });
    expect(
      tables.map((t) => [t.path.join('.'), t.array, hugoPost.slice(t.lineStart, t.lineEnd)]),
    ).toEqual([
      ['params', false, '[params]\n'],
      ['build', false, '[build]\n'],
      ['menu.main', true, '[[menu.main]]\n'],
      ['sitemap', false, '[sitemap]\n'],
    ]);
    const subtitle = entryOf(hugoPost, ['params', 'subtitle'])!;
    expect(hugoPost.slice(subtitle.lineStart, subtitle.lineEnd)).toBe(
      "  subtitle = 'Fresh from the market' # shown under the title\n",
    );
  });

  it('gives up on text that is not TOML, so the editor can fall back', () => {
    expect(() => scanToml('title = "open\n')).toThrow();
    expect(() => scanToml('[params\nx = 1\n')).toThrow();
  });
});

describe('editing Hugo TOML front matter keeps every other byte', () => {
  const changes: [string[], unknown][] = [
    [['title'], 'Summer menu'],
    [['date'], new Date('2024-06-01T08:00:00Z')],
    [['lastmod'], new Date('2024-06-02T00:00:00Z')],
    [['draft'], true],
    [['slug'], 'summer-menu'],
    [['tags'], ['menu', 'summer']],
    [['categories'], ['news']],
    [['summary'], 'Two lines\nof summary'],
    [['weight'], 11],
    [['author'], { name: 'Eva' }],
    [['og:title'], 'Summer menu'],
    [['hours', 'monday'], '8-16'],
    [['params', 'toc'], false],
    [['params', 'subtitle'], 'Fresh from the farm'],
    [['build', 'render'], 'never'],
    [['sitemap', 'priority'], 0.8],
  ];

  it.each(changes.map(([path, value]) => [path.join('.'), path, value] as const))(
    '%s changes within its own value only',
    (_name, path, value) => {
      const out = editData('toml', hugoPost, [{ path, value }]);
      const entry = entryOf(hugoPost, path)!;
      const [from, to] = changedSpan(hugoPost, out);
      expect(from).toBeGreaterThanOrEqual(entry.valueStart);
      expect(to).toBeLessThanOrEqual(entry.valueEnd);
      const data = parseFrontMatter(`+++\n${out}+++\n`).data as Record<string, unknown>;
      let node: unknown = data;
      for (const key of path) node = (node as Record<string, unknown>)[key];
      // A TOML datetime keeps its written form (offset, date only); the instant must match.
      expect(node instanceof Date ? node.getTime() : node).toEqual(
        value instanceof Date ? value.getTime() : value,
      );
    },
  );

  it('keeps the quoting and date style of the old value', () => {
    const out = editData('toml', hugoPost, [
      { path: ['slug'], value: 'summer-menu' },
      { path: ['params', 'subtitle'], value: 'Fresh from the farm' },
      { path: ['date'], value: new Date('2024-06-01T08:00:00Z') },
    ]);
    expect(out).toContain("slug = 'summer-menu'\n");
    expect(out).toContain("  subtitle = 'Fresh from the farm' # shown under the title\n");
    expect(out).toMatch(/^date = 2024-06-01T\d\d:00:00(Z|[+-]\d\d:\d\d)$/m);
  });

  it('an unchanged value, a removal and an addition leave the rest as it was', () => {
    expect(editData('toml', hugoPost, [{ path: ['weight'], value: 10 }])).toBe(hugoPost);
    expect(editData('toml', hugoPost, [{ path: ['draft'], value: undefined }])).toBe(
      hugoPost.replace('draft = false\n', ''),
    );
    expect(editData('toml', hugoPost, [{ path: ['params', 'toc'], value: undefined }])).toBe(
      hugoPost.replace('  toc = true\n', ''),
    );
    expect(editData('toml', hugoPost, [{ path: ['description'], value: 'New' }])).toBe(
      hugoPost.replace('hours.monday = "9-17"\n', 'hours.monday = "9-17"\ndescription = "New"\n'),
    );
  });

  it('edits CRLF front matter in place, line ends kept', () => {
    const crlf = hugoPost.replaceAll('\n', '\r\n');
    const out = editData('toml', crlf, [{ path: ['params', 'subtitle'], value: 'Fresh' }]);
    expect(out).toBe(crlf.replace("'Fresh from the market'", "'Fresh'"));
  });
});
