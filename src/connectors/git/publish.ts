/**
 * Turning content items into files in the warm clone: find the item's existing file (by the
 * stored remote id, else by slug), write its images to the static folder with the Markdown
 * links rewritten, and write the front matter the generator expects. An existing file keeps
 * its front matter bytes except the fields whose value really changes, so publishing the
 * same item twice writes the same bytes (and then nothing is committed).
 */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  createFrontMatter,
  parseFrontMatter,
  updateFrontMatter,
} from '../../content/front-matter.js';
import type { ContentItem, MediaFile } from '../types.js';
import type { FileKind } from './generators.js';
import { assertInsideClone, checkFileName, checkRepoPath } from './paths.js';
import type { GitSite } from './settings.js';
import type { FieldChanges, GeneratorWriter } from './writers.js';

/** What a write needs to know about the site and clone. */
export interface WriteTarget {
  site: GitSite;
  cloneDir: string;
  writer: GeneratorWriter;
}

/** Where an item's file is, and whether it exists yet. */
export interface Located {
  path: string;
  exists: boolean;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The folders a publish may write into. */
export function writableDirs(site: GitSite): string[] {
  const s = site.settings;
  return [
    ...new Set([
      s.contentDirs.post,
      s.contentDirs.page,
      s.contentDirs.promotion,
      s.staticDir,
      s.dataDir,
    ]),
  ];
}

/** Finds the item's file: the stored remote id when it still exists, else by slug in its folder. */
export async function locate(
  target: WriteTarget,
  item: ContentItem,
  kind: FileKind,
  remoteId: string | undefined,
  date: Date,
): Promise<Located> {
  const { site, cloneDir, writer } = target;
  if (remoteId !== undefined) {
    const path = checkRepoPath(remoteId, writableDirs(site));
    if (await exists(join(cloneDir, path))) return { path, exists: true };
  }
  const dir = site.settings.contentDirs[kind];
  const fresh = posix.join(dir, writer.fileName(kind, item.slug, date));
  if (await exists(join(cloneDir, fresh))) return { path: fresh, exists: true };
  const bundle = posix.join(dir, item.slug, 'index.md');
  if (
    writer.matches(kind, `${item.slug}/index.md`, item.slug) &&
    (await exists(join(cloneDir, bundle)))
  )
    return { path: bundle, exists: true };
  // Only names with a date in them (Jekyll) need a look at the whole folder.
  if (!writer.datedNames) return { path: fresh, exists: false };
  const names = await readdir(join(cloneDir, dir)).catch(() => [] as string[]);
  const found = names.find((name) => writer.matches(kind, name, item.slug));
  return found ? { path: posix.join(dir, found), exists: true } : { path: fresh, exists: false };
}

/** Writes the item's images to `<staticDir>/<slug>/`; returns the paths that changed and every image's URL by file name. */
export async function writeImages(
  target: WriteTarget,
  item: ContentItem,
): Promise<{ paths: string[]; urls: Map<string, string> }> {
  const files: MediaFile[] = [
    ...(item.images ?? []),
    ...(item.featureImage ? [item.featureImage] : []),
  ];
  const paths: string[] = [];
  const urls = new Map<string, string>();
  for (const file of files) {
    const name = checkFileName(file.filename);
    const path = checkRepoPath(
      posix.join(target.site.settings.staticDir, item.slug, name),
      writableDirs(target.site),
    );
    await assertInsideClone(target.cloneDir, path);
    const old = await readFile(join(target.cloneDir, ...path.split('/'))).catch(() => undefined);
    if (old === undefined || !Buffer.from(file.data).equals(old)) {
      await writeRepoFile(target.cloneDir, path, file.data);
      paths.push(path);
    }
    urls.set(name, `${target.site.settings.staticUrl}/${item.slug}/${name}`);
  }
  return { paths, urls };
}

/** Markdown with `](photo.jpg)` and `](./photo.jpg)` pointing at the uploaded images. */
export function rewriteImageLinks(markdown: string, urls: Map<string, string>): string {
  return markdown.replace(
    /(\]\()(?:\.\/)?([^)\s]+)((?:\s+"[^"]*")?\))/g,
    (whole, open: string, name: string, close: string) => {
      const url = urls.get(name);
      return url === undefined ? whole : `${open}${url}${close}`;
    },
  );
}

/** Writes bytes to a repository path after the symlink check; creates folders. */
export async function writeRepoFile(
  cloneDir: string,
  path: string,
  data: string | Uint8Array,
): Promise<void> {
  await assertInsideClone(cloneDir, path);
  const full = join(cloneDir, ...path.split('/'));
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, data);
}

/** Reads a repository path as text after the symlink check; undefined when it does not exist. */
export async function readRepoFile(cloneDir: string, path: string): Promise<string | undefined> {
  await assertInsideClone(cloneDir, path);
  return readFile(join(cloneDir, ...path.split('/')), 'utf8').catch(() => undefined);
}

function sameValue(a: unknown, b: unknown): boolean {
  const time = (v: unknown): number | undefined =>
    v instanceof Date
      ? v.getTime()
      : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)
        ? Date.parse(v.replace(/ ([+-]\d{2}):?(\d{2})$/, '$1:$2').replace(' ', 'T'))
        : undefined;
  const ta = time(a);
  const tb = time(b);
  if (ta !== undefined && tb !== undefined && !Number.isNaN(ta)) return ta === tb;
  return isDeepStrictEqual(a, b);
}

/** The new text of a file: created, or the old front matter with only the changed fields spliced; `markdown` undefined keeps the body. */
export function renderFile(
  site: GitSite,
  oldText: string | undefined,
  changes: FieldChanges,
  markdown: string | undefined,
): string {
  // undefined keeps the old body (unpublish changes only the front matter).
  const body = markdown === undefined ? undefined : `\n${markdown.replace(/\s+$/, '')}\n`;
  if (oldText === undefined)
    return createFrontMatter(site.settings.frontMatter, changes.set, body ?? '\n');
  const existing = parseFrontMatter(oldText).data;
  const delta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes.set)) {
    if (!(key in existing) || !sameValue(existing[key], value)) delta[key] = value;
  }
  for (const key of changes.remove) if (key in existing) delta[key] = undefined;
  return updateFrontMatter(oldText, delta, body, site.settings.frontMatter);
}

/** The live URL of a file: the kind's pattern with {slug} {year} {month} {day}, on the site URL. */
export function liveUrl(site: GitSite, kind: FileKind, slug: string, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const path = site.settings.urlPatterns[kind]
    .replaceAll('{slug}', slug)
    .replaceAll('{year}', String(date.getUTCFullYear()))
    .replaceAll('{month}', pad(date.getUTCMonth() + 1))
    .replaceAll('{day}', pad(date.getUTCDate()));
  return `${site.url}${path.startsWith('/') ? '' : '/'}${path}`;
}
