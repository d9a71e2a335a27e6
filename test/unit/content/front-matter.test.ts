import { describe, expect, it } from 'vitest';
import {
  FrontMatterError,
  createFrontMatter,
  parseFrontMatter,
  updateFrontMatter,
} from '../../../src/content/front-matter.js';

/** Indexes of lines that differ between two texts of the same line count. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i]));
}

// A Hugo-style post as a person writes it: comments, odd quoting, mixed date styles.
const hugoYaml = `---
# Written by hand; sitedesk must not reflow this.
title: "Spring menu: what's new"   # shown in <title>
slug: spring-menu
date: 2024-03-01T09:00:00+01:00
publishDate: 2024-03-01
lastmod: '2024-03-02T10:30:00Z'
draft: false
tags: [ food, "spring 2024" ]
categories:
  - menus
  - 'news'
description: >
  A long folded description that a person wrapped by hand
  at a width they liked.
weight: 10
params:
  author: 'Jana Nováková'
  hero: /img/spring.jpg
---

Our **spring** menu is here.
`;

describe('YAML front matter', () => {
  it('parses fields and body', () => {
    const parsed = parseFrontMatter(hugoYaml);
    expect(parsed.format).toBe('yaml');
    expect(parsed.data.title).toBe("Spring menu: what's new");
    expect(parsed.data.date).toBe('2024-03-01T09:00:00+01:00');
    expect(parsed.data.tags).toEqual(['food', 'spring 2024']);
    expect(parsed.body).toBe('\nOur **spring** menu is here.\n');
  });

  it('writes identical bytes when nothing changes', () => {
    expect(updateFrontMatter(hugoYaml, {})).toBe(hugoYaml);
    const parsed = parseFrontMatter(hugoYaml);
    expect(updateFrontMatter(hugoYaml, {}, parsed.body)).toBe(hugoYaml);
  });

  it('changes only the line of the changed field, keeping its quoting and comment', () => {
    const out = updateFrontMatter(hugoYaml, { title: 'Summer "special" menu' });
    expect(changedLines(hugoYaml, out)).toEqual([2]);
    expect(out.split('\n')[2]).toBe('title: "Summer \\"special\\" menu"   # shown in <title>');
    expect(parseFrontMatter(out).data.title).toBe('Summer "special" menu');
  });

  it('keeps the date format and UTC offset of each date field', () => {
    const when = new Date('2024-06-10T07:15:00Z');
    const out = updateFrontMatter(hugoYaml, { date: when, publishDate: when, lastmod: when });
    expect(changedLines(hugoYaml, out)).toEqual([4, 5, 6]);
    const lines = out.split('\n');
    expect(lines[4]).toBe('date: 2024-06-10T08:15:00+01:00');
    expect(lines[5]).toBe('publishDate: 2024-06-10');
    expect(lines[6]).toBe("lastmod: '2024-06-10T07:15:00Z'");
  });

  it('keeps a Jekyll-style date with a space and a plain offset', () => {
    const jekyll = '---\nlayout: post\ntitle: Hi\ndate: 2024-03-01 09:00:00 +0100\n---\nBody\n';
    const out = updateFrontMatter(jekyll, { date: new Date('2024-12-24T17:00:00Z') });
    expect(out).toBe('---\nlayout: post\ntitle: Hi\ndate: 2024-12-24 18:00:00 +0100\n---\nBody\n');
  });

  it('keeps flow and block list styles', () => {
    const out = updateFrontMatter(hugoYaml, { tags: ['food'], categories: ['menus', 'offers'] });
    const lines = out.split('\n');
    expect(lines[8]).toBe('tags: [ food ]');
    expect(lines.slice(9, 12)).toEqual(['categories:', '  - menus', '  - offers']);
    expect(changedLines(hugoYaml, out)).toEqual([8, 11]);
  });

  it('removes a field with undefined, and only its lines', () => {
    const out = updateFrontMatter(hugoYaml, { categories: undefined, weight: undefined });
    const expected = hugoYaml
      .replace("categories:\n  - menus\n  - 'news'\n", '')
      .replace('weight: 10\n', '');
    expect(out).toBe(expected);
  });

  it('adds a new field at the end of the front matter', () => {
    const out = updateFrontMatter(hugoYaml, { expiryDate: '2024-04-01' });
    expect(out).toBe(
      hugoYaml.replace(
        '  hero: /img/spring.jpg\n---',
        '  hero: /img/spring.jpg\nexpiryDate: 2024-04-01\n---',
      ),
    );
  });

  it('quotes a new string that YAML would read as something else', () => {
    const out = updateFrontMatter('---\ntitle: x\n---\n', {
      title: 'true',
      code: '007',
      colon: 'a: b',
    });
    const data = parseFrontMatter(out).data;
    expect(data).toEqual({ title: 'true', code: '007', colon: 'a: b' });
  });

  it('replaces the body and leaves the front matter bytes alone', () => {
    const out = updateFrontMatter(hugoYaml, {}, '\nNew body.\n');
    expect(out).toBe(hugoYaml.replace('Our **spring** menu is here.', 'New body.'));
  });

  it('edits CRLF files in CRLF, changing one line', () => {
    const crlf = hugoYaml.replace(/\n/g, '\r\n');
    expect(updateFrontMatter(crlf, {})).toBe(crlf);
    const out = updateFrontMatter(crlf, { draft: true, newField: ['a'] }, 'Body\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = out.split('\r\n');
    expect(lines[7]).toBe('draft: true');
    expect(lines).toContain('newField:');
    expect(out.endsWith('---\r\nBody\r\n')).toBe(true);
    expect(parseFrontMatter(out).data.draft).toBe(true);
  });

  it('keeps odd quoting of other fields byte for byte', () => {
    const odd = "---\ntitle: 'It''s here'\nnote: \"tab\\there\"\nplain: yes\n---\n";
    const out = updateFrontMatter(odd, { plain: 'no' });
    expect(out).toBe('---\ntitle: \'It\'\'s here\'\nnote: "tab\\there"\nplain: "no"\n---\n');
  });

  it('handles an empty front matter and a file without front matter', () => {
    expect(updateFrontMatter('---\n---\nBody\n', { title: 'T' })).toBe(
      '---\ntitle: T\n---\nBody\n',
    );
    expect(updateFrontMatter('Just text\n', { title: 'T' })).toBe(
      '---\ntitle: T\n---\nJust text\n',
    );
    expect(parseFrontMatter('Just text\n')).toMatchObject({
      format: undefined,
      data: {},
      body: 'Just text\n',
    });
  });

  it('keeps a byte order mark, a comment-only front matter and the "..." end marker', () => {
    const bom = '\uFEFF---\ntitle: A\n---\nBody\n';
    expect(updateFrontMatter(bom, {})).toBe(bom);
    expect(updateFrontMatter(bom, { title: 'B' })).toBe('\uFEFF---\ntitle: B\n---\nBody\n');
    expect(updateFrontMatter('---\n# only a comment\n---\n', { title: 'T' })).toBe(
      '---\n# only a comment\ntitle: T\n---\n',
    );
    const dots = '---\ntitle: A\n...\nBody\n';
    expect(parseFrontMatter(dots).body).toBe('Body\n');
    expect(updateFrontMatter(dots, { draft: true })).toBe(
      '---\ntitle: A\ndraft: true\n...\nBody\n',
    );
  });

  it('removes the last remaining field and keeps the rest of the file', () => {
    expect(updateFrontMatter('---\ntitle: A # c\n---\nBody\n', { title: undefined })).toBe(
      '---\n---\nBody\n',
    );
  });

  it('rejects a broken front matter with a clear error', () => {
    expect(() => parseFrontMatter('---\ntitle: x\nBody without closing\n')).toThrow(/never closed/);
    expect(() => parseFrontMatter('---\ntitle: [unclosed\n---\n')).toThrow(FrontMatterError);
    expect(() => updateFrontMatter('---\n- a list\n---\n', { title: 'x' })).toThrow(
      /must hold fields/,
    );
  });
});

describe('createFrontMatter', () => {
  const data = {
    title: 'New "post"',
    date: new Date('2024-03-01T08:00:00Z'),
    draft: false,
    tags: ['a', 'b'],
    params: { x: 1 },
  };

  it.each(['yaml', 'toml', 'json'] as const)(
    'writes %s that reads back to the same fields',
    (format) => {
      const text = createFrontMatter(format, data, '\nHello\n');
      const parsed = parseFrontMatter(text);
      expect(parsed.format).toBe(format);
      expect(parsed.body).toBe('\nHello\n');
      expect(parsed.data.title).toBe('New "post"');
      expect(parsed.data.tags).toEqual(['a', 'b']);
      expect(parsed.data.params).toEqual({ x: 1 });
      expect(new Date(parsed.data.date as string | Date).toISOString()).toBe(
        '2024-03-01T08:00:00.000Z',
      );
      // Writing it again with no change is byte-identical.
      expect(updateFrontMatter(text, {})).toBe(text);
    },
  );

  it('writes dates as RFC 3339 UTC', () => {
    expect(createFrontMatter('yaml', { date: new Date('2024-03-01T08:00:00.123Z') }, '')).toBe(
      '---\ndate: 2024-03-01T08:00:00Z\n---\n',
    );
    expect(createFrontMatter('toml', { date: new Date('2024-03-01T08:00:00Z') }, '')).toBe(
      '+++\ndate = 2024-03-01T08:00:00Z\n+++\n',
    );
  });
});
