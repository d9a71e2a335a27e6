/**
 * Three-way merge of one Markdown file (issue 17): what sitedesk wrote last (base), the file
 * on the site now (theirs) and what sitedesk writes now (ours). Front matter is merged key by
 * key, the body with `git merge-file`: changes that do not overlap are all kept; when both
 * sides changed the same key or the same lines differently there is no merged text and the
 * caller stops with a conflict. Nobody's edit is overwritten silently.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseFrontMatter, updateFrontMatter } from '../../content/front-matter.js';
import type { GitClient } from './client.js';

/** The git blob id of `text` (what `git hash-object` prints): a version of a file. */
export function blobVersion(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The merged text, or undefined when base → theirs and base → ours overlap. */
export async function mergeFile(
  git: GitClient,
  base: string,
  theirs: string,
  ours: string,
): Promise<string | undefined> {
  if (theirs === base || theirs === ours) return ours;
  if (ours === base) return theirs;
  const parts = [base, theirs, ours].map(parseOrUndefined);
  const [b, t, o] = parts;
  // Without front matter on all three (or one that does not parse), the whole file is text.
  if (!b || !t || !o || !b.format || b.format !== t.format || t.format !== o.format)
    return mergeLines(git, base, theirs, ours);
  const delta: Record<string, unknown> = {};
  for (const key of new Set([
    ...Object.keys(b.data),
    ...Object.keys(t.data),
    ...Object.keys(o.data),
  ])) {
    const [bv, tv, ov] = [b.data[key], t.data[key], o.data[key]];
    if (isDeepStrictEqual(ov, bv) || isDeepStrictEqual(ov, tv)) continue; // theirs stands
    if (!isDeepStrictEqual(tv, bv)) return undefined; // both changed this key, differently
    delta[key] = ov; // only sitedesk changed it (undefined: removed)
  }
  const body = await mergeLines(git, b.body, t.body, o.body);
  if (body === undefined) return undefined;
  return Object.keys(delta).length === 0 && body === t.body
    ? theirs
    : updateFrontMatter(theirs, delta, body);
}

function parseOrUndefined(text: string): ReturnType<typeof parseFrontMatter> | undefined {
  try {
    return parseFrontMatter(text);
  } catch {
    return undefined;
  }
}

/** `git merge-file` of three texts: the merge, or undefined when a hunk conflicts. */
async function mergeLines(
  git: GitClient,
  base: string,
  theirs: string,
  ours: string,
): Promise<string | undefined> {
  if (theirs === base || theirs === ours) return ours;
  if (ours === base) return theirs;
  const dir = await mkdtemp(join(tmpdir(), 'sitedesk-merge-'));
  try {
    await Promise.all([
      writeFile(join(dir, 'ours'), ours),
      writeFile(join(dir, 'base'), base),
      writeFile(join(dir, 'theirs'), theirs),
    ]);
    // The exit code is the number of conflicting hunks (negative on error).
    const result = await git.run(['merge-file', '-p', '--quiet', 'ours', 'base', 'theirs'], {
      cwd: dir,
      allowFailure: true,
    });
    return result.code === 0 ? result.stdout : undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
