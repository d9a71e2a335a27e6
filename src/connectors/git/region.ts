/**
 * updateRegion for git sites: a region between `<!-- sitedesk:NAME -->` markers in a
 * Markdown/HTML file (src/content/regions.ts), or a key path (`hours.monday`) in a YAML,
 * JSON or TOML data file (src/content/front-matter.ts editors). Every other byte stays.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { dataFormatOfPath, editData } from '../../content/front-matter.js';
import { replaceRegion } from '../../content/regions.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { assertInsideClone, checkRepoPath } from './paths.js';
import { readRepoFile, writableDirs, writeRepoFile } from './publish.js';
import type { GitSite } from './settings.js';

const KEY_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Changes region or key `name` of file `remoteId` to `html`; returns the file's repository path. */
export async function changeRegion(
  site: GitSite,
  cloneDir: string,
  remoteId: string,
  name: string,
  html: string,
): Promise<string> {
  const path = checkRepoPath(remoteId, [...writableDirs(site), ...site.settings.regionDirs]);
  const text = await readRepoFile(cloneDir, path);
  if (text === undefined)
    throw new NotFoundError(
      `The file ${path} is not in the repository (branch ${site.settings.branch}).`,
    );
  const format = dataFormatOfPath(path);
  let next: string;
  if (format) {
    if (!KEY_PATH.test(name)) {
      throw new ValidationError(`"${name}" is not a key path such as "hours.monday".`, [
        { path: 'name', message: 'must be dot-separated keys' },
      ]);
    }
    const keys = name.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    next = editData(format, text, [{ path: keys, value: html }]);
  } else {
    next = replaceRegion(text, name, html);
  }
  if (next !== text) await writeRepoFile(cloneDir, path, next);
  return path;
}

/** Removes a file of the clone (after the symlink check). */
export async function removeFile(cloneDir: string, path: string): Promise<void> {
  await assertInsideClone(cloneDir, path);
  await rm(join(cloneDir, ...path.split('/')), { force: true });
}
