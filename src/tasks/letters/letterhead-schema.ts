/**
 * A client's letterhead (issue 20): what every letter of hers carries besides its text. A
 * client may have several (a Czech and an English one). Images come inline as base64 and are
 * checked by letterhead-images.ts; every other field is plain text (DESIGN.md "Rich and plain
 * fields"): printed exactly as typed, never read as markup.
 */
import { z } from 'zod';
import { plainTextProblem } from '../../content/plain-text.js';

/** A one-line plain-text field of `max` characters. */
export const plainLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((value, ctx) => {
      const problem = plainTextProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** Lines of a block (sender, footer, address): each one line of plain text. */
export const plainLines = (maxLines: number, maxChars: number) =>
  z.array(plainLine(maxChars)).max(maxLines, `must have at most ${maxLines} lines`);

/** Paper sizes a letter can be printed on. */
export const paperSizes = ['A4', 'Letter'] as const;
/**
 * Where the recipient's address goes: `din5008` puts it in the window of a DL/C5 window
 * envelope (DIN 5008 form B, the same position as ČSN 01 6910); `plain` just below the head.
 */
export const addressLayouts = ['din5008', 'plain'] as const;
/** Typefaces embedded into the PDF (DejaVu, which has every Central European letter). */
export const typefaces = ['sans', 'serif'] as const;
/** Languages letters are laid out in (date words, "Page 1 of 2", the closing). */
export const letterLanguages = ['cs', 'en'] as const;

/** An image given inline: base64 bytes (PNG or JPEG, at most 300 KB); checked by letterhead-images.ts. */
export const inlineImageSchema = z.strictObject({
  data: z.string().min(1, 'must not be empty').max(420_000, 'is too large (at most 300 KB)'),
});

/** A luxon format of the date line. */
const dateFormatSchema = z
  .string()
  .trim()
  .regex(/^[dMy .,/-]{1,20}$/, 'must be a date format such as d. M. yyyy or MMMM d, yyyy');

/** The register's number pattern. */
const numberingSchema = z
  .string()
  .trim()
  .regex(
    /^[^{}]{0,20}(\{yyyy\}|\{yy\})?[^{}]{0,20}\{n{1,6}\}[^{}]{0,20}$/,
    'must contain {n}, e.g. {yyyy}/{nnn}',
  );

/** Input of a letterhead. */
export const letterheadInputSchema = z.strictObject({
  name: plainLine(100).pipe(z.string().min(1, 'must not be empty')),
  language: z.enum(letterLanguages).default('cs'),
  /** luxon format of the date line, e.g. `d. M. yyyy` (Czech) or `d MMMM yyyy`. */
  dateFormat: dateFormatSchema.optional(),
  paper: z.enum(paperSizes).default('A4'),
  addressLayout: z.enum(addressLayouts).default('din5008'),
  typeface: z.enum(typefaces).default('sans'),
  /** The sender's name and address, top right (and as the return line above the window). */
  sender: plainLines(8, 120).min(1, 'must have at least one line'),
  /** Company id, VAT id, bank account: small print at the foot of every page. */
  footer: plainLines(4, 200).default([]),
  logo: inlineImageSchema.optional(),
  signature: z.strictObject({
    image: inlineImageSchema.optional(),
    /** Who signs, printed under the signature. */
    name: plainLine(120).pipe(z.string().min(1, 'must name who signs')),
    /** e.g. `jednatelka`, `Managing director`. */
    role: plainLine(120).optional(),
  }),
  /** The closing above the signature; default by language ("S pozdravem", "Kind regards"). */
  closing: plainLine(120).optional(),
  /** The register's number pattern: `{yyyy}` year, `{n}` … `{nnnn}` running number. */
  numbering: numberingSchema.default('{yyyy}/{nnn}'),
});
export type LetterheadInput = z.input<typeof letterheadInputSchema>;
export type LetterheadSettings = z.output<typeof letterheadInputSchema>;

/**
 * A change of a letterhead: only the fields given change. `null` clears an optional one
 * (`logo: null` takes the logo off, `signature.image: null` the signature image); an image is
 * given inline exactly as when the letterhead is added.
 */
export const letterheadChangeSchema = z
  .strictObject({
    name: plainLine(100).pipe(z.string().min(1, 'must not be empty')).optional(),
    language: z.enum(letterLanguages).optional(),
    dateFormat: dateFormatSchema.nullable().optional(),
    paper: z.enum(paperSizes).optional(),
    addressLayout: z.enum(addressLayouts).optional(),
    typeface: z.enum(typefaces).optional(),
    sender: plainLines(8, 120).min(1, 'must have at least one line').optional(),
    footer: plainLines(4, 200).optional(),
    logo: inlineImageSchema.nullable().optional(),
    signature: z
      .strictObject({
        image: inlineImageSchema.nullable().optional(),
        name: plainLine(120).pipe(z.string().min(1, 'must name who signs')).optional(),
        role: plainLine(120).nullable().optional(),
      })
      .optional(),
    closing: plainLine(120).nullable().optional(),
    numbering: numberingSchema.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, {
    message: 'must change at least one field',
    // Said only when nothing else is wrong (an unknown field is not "no change").
    when: (payload) => (payload.issues ?? []).length === 0,
  });
export type LetterheadChange = z.input<typeof letterheadChangeSchema>;
