/**
 * The letter's PDF read back by poppler (pdftotext, pdftoppm from Debian's poppler-utils), as a
 * search engine or a screen reader would read it: every printed word comes back exactly, the
 * address is inside the envelope window, a long letter has a numbered second page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderLetterPdf, type LetterPdfInput } from '../../../../src/tasks/letters/letter-pdf.js';
import { MM } from '../../../../src/tasks/letters/page-geometry.js';
import {
  czechBody,
  czechHeadInput,
  englishBody,
  englishHeadInput,
  headForPdf,
} from './letters-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'sitedesk-letter-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const czech: LetterPdfInput = {
  letterhead: headForPdf(czechHeadInput),
  recipient: { name: 'Ing. Jana Dvořáková', address: ['Květinová 881/7', '602 00 Brno'] },
  subject: 'Potvrzení objednávky – řízky, ůžasné',
  body: czechBody,
  date: '5. 12. 2026',
  number: '2026/014',
  at: Date.parse('2026-12-05T10:00:00Z'),
};

const english: LetterPdfInput = {
  letterhead: headForPdf(englishHeadInput),
  recipient: {
    name: 'Mr Oliver Thompson',
    address: ['14 Market Street', 'Bristol BS1 4DJ', 'United Kingdom'],
  },
  subject: 'Your order of 3 December',
  body: englishBody,
  date: '5 December 2026',
  number: '2026/015',
  at: Date.parse('2026-12-05T10:00:00Z'),
};

function pdfFile(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const pdftotext = (...args: string[]): string =>
  execFileSync('pdftotext', [...args, '-'], { encoding: 'utf8' });

/** Every word the letter prints (Markdown markers removed). */
function printedWords(input: LetterPdfInput, extra: string[]): string[] {
  const head = input.letterhead;
  const body = input.body.replace(/\*\*|_|^- |^\d+\. /gm, '');
  const texts = [
    ...head.sender,
    ...head.footer,
    input.recipient.name,
    ...input.recipient.address,
    input.subject,
    body,
    input.date,
    input.number ?? '',
    head.signature.name,
    head.signature.role ?? '',
    ...extra,
  ];
  return texts.join(' ').split(/\s+/).filter(Boolean);
}

describe('letter PDF', () => {
  for (const [label, input, extra] of [
    ['Czech', czech, ['S pozdravem', 'Datum:', 'Naše značka:']],
    ['English', english, ['Kind regards', 'Date:', 'Our ref.:']],
  ] as const) {
    it(`gives back every word of the ${label} letter exactly (pdftotext)`, async () => {
      const path = pdfFile(`${label}.pdf`, await renderLetterPdf(input));
      const words = pdftotext(path).split(/\s+/).filter(Boolean);
      const missing = printedWords(input, [...extra]).filter((w) => !words.includes(w));
      expect(missing).toEqual([]);
      expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    });
  }

  it('puts the recipient address inside the DIN 5008 / ČSN 01 6910 window (pdftotext -bbox)', async () => {
    const path = pdfFile('bbox.pdf', await renderLetterPdf(czech));
    const html = pdftotext('-bbox', '-f', '1', '-l', '1', path);
    const boxes = [
      ...html.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5]!,
    }));
    const wanted = [czech.recipient.name, ...czech.recipient.address].join(' ').split(' ');
    // The address zone of the window: 20 mm from the left, 85 mm wide, 62.7–90 mm from the top.
    // (Poppler prints six decimals: 0.01 pt of rounding is allowed at the edges.)
    const zone = { x0: 20 * MM - 0.01, x1: 105 * MM, y0: 62.7 * MM - 0.01, y1: 90 * MM };
    // No two words of the page overlap (a run placed over another one reads back fine, looks broken).
    const overlaps = boxes.filter((a, i) =>
      boxes.some(
        (b, j) =>
          j > i && a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5,
      ),
    );
    expect(overlaps.map((b) => b.text)).toEqual([]);
    for (const word of wanted) {
      const found = boxes.filter((b) => b.text === word);
      expect(found.length, word).toBeGreaterThan(0);
      const inside = found.filter(
        (b) => b.x0 >= zone.x0 && b.x1 <= zone.x1 && b.y0 >= zone.y0 && b.y1 <= zone.y1,
      );
      expect(inside.length, `${word} in the window`).toBe(1);
    }
  });

  it('numbers the pages of a long letter (page 2 carries "Strana 2 z …")', async () => {
    const long = {
      ...czech,
      body: `${czechBody}\n\n${'Další odstavec o chlebu a rohlících. '.repeat(60)}\n\n`.repeat(4),
    };
    const path = pdfFile('long.pdf', await renderLetterPdf(long));
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const second = pdftotext('-f', '2', '-l', '2', path);
    expect(second).toContain(`Strana 2 z ${pages}`);
    expect(second).toContain('Další odstavec o chlebu a rohlících.');
    expect(pdftotext('-f', String(pages), '-l', String(pages), path)).toContain(
      'Růžena Kašpárková',
    );
  });

  it('renders with pdftoppm: an A4 page and a Letter page of the right size', async () => {
    const a4 = pdfFile('a4.pdf', await renderLetterPdf(czech));
    const letter = pdfFile('letter.pdf', await renderLetterPdf(english));
    for (const [path, w, h] of [
      [a4, 210 / 25.4, 297 / 25.4],
      [letter, 8.5, 11],
    ] as const) {
      execFileSync('pdftoppm', [
        '-r',
        '50',
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        path,
        `${path}-p1`,
      ]);
      const png = readFileSync(`${path}-p1.png`);
      expect(Math.abs(png.readUInt32BE(16) - w * 50)).toBeLessThanOrEqual(1);
      expect(Math.abs(png.readUInt32BE(20) - h * 50)).toBeLessThanOrEqual(1);
    }
  });
});
