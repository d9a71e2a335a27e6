import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every relative link between README.md and the pages under docs/ must lead somewhere: the file
// (or folder) must exist, and a #anchor must be a heading of the page it points into, spelled
// the way GitHub makes heading anchors.

const root = join(import.meta.dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The text without fenced code blocks and inline code, where brackets are not links. */
function withoutCode(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/** GitHub's anchor of a heading: lowercase, punctuation dropped, spaces to hyphens. */
function slugOf(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor of a page, with GitHub's -1, -2 … for repeated headings. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const prose = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const match of prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = slugOf(match[1] ?? '');
    const n = seen.get(slug) ?? 0;
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
    seen.set(slug, n + 1);
  }
  for (const match of prose.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1] ?? '');
  return anchors;
}

/** Relative link targets of a page: [text](target) and ![alt](target), titles dropped. */
function linksOf(text: string): string[] {
  const targets = [...withoutCode(text).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  return targets.map((m) => m[1] ?? '').filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** The links of `text` (the page `file`) that lead nowhere, each with why. */
function deadLinksIn(file: string, text: string): string[] {
  const dead: string[] = [];
  for (const link of linksOf(text)) {
    const [path = '', anchor] = link.split('#');
    const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const where = `${relative(root, file)}: (${link})`;
    if (!existsSync(target)) {
      dead.push(`${where} — no such file`);
      continue;
    }
    if (anchor === undefined || !target.endsWith('.md')) continue;
    const targetText = target === file ? text : readFileSync(target, 'utf8');
    if (!anchorsOf(targetText).has(anchor))
      dead.push(`${where} — no heading "#${anchor}" in ${relative(root, target)}`);
  }
  return dead;
}

const pages = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];

describe('links between README.md and docs/', () => {
  it('finds the pages and the links to check', () => {
    expect(pages.length).toBeGreaterThan(10);
    const links = pages.flatMap((p) => linksOf(readFileSync(p, 'utf8')));
    expect(links.filter((l) => l.includes('#')).length).toBeGreaterThan(5);
  });

  it('has no dead link or anchor', () => {
    expect(pages.flatMap((p) => deadLinksIn(p, readFileSync(p, 'utf8')))).toEqual([]);
  });

  it('makes anchors the way GitHub does', () => {
    expect(slugOf('Why `@napi-rs/keyring` and not keytar')).toBe(
      'why-napi-rskeyring-and-not-keytar',
    );
    expect(slugOf('Checking a site (verify) and troubleshooting')).toBe(
      'checking-a-site-verify-and-troubleshooting',
    );
    expect(slugOf('Today: mailboxes — the web app')).toBe('today-mailboxes--the-web-app');
    expect(slugOf('Jazyk, čas a přístupnost')).toBe('jazyk-čas-a-přístupnost');
    expect([...anchorsOf('## Troubleshooting\n\n## Troubleshooting\n')]).toEqual([
      'troubleshooting',
      'troubleshooting-1',
    ]);
  });

  it('reports a missing page and a missing anchor', () => {
    const page = join(root, 'docs', 'README.md');
    const text =
      '# Here\n\n[a](no-such-page.md) [b](../README.md#no-such-heading) [c](#also-missing) [d](#here) `[e](nowhere.md)`';
    expect(linksOf(text)).toHaveLength(4);
    expect(deadLinksIn(page, text)).toHaveLength(3);
  });
});
