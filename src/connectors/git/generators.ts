/**
 * The conventions of each static site generator (issue 5, checked against the real tools):
 * - Hugo 0.111: `content/posts/<slug>.md`; `draft: true`, a future `date`/`publishDate` and a
 *   past `expiryDate` keep a page out of the build.
 * - Jekyll 4.3: `_posts/YYYY-MM-DD-<slug>.md` (other names are skipped silently); the draft
 *   flag is `published: false` (`draft: true` is ignored); future dates are skipped; no expiry.
 * - Eleventy 3: no drafts or dates of its own; a draft is `permalink: false` (not written) plus
 *   `eleventyExcludeFromCollections: true` (not listed).
 * - Astro 5: content collections under `src/content/<collection>/`; field names follow the
 *   site's own collection schema (read from its content config, or configured); drafts and
 *   dates are the site's own `getCollection` filter.
 */

/** The generators sitedesk writes for. */
export type Generator = 'hugo' | 'jekyll' | 'eleventy' | 'astro';

/** Kinds that are written as files (a `region` only changes existing files). */
export type FileKind = 'post' | 'page' | 'promotion';

interface Defaults {
  contentDirs: Record<FileKind, string>;
  staticDir: string;
  staticUrl: string;
  dataDir: string;
  urlPatterns: Record<FileKind, string>;
}

/** Per-generator folder and URL defaults; every one can be overridden in the site settings. */
export const GENERATOR_DEFAULTS: Record<Generator, Defaults> = {
  hugo: {
    contentDirs: { post: 'content/posts', page: 'content', promotion: 'content/promotions' },
    staticDir: 'static/images',
    staticUrl: '/images',
    dataDir: 'data',
    urlPatterns: { post: '/posts/{slug}/', page: '/{slug}/', promotion: '/promotions/{slug}/' },
  },
  jekyll: {
    contentDirs: { post: '_posts', page: 'pages', promotion: 'promotions/_posts' },
    staticDir: 'assets/images',
    staticUrl: '/assets/images',
    dataDir: '_data',
    // Jekyll's default permalink style "date"; pages carry `permalink: /<slug>/`.
    urlPatterns: {
      post: '/{year}/{month}/{day}/{slug}.html',
      page: '/{slug}/',
      promotion: '/promotions/{year}/{month}/{day}/{slug}.html',
    },
  },
  eleventy: {
    contentDirs: { post: 'posts', page: 'pages', promotion: 'promotions' },
    staticDir: 'images',
    staticUrl: '/images',
    dataDir: '_data',
    urlPatterns: {
      post: '/posts/{slug}/',
      page: '/pages/{slug}/',
      promotion: '/promotions/{slug}/',
    },
  },
  astro: {
    contentDirs: {
      post: 'src/content/blog',
      page: 'src/content/pages',
      promotion: 'src/content/blog',
    },
    staticDir: 'public/images',
    staticUrl: '/images',
    dataDir: 'src/data',
    urlPatterns: { post: '/blog/{slug}/', page: '/{slug}/', promotion: '/blog/{slug}/' },
  },
};

/** Astro front matter field names sitedesk fills, by meaning. */
export interface AstroFields {
  title: string;
  description: string | undefined;
  date: string | undefined;
  draft: string | undefined;
  tags: string | undefined;
}

/** Files that may hold an Astro site's collection schemas, in the order Astro reads them. */
export const ASTRO_CONFIG_FILES = [
  'src/content.config.ts',
  'src/content.config.mjs',
  'src/content.config.js',
  'src/content/config.ts',
  'src/content/config.mjs',
  'src/content/config.js',
];

const CANDIDATES: Record<Exclude<keyof AstroFields, 'title'>, string[]> = {
  description: ['description', 'excerpt', 'summary'],
  date: ['pubDate', 'publishDate', 'date', 'published', 'publishedAt'],
  draft: ['draft', 'isDraft'],
  tags: ['tags', 'categories'],
};

/**
 * The field names an Astro site's schema uses, read from its content config (`name: z.…`
 * members), then overridden by `configured` (`{ date: "publishedOn" }`). Reading is a text
 * scan, not an evaluation: the config is code from the repository and is never run.
 */
export function astroFields(
  configText: string | undefined,
  configured: Partial<Record<string, string>>,
): AstroFields {
  const declared = new Set(
    [...(configText ?? '').matchAll(/\b([A-Za-z_$][\w$]*)\s*:\s*(?:z|image\(\)|reference)\b/g)].map(
      (m) => m[1],
    ),
  );
  const pick = (meaning: keyof typeof CANDIDATES): string | undefined =>
    configured[meaning] ??
    CANDIDATES[meaning].find((name) => declared.has(name)) ??
    (configText === undefined ? CANDIDATES[meaning][0] : undefined);
  return {
    title: configured.title ?? 'title',
    description: pick('description'),
    date: pick('date'),
    draft: pick('draft'),
    tags: pick('tags'),
  };
}
