/**
 * One writer per generator: where a content item's file goes and which front matter fields
 * say "live", "draft", dates, tags and description the way that generator reads them (the
 * facts are in generators.ts). Writers only decide fields; front-matter.ts writes them.
 *
 * Title, description, tags and categories are plain text, and themes print front matter in
 * every way — escaped (`{{ .Title }}`) or raw (`{{ page.title }}`, `| safe`, `set:html`). So
 * each goes through `toFrontMatterText` (content/plain-text.ts, issue 16): `<` `>` `"` `'` `\``
 * and a `&` that would start an entity become typographic look-alikes (‹ › “ ” ‘ ’ ˋ ＆),
 * which both kinds of theme show as the same readable text and no theme reads as markup.
 */
import type { ContentItem } from '../types.js';
import { formatDate } from '../../content/front-matter-dates.js';
import { toFrontMatterText } from '../../content/plain-text.js';
import type { AstroFields, FileKind, Generator } from './generators.js';

/** Front matter changes: fields to set, and fields to remove. */
export interface FieldChanges {
  set: Record<string, unknown>;
  remove: string[];
}

/** What a writer knows when it decides fields. */
export interface WriteContext {
  item: ContentItem;
  kind: FileKind;
  /** True when the file is new. */
  creating: boolean;
  /** The publication date to write; undefined on an update that keeps the file's date. */
  date: Date | undefined;
  /** False for a draft or a held-back item. */
  live: boolean;
  /** The existing front matter (empty when creating). */
  existing: Record<string, unknown>;
  /** Public URL of the feature image, when there is one. */
  featureImageUrl?: string | undefined;
}

/** The conventions of one generator. */
export interface GeneratorWriter {
  /** True when file names carry the date (Jekyll), so finding a file means reading its folder. */
  datedNames: boolean;
  /** File name (no folder) for a new item. */
  fileName(kind: FileKind, slug: string, date: Date): string;
  /** True when an existing file name belongs to `slug`. */
  matches(kind: FileKind, fileName: string, slug: string): boolean;
  /** Front matter for publishing (live or draft). */
  fields(context: WriteContext): FieldChanges;
  /** Front matter that takes an item off the site, or undefined when only deleting works. */
  draft(existing: Record<string, unknown>): FieldChanges | undefined;
  /** The date used in the live URL, from the file name where the generator puts it there. */
  urlDate(fileName: string): Date | undefined;
}

/** Jekyll's own date style: `2024-03-01 09:00:00 +0000`. */
const JEKYLL_DATE = {
  dateOnly: false,
  separator: ' ',
  seconds: true,
  fractionDigits: 0,
  offset: { kind: 'plain', minutes: 0, spaced: true },
} as const;

const ymd = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * A draft flag is written into new files, for drafts, and where the file already has it; an
 * existing live file without the flag is left without it (absent means live).
 */
function mayWriteFlag(context: WriteContext, key: string): boolean {
  return context.creating || !context.live || key in context.existing;
}

/** Plain text as front matter shows it on any theme (see the module comment). */
const text = toFrontMatterText;
/** A list of names, each as `text`. */
const texts = (names: readonly string[]): string[] => names.map((name) => text(name));

/** Description and tags, added after the generator's own fields so new files read naturally. */
function extras(
  set: Record<string, unknown>,
  item: ContentItem,
  names: { description?: string | undefined; tags?: string | undefined },
): Record<string, unknown> {
  if (names.description && item.excerpt !== undefined) set[names.description] = text(item.excerpt);
  if (names.tags && item.tags !== undefined) set[names.tags] = texts(item.tags);
  return set;
}

const hugo: GeneratorWriter = {
  datedNames: false,
  fileName: (_kind, slug) => `${slug}.md`,
  matches: (_kind, name, slug) => name === `${slug}.md` || name === `${slug}/index.md`,
  fields(context) {
    const set: Record<string, unknown> = { title: text(context.item.title) };
    if (context.date) set.date = context.date;
    if (mayWriteFlag(context, 'draft')) set.draft = !context.live;
    if (context.item.endsAt) set.expiryDate = context.item.endsAt;
    extras(set, context.item, { description: 'description', tags: 'tags' });
    if (context.item.categories !== undefined) set.categories = texts(context.item.categories);
    if (context.featureImageUrl) set.images = [context.featureImageUrl];
    return { set, remove: [] };
  },
  draft: () => ({ set: { draft: true }, remove: [] }),
  urlDate: () => undefined,
};

/**
 * Jekyll puts categories into post URLs (`permalink: date` is `/:categories/:year/…`): a `:`
 * makes the path read as a URI scheme and fails the whole build (`Invalid scheme format`), a
 * `/` adds a folder. Both become look-alikes (∶ U+2236, ∕ U+2215), shown the same.
 */
function jekyllCategory(name: string): string {
  return name.replace(/:/g, '\u2236').replace(/\//g, '\u2215');
}

const jekyll: GeneratorWriter = {
  datedNames: true,
  fileName: (kind, slug, date) => (kind === 'page' ? `${slug}.md` : `${ymd(date)}-${slug}.md`),
  matches: (kind, name, slug) =>
    kind === 'page'
      ? name === `${slug}.md`
      : new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${slug}\\.(md|markdown)$`).test(name),
  fields(context) {
    const set: Record<string, unknown> = {};
    if (context.creating) set.layout = context.kind === 'page' ? 'page' : 'post';
    set.title = text(context.item.title);
    if (context.creating && context.kind === 'page') set.permalink = `/${context.item.slug}/`;
    // Jekyll reads its own date style best; an existing date keeps the file's style.
    if (context.date)
      set.date = context.creating ? formatDate(context.date, JEKYLL_DATE) : context.date;
    if (mayWriteFlag(context, 'published')) set.published = context.live;
    extras(set, context.item, { description: 'description', tags: 'tags' });
    if (context.item.categories !== undefined)
      set.categories = texts(context.item.categories).map(jekyllCategory);
    if (context.featureImageUrl) set.image = context.featureImageUrl;
    return { set, remove: [] };
  },
  draft: () => ({ set: { published: false }, remove: [] }),
  urlDate: (name) => {
    const m = /^(\d{4}-\d{2}-\d{2})-/.exec(name);
    return m ? new Date(`${m[1]}T00:00:00Z`) : undefined;
  },
};

const eleventy: GeneratorWriter = {
  datedNames: false,
  fileName: (_kind, slug) => `${slug}.md`,
  matches: (_kind, name, slug) => name === `${slug}.md`,
  fields(context) {
    const set: Record<string, unknown> = { title: text(context.item.title) };
    if (context.date) set.date = context.date;
    extras(set, context.item, { description: 'description', tags: 'tags' });
    if (context.featureImageUrl) set.image = context.featureImageUrl;
    if (!context.live) return { set: { ...set, ...eleventyDraft.set }, remove: [] };
    // Only our own draft markers are removed: a custom permalink string stays.
    const remove = ['eleventyExcludeFromCollections'];
    if (context.existing.permalink === false) remove.push('permalink');
    return { set, remove: remove.filter((key) => key in context.existing) };
  },
  draft: () => eleventyDraft,
  urlDate: () => undefined,
};

const eleventyDraft: FieldChanges = {
  set: { permalink: false, eleventyExcludeFromCollections: true },
  remove: [],
};

function astro(fields: AstroFields): GeneratorWriter {
  return {
    datedNames: false,
    fileName: (_kind, slug) => `${slug}.md`,
    matches: (_kind, name, slug) => name === `${slug}.md` || name === `${slug}.mdx`,
    fields(context) {
      const set: Record<string, unknown> = { [fields.title]: text(context.item.title) };
      if (fields.description) {
        // Astro's blog schema requires a description: fall back to the start of the text.
        const fallback = context.creating ? summary(context.item.markdown) : undefined;
        const description = context.item.excerpt ?? fallback;
        if (description !== undefined) set[fields.description] = text(description);
      }
      if (fields.date && context.date) set[fields.date] = context.date;
      if (fields.draft && mayWriteFlag(context, fields.draft)) set[fields.draft] = !context.live;
      extras(set, context.item, { tags: fields.tags });
      return { set, remove: [] };
    },
    draft: () => (fields.draft ? { set: { [fields.draft]: true }, remove: [] } : undefined),
    urlDate: () => undefined,
  };
}

/** The first sentence-ish of a Markdown text, without markup, at most 160 characters. */
function summary(markdown: string): string {
  const text = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(?:#+|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= 160 ? text : `${text.slice(0, 157).trimEnd()}…`;
}

/** The writer of `generator`; Astro needs its site's field names. */
export function writerFor(generator: Generator, fields: AstroFields): GeneratorWriter {
  if (generator === 'hugo') return hugo;
  if (generator === 'jekyll') return jekyll;
  if (generator === 'eleventy') return eleventy;
  return astro(fields);
}
