/**
 * Each site kind's settings checked with its connector's own zod schema (issue 14 "Sites"):
 * the API, the web app and the CLI mean the same by every setting, and a site is never saved
 * with settings its connector would refuse at the first check or publish. Unknown keys are
 * refused by name. The settings are stored as given (the connector fills its defaults).
 */
import type { z } from 'zod';
import { ghostSettingsSchema } from '../../connectors/ghost/settings.js';
import { gitSettingsSchema } from '../../connectors/git/settings.js';
import { wordpressSettingsSchema } from '../../connectors/wordpress/settings.js';
import type { FieldIssue } from '../../shared/errors.js';
import type { SiteKindName } from '../types.js';

const SCHEMAS: Readonly<Record<SiteKindName, z.ZodType>> = {
  wordpress: wordpressSettingsSchema,
  ghost: ghostSettingsSchema,
  git: gitSettingsSchema,
};

/**
 * What is wrong with `settings` for a site of `kind`, each issue named from `prefix`
 * (`body.settings.branch`); empty when the connector accepts them.
 */
export function siteSettingsIssues(
  kind: SiteKindName | string,
  settings: Record<string, unknown>,
  prefix = 'settings',
): FieldIssue[] {
  if (!Object.hasOwn(SCHEMAS, kind)) return [];
  const schema = SCHEMAS[kind as SiteKindName];
  const result = schema.safeParse(settings);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => {
    const at = [prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        path: [...at, key].join('.'),
        message: `is not a setting of a ${kind} site`,
      }));
    return [{ path: at.join('.'), message: issue.message }];
  });
}

/**
 * Settings with the defaults that depend on who adds the site: a git site's commit author is
 * the signed-in user (CLI: the user running it) unless given, and an author given by name
 * only gets an address from it. The address is `.invalid` (RFC 2606): it names the person
 * without pretending to be a mailbox.
 */
export function withSiteDefaults(
  kind: SiteKindName,
  settings: Record<string, unknown>,
  who: { actor: string },
): Record<string, unknown> {
  if (kind !== 'git') return settings;
  const author = settings['author'];
  const address = (name: string) =>
    `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'user'}@sitedesk.invalid`;
  if (author === undefined)
    return { ...settings, author: { name: who.actor, email: address(who.actor) } };
  // A name without an address (the web app leaves the default address out) gets one.
  if (
    author !== null &&
    typeof author === 'object' &&
    !Array.isArray(author) &&
    'name' in author &&
    typeof author.name === 'string' &&
    !('email' in author)
  )
    return { ...settings, author: { ...author, email: address(author.name) } };
  return settings;
}
