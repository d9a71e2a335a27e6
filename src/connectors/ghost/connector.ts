/**
 * The Ghost connector: maps the connector contract (../types.ts) onto the Admin API client.
 * The Admin API key (`id:secret`) is read from the secret store (account `site:<id>`) when
 * needed and only ever held in memory to sign tokens.
 */
import type { AxiosInstance } from 'axios';
import { sanitizeContentHtml } from '../../content/sanitize.js';
import { ConfigError, NotFoundError, SitedeskError, messageOf } from '../../shared/errors.js';
import { version } from '../../shared/version.js';
import type {
  Capability,
  Connector,
  ConnectorDeps,
  MediaFile,
  RemoteRef,
  VerifyResult,
} from '../types.js';
import {
  createGhostClient,
  type GhostClient,
  type GhostPost,
  type GhostResource,
} from './client.js';
import { GhostRemoteError } from './errors.js';
import { createGhostHttp, backoffMs, type GhostHttp } from './http.js';
import { replaceLexicalRegion } from './lexical-region.js';
import { discoverGhostRegions, readGhostRegion } from './regions.js';
import { LOOKUP_FIELDS, publishToGhost, updateFresh, type PublishContext } from './publish.js';
import { ADMIN_KEY_SHAPE, parseAdminKey, parseGhostSite, type GhostSite } from './settings.js';
import { createTokenSource } from './token.js';
import { verifyGhost } from './verify.js';

/** Dependencies of a Ghost connector; `axios` lets tests and benchmarks watch or steer requests. */
export interface GhostConnectorDeps extends ConnectorDeps {
  axios?: AxiosInstance;
}

/** The contract plus Ghost extras: listing posts and pages lazily. */
export interface GhostConnector extends Connector {
  readonly kind: 'ghost';
  readonly site: GhostSite;
  /** Every post or page (all statuses), fetched page by page as iterated. */
  list(
    kind: 'post' | 'page',
    options?: { filter?: string; pageSize?: number },
  ): AsyncIterable<GhostPost>;
}

/** What Ghost supports, as data. */
export const GHOST_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'posts',
  'pages',
  'media',
  'tags',
  'featuredImage',
  'nativeScheduling',
  'regions',
  'unpublish',
  'delete',
  'newsletter',
]);

interface Session {
  raw: string;
  http: GhostHttp;
  client: GhostClient;
}

/** Creates the connector of one Ghost site; throws ConfigError when `site` is not valid. */
export function createGhostConnector(siteInput: unknown, deps: GhostConnectorDeps): GhostConnector {
  const site = parseGhostSite(siteInput);
  const account = `site:${site.id}`;
  const adminUrl = site.settings.adminUrl ?? site.url;
  const userAgent = `sitedesk/${version()} (ghost connector)`;
  const logger = deps.logger.child({ site: site.id, kind: 'ghost' });
  let session: Session | undefined;

  const build = (raw: string | undefined, token: () => string): Session => {
    const http = createGhostHttp(
      { ...site.settings, adminUrl, token, userAgent },
      { clock: deps.clock, logger, ...(deps.axios ? { axios: deps.axios } : {}) },
    );
    return { raw: raw ?? '', http, client: createGhostClient(http, adminUrl) };
  };

  /** The client with the current key; rebuilt when the stored key changes. */
  const open = async (): Promise<Session> => {
    const raw = await deps.secrets.get(account);
    if (raw === undefined) {
      throw new ConfigError(
        `No Ghost Admin API key is stored for site "${site.id}" (secret account "${account}"); run verify for how to add one.`,
      );
    }
    if (session?.raw === raw) return session;
    const parsed = parseAdminKey(raw);
    if (!parsed.ok) {
      throw new ConfigError(
        `The Ghost Admin API key of site "${site.id}" is malformed: ${parsed.problem}. Expected ${ADMIN_KEY_SHAPE}.`,
      );
    }
    session = build(raw, createTokenSource(parsed.key, deps.clock));
    return session;
  };

  const context = (client: GhostClient): PublishContext => ({
    client,
    clock: deps.clock,
    logger,
    retries: site.settings.retries,
    backoff: (attempt) => backoffMs(attempt, undefined, site.settings),
  });

  return {
    kind: 'ghost',
    site,
    capabilities: GHOST_CAPABILITIES,

    async verify(): Promise<VerifyResult> {
      let raw: string | undefined;
      try {
        raw = await deps.secrets.get(account);
      } catch (error) {
        const message = `The secret store could not be read: ${messageOf(error)}`;
        const code = error instanceof SitedeskError ? error.code : 'secret_store_failed';
        return {
          ok: false,
          checks: [{ name: 'key', ok: false, message }],
          cause: {
            code,
            message,
            fix: 'Run `sitedesk doctor` to see which secret store is in use and why it fails.',
          },
        };
      }
      const parsed = raw === undefined ? undefined : parseAdminKey(raw);
      // Without a usable key, the reachability check still runs through an unsigned client.
      const current = parsed?.ok ? await open() : build(undefined, () => '');
      return verifyGhost({
        siteUrl: site.url,
        adminUrl,
        account,
        key: parsed?.ok
          ? { ok: true }
          : { ok: false, missing: parsed === undefined, problem: parsed?.problem ?? '' },
        client: current.client,
        http: current.http,
        clock: deps.clock,
      });
    },

    async publish(item, options) {
      return publishToGhost(context((await open()).client), item, options);
    },

    async unpublish(ref) {
      const { client } = await open();
      const resource = resourceOfRef(ref);
      const post = await client.read(resource, ref.remoteId, { fields: LOOKUP_FIELDS });
      if (!post) throw notFound(ref);
      if (post.status === 'draft') return;
      await updateFresh(context(client), resource, post, { status: 'draft' }, {});
    },

    async delete(ref) {
      const { client } = await open();
      const removed = await client.remove(resourceOfRef(ref), ref.remoteId);
      if (!removed)
        logger.info({ remoteId: ref.remoteId }, 'ghost object already gone; nothing to delete');
    },

    async uploadMedia(file: MediaFile) {
      const { client } = await open();
      const url = file.contentType.startsWith('image/')
        ? await client.uploadImage(file)
        : await client.uploadFile(file);
      return { url };
    },

    async updateRegion(pageRef, name, html) {
      const { client } = await open();
      const resource = resourceOfRef(pageRef);
      const clean = sanitizeContentHtml(html);
      const page = await client.read(resource, pageRef.remoteId, {
        formats: 'lexical',
        fields: 'id,slug,status,updated_at,lexical',
      });
      if (!page) throw notFound(pageRef);
      if (!page.lexical) {
        throw new ConfigError(
          `the Ghost ${pageRef.kind} ${pageRef.remoteId} has no Lexical content (made with the old editor); open it once in Ghost Admin to convert it`,
        );
      }
      const lexical = replaceLexicalRegion(page.lexical, name, clean);
      // The same text again: no write, so Ghost keeps its updated_at and makes no revision.
      if (lexical === page.lexical) return;
      try {
        await client.update(resource, page.id, { lexical, updated_at: page.updated_at });
      } catch (error) {
        if (!(error instanceof GhostRemoteError) || error.remoteCode !== 'UpdateCollisionError')
          throw error;
        // Someone saved the page in between: apply the change to their version, once.
        const fresh = await client.read(resource, page.id, {
          formats: 'lexical',
          fields: 'id,slug,status,updated_at,lexical',
        });
        if (!fresh?.lexical) throw error;
        const again = replaceLexicalRegion(fresh.lexical, name, clean);
        if (again === fresh.lexical) return;
        await client.update(resource, page.id, { lexical: again, updated_at: fresh.updated_at });
      }
    },

    async discoverRegions() {
      return discoverGhostRegions((await open()).client);
    },

    async readRegion(pageRef, name) {
      const read = await readGhostRegion((await open()).client, pageRef, name);
      if (!read) throw notFound(pageRef);
      return read;
    },

    list(kind, options) {
      const iterate = async function* () {
        const { client } = await open();
        yield* client.list(kind === 'page' ? 'pages' : 'posts', options);
      };
      return iterate();
    },
  };
}

function resourceOfRef(ref: RemoteRef): GhostResource {
  return ref.kind === 'page' ? 'pages' : 'posts';
}

function notFound(ref: RemoteRef): NotFoundError {
  return new NotFoundError(
    `the Ghost ${ref.kind} ${ref.remoteId} does not exist (deleted in Ghost Admin?)`,
  );
}
