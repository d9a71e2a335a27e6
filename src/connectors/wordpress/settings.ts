/**
 * What a WordPress site needs to be reached: its home URL, the WordPress username whose
 * Application Password is in the secret store, and tuning. One zod schema that is also the
 * type; a wrong field is named and an example shown.
 */
import { z } from 'zod';
import { ConfigError } from '../../shared/errors.js';

const homeUrl = z
  .url({
    protocol: /^https?$/,
    error: "must be the site's http(s) address, e.g. 'https://example.com'",
  })
  .refine((value) => !/[?#]/.test(value), "must not contain '?' or '#', e.g. 'https://example.com'")
  .transform((value) => value.replace(/\/+$/, ''));

/** Kind-specific settings of a WordPress site. */
export const wordpressSettingsSchema = z
  .object({
    /** The WordPress login name (or e-mail) the Application Password belongs to. */
    username: z
      .string({ error: "is required: the WordPress user name, e.g. 'editor'" })
      .trim()
      .min(1, "must not be empty, e.g. 'editor'"),
    /** Per-attempt timeout in ms; default 30 000. */
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
    /** Extra attempts after a 429, 5xx, reset or timeout; default 3. */
    retries: z.number().int().min(0).max(10).default(3),
    /** First backoff delay in ms, doubled each attempt (full jitter); default 500. */
    retryBaseDelayMs: z.number().int().min(0).max(60_000).default(500),
    /** Longest backoff wait in ms; default 20 000. */
    retryMaxDelayMs: z.number().int().min(0).max(600_000).default(20_000),
    /**
     * How REST URLs are written: `pretty` (`/wp-json/…`), `query` (`/?rest_route=…`, for
     * plain permalinks) or `auto` (try pretty, fall back by itself); default auto.
     */
    restStyle: z.enum(['auto', 'pretty', 'query']).default('auto'),
  })
  .strict();

/** A WordPress site as sitedesk stores it. */
export const wordpressSiteSchema = z.object({
  /** sitedesk's id of the site; the Application Password lives under secret account `site:<id>`. */
  id: z.string().min(1, "must not be empty, e.g. 'bakery-site'"),
  /** The site's home address, without a trailing slash, e.g. `https://example.com`. */
  url: homeUrl,
  settings: wordpressSettingsSchema,
});

/** The validated site; `url` has no trailing slash. */
export type WordPressSite = z.infer<typeof wordpressSiteSchema>;
/** The site as handed in, before defaults. */
export type WordPressSiteInput = z.input<typeof wordpressSiteSchema>;

const EXAMPLE = `{ "id": "bakery-site", "url": "https://example.com", "settings": { "username": "editor", "timeoutMs": 30000 } }`;

/** Parses a site or throws a ConfigError naming each wrong field and showing an example. */
export function parseWordPressSite(input: unknown): WordPressSite {
  const parsed = wordpressSiteSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(site)',
    message: issue.message,
  }));
  const lines = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  throw new ConfigError(`WordPress site settings are not valid (${lines}). Example: ${EXAMPLE}`, {
    details,
  });
}
