/**
 * What a Ghost site needs to be reached: its public URL, optional admin URL and tuning.
 * Validated with one zod schema that is also the type; errors name the field and show an
 * example, like Ghost's own SDK does.
 */
import { z } from 'zod';
import { ConfigError } from '../../shared/errors.js';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));

/** Kind-specific settings of a Ghost site; all optional. */
export const ghostSettingsSchema = z
  .object({
    /** Where Ghost Admin answers when it differs from the public URL (e.g. `https://name.ghost.io`). */
    adminUrl: httpUrl.optional(),
    /** Per-request timeout in ms; default 30 000. A stalled request counts as failed. */
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
    /** Extra attempts after a 429, 5xx, reset or timeout; default 3. */
    retries: z.number().int().min(0).max(10).default(3),
    /** First backoff delay in ms, doubled each attempt (plus jitter); default 500. */
    retryBaseDelayMs: z.number().int().min(0).max(60_000).default(500),
    /** Longest wait between attempts, also caps a server's Retry-After; default 30 000 ms. */
    retryMaxDelayMs: z.number().int().min(0).max(600_000).default(30_000),
  })
  .strict();

/** A Ghost site as sitedesk stores it. */
export const ghostSiteSchema = z.object({
  /** sitedesk's id of the site; the Admin API key lives under secret account `site:<id>`. */
  id: z.string().min(1, 'must not be empty'),
  /** The public address of the Ghost site, without a trailing slash. */
  url: httpUrl,
  settings: ghostSettingsSchema.default({
    timeoutMs: 30_000,
    retries: 3,
    retryBaseDelayMs: 500,
    retryMaxDelayMs: 30_000,
  }),
});

/** The validated site; `url` and `settings.adminUrl` carry no trailing slash. */
export type GhostSite = z.infer<typeof ghostSiteSchema>;
/** The site as handed in, before defaults. */
export type GhostSiteInput = z.input<typeof ghostSiteSchema>;

const EXAMPLE =
  '{ "id": "bakery-blog", "url": "https://blog.example.com", "settings": { "adminUrl": "https://bakery.ghost.io", "timeoutMs": 30000 } }';

/** Parses a site or throws a ConfigError naming each wrong field and showing an example. */
export function parseGhostSite(input: unknown): GhostSite {
  const parsed = ghostSiteSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(site)',
    message: issue.message,
  }));
  const lines = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  throw new ConfigError(`Ghost site settings are not valid (${lines}). Example: ${EXAMPLE}`, {
    details,
  });
}

/** The parts of an Admin API key: `id` (24 hex) and `secret` (64 hex). */
export interface AdminKey {
  id: string;
  secret: string;
}

/** The shape people can compare their key with; never the key itself. */
export const ADMIN_KEY_SHAPE = '<24 hex characters>:<64 hex characters>';

const ADMIN_KEY = /^([0-9a-f]{24}):([0-9a-f]{64})$/;

/**
 * Splits an Admin API key, or says what is wrong with its shape (lengths only, never the
 * characters, since a near-miss key is still mostly secret).
 */
export function parseAdminKey(
  raw: string,
): { ok: true; key: AdminKey } | { ok: false; problem: string } {
  const trimmed = raw.trim();
  const match = ADMIN_KEY.exec(trimmed);
  if (match?.[1] && match[2]) return { ok: true, key: { id: match[1], secret: match[2] } };
  const parts = trimmed.split(':');
  if (parts.length !== 2) {
    return {
      ok: false,
      problem: `it has ${parts.length - 1} colons; expected one, as in ${ADMIN_KEY_SHAPE}`,
    };
  }
  const [id = '', secret = ''] = parts;
  const hex = /^[0-9a-f]*$/;
  const describe = (name: string, value: string, want: number): string | undefined => {
    if (value.length !== want)
      return `${name} part has ${value.length} characters, expected ${want}`;
    if (!hex.test(value)) return `${name} part has characters other than 0-9 and a-f`;
    return undefined;
  };
  const problems = [describe('the id', id, 24), describe('the secret', secret, 64)].filter(Boolean);
  return { ok: false, problem: `${problems.join(' and ')}; expected ${ADMIN_KEY_SHAPE}` };
}
