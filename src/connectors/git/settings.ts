/**
 * What a static site kept in Git needs (issue 5 "Site settings"): repository, branch,
 * generator, folders, URL patterns, commit author, scheduling. One zod schema that is also
 * the type; a wrong field is a ConfigError naming it and showing a working example. Folder
 * defaults follow each generator's conventions (see generators.ts).
 */
import { z } from 'zod';
import { ConfigError } from '../../shared/errors.js';
import { GENERATOR_DEFAULTS, type Generator } from './generators.js';

const generators = ['hugo', 'jekyll', 'eleventy', 'astro'] as const;

/** A folder inside the repository: relative, forward slashes, no `..`, no leading `-` or `.git`. */
const repoFolder = z
  .string()
  .max(200)
  .refine(
    (v) => !v.startsWith('/') && !v.startsWith('-') && !/^[A-Za-z]:/.test(v),
    'must be a relative folder such as "content/posts"',
  )
  .refine(
    (v) => v.split('/').every((part) => part !== '..' && part !== '.git'),
    'must not contain ".." or ".git"',
  )
  .refine((v) => !/[\\\0\n\r]/.test(v), 'must use forward slashes and no control characters')
  .transform((v) => v.replace(/\/+$/, '').replace(/^\.\/?/, ''));

/** A remote: https://…, ssh://…, or scp-like `git@host:owner/repo.git`; never with a password in it. */
const repoUrl = z
  .string()
  .min(1, 'must not be empty')
  .refine(
    (v) => /^(https?:\/\/|ssh:\/\/|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:)/.test(v),
    'must be an https://, ssh:// or git@host:path URL',
  )
  .refine(
    (v) => !/^https?:\/\/[^/]*@/.test(v),
    'must not contain a user or token; the token goes into the secret store',
  )
  .refine((v) => !v.startsWith('-') && !/\s/.test(v), 'must not start with "-" or contain spaces');

/** A branch name git accepts, not starting with `-` (no argument injection). */
const branchName = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/-]+(?<![./])$/,
    'must be a plain branch name such as "main"',
  )
  .refine(
    (v) => !v.endsWith('.lock') && !v.startsWith('/'),
    'must be a plain branch name such as "main"',
  );

const urlPattern = z
  .string()
  .refine((v) => v.includes('{slug}'), 'must contain {slug}, e.g. "/posts/{slug}/"');

/** Kind-specific settings of a git site. */
export const gitSettingsSchema = z
  .object({
    repoUrl,
    branch: branchName.default('main'),
    /** hugo | jekyll | eleventy | astro; absent: detected from the repository's config files on check (detect.ts). */
    generator: z.enum(generators).optional(),
    /** Content folder per kind; defaults per generator (Hugo `content/posts`, Jekyll `_posts`, …). */
    contentDirs: z
      .strictObject({ post: repoFolder, page: repoFolder, promotion: repoFolder })
      .partial()
      .default({}),
    /** Where images go, and the URL path that folder is served under. */
    staticDir: repoFolder.optional(),
    staticUrl: z.string().startsWith('/', 'must start with "/", e.g. "/images"').optional(),
    /** Folder of data files that updateRegion may change (Hugo `data`, Jekyll `_data`, …). */
    dataDir: repoFolder.optional(),
    /** Extra folders whose files updateRegion may change, e.g. ["layouts/partials"] (regions only). */
    regionDirs: z.array(repoFolder).max(20).default([]),
    /** Live URL path per kind, with {slug} {year} {month} {day}; joined to the site URL. */
    urlPatterns: z
      .strictObject({ post: urlPattern, page: urlPattern, promotion: urlPattern })
      .partial()
      .default({}),
    /** Front matter format of new files (an existing file keeps its own). */
    frontMatter: z.enum(['yaml', 'toml', 'json']).default('yaml'),
    author: z.strictObject({
      name: z.string().min(1).max(200),
      email: z.email('must be an e-mail address'),
    }),
    /** HTTPS user name sent with the token (GitHub: anything; GitLab: "oauth2"). */
    username: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^:\s]+$/, 'must not contain ":" or spaces')
      .default('x-access-token'),
    /** SSH private key file; without it, SSH uses the agent. */
    sshKeyPath: z
      .string()
      .startsWith('/', 'must be an absolute path')
      .regex(/^[^'\0\n]+$/, "must not contain ' or control characters")
      .optional(),
    /** Unpublish sets the draft flag (default) or deletes the file. */
    unpublish: z.enum(['draft', 'delete']).default('draft'),
    /** `hold`: sitedesk keeps a future post and commits it at its time (default); `future-dated`: commit now, dated later. */
    scheduling: z.enum(['hold', 'future-dated']).default('hold'),
    /** Astro front matter field names by meaning (`title`, `description`, `date`, `draft`, `tags`); default: read from the site's content config. */
    astroFields: z
      .partialRecord(
        z.enum(['title', 'description', 'date', 'draft', 'tags']),
        z.string().regex(/^[A-Za-z_$][\w$]*$/),
      )
      .default({}),
    /** Optional build for verify(): argv, run without a shell in the clone, e.g. ["hugo", "--quiet"]. */
    buildCommand: z.array(z.string().min(1)).min(1).optional(),
    /** Timeout of one git command in seconds; default 60. */
    timeoutSeconds: z.number().int().min(1).max(3600).default(60),
    /** Git wire protocol: 0 asks "anything new?" in one round trip (default); 2 suits repositories with thousands of refs. */
    gitProtocol: z.union([z.literal(0), z.literal(2)]).default(0),
    /** Push attempts when the remote moved meanwhile (fetch + rebase between); default 3. */
    pushAttempts: z.number().int().min(1).max(10).default(3),
  })
  .strict();

/** A git site as sitedesk stores it; the token lives under secret account `site:<id>`. */
export const gitSiteSchema = z.object({
  id: z.string().min(1, 'must not be empty').max(200),
  /** The public address of the built site, e.g. `https://www.bakery.example`. */
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((v) => v.replace(/\/+$/, '')),
  settings: gitSettingsSchema,
});

type ParsedSite = z.infer<typeof gitSiteSchema>;

/** Settings with every per-generator default filled in. */
export interface GitSite extends ParsedSite {
  /** Whether the settings name the generator; false: `generator` is the one detected, or Hugo's until then. */
  generatorGiven: boolean;
  settings: ParsedSite['settings'] & {
    generator: Generator;
    contentDirs: Record<'post' | 'page' | 'promotion', string>;
    staticDir: string;
    staticUrl: string;
    dataDir: string;
    urlPatterns: Record<'post' | 'page' | 'promotion', string>;
  };
}

const EXAMPLE =
  '{ "id": "bakery", "url": "https://www.bakery.example", "settings": { "repoUrl": "https://git.example.com/bakery/site.git", "branch": "main", "generator": "hugo", "author": { "name": "Jana (sitedesk)", "email": "jana@example.com" } } }';

/**
 * Parses a git site or throws a ConfigError naming each wrong field and showing an example.
 * Without a generator in the settings, `detected` (else Hugo) gives the folder defaults.
 */
export function parseGitSite(input: unknown, detected?: Generator): GitSite {
  const parsed = gitSiteSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(site)',
      message: issue.message,
    }));
    const lines = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    throw new ConfigError(`Git site settings are not valid (${lines}). Example: ${EXAMPLE}`, {
      details,
    });
  }
  const site = parsed.data;
  const generator: Generator = site.settings.generator ?? detected ?? 'hugo';
  const defaults = GENERATOR_DEFAULTS[generator];
  return {
    ...site,
    generatorGiven: site.settings.generator !== undefined,
    settings: {
      ...site.settings,
      generator,
      contentDirs: { ...defaults.contentDirs, ...site.settings.contentDirs },
      staticDir: site.settings.staticDir ?? defaults.staticDir,
      staticUrl: (site.settings.staticUrl ?? defaults.staticUrl).replace(/\/+$/, ''),
      dataDir: site.settings.dataDir ?? defaults.dataDir,
      urlPatterns: { ...defaults.urlPatterns, ...site.settings.urlPatterns },
    },
  };
}
