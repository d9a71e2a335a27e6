/**
 * Page regions in the secretary's words (issue 23): where a region is ("Opening hours — Bakery
 * website (WordPress), home page"), what went wrong with its markers and how to put them back,
 * the marker pair to paste, and the title of a region update task. Pure functions of the
 * API's shapes and a translator, so they are unit-tested without a browser.
 */
import type { Region, RegionStatus } from '../api/region-types.js';
import type { SiteKind } from '../api/types.js';
import type { T } from '../i18n/i18n.js';

const GENERATORS: Record<string, string> = {
  hugo: 'Hugo',
  jekyll: 'Jekyll',
  eleventy: 'Eleventy',
  astro: 'Astro',
};

/** The kind of a site as a reader knows it: WordPress, Ghost, "static site, Hugo". */
export function siteKindWords(kind: SiteKind, generator: string | undefined, t: T): string {
  if (kind !== 'git') return t(`regions.kind.${kind}`);
  const name = generator ? GENERATORS[generator] : undefined;
  return name ? t('regions.kind.gitWith', { generator: name }) : t('regions.kind.git');
}

/** The page's title, or words for a page without one (never its id or path). */
export function pageWords(region: { page: Pick<Region['page'], 'title'> }, t: T): string {
  return region.page.title.trim() || t('regions.pageUntitled');
}

/** "Opening hours — Bakery website (WordPress), home page". */
export function regionPlace(region: Region, t: T): string {
  return t('regions.place', {
    label: region.label,
    site: region.siteName,
    kind: siteKindWords(region.siteKind, region.generator, t),
    page: pageWords(region, t),
  });
}

/** The opening and closing marker of a region named `name`, as they are typed on a page. */
export function markers(name: string): { open: string; close: string } {
  return { open: `<!-- sitedesk:${name} -->`, close: `<!-- /sitedesk:${name} -->` };
}

/** The lines to paste on a page: the marker pair around the text that is there now. */
export function markerBlock(name: string, text: string): string {
  const { open, close } = markers(name);
  return `${open}\n${text.trim()}\n${close}`;
}

/**
 * A marker name from what she calls the part: "Otevírací doba" → `oteviraci-doba` (letters
 * without accents, digits and hyphens, at most 64, as src/content/regions.ts allows); empty
 * when nothing usable is left.
 */
export function regionNameFrom(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** What went wrong with a region and how to put its markers back, in her language. */
export interface RegionProblemWords {
  what: string;
  fix: string;
}

// Codes of src/content/regions.ts and of discovery that have their own sentence.
const PROBLEM_CODES = [
  'region_missing',
  'region_unclosed',
  'region_unopened',
  'region_duplicated',
  'region_overlap',
  'region_content_invalid',
  'region_name_invalid',
  'page_missing',
] as const;
type ProblemCode = (typeof PROBLEM_CODES)[number];
const isProblemCode = (code: string): code is ProblemCode =>
  (PROBLEM_CODES as readonly string[]).includes(code);

/**
 * The sentence for a region's problem, chosen by its code (the server's English message is
 * never shown): an unknown code is worded by the region's status, so nothing internal shows.
 */
export function problemWords(
  problem: { code: string; cause?: string } | undefined,
  region: Pick<Region, 'label' | 'name'> & {
    page: Pick<Region['page'], 'ref' | 'title'>;
    status: RegionStatus;
  },
  t: T,
): RegionProblemWords | undefined {
  // `cause`: the marker check's own code (unclosed, duplicated, …) when the server sends it.
  const given = problem?.cause ?? problem?.code;
  const known = given === 'region_broken' ? 'broken' : given;
  // A region in order with an unknown problem (the site could not be read just now) has no
  // marker problem to tell; the update screen says the text is the one last seen.
  const code =
    known && (isProblemCode(known) || known === 'broken')
      ? known
      : region.status === 'missing'
        ? 'region_missing'
        : region.status === 'broken'
          ? 'broken'
          : undefined;
  if (!code) return undefined;
  const values = { label: region.label, page: pageWords(region, t), ...markers(region.name) };
  return {
    what: t(`regions.problem.${code}`, values),
    fix: t(`regions.fix.${code}`, values),
  };
}

/** Whether an API error code is one of the region problems (a 409 of /regions/update). */
export function isRegionProblem(code: string): boolean {
  return isProblemCode(code) || code === 'region_broken';
}

/**
 * The other regions that can be filled from the same text: the same marker name (or the same
 * label) on another page or site of the client, whose markers are in place.
 */
export function sameRegionElsewhere(all: Region[], region: Region): Region[] {
  return all
    .filter(
      (r) =>
        r.id !== region.id &&
        r.clientId === region.clientId &&
        r.status === 'ok' &&
        (r.name === region.name ||
          r.label.trim().toLowerCase() === region.label.trim().toLowerCase()),
    )
    .sort(
      (a, b) => a.siteName.localeCompare(b.siteName) || a.page.title.localeCompare(b.page.title),
    );
}

/** Whether two region texts say the same (line ends and trailing blanks do not count). */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string): string =>
    s
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim();
  return norm(a) === norm(b);
}

// The title the server gives a region update task (regions contract, "Changes" 1).
const UPDATE_TITLE = /^Update (.+) on (.+)$/s;

/** A label inside a sentence: "Opening hours" → "opening hours", "PDF menu" stays. */
function inSentence(label: string): string {
  const [first = '', second = ''] = label;
  return second && second === second.toUpperCase() && second !== second.toLowerCase()
    ? label
    : first.toLowerCase() + label.slice(1);
}

/** "Update opening hours on Bakery website, Bakery newsletter" in her language. */
export function regionUpdateTitle(label: string, sites: string, t: T): string {
  return t('regions.taskTitle', { label: inSentence(label), rawLabel: label, sites });
}

/** The kind and title of a task's text (GET /content-items), as far as the title needs it. */
export interface TextKind {
  kind: string;
  /** For a region text: the labels of its regions. */
  title: string;
}

/**
 * The title of a region update task in her language ("Update opening hours on Bakery
 * website"), or undefined when the task is not one. Known by its text's kind (`text`), or by
 * the title the server gives it (`Update … on …` with the regions in its details).
 */
export function regionTaskTitle(
  task: { kind: string; title: string; details: Record<string, unknown> },
  t: T,
  text?: TextKind,
  siteNames?: ReadonlyMap<string, string>,
): string | undefined {
  if (task.kind !== 'publish') return undefined;
  if (text?.kind === 'region') {
    const ids = Array.isArray(task.details.siteIds) ? task.details.siteIds : [];
    const names = ids.flatMap((id) => {
      const name = typeof id === 'string' ? siteNames?.get(id) : undefined;
      return name ? [name] : [];
    });
    return regionUpdateTitle(text.title, names.join(', '), t);
  }
  const m = UPDATE_TITLE.exec(task.title);
  if (!m) return undefined;
  // Without the details the title is taken as the server's only when it names a region.
  if (typeof task.details.regionLabel !== 'string' && !Array.isArray(task.details.regionIds))
    return undefined;
  const label = typeof task.details.regionLabel === 'string' ? task.details.regionLabel : m[1];
  return regionUpdateTitle(label ?? '', m[2] ?? '', t);
}
