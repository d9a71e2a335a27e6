/**
 * Publish to each sample site, then build it with its real generator (one build per
 * generator) and look at the output: the front matter is right only if the generator agrees.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from '../../env/git/build-site.js';
import { fileOnMain } from '../../env/git/other-clone.js';
import { unsafeParts } from '../../unit/content/safety.js';
import { post, startHarness, type Harness } from './harness.js';

// A 1×1 transparent PNG.
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
);

// Each line would run script on a real generator if it were committed as written: Liquid
// (Jekyll, Eleventy), kramdown's attribute lists and extensions (Jekyll), Hugo shortcodes
// (also inside code), and plain raw HTML.
const TRICKS = [
  "Liquid: {{ '%3Cimg src=%22x%22 onerror=%22alert(1)%22%3E' | url_decode }}",
  '',
  'IAL: ![shop](https://example.invalid/none.png){: onerror="alert(2)"}',
  '',
  'Nomarkdown: {::nomarkdown}<img src=x onerror=alert(3)>{:/}',
  '',
  'Shortcode: {{< figure src="x.png" link="javascript:alert(4)" >}}',
  '',
  '`{{< figure src="y.png" link="javascript:alert(5)" >}}`',
  '',
  '<img src="x" onerror="alert(6)">',
  '',
].join('\n');

const SITES = [
  {
    generator: 'hugo',
    welcome: '/posts/welcome/',
    dataFile: 'data/hours.yaml',
    page: '/opening/',
    others: ['opening-hours', 'brunch'],
  },
  {
    generator: 'jekyll',
    welcome: '/2024/01/15/welcome.html',
    dataFile: '_data/hours.json',
    page: '/opening/',
  },
  {
    generator: 'eleventy',
    welcome: '/posts/welcome/',
    dataFile: '_data/hours.json',
    page: '/pages/opening/',
  },
  {
    generator: 'astro',
    welcome: '/blog/welcome/',
    dataFile: 'src/data/hours.json',
    page: '/opening/',
  },
] as const;

describe.each(SITES)(
  '$generator sample site: publish, then build with the real generator',
  (spec) => {
    let h: Harness;
    let built: BuiltSite;
    let newUrl: string;
    let draftUrl: string;
    let tricksUrl: string;
    let repo: string;

    beforeAll(async () => {
      h = await startHarness();
      const { connector, repoPath } = await h.site(`${spec.generator}-site`, spec.generator);
      repo = repoPath;
      const published = await connector.publish(
        post('spring-offer', {
          title: 'Spring offer: 20 % off',
          markdown: 'Everything is **cheaper** this week.\n\n![Our shop](shop.png)\n',
          excerpt: 'Cheaper this week.',
          tags: ['offers', 'spring'],
          images: [{ filename: 'shop.png', contentType: 'image/png', data: PNG }],
        }),
        { taskId: 'T-1' },
      );
      newUrl = new URL(published.url).pathname;
      // Template tags and markup the generators themselves would turn into script.
      const tricks = await connector.publish(
        post('tricks', { title: 'Tricks', markdown: TRICKS }),
        { taskId: 'T-2' },
      );
      tricksUrl = new URL(tricks.url).pathname;
      const draft = await connector.publish(
        post('secret-plan', { title: 'Secret plan', markdown: 'Not yet.' }),
        { status: 'draft' },
      );
      draftUrl = new URL(draft.url).pathname;
      await connector.publish(
        post('welcome', {
          title: `Welcome, updated for ${spec.generator}`,
          markdown: 'Updated **welcome** text.',
        }),
      );
      await connector.publish({
        id: 'p1',
        kind: 'page',
        slug: 'opening',
        title: 'Opening hours',
        markdown: 'We are open **daily**.',
      });
      await connector.updateRegion(
        { remoteId: spec.dataFile, kind: 'page' },
        'monday',
        '6:00-20:00',
      );
      // Hugo posts with TOML and JSON front matter, updated in place.
      for (const slug of 'others' in spec ? spec.others : []) {
        await connector.publish(
          post(slug, { title: `Updated ${slug}`, markdown: `New text of **${slug}**.` }),
        );
      }
      built = await buildSite(spec.generator, repoPath);
    });

    afterAll(async () => {
      await built?.remove();
      await h?.stop();
    });

    it('builds the new post with its title, text, tags and image', async () => {
      const html = await built.page(newUrl);
      expect(html, `no page at ${newUrl}`).toBeDefined();
      expect(html).toContain('<title>Spring offer: 20 % off |');
      expect(html).toMatch(/Everything is <strong>cheaper<\/strong> this week\./);
      expect(html).toContain('offers, spring');
      const src = /<img[^>]+src="([^"]+shop\.png)"/.exec(html ?? '')?.[1];
      expect(src).toBeDefined();
      expect((await stat(join(built.outDir, src ?? 'missing'))).size).toBe(PNG.length);
    });

    it('builds a post full of template tags and raw HTML without any script', async () => {
      const html = await built.page(tricksUrl);
      expect(html, `no page at ${tricksUrl}`).toBeDefined();
      const article = html ?? '';
      expect(article).toContain('Liquid:');
      expect(article).toContain('Shortcode:');
      // The theme's own tags (meta, aside …) are not content; script, handlers and
      // script URLs are what must not be there. The tricks themselves show as plain text.
      const scripty = unsafeParts(article).filter(
        (part) =>
          !part.startsWith('tag <') || /^tag <(script|iframe|object|embed|base|svg)>$/.test(part),
      );
      expect(scripty).toEqual([]);
      expect(article).toMatch(/IAL: <img [^>]*alt="shop"\s*\/?>/);
    });

    it('keeps the draft out of the build', async () => {
      expect(await built.page(draftUrl)).toBeUndefined();
      expect(await built.page('/')).not.toContain('Secret plan');
    });

    it('builds the updated hand-written post and the new page', async () => {
      const welcome = await built.page(spec.welcome);
      expect(welcome).toContain(`Welcome, updated for ${spec.generator}`);
      expect(welcome).toMatch(/Updated <strong>welcome<\/strong> text\./);
      expect(await built.page(spec.page)).toMatch(/We are open <strong>daily<\/strong>\./);
      if (spec.generator !== 'hugo') return;
      // Hugo posts with TOML and JSON front matter, updated in place.
      for (const slug of ['opening-hours', 'brunch']) {
        const html = await built.page(`/posts/${slug}/`);
        expect(html).toContain(`<h1>Updated ${slug}</h1>`);
        expect(html).toContain(`New text of <strong>${slug}</strong>.`);
      }
      expect(await fileOnMain(repo, 'content/posts/opening-hours.md')).toBe(
        '+++\n# TOML front matter, as older Hugo sites write it.\ntitle = "Updated opening-hours"\ndate = 2024-02-01T07:00:00+01:00\ndraft = false\ntags = ["hours"]\n+++\n\nNew text of **opening-hours**.\n',
      );
      expect(await fileOnMain(repo, 'content/posts/brunch.md')).toBe(
        '{\n  "title": "Updated brunch",\n  "date": "2024-02-10T10:00:00+01:00",\n  "draft": false\n}\n\nNew text of **brunch**.\n',
      );
    });

    it('shows the changed data-file value and keeps the other one', async () => {
      const home = (await built.page('/')) ?? '';
      expect(home).toMatch(/Monday: 6:00-20:00; Saturday: \S/);
    });
  },
);
