/**
 * A letter as a PDF (pdfkit): letterhead, sender, the recipient's address in the envelope
 * window, date and number, subject, the Markdown body, closing and signature, footer and page
 * numbers. Fonts are DejaVu from Debian's fonts-dejavu packages, embedded (subset) so that
 * every Czech letter prints and the text can be selected and searched; the 14 built-in PDF
 * fonts cannot encode "ř" or "ů".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { ConfigError } from '../../shared/errors.js';
import { letterBlocks, type Block, type Run } from './letter-blocks.js';
import type { LetterImage } from './letterhead-images.js';
import type { LetterheadSettings } from './letterhead-schema.js';
import { MM, TEXT_SIZE, pageGeometry, type Box, type PageGeometry } from './page-geometry.js';

/** Where Debian puts the DejaVu fonts (fonts-dejavu-core, fonts-dejavu-extra). */
export const FONT_DIR = process.env.SITEDESK_FONT_DIR ?? '/usr/share/fonts/truetype/dejavu';

const FACES = {
  sans: ['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique', 'DejaVuSans-BoldOblique'],
  serif: ['DejaVuSerif', 'DejaVuSerif-Bold', 'DejaVuSerif-Italic', 'DejaVuSerif-BoldItalic'],
} as const;

/** The letterhead with its images decoded and checked. */
export interface LetterheadForPdf extends Omit<LetterheadSettings, 'logo' | 'signature'> {
  logo?: LetterImage;
  signature: { image?: LetterImage; name: string; role?: string };
}

/** Everything one letter's PDF shows. */
export interface LetterPdfInput {
  letterhead: LetterheadForPdf;
  recipient: { name: string; address: string[] };
  subject: string;
  /** Markdown, already checked (letter-input.ts). */
  body: string;
  /** The date line as printed (formatted in the letterhead's language and format). */
  date: string;
  /** The register number, or absent on a draft. */
  number?: string;
  /** When the PDF is made (its metadata), epoch ms. */
  at: number;
}

/** Words printed by the layout in each language. */
export const PDF_WORDS = {
  cs: {
    page: (i: number, n: number) => `Strana ${i} z ${n}`,
    number: 'Naše značka',
    date: 'Datum',
    closing: 'S pozdravem',
    draft: 'Návrh',
  },
  en: {
    page: (i: number, n: number) => `Page ${i} of ${n}`,
    number: 'Our ref.',
    date: 'Date',
    closing: 'Kind regards',
    draft: 'Draft',
  },
} as const;

/** Checks that the fonts are installed; throws a ConfigError saying which package brings them. */
export function checkFonts(): void {
  for (const face of [...FACES.sans, ...FACES.serif, 'DejaVuSansMono']) {
    if (!existsSync(join(FONT_DIR, `${face}.ttf`)))
      throw new ConfigError(
        `The font ${face}.ttf is missing from ${FONT_DIR}; install Debian's fonts-dejavu-core and fonts-dejavu-extra (or set SITEDESK_FONT_DIR).`,
      );
  }
}

type Doc = PDFKit.PDFDocument;

function fontOf(run: Pick<Run, 'bold' | 'italic' | 'mono'>): string {
  if (run.mono) return 'mono';
  return run.bold ? (run.italic ? 'bold-italic' : 'bold') : run.italic ? 'italic' : 'regular';
}

/** Registers the letterhead's typeface under the names runs use (`regular`, `bold`, …). */
export function registerFonts(doc: Doc, typeface: 'sans' | 'serif'): void {
  const [regular, bold, italic, boldItalic] = FACES[typeface];
  doc.registerFont('regular', join(FONT_DIR, `${regular}.ttf`));
  doc.registerFont('bold', join(FONT_DIR, `${bold}.ttf`));
  doc.registerFont('italic', join(FONT_DIR, `${italic}.ttf`));
  doc.registerFont('bold-italic', join(FONT_DIR, `${boldItalic}.ttf`));
  doc.registerFont('mono', join(FONT_DIR, 'DejaVuSansMono.ttf'));
}

function lines(doc: Doc, texts: string[], box: Box, size: number, font = 'regular'): void {
  doc.font(font).fontSize(size);
  let y = box.y;
  for (const text of texts) {
    doc.text(text, box.x, y, { width: box.width, lineBreak: false });
    y += doc.currentLineHeight(true);
  }
}

/** The first page's head: logo, sender, return line, address, date and number, fold marks. */
function drawHead(doc: Doc, g: PageGeometry, input: LetterPdfInput): void {
  const head = input.letterhead;
  const words = PDF_WORDS[head.language];
  if (head.logo)
    doc.image(head.logo.bytes, g.logo.x, g.logo.y, {
      fit: [g.logo.width, g.logo.height],
      align: 'right',
    });
  lines(doc, head.sender, g.sender, 8.5);
  if (head.addressLayout === 'din5008') {
    const returnLine = head.sender.join(' · ');
    doc.font('regular').fontSize(7);
    let size = 7;
    while (size > 5 && doc.fontSize(size).widthOfString(returnLine) > g.returnLine.width)
      size -= 0.5;
    doc.fontSize(size).text(returnLine, g.returnLine.x, g.returnLine.y, {
      width: g.returnLine.width,
      lineBreak: false,
    });
  }
  lines(doc, [input.recipient.name, ...input.recipient.address], g.recipient, TEXT_SIZE);
  const info = [`${words.date}: ${input.date}`, `${words.number}: ${input.number ?? words.draft}`];
  lines(doc, info, g.info, 9);
  for (const y of g.marks)
    doc
      .moveTo(3 * MM, y)
      .lineTo(8 * MM, y)
      .lineWidth(0.3)
      .strokeColor('#888888')
      .stroke();
  doc.strokeColor('black');
  doc
    .font('bold')
    .fontSize(TEXT_SIZE + 0.5)
    .text(input.subject, g.left, g.subjectY, { width: g.right - g.left });
  doc.moveDown(1.2);
}

function drawBlock(doc: Doc, g: PageGeometry, block: Block): void {
  const width = g.right - g.left;
  doc.fontSize(TEXT_SIZE);
  if (block.kind === 'rule') {
    const y = doc.y + 3;
    doc.moveTo(g.left, y).lineTo(g.right, y).lineWidth(0.5).stroke();
    doc.y = y + 8;
    return;
  }
  let x = g.left;
  let blockWidth = width;
  const start = doc.y;
  if (block.kind === 'item') {
    const indent = 6 * MM * (block.depth ?? 1);
    doc.font('regular').text(block.bullet ?? '•', g.left + indent - 5 * MM, start, {
      width: 5 * MM,
      lineBreak: false,
    });
    x = g.left + indent;
    blockWidth = width - indent;
  } else if (block.kind === 'quote') {
    x = g.left + 8 * MM;
    blockWidth = width - 8 * MM;
  }
  // pdfkit's `continued` runs cannot carry a line break: each broken line is its own run list.
  const broken: Run[][] = [[]];
  for (const run of block.runs) {
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) broken.push([]);
      if (part !== '') broken[broken.length - 1]!.push({ ...run, text: part });
    });
  }
  let y = start;
  for (const line of broken) {
    if (line.length === 0) line.push({ text: ' ' });
    line.forEach((run, i) => {
      doc.font(fontOf(run)).fontSize(block.kind === 'heading' ? TEXT_SIZE + 1 : TEXT_SIZE);
      const options = { width: blockWidth, continued: i < line.length - 1, lineGap: 1.5 };
      if (i === 0) doc.text(run.text, x, y, options);
      else doc.text(run.text, options);
    });
    y = doc.y;
  }
  doc.moveDown(block.kind === 'item' ? 0.3 : 0.8);
}

/** The closing, signature image, name and role; on a new page when they do not fit. */
function drawSignature(doc: Doc, g: PageGeometry, input: LetterPdfInput): void {
  const head = input.letterhead;
  const image = head.signature.image;
  const imageHeight = image ? 16 * MM : 8 * MM;
  const needed = 3 * 14 + imageHeight;
  if (doc.y + needed > g.bottom) doc.addPage();
  const closing = head.closing ?? PDF_WORDS[head.language].closing;
  doc
    .font('regular')
    .fontSize(TEXT_SIZE)
    .text(closing, g.left, doc.y, { width: g.right - g.left });
  const y = doc.y + 2;
  if (image) doc.image(image.bytes, g.left, y, { fit: [50 * MM, imageHeight] });
  doc.y = y + imageHeight + 2;
  doc.text(head.signature.name, g.left, doc.y, { width: g.right - g.left });
  if (head.signature.role) doc.text(head.signature.role, { width: g.right - g.left });
}

/** Footer and "Page i of n" on every page (numbers only when there is more than one). */
function drawFooters(doc: Doc, g: PageGeometry, input: LetterPdfInput): void {
  const range = doc.bufferedPageRange();
  const words = PDF_WORDS[input.letterhead.language];
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const width = g.right - g.left;
    if (range.count > 1)
      doc
        .font('regular')
        .fontSize(8.5)
        .text(words.page(i + 1, range.count), g.left, g.footerY - 14, {
          width,
          align: 'right',
          lineBreak: false,
        });
    doc.font('regular').fontSize(7);
    let y = g.footerY;
    if (input.letterhead.footer.length > 0) {
      doc
        .moveTo(g.left, y - 3)
        .lineTo(g.right, y - 3)
        .lineWidth(0.3)
        .strokeColor('#888888')
        .stroke();
      doc.strokeColor('black');
    }
    for (const line of input.letterhead.footer) {
      doc.text(line, g.left, y, { width, align: 'center', lineBreak: false });
      y += doc.currentLineHeight(true);
    }
  }
}

/** Lays the letter out and answers the PDF's bytes. */
export async function renderLetterPdf(input: LetterPdfInput): Promise<Buffer> {
  checkFonts();
  const g = pageGeometry(input.letterhead);
  const [width, height] = g.size;
  const created = new Date(input.at);
  const doc = new PDFDocument({
    size: g.size,
    margins: { top: g.laterTop, bottom: height - g.bottom, left: g.left, right: width - g.right },
    bufferPages: true,
    lang: input.letterhead.language,
    displayTitle: true,
    info: {
      Title: input.subject,
      Author: input.letterhead.sender[0] ?? '',
      Subject: input.subject,
      Creator: 'sitedesk',
      Producer: 'sitedesk (pdfkit)',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc, input.letterhead.typeface);
  drawHead(doc, g, input);
  let previous: Block['kind'] | undefined;
  for (const block of letterBlocks(input.body)) {
    // A list ends with a little air before the next paragraph.
    if (previous === 'item' && block.kind !== 'item') doc.moveDown(0.5);
    drawBlock(doc, g, block);
    previous = block.kind;
  }
  doc.moveDown(0.6);
  drawSignature(doc, g, input);
  drawFooters(doc, g, input);
  doc.end();
  return done;
}
