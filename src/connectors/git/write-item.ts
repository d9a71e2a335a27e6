/**
 * One content item into the warm clone: decide its schedule, find or name its file, write its
 * images and its Markdown with the generator's front matter. Returns the paths it changed
 * (none when the file already said the same: no empty commit) and the publish result.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFrontMatter } from '../../content/front-matter.js';
import { sanitizeMarkdownSource } from '../../content/markdown-source.js';
import { ValidationError } from '../../shared/errors.js';
import type { ContentItem, PublishOptions, PublishResult } from '../types.js';
import { ASTRO_CONFIG_FILES, astroFields, type FileKind } from './generators.js';
import { checkSlug } from './paths.js';
import {
  liveUrl,
  locate,
  readRepoFile,
  renderFile,
  rewriteImageLinks,
  writeImages,
  writeRepoFile,
  type WriteTarget,
} from './publish.js';
import { resolveSchedule } from './rules.js';
import type { GitSite } from './settings.js';
import { writerFor } from './writers.js';

/** One item of a batch publish. */
export interface BatchEntry {
  item: ContentItem;
  options?: PublishOptions;
}

/** The site, clone and writer for a batch; Astro's field names are read from the clone. */
export async function loadTarget(site: GitSite, cloneDir: string): Promise<WriteTarget> {
  let configText: string | undefined;
  if (site.settings.generator === 'astro') {
    for (const file of ASTRO_CONFIG_FILES) {
      configText = await readFile(join(cloneDir, file), 'utf8').catch(() => undefined);
      if (configText !== undefined) break;
    }
  }
  const fields = astroFields(configText, site.settings.astroFields);
  return { site, cloneDir, writer: writerFor(site.settings.generator, fields) };
}

/** Writes one item; `now` is the clock's time (dates of new files, scheduling). */
export async function writeItem(
  t: WriteTarget,
  entry: BatchEntry,
  now: Date,
): Promise<{ result: PublishResult; paths: string[] }> {
  const { site, cloneDir } = t;
  const { item, options = {} } = entry;
  checkSlug(item.slug);
  if (item.kind === 'region') {
    throw new ValidationError(
      'A region text is put into its page’s region, not published as a file of its own.',
      [{ path: 'kind', message: 'must be post, page or promotion' }],
    );
  }
  const kind: FileKind = item.kind;
  const schedule = resolveSchedule(site, item, options, now);
  const located = await locate(t, item, kind, options.remoteId, schedule.date ?? now);
  const fileName = located.path.split('/').pop() ?? '';
  const urlDate = t.writer.urlDate(fileName) ?? schedule.date ?? now;
  const result: PublishResult = {
    remoteId: located.path,
    url: liveUrl(site, kind, item.slug, urlDate),
    status: schedule.status,
    created: false,
  };
  // Held for later: nothing is written now (see rules.ts resolveSchedule).
  if (schedule.hold) return { result, paths: [] };
  const images = await writeImages(t, item);
  const oldText = located.exists ? await readRepoFile(cloneDir, located.path) : undefined;
  const fields = t.writer.fields({
    item,
    kind,
    creating: !located.exists,
    date: located.exists ? schedule.explicitDate : (schedule.date ?? now),
    live: schedule.live,
    existing: oldText === undefined ? {} : parseFrontMatter(oldText).data,
    featureImageUrl: item.featureImage ? images.urls.get(item.featureImage.filename) : undefined,
  });
  // The site's generator renders the Markdown, and some pass raw HTML through: it is made
  // safe here, as the other connectors' HTML is (see content/markdown-source.ts).
  const markdown = rewriteImageLinks(sanitizeMarkdownSource(item.markdown), images.urls);
  const text = renderFile(site, oldText, fields, markdown);
  const changed = text !== oldText;
  if (changed) await writeRepoFile(cloneDir, located.path, text);
  return {
    result: { ...result, created: !located.exists },
    paths: [...(changed ? [located.path] : []), ...images.paths],
  };
}
