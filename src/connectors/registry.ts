/**
 * The connector registry: the one place where a site's kind chooses its connector factory.
 * Callers (the CLI, the runner's `connectorFor`, the HTTP API's site check) hand in the stored
 * site and the shared dependencies; the factory validates the kind-specific settings itself
 * (a ConfigError names the wrong field and shows an example).
 */
import { ConfigError } from '../shared/errors.js';
import { createGhostConnector } from './ghost/index.js';
import { createGitConnector } from './git/connector.js';
import type { Connector, ConnectorDeps, SiteKind } from './types.js';
import { createWordPressConnector } from './wordpress/connector.js';

/** The part of a stored site a connector needs; its secret is read from `site:<id>`. */
export interface SiteRecord {
  id: string;
  kind: string;
  url: string;
  settings: Record<string, unknown>;
}

/** What every factory receives, plus the data folder (the git connector keeps its warm clones there). */
export interface RegistryDeps extends ConnectorDeps {
  /** sitedesk's data folder; git clones live in `<dataDir>/git/<site id>`. */
  dataDir: string;
}

type Factory = (site: Omit<SiteRecord, 'kind'>, deps: RegistryDeps) => Connector;

const factories: Readonly<Record<SiteKind, Factory>> = {
  wordpress: (site, deps) => createWordPressConnector(site, deps),
  ghost: (site, deps) => createGhostConnector(site, deps),
  git: (site, deps) => createGitConnector(site, deps),
};

/** The site kinds a connector exists for. */
export const connectorKinds = Object.keys(factories) as SiteKind[];

/** Whether `kind` names a site kind with a connector. */
export function isSiteKind(kind: string): kind is SiteKind {
  return Object.hasOwn(factories, kind);
}

/**
 * Builds the connector of `site` by its kind. Keep one per site for as long as the process
 * runs: the git connector's warm clone and the WordPress per-slug queue live in it.
 */
export function createConnector(site: SiteRecord, deps: RegistryDeps): Connector {
  if (!isSiteKind(site.kind)) {
    throw new ConfigError(
      `Site "${site.id}" has kind "${site.kind}", which sitedesk cannot publish to; known kinds: ${connectorKinds.join(', ')}.`,
    );
  }
  return factories[site.kind]({ id: site.id, url: site.url, settings: site.settings }, deps);
}

/** A `connectorFor(site)` that builds each site's connector once and keeps it (rebuilt when the site's settings change). */
export function createConnectorCache(deps: RegistryDeps): (site: SiteRecord) => Connector {
  const cache = new Map<string, { key: string; connector: Connector }>();
  return (site) => {
    const key = JSON.stringify([site.kind, site.url, site.settings]);
    const hit = cache.get(site.id);
    if (hit?.key === key) return hit.connector;
    const connector = createConnector(site, deps);
    cache.set(site.id, { key, connector });
    return connector;
  };
}
