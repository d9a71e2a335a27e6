// The three-way merge of one Markdown file (issue 17), with the real `git merge-file`.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createGitClient } from '../../../../src/connectors/git/client.js';
import { blobVersion, mergeFile } from '../../../../src/connectors/git/merge.js';
import { createSilentLogger } from '../../../../src/shared/logger.js';

const git = createGitClient(
  {
    remoteUrl: 'https://git.example.test/site.git',
    auth: { kind: 'none' },
    author: { name: 'T', email: 't@example.test' },
    dir: tmpdir(),
    timeoutMs: 10_000,
  },
  { logger: createSilentLogger() },
);

const file = (front: string, body: string[]) => `---\n${front}---\n\n${body.join('\n')}\n`;
const BODY = ['One.', '', 'Two.', '', 'Three.', '', 'Four.'];

describe('mergeFile', () => {
  const base = file('title: Menu\ntags: [food]\n', BODY);

  it('keeps both sides’ changes of different front matter keys and different paragraphs', async () => {
    const theirs = file('title: Menu\ntags: [food, soup]\n', [...BODY.slice(0, 6), 'Four!']);
    const ours = file('title: Spring menu\ntags: [food]\n', ['One, new.', ...BODY.slice(1)]);
    const merged = await mergeFile(git, base, theirs, ours);
    expect(merged).toBe(
      file('title: Spring menu\ntags: [food, soup]\n', ['One, new.', ...BODY.slice(1, 6), 'Four!']),
    );
  });

  it('takes a key only sitedesk removed, and one only they added', async () => {
    const theirs = file('title: Menu\ntags: [food]\ndescription: By hand\n', BODY);
    const ours = file('title: Menu\n', BODY);
    expect(await mergeFile(git, base, theirs, ours)).toBe(
      file('title: Menu\ndescription: By hand\n', BODY),
    );
  });

  it('has no merge when both changed one key differently, or the same lines', async () => {
    const keyTheirs = file('title: Their menu\ntags: [food]\n', BODY);
    const keyOurs = file('title: Our menu\ntags: [food]\n', BODY);
    expect(await mergeFile(git, base, keyTheirs, keyOurs)).toBeUndefined();
    const lineTheirs = file('title: Menu\ntags: [food]\n', ['One by them.', ...BODY.slice(1)]);
    const lineOurs = file('title: Menu\ntags: [food]\n', ['One by us.', ...BODY.slice(1)]);
    expect(await mergeFile(git, base, lineTheirs, lineOurs)).toBeUndefined();
  });

  it('answers one side when the other did not change, and agrees on the same change', async () => {
    const changed = file('title: Menu\ntags: [food]\n', ['Changed.', ...BODY.slice(1)]);
    expect(await mergeFile(git, base, base, changed)).toBe(changed);
    expect(await mergeFile(git, base, changed, base)).toBe(changed);
    expect(await mergeFile(git, base, changed, changed)).toBe(changed);
  });

  it('merges files without front matter line by line', async () => {
    const plain = BODY.join('\n');
    const theirs = ['One.', '', 'Two.', '', 'Three.', '', 'Four, theirs.'].join('\n');
    const ours = ['One, ours.', '', 'Two.', '', 'Three.', '', 'Four.'].join('\n');
    expect(await mergeFile(git, plain, theirs, ours)).toBe(
      ['One, ours.', '', 'Two.', '', 'Three.', '', 'Four, theirs.'].join('\n'),
    );
  });

  it('names a version as git does (git hash-object)', () => {
    expect(blobVersion('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});
