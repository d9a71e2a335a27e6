/**
 * The WordPress connector: maps the connector contract (../types.ts) onto the REST API `wp/v2`
 * with an Application Password (Basic auth). Everything per site lives in the instance — base
 * URL, credentials, HTTP chain, tag/category cache — so many sites run side by side.
 */
import { replaceRegion } from '../../content/regions.js';
import { sanitizeContentHtml } from '../../content/sanitize.js';
import { ConfigError, RemoteError } from '../../shared/errors.js';
import type { FetchLike } from '../http/types.js';
import type {
  Capability,
  Connector,
  ConnectorDeps,
  ContentItem,
  MediaFile,
  PublishOptions,
  PublishResult,
  RemoteRef,
  VerifyResult,
} from '../types.js';
import { createWordPressClient, type WordPressClient } from './client.js';
import { uploadMediaFile } from './media.js';
import { collectionOf, publishItem, type PublishContext } from './publish.js';
import { withRecovery } from './recovery.js';
import { discoverWordPressRegions, readWordPressRegion } from './regions.js';
import { wpPostRawSchema, wpPostRefSchema, wpPostSchema, type WpPost } from './schemas.js';
import { parseWordPressSite, secretAccount } from './settings.js';
import { createTermResolver } from './terms.js';
import { verifySite } from './verify.js';

/** Dependencies of the WordPress connector: the shared ones plus an optional fetch and jitter source. */
export interface WordPressConnectorDeps extends ConnectorDeps {
  /** The fetch to use (tests route it through a proxy); default the global fetch. */
  fetch?: FetchLike;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
}

/** The contract plus listing, which the WordPress connector also offers. */
export interface WordPressConnector extends Connector {
  readonly kind: 'wordpress';
  /** Every post (any status but trash), newest id first, 100 a page, fetched as iterated. */
  posts(): AsyncGenerator<WpPost>;
  /** Every page (any status but trash), 100 a page, fetched as iterated. */
  pages(): AsyncGenerator<WpPost>;
}

const CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'posts',
  'pages',
  'media',
  'tags',
  'categories',
  'featuredImage',
  'nativeScheduling',
  'regions',
  'unpublish',
  'delete',
]);

// Ordered by id, not date: posts created in the same second share a date, and an order with
// ties is not stable between pages, so items would repeat on one page and be missed on another.
const LIST_QUERY = {
  status: 'any',
  context: 'edit',
  orderby: 'id',
  order: 'desc',
  _fields: 'id,status,link,slug,date_gmt,title',
};

/**
 * Creates the connector of one WordPress site. `site` is validated (a ConfigError names the
 * wrong field and shows an example); the Application Password is read from `deps.secrets`
 * under account `site:<id>` each time a request needs it.
 */
export function createWordPressConnector(
  site: unknown,
  deps: WordPressConnectorDeps,
): WordPressConnector {
  const { id, url, settings } = parseWordPressSite(site);
  const account = secretAccount(id);
  const random = deps.random ?? Math.random;
  const logger = deps.logger.child({ site: id, kind: 'wordpress' });
  // Read each time it is used, never kept: a password replaced in the web app, the API, the
  // CLI or the keychain by hand takes effect at the next request, without a restart (issue 17).
  const readPassword = (): Promise<string | undefined> => deps.secrets.get(account);

  const client: WordPressClient = createWordPressClient(
    {
      baseUrl: url,
      restStyle: settings.restStyle,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      retryBaseDelayMs: settings.retryBaseDelayMs,
      retryMaxDelayMs: settings.retryMaxDelayMs,
      authorization: async () => {
        const secret = await readPassword();
        if (secret === undefined) {
          throw new ConfigError(
            `No Application Password is stored for WordPress site "${id}" (secret account "${account}"). Run verify() for how to create one.`,
          );
        }
        return `Basic ${Buffer.from(`${settings.username}:${secret}`).toString('base64')}`;
      },
    },
    { fetch: deps.fetch, clock: deps.clock, logger, random },
  );
  const context: PublishContext = {
    client,
    terms: createTermResolver(client, () => deps.clock.now()),
    clock: deps.clock,
    logger,
    random,
    retries: settings.retries,
    retryBaseDelayMs: settings.retryBaseDelayMs,
    retryMaxDelayMs: settings.retryMaxDelayMs,
  };
  const turns = new Map<string, Promise<unknown>>();
  const inTurn = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = turns.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    turns.set(key, settled);
    void settled.then(() => {
      if (turns.get(key) === settled) turns.delete(key);
    });
    return run;
  };
  const route = (ref: RemoteRef): string =>
    `/wp/v2/${collectionOf(ref.kind)}/${Number(ref.remoteId)}`;

  return {
    kind: 'wordpress',
    capabilities: CAPABILITIES,

    verify: async (): Promise<VerifyResult> => {
      return verifySite({
        client,
        baseUrl: url,
        username: settings.username,
        appPassword: await readPassword(),
        secretAccount: account,
      });
    },

    publish: (item: ContentItem, options?: PublishOptions): Promise<PublishResult> =>
      // Two publishes of one slug at once would both look up, find nothing and both create:
      // within this instance they take turns; the second then finds the first's post.
      inTurn(`${item.kind === 'page' ? 'page' : 'post'}:${item.slug}`, () =>
        publishItem(context, item, options),
      ),

    unpublish: async (ref) => {
      await client.call(
        {
          method: 'POST',
          route: route(ref),
          query: { _fields: 'id,status,link,slug' },
          data: { status: 'draft' },
          idempotent: true,
        },
        wpPostRefSchema,
      );
    },

    delete: async (ref) => {
      // Without `force` WordPress moves posts and pages to the trash (restorable for 30 days).
      try {
        await client.call(
          { method: 'DELETE', route: route(ref), query: { _fields: 'id,status' } },
          wpPostRefSchema.pick({ id: true, status: true }),
        );
      } catch (error) {
        // Deleting twice (a retried task) finds it in the trash already: that is done, not failed.
        if (!(error instanceof RemoteError && error.remoteCode === 'rest_already_trashed'))
          throw error;
      }
    },

    uploadMedia: async (file: MediaFile) => {
      const media = await withRecovery(context, `upload ${file.filename}`, () =>
        uploadMediaFile(client, file),
      );
      return { remoteId: String(media.id), url: media.source_url };
    },

    updateRegion: async (page, name, html) => {
      const { data } = await client.call(
        { route: route(page), query: { context: 'edit', _fields: 'id,content' } },
        wpPostRawSchema,
      );
      const content = replaceRegion(data.content.raw, name, sanitizeContentHtml(html));
      // The same text again: no request, so WordPress makes no revision.
      if (content === data.content.raw) return;
      await client.call(
        {
          method: 'POST',
          route: route(page),
          query: { _fields: 'id,status,link,slug' },
          data: { content },
          idempotent: true,
        },
        wpPostRefSchema,
      );
    },

    discoverRegions: () => discoverWordPressRegions(client),
    readRegion: (page, name) => readWordPressRegion(client, page, name),

    posts: () => client.paginate('/wp/v2/posts', LIST_QUERY, wpPostSchema),
    pages: () => client.paginate('/wp/v2/pages', LIST_QUERY, wpPostSchema),
  };
}
