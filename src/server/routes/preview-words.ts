/**
 * The words around a preview page, in the language the viewer reads the web app in: the
 * banner, the heading of each site's section, and when a promotion is shown (issue 23).
 */
import type { Site, StoredContentItem } from '../../tasks/index.js';

/** Words of one language. */
export interface PreviewWords {
  banner: string;
  title: string;
  /** Heading of a section for a named site, e.g. "On Bakery (WordPress, https://…)". */
  onSite(name: string, kind: Site['kind'], url: string): string;
  /** Heading of a section when no site is chosen yet, e.g. "On the static site (Git)". */
  onKind(kind: Site['kind']): string;
  /** Heading of a region text's section: which region of which page of which site. */
  inRegion(label: string, pageTitle: string, site: string, kind: Site['kind']): string;
  /** When a promotion is live, e.g. "Shown from 1 April 2026 8:00 until …". */
  window(from: string | undefined, until: string | undefined, zone: string): string;
  locale: string;
}

const KIND_EN = { wordpress: 'WordPress', ghost: 'Ghost', git: 'static site in Git' };
const KIND_CS = { wordpress: 'WordPress', ghost: 'Ghost', git: 'statický web v Gitu' };

/** Preview words by language; English is the default. */
export const PREVIEW_WORDS: Record<'en' | 'cs', PreviewWords> = {
  en: {
    banner: 'Preview — not published yet.',
    title: 'Preview',
    onSite: (name, kind, url) => `On ${name} (${KIND_EN[kind]}, ${url})`,
    onKind: (kind) =>
      ({
        wordpress: 'On a WordPress site',
        ghost: 'On a Ghost site',
        git: 'On the static site (Git)',
      })[kind],
    inRegion: (label, pageTitle, site, kind) =>
      `“${label}” on the page “${pageTitle}” of ${site} (${KIND_EN[kind]}); the rest of the page stays as it is`,
    window: (from, until, zone) =>
      from && until
        ? `Shown from ${from} until ${until} (${zone} time).`
        : from
          ? `Goes live on ${from} (${zone} time).`
          : `Shown until ${until ?? ''} (${zone} time).`,
    locale: 'en-GB',
  },
  cs: {
    banner: 'Náhled — zatím nezveřejněno.',
    title: 'Náhled',
    onSite: (name, kind, url) => `Na webu ${name} (${KIND_CS[kind]}, ${url})`,
    onKind: (kind) =>
      ({
        wordpress: 'Na webu WordPress',
        ghost: 'Na webu Ghost',
        git: 'Na statickém webu (Git)',
      })[kind],
    inRegion: (label, pageTitle, site, kind) =>
      `„${label}“ na stránce „${pageTitle}“ webu ${site} (${KIND_CS[kind]}); zbytek stránky zůstane, jak je`,
    window: (from, until, zone) =>
      from && until
        ? `Zobrazí se od ${from} do ${until} (čas ${zone}).`
        : from
          ? `Zveřejní se ${from} (čas ${zone}).`
          : `Zobrazuje se do ${until ?? ''} (čas ${zone}).`,
    locale: 'cs-CZ',
  },
};

/** The sentence of when `item` is shown, in the client's zone; undefined without start or end. */
export function windowLine(
  item: Pick<StoredContentItem, 'startsAt' | 'endsAt'>,
  zone: string,
  words: PreviewWords,
): string | undefined {
  if (!item.startsAt && !item.endsAt) return undefined;
  const format = new Intl.DateTimeFormat(words.locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zone,
  });
  const at = (iso: string | null) => (iso ? format.format(new Date(iso)) : undefined);
  return words.window(at(item.startsAt), at(item.endsAt), zone);
}
