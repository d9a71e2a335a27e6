/**
 * The connector contract (DESIGN.md "The connector contract"): one interface every site kind
 * implements in its own folder (`client.ts` speaks the remote API, `connector.ts` maps this
 * contract onto it). Optional duties are declared in `capabilities`; callers read that set
 * instead of calling and failing.
 */
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { SecretStore } from '../secrets/types.js';
import type { RegionErrorCode } from '../content/regions.js';

export type SiteKind = 'wordpress' | 'ghost' | 'git';

/** What a connector can do, as data. */
export type Capability =
  | 'posts'
  | 'pages'
  | 'media'
  | 'tags'
  | 'categories'
  | 'featuredImage'
  | 'nativeScheduling'
  | 'regions'
  | 'unpublish'
  | 'delete'
  | 'newsletter';

/** A file to upload: an image for a post, or any media. */
export interface MediaFile {
  /** Name as referenced from Markdown (`![alt](photo.jpg)`) and sent to the site. */
  filename: string;
  /** MIME type, e.g. `image/jpeg`. */
  contentType: string;
  data: Uint8Array;
  alt?: string;
}

export type ContentKind = 'post' | 'page' | 'promotion' | 'region';

/** What gets published (DESIGN.md glossary "Content item"). */
export interface ContentItem {
  /** sitedesk's id of the item (stable across retries). */
  id: string;
  title: string;
  /** URL slug: lowercase letters, digits and hyphens. */
  slug: string;
  /** The body in Markdown; connectors render it with src/content (sanitized). */
  markdown: string;
  excerpt?: string;
  tags?: string[];
  categories?: string[];
  /** `promotion` publishes as a post; `region` is only for updateRegion. */
  kind: ContentKind;
  /** When a promotion starts (UTC); until then it is scheduled. */
  startsAt?: Date;
  /** When a promotion ends (UTC); the runner takes it down then. */
  endsAt?: Date;
  /** BCP 47 language tag, e.g. `cs` or `en-GB`. */
  language?: string;
  featureImage?: MediaFile;
  /** Images referenced from the Markdown by filename; uploaded and their URLs rewritten. */
  images?: MediaFile[];
}

export type PublishStatus = 'draft' | 'published' | 'scheduled';

export interface PublishOptions {
  /** `scheduled` needs `publishAt` in the future. Default `published`. */
  status?: PublishStatus;
  /** When a scheduled item goes live (sent to the site in UTC). */
  publishAt?: Date;
  /** The remote id stored from an earlier publication of this item to this site. */
  remoteId?: string;
  /** The sitedesk task this publish belongs to (for commit messages and logs). */
  taskId?: string;
  /** Also send the post as an e-mail (Ghost only, capability `newsletter`); off by default. */
  newsletter?: { slug: string; segment?: string };
}

/** Where an item landed on a site. */
export interface PublishResult {
  remoteId: string;
  /** The public URL of the post or page. */
  url: string;
  status: PublishStatus;
  /** True when this call created the remote object; false when it updated one. */
  created: boolean;
  /** Set when a newsletter was asked for: what became of it, reported separately. */
  newsletter?: { sent: boolean; detail: string };
}

/** A reference to an object on the site. */
export interface RemoteRef {
  remoteId: string;
  kind: 'post' | 'page';
}

/** One check `verify()` made. */
export interface VerifyCheck {
  name: string;
  ok: boolean;
  message: string;
}

/** The answer of `verify()`: when not ok, `cause` says what a person can fix. */
export interface VerifyResult {
  ok: boolean;
  checks: VerifyCheck[];
  cause?: { code: string; message: string; fix?: string };
}

export interface Connector {
  readonly kind: SiteKind;
  readonly capabilities: ReadonlySet<Capability>;
  /** Read-only: reachable, credentials accepted, permissions sufficient. Never throws for those. */
  verify(): Promise<VerifyResult>;
  /** Creates or updates; idempotent (finds the existing object by remote id, else by slug). */
  publish(item: ContentItem, options?: PublishOptions): Promise<PublishResult>;
  /** Takes an item off the live site (back to draft, or per the site's settings). */
  unpublish(ref: RemoteRef): Promise<void>;
  /** Removes the item (to trash where the site has one). */
  delete(ref: RemoteRef): Promise<void>;
  uploadMedia(file: MediaFile): Promise<{ remoteId?: string; url: string }>;
  /**
   * Replaces the content of region `name` on a page; every other byte stays. The same content
   * again changes nothing on the site (no revision, no commit).
   */
  updateRegion(page: RemoteRef, name: string, html: string): Promise<void>;
  /** Every marked region of the site's pages (present with capability `regions`). */
  discoverRegions?(): Promise<RegionScan>;
  /** One region as it is on the site now; throws a RegionError when its markers are gone or broken. */
  readRegion?(page: RemoteRef, name: string): Promise<RegionRead>;
}

/**
 * Where a region lives: a post or page (WordPress, Ghost; `ref` is its id) or a file of the
 * repository (git; `ref` is its path, and `kind` is `page`).
 */
export interface RegionPage {
  ref: string;
  kind: 'post' | 'page';
  title: string;
  url?: string;
}

/** What a region's content is written in: what updateRegion must be given for it. */
export type RegionFormat = 'html' | 'markdown';

/** A region found on a page, with its raw content (between the markers). */
export interface FoundRegion {
  page: RegionPage;
  name: string;
  content: string;
  format: RegionFormat;
}

/** A region whose markers are broken (unclosed, duplicated, …): reported, never changed. */
export interface RegionProblem {
  page: RegionPage;
  name: string;
  code: RegionErrorCode;
  message: string;
}

/** The answer of discoverRegions. */
export interface RegionScan {
  regions: FoundRegion[];
  problems: RegionProblem[];
}

/** The answer of readRegion: the region, and the whole page as HTML (for a preview). */
export interface RegionRead extends FoundRegion {
  pageHtml: string;
}

/** What every connector factory receives: no module globals, many sites side by side. */
export interface ConnectorDeps {
  secrets: SecretStore;
  logger: Logger;
  clock: Clock;
}
