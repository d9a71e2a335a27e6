import { describe, expect, it } from 'vitest';
import { classifyGitFailure } from '../../../../src/connectors/git/errors.js';
import { checkFileName, checkRepoPath, checkSlug } from '../../../../src/connectors/git/paths.js';
import { parseGitSite } from '../../../../src/connectors/git/settings.js';
import { ConfigError } from '../../../../src/shared/errors.js';

const base = {
  id: 'bakery',
  url: 'https://www.bakery.example/',
  settings: {
    repoUrl: 'https://git.example.com/bakery/site.git',
    generator: 'jekyll',
    author: { name: 'Jana', email: 'jana@example.com' },
  },
};

function configError(input: unknown): ConfigError {
  try {
    parseGitSite(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('git site settings', () => {
  it('fills per-generator defaults', () => {
    const site = parseGitSite(base);
    expect(site.url).toBe('https://www.bakery.example');
    expect(site.settings).toMatchObject({
      branch: 'main',
      contentDirs: { post: '_posts', page: 'pages', promotion: 'promotions/_posts' },
      staticDir: 'assets/images',
      dataDir: '_data',
      scheduling: 'hold',
      unpublish: 'draft',
    });
    const hugo = parseGitSite({
      ...base,
      settings: { ...base.settings, generator: 'hugo', contentDirs: { post: 'content/news/' } },
    });
    expect(hugo.settings.contentDirs).toEqual({
      post: 'content/news',
      page: 'content',
      promotion: 'content/promotions',
    });
  });

  it('names each wrong field and shows an example', () => {
    const error = configError({
      ...base,
      settings: {
        ...base.settings,
        generator: 'gatsby',
        branch: '-delete',
        repoUrl: 'https://user:hunter2pass@git.example.com/x.git',
        contentDirs: { post: '../outside' },
      },
    });
    const paths = error.details?.map((d) => d.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining([
        'settings.generator',
        'settings.branch',
        'settings.repoUrl',
        'settings.contentDirs.post',
      ]),
    );
    expect(error.message).toContain('Example: {');
    expect(error.message).not.toContain('hunter2pass');
  });

  it('refuses unknown settings and a missing author', () => {
    const error = configError({
      ...base,
      settings: { repoUrl: base.settings.repoUrl, generator: 'hugo', colour: 'red' },
    });
    expect(error.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['settings.author', 'settings']),
    );
  });
});

describe('path guards', () => {
  it('accepts plain slugs and refuses traversal and option-like ones', () => {
    expect(checkSlug('spring-menu-2024')).toBe('spring-menu-2024');
    for (const bad of [
      '',
      '-rf',
      '--exec=x',
      '../x',
      'a/b',
      'A',
      'trailing-',
      'x'.repeat(101),
      'a b',
    ]) {
      expect(() => checkSlug(bad), bad).toThrow(/not allowed/);
    }
    expect(checkFileName('photo-1.jpg')).toBe('photo-1.jpg');
    for (const bad of ['../x.jpg', '-x.jpg', '.hidden', 'a/b.jpg', 'x..jpg'])
      expect(() => checkFileName(bad), bad).toThrow(/not allowed/);
  });

  it('keeps repository paths inside the allowed folders', () => {
    const dirs = ['content/posts', 'static/images'];
    expect(checkRepoPath('content/posts/./a.md', dirs)).toBe('content/posts/a.md');
    for (const bad of [
      'content/posts/../../x.md',
      '/etc/passwd',
      'content/postsx/a.md',
      'content/posts/-a.md',
      'content/posts/.git/config',
      'other/a.md',
    ]) {
      expect(() => checkRepoPath(bad, dirs), bad).toThrow(/outside the folders/);
    }
  });
});

describe('git failure classification', () => {
  it.each([
    [
      "fatal: could not read Username for 'https://h': terminal prompts disabled",
      'git_auth_failed',
    ],
    [
      'remote: Permission to x denied.\nfatal: unable to access: The requested URL returned error: 403',
      'git_forbidden',
    ],
    [
      ' ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs',
      'git_push_rejected',
    ],
    ['fatal: unable to access: Could not resolve host: git.example.com', 'git_unreachable'],
    ['fatal: Remote branch live not found in upstream origin', 'git_branch_missing'],
    ['fatal: something else entirely', 'git_failed'],
  ])('%s → %s', (stderr, code) => {
    expect(classifyGitFailure(stderr).code).toBe(code);
  });
});
