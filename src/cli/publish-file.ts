import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { FrontMatterError, parseFrontMatter, slugify } from '../content/index.js';
import { messageOf } from '../shared/errors.js';
import { UsageError } from './command.js';

/** A Markdown file read for publishing: the content item's fields from its front matter. */
export interface PublishFile {
  title?: string;
  slug: string;
  markdown: string;
  kind?: string;
  excerpt?: string;
  tags: string[];
  categories: string[];
  language?: string;
  startsAt?: string;
  endsAt?: string;
  /** `client:` in the front matter (id or name), when given. */
  client?: string;
}

/** Which front matter field fills which content item field (the first one present wins). */
export const frontMatterFields = {
  title: ['title'],
  slug: ['slug'],
  kind: ['kind', 'type'],
  excerpt: ['excerpt', 'description', 'summary'],
  tags: ['tags'],
  categories: ['categories'],
  language: ['language', 'lang'],
  startsAt: ['startsAt', 'starts', 'start'],
  endsAt: ['endsAt', 'ends', 'end'],
  client: ['client'],
} as const;

function pick(data: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (data[key] !== undefined && data[key] !== null) return data[key];
  return undefined;
}

const text = (value: unknown): string | undefined =>
  value === undefined ? undefined : value instanceof Date ? value.toISOString() : String(value);

const list = (value: unknown): string[] =>
  value === undefined
    ? []
    : (Array.isArray(value) ? value.map(String) : String(value).split(','))
        .map((v) => v.trim())
        .filter(Boolean);

/** A slug from a file name: `2026-03-spring menu.md` → `2026-03-spring-menu`. */
export function slugFromName(path: string): string {
  return slugify(basename(path, extname(path)));
}

/** Reads `path` and maps its front matter; a file that cannot be read or parsed is a UsageError naming it. */
export async function readPublishFile(path: string): Promise<PublishFile> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`FILE ${path} cannot be read: ${messageOf(error)}`);
  }
  let parsed;
  try {
    parsed = parseFrontMatter(raw);
  } catch (error) {
    if (error instanceof FrontMatterError) throw new UsageError(`FILE ${path}: ${error.message}`);
    throw error;
  }
  const { data } = parsed;
  const field = (name: keyof typeof frontMatterFields): string | undefined =>
    text(pick(data, frontMatterFields[name]));
  const result: PublishFile = {
    slug: field('slug') ?? slugFromName(path),
    markdown: parsed.body,
    tags: list(pick(data, frontMatterFields.tags)),
    categories: list(pick(data, frontMatterFields.categories)),
  };
  for (const name of [
    'title',
    'kind',
    'excerpt',
    'language',
    'startsAt',
    'endsAt',
    'client',
  ] as const) {
    const value = field(name);
    if (value !== undefined) result[name] = value;
  }
  return result;
}
