/**
 * Regions in a static site's repository (issue 23): the comment pairs in its content files
 * (Markdown, HTML, templates) and in the folders named for regions (`dataDir`, `regionDirs`,
 * e.g. Hugo's `layouts/partials`). Data files (YAML, JSON, TOML) are changed by key path,
 * not by markers, so discovery passes them by.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dataFormatOfPath, parseFrontMatter } from '../../content/front-matter.js';
import { renderMarkdown } from '../../content/markdown.js';
import { readPageRegion, scanPage } from '../region-scan.js';
import type { RegionFormat, RegionPage, RegionRead, RegionScan } from '../types.js';
import { readRepoFile, writableDirs } from './publish.js';
import { commitTitle } from './rules.js';
import type { GitSite } from './settings.js';

const MARKDOWN = /\.(md|markdown|mdx)$/i;
const TEXT = /\.(md|markdown|mdx|html?|njk|liquid|astro|hbs|mustache|vue|svelte)$/i;
/** Files looked at per discovery at most, so a huge repository cannot stall the check. */
const MAX_FILES = 5000;

/** The folders a region may be in: content folders, the data folder and `regionDirs`. */
export function regionFolders(site: GitSite): string[] {
  return [...new Set([...writableDirs(site), ...site.settings.regionDirs])].filter(
    (dir) => dir !== site.settings.staticDir,
  );
}

/** How a file's region is written: Markdown in Markdown files, HTML elsewhere. */
export function formatOfPath(path: string): RegionFormat {
  return MARKDOWN.test(path) ? 'markdown' : 'html';
}

async function filesUnder(cloneDir: string, dir: string, into: Set<string>): Promise<void> {
  const entries = await readdir(join(cloneDir, ...dir.split('/').filter(Boolean)), {
    withFileTypes: true,
  }).catch(() => []);
  for (const entry of entries) {
    if (into.size >= MAX_FILES) return;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
      await filesUnder(cloneDir, path, into);
    else if (entry.isFile() && TEXT.test(entry.name) && !dataFormatOfPath(path)) into.add(path);
  }
}

function pageOf(text: string, path: string): RegionPage {
  return { ref: path, kind: 'page', title: MARKDOWN.test(path) ? commitTitle(text, path) : path };
}

/** The page as HTML for a preview: a Markdown file's body rendered, other files as they are. */
function pageHtmlOf(text: string, path: string): string {
  if (!MARKDOWN.test(path)) return text;
  try {
    return renderMarkdown(parseFrontMatter(text).body);
  } catch {
    return renderMarkdown(text);
  }
}

/** Every region of the clone's region folders, files in path order. */
export async function discoverGitRegions(site: GitSite, cloneDir: string): Promise<RegionScan> {
  const files = new Set<string>();
  for (const dir of regionFolders(site)) await filesUnder(cloneDir, dir, files);
  const scan: RegionScan = { regions: [], problems: [] };
  for (const path of [...files].sort()) {
    const text = await readRepoFile(cloneDir, path);
    if (text?.includes('sitedesk:')) scanPage(scan, pageOf(text, path), text, formatOfPath(path));
  }
  return scan;
}

/** Region `name` of file `path` as it is in the clone; undefined when the file is gone. */
export async function readGitRegion(
  cloneDir: string,
  path: string,
  name: string,
): Promise<RegionRead | undefined> {
  const text = await readRepoFile(cloneDir, path);
  if (text === undefined) return undefined;
  return readPageRegion(pageOf(text, path), text, name, formatOfPath(path), pageHtmlOf(text, path));
}
