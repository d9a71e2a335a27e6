import { z } from 'zod';
import { slugify } from '../../content/slug.js';
import { contentKinds, languageSchema } from '../schemas/common.js';
import type { Client } from '../types.js';
import { createWeekdayNamer, localParts, type WeekdayNamer } from './zone-time.js';

/** The variables a template may use, e.g. `{{date}}`; `text` is supplied ahead of time per date. */
export const templateVariables = [
  'date',
  'time',
  'weekday',
  'text',
  'client.name',
  'client.email',
  'client.phone',
] as const;

const VARIABLE = /\{\{\s*([a-z.]+)\s*\}\}/g;

function unknownVariables(value: string): string[] {
  return [...value.matchAll(VARIABLE)]
    .map((m) => m[1] ?? '')
    .filter((name) => !(templateVariables as readonly string[]).includes(name));
}

const templated = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => unknownVariables(v).length === 0, {
      message: `uses an unknown variable; known: ${templateVariables.map((v) => `{{${v}}}`).join(' ')}`,
    });

/** What each occurrence publishes; any text field may use the variables. */
export const templateSchema = z.strictObject({
  title: templated(500),
  /** Rendered, then made URL-safe; use `{{date}}` for one post per occurrence. */
  slug: templated(200),
  markdown: templated(1_000_000),
  excerpt: templated(2000).optional(),
  kind: z.enum(contentKinds).default('post'),
  tags: z.array(z.string().trim().min(1).max(100)).default([]),
  language: languageSchema.optional(),
  /**
   * Each run waits for the client's text (supplied per date); the text is the body when the
   * markdown does not place it with `{{text}}` (issue 23: "this week's menu" from the client).
   */
  waitsForClient: z.boolean().optional(),
});
export type Template = z.output<typeof templateSchema>;

/** Whether the template waits for text supplied per occurrence. */
export function needsText(template: Template): boolean {
  if (template.waitsForClient) return true;
  return [template.title, template.slug, template.markdown, template.excerpt ?? ''].some((v) =>
    /\{\{\s*text\s*\}\}/.test(v),
  );
}

/** The values of the variables for one occurrence. */
export function variablesFor(
  client: Client,
  zone: string,
  at: number,
  text: string | undefined,
  weekdayName: WeekdayNamer = createWeekdayNamer(),
) {
  const { date, time } = localParts(zone, at);
  return {
    date,
    time,
    weekday: weekdayName(zone, at, client.languages[0] ?? 'en'),
    text,
    'client.name': client.name,
    'client.email': client.contact.email ?? '',
    'client.phone': client.contact.phone ?? '',
  } as Record<string, string | undefined>;
}

/** Fills the variables; a missing `text` becomes a visible placeholder (the task waits for it). */
export function render(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(VARIABLE, (_, name: string) => vars[name] ?? `[${name} not supplied yet]`);
}

/** The body of one run: the rendered markdown, or the client's text itself when it waits for one that the markdown does not place. */
export function renderBody(template: Template, vars: Record<string, string | undefined>): string {
  const placed = /\{\{\s*text\s*\}\}/.test(template.markdown);
  if (template.waitsForClient && !placed && vars.text !== undefined) return vars.text;
  return render(template.markdown, vars);
}

/** A URL slug made of the rendered slug template (the one slug function; `post` when empty). */
export function slugOf(rendered: string): string {
  return slugify(rendered) || 'post';
}
