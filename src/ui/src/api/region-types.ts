// The page-region shapes of the API (issue 23), copied from /work/regions-contract.md the way
// types.ts copies src/tasks: the web app talks HTTP only and may not import the server.
import type { SiteKind } from './types.js';

/** ok: the markers are on the page; missing: gone; broken: unclosed, duplicated, … */
export type RegionStatus = 'ok' | 'missing' | 'broken';

/** The static-site generators a git site may use. */
export type Generator = 'hugo' | 'jekyll' | 'eleventy' | 'astro';

/** A marked part of one page of one site (`<!-- sitedesk:NAME -->` … `<!-- /sitedesk:NAME -->`). */
export interface Region {
  id: string;
  clientId: string;
  siteId: string;
  siteName: string;
  siteKind: SiteKind;
  generator?: Generator;
  /** `ref`: the WordPress/Ghost id or the file's path in the repository. */
  page: { ref: string; title: string; url?: string };
  /** The marker's name, e.g. `opening-hours`. */
  name: string;
  /** What she calls it ("Opening hours"); made from the name until she renames it. */
  label: string;
  /** The last known text of the region, as Markdown. */
  content: string;
  status: RegionStatus;
  /**
   * Why it is missing or broken; the message is English, the UI words it by code, or by
   * `cause` (the marker check's code: `region_unclosed`, …) when given.
   */
  problem?: { code: string; message: string; cause?: string };
  checkedAt: string;
  updatedAt?: string;
  lastTaskId?: string;
}

/** A page of a site whose markers are broken (found by discovery, not remembered as a region). */
export interface RegionPageProblem {
  pageRef: string;
  /** The marker's name, when the server can tell (regions contract, "Changes"). */
  name?: string;
  pageTitle: string;
  code: string;
  message: string;
}

/** The answer of POST /sites/:siteId/regions/discover. */
export interface Discovery {
  regions: Region[];
  problems: RegionPageProblem[];
}

/** One page of POST /regions/preview; `url` (a styled preview page) when the server gives one. */
export interface RegionPreviewPage {
  regionId: string;
  siteName: string;
  pageTitle: string;
  html: string;
  url?: string;
}

/** The answer of POST /regions/update. */
export interface RegionUpdate {
  taskId: string;
  contentItemId: string;
  /** The regions that already had this text (nothing is sent to them). */
  unchanged: string[];
}
