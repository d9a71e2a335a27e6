/**
 * Fixture set-up for the page-region e2e test (issue 23): what a site's owner does by hand —
 * a page with marked regions on the real WordPress (REST API, application password), the real
 * Ghost (Admin API, an HTML card) and the git site (a commit pushed by "someone else") — and
 * readers of the raw content back through each site's own API or the git blob. Nothing here
 * touches sitedesk.
 */
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GhostInstance } from '../../env/ghost/ghost-server.js';
import { fileOnMain, pushFromOtherClone } from '../../env/git/other-clone.js';
import type { RunningWordPress } from '../../env/wordpress/start.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with the content of region `name` replaced by one fixed mark: two texts whose
 * `outside` is equal differ in nothing but that region. Works on raw HTML, Markdown and on
 * Ghost's Lexical JSON (where a closing marker's slash may be written `\/`).
 */
export function outside(text: string, name: string): string {
  const re = new RegExp(
    `(<!--\\s*sitedesk:${escape(name)}\\s*-->)[\\s\\S]*?(<!--\\s*\\\\?/sitedesk:${escape(name)}\\s*-->)`,
    'g',
  );
  return text.replace(re, '$1\u0000REGION\u0000$2');
}

/** The text between a region's markers (raw), or undefined when the markers are not there. */
export function inside(text: string, name: string): string | undefined {
  const re = new RegExp(
    `<!--\\s*sitedesk:${escape(name)}\\s*-->([\\s\\S]*?)<!--\\s*\\\\?/sitedesk:${escape(name)}\\s*-->`,
  );
  return re.exec(text)?.[1];
}

/** WordPress pages through its REST API as the administrator (application password). */
export function wordpressPages(wp: RunningWordPress) {
  const auth = `Basic ${Buffer.from(`${wp.username}:${wp.appPassword}`).toString('base64')}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${wp.url}/wp-json/wp/v2${path}`, {
      method,
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`WordPress ${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    /** Publishes a page with `raw` block content; its id. */
    async create(title: string, raw: string): Promise<number> {
      const page = await call<{ id: number }>('POST', '/pages', {
        title,
        content: raw,
        status: 'publish',
      });
      return page.id;
    },
    /** The page's raw content as stored (context=edit). */
    async raw(id: number): Promise<string> {
      const page = await call<{ content: { raw: string } }>('GET', `/pages/${id}?context=edit`);
      return page.content.raw;
    },
    /** Replaces the page's raw content ("someone edited the page"). */
    async setRaw(id: number, raw: string): Promise<void> {
      await call('POST', `/pages/${id}`, { content: raw });
    },
    /** How many revisions WordPress keeps of the page. */
    async revisions(id: number): Promise<number> {
      return (await call<unknown[]>('GET', `/pages/${id}/revisions?per_page=100`)).length;
    },
  };
}

/** Ghost pages through the Admin API as the owner. */
export function ghostPages(ghost: GhostInstance) {
  return {
    /**
     * Publishes a page as Ghost's editor saves it: paragraphs of `before` and `after` text
     * around one HTML card holding `cardHtml` (what she pastes into the card, comments and all).
     */
    async create(
      title: string,
      slug: string,
      page: { before: string; cardHtml: string; after: string },
    ): Promise<string> {
      const paragraph = (text: string) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        children: [
          {
            type: 'extended-text',
            version: 1,
            detail: 0,
            format: 0,
            mode: 'normal',
            style: '',
            text,
          },
        ],
      });
      const lexical = JSON.stringify({
        root: {
          type: 'root',
          version: 1,
          direction: 'ltr',
          format: '',
          indent: 0,
          children: [
            paragraph(page.before),
            { type: 'html', version: 1, html: page.cardHtml },
            paragraph(page.after),
          ],
        },
      });
      const body = await ghost.admin.request<{ pages: { id: string }[] }>('POST', '/pages/', {
        pages: [{ title, slug, lexical, status: 'published' }],
      });
      const id = body.pages[0]?.id;
      if (!id) throw new Error('Ghost made no page');
      return id;
    },
    /** The page's Lexical document, as stored. */
    async lexical(id: string): Promise<string> {
      const body = await ghost.admin.request<{ pages: { lexical: string }[] }>(
        'GET',
        `/pages/${id}/?formats=lexical`,
      );
      return body.pages[0]?.lexical ?? '';
    },
  };
}

/** Files of the git site: changed by a commit from another clone, read from main. */
export function gitFiles(repoPath: string) {
  return {
    read: async (path: string): Promise<string> => {
      const text = await fileOnMain(repoPath, path);
      if (text === undefined) throw new Error(`no ${path} on main`);
      return text;
    },
    edit: (path: string, change: (text: string) => string, message: string): Promise<void> =>
      pushFromOtherClone(
        repoPath,
        async (dir) => {
          const file = join(dir, path);
          await writeFile(file, change(await readFile(file, 'utf8')));
        },
        message,
      ),
  };
}
