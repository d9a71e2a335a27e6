/**
 * What the secretary gives for a letter, and the checks that need the letterhead: the address
 * must fit the envelope window (line count and width measured with the embedded font), and the
 * body may carry only HTML that the site sanitiser keeps. A failed check is a 400 naming the
 * field before anything is saved, rendered or sent.
 */
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { sanitizeMarkdownSource } from '../../content/index.js';
import { neutraliseTemplateTags } from '../../content/template-tags.js';
import type { FieldIssue } from '../../shared/errors.js';
import { idSchema, instantSchema } from '../schemas/common.js';
import { registerFonts } from './letter-pdf.js';
import type { LetterheadSettings } from './letterhead-schema.js';
import { letterDetailsSchema, type recipientSchema } from './schemas.js';
import { TEXT_SIZE, WINDOW_LINES, pageGeometry } from './page-geometry.js';

/** The parts of a letter she writes (a new letter, or a change to one). */
export const letterContentSchema = letterDetailsSchema.pick({
  letterheadId: true,
  recipient: true,
  subject: true,
  body: true,
  attachments: true,
  dictation: true,
  approvalWanted: true,
});

/**
 * A change to a letter: any of its parts, none defaulted — a change that does not name the
 * text, the lists or the approval wish leaves them as they are (a default would wipe them).
 */
export const letterChangeSchema = letterContentSchema.partial().extend({
  body: z.string().max(200_000).optional(),
  attachments: z.array(idSchema).max(20).optional(),
  dictation: z.array(idSchema).max(10).optional(),
  approvalWanted: z.boolean().optional(),
});

/** Input of a new letter: the content plus the client, a mail task it answers, a template. */
export const createLetterSchema = letterContentSchema.extend({
  clientId: idSchema,
  replyTo: idSchema.optional(),
  /** A template whose fields fill the subject and body (`{{name}}`). */
  template: z
    .strictObject({
      id: idSchema,
      fields: z
        .record(
          z.string().regex(/^[a-z][a-zA-Z0-9_]{0,40}$/, 'must be a field name such as amount'),
          z.string().max(2000),
        )
        .default({}),
    })
    .optional(),
  /** Optional with a template (the template's subject is used). */
  subject: letterContentSchema.shape.subject.optional(),
  dueAt: instantSchema.optional(),
});
export type CreateLetterInput = z.input<typeof createLetterSchema>;
export type LetterContent = z.output<typeof letterContentSchema>;

const measurers = new Map<string, PDFKit.PDFDocument>();
/** Width of `text` in points in the letterhead's regular face at the address size. */
function widthOf(text: string, typeface: LetterheadSettings['typeface']): number {
  let measurer = measurers.get(typeface);
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false });
    registerFonts(measurer, typeface);
    measurers.set(typeface, measurer);
  }
  return measurer.font('regular').fontSize(TEXT_SIZE).widthOfString(text);
}

/** Problems with the address in the window of `head`'s layout (path `recipient.address…`). */
export function addressProblems(
  recipient: z.output<typeof recipientSchema>,
  head: Pick<LetterheadSettings, 'paper' | 'addressLayout' | 'typeface'>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const all = [recipient.name, ...recipient.address];
  const maxLines = head.addressLayout === 'din5008' ? WINDOW_LINES : 8;
  if (all.length > maxLines)
    issues.push({
      path: 'recipient.address',
      message: `is too long for the envelope window: ${all.length} lines with the name (at most ${maxLines})`,
    });
  const width = pageGeometry(head).recipient.width;
  all.forEach((line, i) => {
    if (widthOf(line, head.typeface) > width)
      issues.push({
        path: i === 0 ? 'recipient.name' : `recipient.address.${i - 1}`,
        message: 'is too wide for the envelope window; split it over two lines or shorten it',
      });
  });
  return issues;
}

/** A body issue when it carries HTML or links the site sanitiser would remove. */
export function bodyProblems(body: string): FieldIssue[] {
  // Template tags matter to static-site generators only; a letter's `{{` is plain text.
  const text = neutraliseTemplateTags(body.replace(/\r\n?/g, '\n'));
  let safe: string;
  try {
    safe = sanitizeMarkdownSource(text);
  } catch {
    return [{ path: 'body', message: 'has HTML that could not be checked; remove the HTML' }];
  }
  return safe === text
    ? []
    : [
        {
          path: 'body',
          message:
            'has HTML or links a letter cannot carry (scripts, styles, forms, javascript: links); remove them',
        },
      ];
}
