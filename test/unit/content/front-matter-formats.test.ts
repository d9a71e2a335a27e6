import { describe, expect, it } from 'vitest';
import {
  dataFormatOfPath,
  editData,
  parseFrontMatter,
  updateFrontMatter,
} from '../../../src/content/front-matter.js';

function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i]));
}

// Hugo TOML front matter with comments, literal strings, a multi-line array and a table.
const hugoToml = `+++
# Hugo post
title = "Opening hours \\"extended\\""
slug = 'opening-hours'
date = 2024-03-01T09:00:00+01:00
publishDate = 2024-03-01
draft = false
tags = [
  "hours", # the main one
  'news',
]
weight = 10

[params]
author = "Jana"
+++
Body text.
`;

describe('TOML front matter', () => {
  it('parses fields, tables and datetimes', () => {
    const parsed = parseFrontMatter(hugoToml);
    expect(parsed.format).toBe('toml');
    expect(parsed.data.title).toBe('Opening hours "extended"');
    expect(parsed.data.tags).toEqual(['hours', 'news']);
    expect(parsed.data.params).toEqual({ author: 'Jana' });
    expect((parsed.data.date as Date).getTime()).toBe(Date.parse('2024-03-01T08:00:00Z'));
    expect(parsed.body).toBe('Body text.\n');
  });

  it('writes identical bytes when nothing changes', () => {
    expect(updateFrontMatter(hugoToml, {})).toBe(hugoToml);
  });

  it('changes one line per changed field, keeping quote and date styles', () => {
    const out = updateFrontMatter(hugoToml, {
      slug: 'new-hours',
      date: new Date('2024-07-01T06:00:00Z'),
      publishDate: new Date('2024-07-01T06:00:00Z'),
    });
    expect(changedLines(hugoToml, out)).toEqual([3, 4, 5]);
    expect(out.split('\n').slice(3, 6)).toEqual([
      "slug = 'new-hours'",
      'date = 2024-07-01T07:00:00+01:00',
      'publishDate = 2024-07-01',
    ]);
  });

  it('replaces a multi-line array and keeps the lines around it', () => {
    const out = updateFrontMatter(hugoToml, { tags: ['x'] });
    expect(out).toContain('draft = false\ntags = ["x"]\nweight = 10\n');
    expect(parseFrontMatter(out).data.tags).toEqual(['x']);
  });

  it('adds a new key to the root table, before [params]', () => {
    const out = updateFrontMatter(hugoToml, { expiryDate: new Date('2024-04-01T00:00:00Z') });
    expect(out).toBe(
      hugoToml.replace('weight = 10\n', 'weight = 10\nexpiryDate = 2024-04-01T00:00:00Z\n'),
    );
    const data = parseFrontMatter(out).data;
    expect((data.expiryDate as Date).toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(data.params).toEqual({ author: 'Jana' });
  });

  it('removes a key (undefined or null) and only its lines', () => {
    const out = updateFrontMatter(hugoToml, { tags: undefined, draft: null });
    expect(out).toBe(hugoToml.replace('draft = false\n', '').replace(/tags = \[\n[^\]]*\]\n/, ''));
  });

  it('edits CRLF TOML in CRLF', () => {
    const crlf = hugoToml.replace(/\n/g, '\r\n');
    expect(updateFrontMatter(crlf, {})).toBe(crlf);
    const out = updateFrontMatter(crlf, { title: 'T', extra: 1 });
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('\r\nextra = 1\r\n');
  });
});

const hugoJson = `{
    "title": "Weekend brunch",
    "date": "2024-03-01T09:00:00+01:00",
    "draft": false,
    "tags": ["food"]
}

Brunch is **back**.
`;

describe('JSON front matter', () => {
  it('parses the object at the top and the body after it', () => {
    const parsed = parseFrontMatter(hugoJson);
    expect(parsed.format).toBe('json');
    expect(parsed.data).toMatchObject({ title: 'Weekend brunch', draft: false });
    expect(parsed.body).toBe('\nBrunch is **back**.\n');
  });

  it('round-trips byte for byte and changes one line per field', () => {
    expect(updateFrontMatter(hugoJson, {})).toBe(hugoJson);
    const out = updateFrontMatter(hugoJson, {
      draft: true,
      date: new Date('2024-05-01T10:00:00Z'),
    });
    expect(changedLines(hugoJson, out)).toEqual([2, 3]);
    expect(out.split('\n')[2]).toBe('    "date": "2024-05-01T11:00:00+01:00",');
  });

  it('adds and removes keys with the file indentation', () => {
    const out = updateFrontMatter(hugoJson, { tags: undefined, slug: 'brunch' });
    expect(out).toBe(hugoJson.replace(',\n    "tags": ["food"]', ',\n    "slug": "brunch"'));
  });
});

describe('data files (updateRegion key paths)', () => {
  it('detects formats by extension', () => {
    expect(dataFormatOfPath('data/hours.yaml')).toBe('yaml');
    expect(dataFormatOfPath('_data/hours.yml')).toBe('yaml');
    expect(dataFormatOfPath('_data/hours.json')).toBe('json');
    expect(dataFormatOfPath('data/hours.toml')).toBe('toml');
    expect(dataFormatOfPath('index.md')).toBeUndefined();
  });

  it('changes a nested YAML key and nothing else', () => {
    const yaml =
      '# opening hours\nhours:\n  monday: "9-17"   # usual\n  tuesday: 9-17\nclosed: [sunday]\n';
    const out = editData('yaml', yaml, [
      { path: ['hours', 'monday'], value: '10-18' },
      { path: ['hours', 'friday'], value: '9-12' },
    ]);
    expect(out).toBe(
      '# opening hours\nhours:\n  monday: "10-18"   # usual\n  tuesday: 9-17\n  friday: 9-12\nclosed: [sunday]\n',
    );
  });

  it('changes a key in a TOML table and adds one', () => {
    const toml = '# hours\n[hours]\nmonday = "9-17" # usual\n\n[notes]\ntext = "x"\n';
    const out = editData('toml', toml, [
      { path: ['hours', 'monday'], value: '10-18' },
      { path: ['hours', 'friday'], value: '9-12' },
    ]);
    expect(out).toBe(
      '# hours\n[hours]\nmonday = "10-18" # usual\nfriday = "9-12"\n\n[notes]\ntext = "x"\n',
    );
  });

  it('rewrites a key inside a TOML inline table, and falls back for array tables', () => {
    const inline = 'hours = { monday = "9-17" } # inline\n';
    expect(editData('toml', inline, [{ path: ['hours', 'monday'], value: '8-16' }])).toBe(
      'hours = { monday = "8-16" } # inline\n',
    );
    const arrayTable = '[[day]]\nname = "mon"\n';
    const out = editData('toml', arrayTable, [{ path: ['extra'], value: 1 }]);
    expect(parseFrontMatter(`+++\n${out}+++\n`).data).toEqual({ extra: 1, day: [{ name: 'mon' }] });
  });

  it('changes a nested JSON key and nothing else', () => {
    const json =
      '{\n  "hours": {\n    "monday": "9-17",\n    "tuesday": "9-17"\n  },\n  "note": "x"\n}\n';
    const out = editData('json', json, [{ path: ['hours', 'monday'], value: '10-18' }]);
    expect(out).toBe(json.replace('"monday": "9-17"', '"monday": "10-18"'));
  });
});

/** The line span of top-level key `key` in `text`: from its line to the next top-level line. */
function span(text: string, key: string, keyLine: RegExp): [number, number] {
  const lines = text.split('\n');
  const start = lines.findIndex(
    (line) =>
      line.startsWith(`${key} `) || line.startsWith(`${key}:`) || line.startsWith(`${key}=`),
  );
  let end = start + 1;
  while (end < lines.length && !keyLine.test(lines[end] ?? '')) end++;
  return [start, end];
}

/** Changed region of `after` against `before`, as the line span it replaced in `before`. */
function changedSpan(before: string, after: string): [number, number] {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix])
    suffix++;
  return [prefix, a.length - suffix];
}

describe('every field of a realistic file can change alone', () => {
  const yamlFile = `---
# comment
title: "Quoted: title"
date: 2024-03-01T09:00:00+01:00
tags:
  - one
  - two
list: [ a, b ]
description: >
  folded
  text
params:
  author: 'X'
draft: false
---
Body
`;
  const tomlFile = hugoToml;

  it.each(Object.keys(parseFrontMatter(yamlFile).data))('YAML %s', (key) => {
    const out = updateFrontMatter(yamlFile, { [key]: 'changed value' });
    expect(parseFrontMatter(out).data).toEqual({
      ...parseFrontMatter(yamlFile).data,
      [key]: 'changed value',
    });
    const [from, to] = changedSpan(yamlFile, out);
    const [start, end] = span(yamlFile, key, /^([A-Za-z#]|---)/);
    expect(from).toBeGreaterThanOrEqual(start);
    expect(to).toBeLessThanOrEqual(end);
  });

  it('TOML: a whole [table] set to a table keeps its header; set to a value moves to the root', () => {
    const table = updateFrontMatter(tomlFile, { params: { author: 'Eva', x: 1 } });
    expect(table).toBe(
      tomlFile.replace('[params]\nauthor = "Jana"\n', '[params]\nauthor = "Eva"\nx = 1\n'),
    );
    const scalar = updateFrontMatter(tomlFile, { params: 'plain' });
    expect(scalar).toBe(
      tomlFile.replace(
        'weight = 10\n\n[params]\nauthor = "Jana"\n',
        'weight = 10\nparams = "plain"\n\n',
      ),
    );
    expect(updateFrontMatter(tomlFile, { params: undefined })).toBe(
      tomlFile.replace('[params]\nauthor = "Jana"\n', ''),
    );
  });

  it.each(Object.keys(parseFrontMatter(tomlFile).data).filter((key) => key !== 'params'))(
    'TOML %s',
    (key) => {
      const out = updateFrontMatter(tomlFile, { [key]: 'changed value' });
      expect(parseFrontMatter(out).data).toEqual({
        ...parseFrontMatter(tomlFile).data,
        [key]: 'changed value',
      });
      const [from, to] = changedSpan(tomlFile, out);
      const [start, end] = span(tomlFile, key, /^([A-Za-z#[]|\+\+\+)/);
      expect(from).toBeGreaterThanOrEqual(start);
      expect(to).toBeLessThanOrEqual(end);
    },
  );
});
