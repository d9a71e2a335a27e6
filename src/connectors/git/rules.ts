/**
 * Small decisions of the git connector, kept apart so they are easy to read and test:
 * capabilities, commit messages, and what a publish does with dates (scheduling).
 */
import { parseFrontMatter } from '../../content/front-matter.js';
import { ValidationError } from '../../shared/errors.js';
import type { Capability, ContentItem, PublishOptions, PublishStatus } from '../types.js';
import type { GitSite } from './settings.js';

/** What the connector can do for `site`; `nativeScheduling` only when future-dated commits are on. */
export function capabilitiesOf(site: GitSite): ReadonlySet<Capability> {
  const caps: Capability[] = [
    'posts',
    'pages',
    'media',
    'tags',
    'featuredImage',
    'regions',
    'unpublish',
    'delete',
  ];
  if (site.settings.generator === 'hugo' || site.settings.generator === 'jekyll')
    caps.push('categories');
  if (site.settings.scheduling === 'future-dated') caps.push('nativeScheduling');
  return new Set(caps);
}

/** How a publish treats time. */
export interface Schedule {
  status: PublishStatus;
  /** True: report `scheduled` and write nothing (sitedesk publishes it at its time). */
  hold: boolean;
  /** False writes the generator's draft flag. */
  live: boolean;
  /** The date for a new file (undefined: now). */
  date: Date | undefined;
  /** The date to write into an existing file (only when asked for explicitly). */
  explicitDate: Date | undefined;
}

/**
 * Decides the schedule. Generators leave future-dated content out of the build, so by default
 * (`hold`) a future item is not committed: the connector answers `scheduled` and the runner
 * publishes it again at `publishAt`. With `future-dated` it is committed now with its future
 * date, and the site must be rebuilt at that time (a scheduled build on the host).
 */
export function resolveSchedule(
  site: GitSite,
  item: ContentItem,
  options: PublishOptions,
  now: Date,
): Schedule {
  const want = options.status ?? 'published';
  const at = options.publishAt ?? item.startsAt;
  if (want === 'scheduled' && at === undefined) {
    throw new ValidationError('A scheduled publish needs publishAt.', [
      { path: 'publishAt', message: 'is required when status is scheduled' },
    ]);
  }
  if (want === 'draft')
    return { status: 'draft', hold: false, live: false, date: at, explicitDate: options.publishAt };
  const future = at !== undefined && at.getTime() > now.getTime();
  if (future && site.settings.scheduling === 'hold')
    return { status: 'scheduled', hold: true, live: false, date: at, explicitDate: at };
  if (future) return { status: 'scheduled', hold: false, live: true, date: at, explicitDate: at };
  return {
    status: 'published',
    hold: false,
    live: true,
    date: at,
    explicitDate: options.publishAt,
  };
}

/** A title safe for one line of a commit message. */
function oneLine(text: string): string {
  const line = text.replace(/[\r\n\t]+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** `sitedesk: publish "<title>" (task <id>)`; several titles and tasks for a batch. */
export function publishMessage(
  entries: readonly { item: ContentItem; options?: PublishOptions }[],
): string {
  const titles = entries.map((e) => `"${oneLine(e.item.title)}"`).join(', ');
  const tasks = [
    ...new Set(
      entries.map((e) => e.options?.taskId).filter((id): id is string => id !== undefined),
    ),
  ];
  const suffix =
    tasks.length === 0
      ? ''
      : ` (task${tasks.length > 1 ? 's' : ''} ${tasks.map(oneLine).join(', ')})`;
  return `sitedesk: publish ${titles}${suffix}`;
}

/** The title of a file for a commit message: its front matter title, else its path. */
export function commitTitle(text: string, path: string): string {
  try {
    const title = parseFrontMatter(text).data.title;
    return typeof title === 'string' ? oneLine(title) : path;
  } catch {
    return path;
  }
}
