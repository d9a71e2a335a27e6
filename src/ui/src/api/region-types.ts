// The page-region shapes of the API (issue 23), read from the generated schema (./schema.ts):
// what the routes answer, as their answer schemas say (the API tests hold them to it).
import type { Answer } from './schema.js';

/** A marked part of one page of one site (`<!-- sitedesk:NAME -->` … `<!-- /sitedesk:NAME -->`). */
export type Region = Answer<'/api/v1/regions/{id}', 'get'>;

/** ok: the markers are on the page; missing: gone; broken: unclosed, duplicated, … */
export type RegionStatus = Region['status'];

/** The answer of POST /sites/:id/regions/discover: the regions and the pages with broken markers. */
export type Discovery = Answer<'/api/v1/sites/{id}/regions/discover', 'post'>;

/** A page of a site whose markers are broken (found by discovery, not remembered as a region). */
export type RegionPageProblem = Discovery['problems'][number];

/** One page of POST /regions/preview, as sanitised HTML. */
export type RegionPreviewPage = Answer<'/api/v1/regions/preview', 'post'>['pages'][number];

/** The answer of POST /regions/update. */
export type RegionUpdate = Answer<'/api/v1/regions/update', 'post'>;
