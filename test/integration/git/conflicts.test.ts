// Issue 17: someone else (the client, a developer) changed a file sitedesk publishes to, on a
// real git server. Edits that do not overlap are merged (both are in the pushed blob); an
// overlapping one stops with the two versions and the remote unchanged, and each of the
// secretary's choices then resolves it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitConnector } from '../../../src/connectors/git/connector.js';
import { GitConflictError } from '../../../src/connectors/git/errors.js';
import { blobVersion } from '../../../src/connectors/git/merge.js';
import type { ContentItem, EditConflict } from '../../../src/connectors/types.js';
import { commitSubjects, fileOnMain, pushFromOtherClone } from '../../env/git/other-clone.js';
import { post, startHarness, type Harness } from './harness.js';

const BODY = ['Fresh rolls every morning.', '', 'Open from six.', '', 'Closed on Sundays.'];

function item(slug: string, lines: string[], extra: Partial<ContentItem> = {}): ContentItem {
  return post(slug, { markdown: lines.join('\n'), ...extra });
}

describe('git conflicts keep the other person’s edit', () => {
  let h: Harness;
  let connector: GitConnector;
  let repoPath: string;

  beforeAll(async () => {
    h = await startHarness();
    ({ connector, repoPath } = await h.site('conflicts', 'hugo'));
  });
  afterAll(async () => h.stop());

  /** Someone else changes `path` (and optionally adds another file), pushed from their own clone. */
  const editOnSite = (
    path: string,
    change: (text: string) => string,
    otherFile?: string,
  ): Promise<void> =>
    pushFromOtherClone(
      repoPath,
      async (dir) => {
        const file = join(dir, ...path.split('/'));
        await writeFile(file, change(await readFile(file, 'utf8')));
        if (otherFile) await writeFile(join(dir, otherFile), 'Added by hand.\n');
      },
      `hand edit of ${path}`,
    );

  it('merges an edit made in between in another file and another part of the same file', async () => {
    const first = await connector.publish(item('rolls', BODY));
    const path = first.remoteId;
    await editOnSite(
      path,
      (text) =>
        text
          .replace('Closed on Sundays.', 'Closed on Sundays and holidays.')
          .replace(/^draft: .*$/m, (line) => `${line}\ndescription: Written by hand`),
      'content/hand-note.md',
    );
    const second = await connector.publish(
      item('rolls', ['Fresh rolls and cakes every morning.', ...BODY.slice(1)], {
        title: 'Rolls and cakes',
      }),
      { remoteId: path, previous: first.rendered },
    );
    const blob = await fileOnMain(repoPath, path);
    expect(blob).toContain('Fresh rolls and cakes every morning.'); // ours
    expect(blob).toContain('title: Rolls and cakes'); // ours, front matter
    expect(blob).toContain('Closed on Sundays and holidays.'); // theirs, same file
    expect(blob).toContain('description: Written by hand'); // theirs, front matter
    expect(await fileOnMain(repoPath, 'content/hand-note.md')).toBe('Added by hand.\n');
    expect(second.rendered).not.toContain('holidays'); // the next base is sitedesk's own text
    expect((await commitSubjects(repoPath))[0]).toBe('sitedesk: publish "Rolls and cakes"');
  });

  it('merges when someone pushes while sitedesk is writing (the push is rejected once)', async () => {
    const first = await connector.publish(item('race', BODY));
    const path = first.remoteId;
    h.server.beforeNextPush(() =>
      editOnSite(path, (text) => text.replace('Closed on Sundays.', 'Closed on Mondays.')),
    );
    await connector.publish(item('race', ['Fresh bread every morning.', ...BODY.slice(1)]), {
      remoteId: path,
      previous: first.rendered,
    });
    const blob = await fileOnMain(repoPath, path);
    expect(blob).toContain('Fresh bread every morning.');
    expect(blob).toContain('Closed on Mondays.');
    expect((await commitSubjects(repoPath)).slice(0, 2)).toEqual([
      'sitedesk: publish "Title of race"',
      `hand edit of ${path}`,
    ]);
  });

  describe('an overlapping edit', () => {
    let path: string;
    let previous: string | undefined;
    let conflict: EditConflict;
    const theirLine = 'Fresh rolls every morning, baked by Jan.';
    const ourLines = ['Fresh rolls every single morning.', ...BODY.slice(1)];

    /** Publishes our change over their overlapping one; answers the conflict. */
    async function collide(lines = ourLines): Promise<EditConflict> {
      const failure = await connector
        .publish(item('overlap', lines), { remoteId: path, previous })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(GitConflictError);
      expect(failure).toMatchObject({ code: 'git_conflict', retryable: false });
      return (failure as GitConflictError).conflict;
    }

    beforeAll(async () => {
      const first = await connector.publish(item('overlap', BODY));
      path = first.remoteId;
      previous = first.rendered;
    });

    it('stops with git_conflict, both versions, and the remote unchanged', async () => {
      await editOnSite(path, (text) => text.replace('Fresh rolls every morning.', theirLine));
      const before = await fileOnMain(repoPath, path);
      const subjects = await commitSubjects(repoPath);
      conflict = await collide();
      expect(conflict.path).toBe(path);
      expect(conflict.theirs).toBe(before);
      expect(conflict.theirsVersion).toBe(blobVersion(before ?? ''));
      expect(conflict.ours).toContain('Fresh rolls every single morning.');
      expect(conflict.ours).not.toContain('Jan');
      expect(await fileOnMain(repoPath, path)).toBe(before);
      expect(await commitSubjects(repoPath)).toEqual(subjects);
      // Publishing again without a choice does not overwrite either.
      await collide();
      expect(await fileOnMain(repoPath, path)).toBe(before);
    });

    it('"keep theirs" leaves the site’s file, and later publishes of the same text keep it', async () => {
      const subjects = await commitSubjects(repoPath);
      const result = await connector.publish(item('overlap', ourLines), {
        remoteId: path,
        previous,
        resolution: { path, theirsVersion: conflict.theirsVersion, choice: 'theirs' },
      });
      expect(await fileOnMain(repoPath, path)).toBe(conflict.theirs);
      expect(await commitSubjects(repoPath)).toEqual(subjects);
      // The next base is sitedesk's text: the same text published again changes nothing.
      await connector.publish(item('overlap', ourLines), {
        remoteId: path,
        previous: result.rendered,
      });
      expect(await fileOnMain(repoPath, path)).toBe(conflict.theirs);
    });

    it('"use mine" writes sitedesk’s version', async () => {
      conflict = await collide();
      await connector.publish(item('overlap', ourLines), {
        remoteId: path,
        previous,
        resolution: { path, theirsVersion: conflict.theirsVersion, choice: 'ours' },
      });
      expect(await fileOnMain(repoPath, path)).toBe(conflict.ours);
    });

    it('"edit" writes the secretary’s own text (its body made safe)', async () => {
      const first = await fileOnMain(repoPath, path);
      await editOnSite(path, (text) =>
        text.replace('Fresh rolls every single morning.', theirLine),
      );
      previous = first;
      const warmer = ['Fresh rolls every single morning, warm.', ...BODY.slice(1)];
      conflict = await collide(warmer);
      expect(conflict.ours).toContain('Fresh rolls every single morning, warm.');
      const text = conflict.ours.replace(
        'Fresh rolls every single morning, warm.',
        'Fresh rolls every morning, baked by Jan. <script>alert(1)</script>',
      );
      await connector.publish(item('overlap', warmer), {
        remoteId: path,
        previous,
        resolution: { path, theirsVersion: conflict.theirsVersion, choice: 'edit', text },
      });
      const blob = await fileOnMain(repoPath, path);
      expect(blob).toContain('Fresh rolls every morning, baked by Jan.');
      expect(blob).not.toContain('<script>');
      expect(blob?.split('\n---\n')[0]).toBe(text.split('\n---\n')[0]);
    });

    it('a choice made for a version the site no longer has is not applied', async () => {
      const seen = await fileOnMain(repoPath, path);
      await editOnSite(path, (text) => text.replace('Open from six.', 'Open from five.'));
      await editOnSite(path, (text) => text.replace(/^Fresh rolls.*$/m, 'Rolls by Jan.'));
      const now = await fileOnMain(repoPath, path);
      const failure = await connector
        .publish(item('overlap', ['Our rolls.', ...BODY.slice(1)]), {
          remoteId: path,
          previous: seen,
          resolution: { path, theirsVersion: blobVersion(seen ?? ''), choice: 'ours' },
        })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(GitConflictError);
      expect(await fileOnMain(repoPath, path)).toBe(now);
    });
  });
});
