import type { Site, SiteCheck } from '../api/types.js';
import { causesCs } from '../i18n/causes-cs.js';
import { en, type MessageKey } from '../i18n/en.js';
import type { I18n } from '../i18n/i18n.js';

/** A site's last check as the API shows it (`check` of GET /api/v1/sites). */
export type SiteCheckState = NonNullable<Site['check']>;

/** A site as the sites API answers it: its last check, and the steps of a check just run. */
export type SiteView = Site & {
  check?: SiteCheckState | null;
  checks?: SiteCheck['checks'];
  secretCleared?: boolean;
};

/** Whether the site's last check failed: "not working yet", not to be chosen for publishing. */
export const notWorking = (site: SiteView): boolean => site.check?.ok === false;

/**
 * A check's cause in her language: sitedesk's own words for the causes this screen adds
 * (settings, generator), the Czech sentence of a connector's cause, else the connector's words.
 */
export function causeWords(
  cause: { code: string; message: string } | undefined,
  i18n: Pick<I18n, 't' | 'lang'>,
): string {
  if (!cause) return i18n.t('siteCause.check_failed');
  const own = `siteCause.${cause.code}`;
  if (Object.hasOwn(en, own)) return i18n.t(own as MessageKey);
  if (i18n.lang === 'cs' && causesCs[cause.code]) return causesCs[cause.code] ?? cause.message;
  return cause.message;
}
