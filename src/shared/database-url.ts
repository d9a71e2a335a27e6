import { z } from 'zod';

/**
 * `SITEDESK_DATABASE_URL`: a PostgreSQL connection URL, e.g.
 * `postgres://sitedesk:PASSWORD@127.0.0.1:5432/sitedesk`. Unset: the embedded SQLite file.
 */
export const databaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value), 'must be a URL')
  .refine(
    (value) => /^postgres(ql)?:$/.test(new URL(value).protocol),
    'must start with postgres:// (only PostgreSQL is supported besides the built-in SQLite)',
  )
  .refine((value) => new URL(value).hostname !== '', 'must name the database server')
  .refine(
    (value) => new URL(value).pathname.length > 1,
    'must name the database after the server, like …:5432/sitedesk',
  );

/** The URL without its password (and without query options), fit for logs and doctor output. */
export function describeDatabaseUrl(value: string): string {
  try {
    const url = new URL(value);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    return `${url.protocol}//${user}${url.host}${url.pathname}`;
  } catch {
    return 'postgres://(not a valid URL)';
  }
}
