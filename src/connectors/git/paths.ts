/**
 * Path safety (issue 5 "Paths are safe"): slugs and file names are validated, every write
 * stays inside the folders the settings allow (content, static, data), `..` and absolute
 * paths are refused, and a symlink in the repository that leads outside the clone is refused
 * too. Nothing that starts with `-` reaches git, and paths go after `--` anyway.
 */
import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { ValidationError } from '../../shared/errors.js';
import { UnsafePathError } from './errors.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$/;

/** Returns `slug` when it is lowercase letters, digits and inner hyphens (max 100), else a ValidationError. */
export function checkSlug(slug: string): string {
  if (SLUG.test(slug)) return slug;
  throw new ValidationError(
    `The slug "${slug.slice(0, 100)}" is not allowed: use lowercase letters, digits and hyphens, e.g. "spring-menu".`,
    [
      {
        path: 'slug',
        message:
          'must be lowercase letters, digits and hyphens, not starting or ending with a hyphen',
      },
    ],
  );
}

/** Returns a media file name when it is plain (`photo-1.jpg`), else a ValidationError. */
export function checkFileName(name: string): string {
  if (FILE_NAME.test(name) && !name.includes('..')) return name;
  throw new ValidationError(
    `The file name "${name.slice(0, 100)}" is not allowed: use letters, digits, ".", "_" and "-", e.g. "photo-1.jpg".`,
    [{ path: 'filename', message: 'must be a plain file name' }],
  );
}

/**
 * `path` (relative to the repository, forward slashes) normalised, when it lies inside one of
 * `allowedDirs`; else an UnsafePathError.
 */
export function checkRepoPath(path: string, allowedDirs: readonly string[]): string {
  const normalised = posix.normalize(path.replace(/\\/g, '/'));
  const bad =
    isAbsolute(path) ||
    normalised.startsWith('/') ||
    normalised
      .split('/')
      .some((part) => part === '..' || part === '.git' || part.startsWith('-')) ||
    /[\0\n\r]/.test(path);
  const inside = allowedDirs.some((dir) => dir === '' || normalised.startsWith(`${dir}/`));
  if (bad || !inside) {
    throw new UnsafePathError(
      `The path "${path.slice(0, 200)}" is outside the folders sitedesk may write (${allowedDirs.join(', ')}).`,
    );
  }
  return normalised;
}

/**
 * Refuses `path` when a symlink on the way leads outside the clone, or the file itself is a
 * symlink (writing through it would change whatever it points at).
 */
export async function assertInsideClone(cloneDir: string, path: string): Promise<void> {
  const root = await realpath(cloneDir);
  let existing = join(cloneDir, ...path.split('/'));
  const final = await lstat(existing).catch(() => undefined);
  if (final?.isSymbolicLink())
    throw new UnsafePathError(
      `The path "${path}" is a symbolic link; sitedesk does not write through links.`,
    );
  // The deepest folder that exists decides where the file would really land.
  for (;;) {
    const real = await realpath(existing).catch(() => undefined);
    if (real !== undefined) {
      const rel = relative(root, real);
      if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..') {
        throw new UnsafePathError(
          `The path "${path}" leads outside the repository through a symbolic link.`,
        );
      }
      return;
    }
    const parent = join(existing, '..');
    if (parent === existing) return;
    existing = parent;
  }
}
