/**
 * A thin client for the Ghost Admin API (https://ghost.org/docs/admin-api/): posts, pages,
 * images, site. It knows URLs, envelopes (`{posts: [...]}`) and paging; what to send and when
 * is the connector's business. Responses are validated with zod so a non-Ghost answer fails
 * here with a clear error rather than deep inside the connector.
 */
import { z } from 'zod';
import type { MediaFile } from '../types.js';
import { GhostRemoteError } from './errors.js';
import type { GhostHttp, GhostRequest } from './http.js';

/** The two kinds of content Ghost stores alike. */
export type GhostResource = 'posts' | 'pages';

/** A post or page as Ghost returns it (only the fields sitedesk reads; others pass through). */
export const ghostPostSchema = z
  .object({
    id: z.string(),
    title: z.string().nullish(),
    slug: z.string(),
    status: z.string(),
    url: z.string().nullish(),
    updated_at: z.string(),
    published_at: z.string().nullish(),
    html: z.string().nullish(),
    lexical: z.string().nullish(),
    feature_image: z.string().nullish(),
    custom_excerpt: z.string().nullish(),
    tags: z.array(z.object({ name: z.string() }).loose()).optional(),
    email: z
      .object({
        status: z.string(),
        email_count: z.number().nullish(),
        error: z.string().nullish(),
      })
      .loose()
      .nullish(),
    newsletter: z.object({ slug: z.string() }).loose().nullish(),
  })
  .loose();
/** A post or page as Ghost returns it. */
export type GhostPost = z.infer<typeof ghostPostSchema>;

const pagination = z.object({ next: z.number().nullable() }).loose();
const siteSchema = z.object({
  site: z.object({ title: z.string(), url: z.string(), version: z.string() }).loose(),
});
const uploaded = z.tuple([z.object({ url: z.string() }).loose()], z.unknown());

/** What may be written to a post or page (the subset sitedesk sends). */
export interface GhostPostInput {
  title?: string;
  slug?: string;
  html?: string;
  lexical?: string;
  custom_excerpt?: string | null;
  tags?: { name: string }[];
  feature_image?: string | null;
  feature_image_alt?: string | null;
  status?: 'draft' | 'published' | 'scheduled';
  published_at?: string | null;
  updated_at?: string;
}

/** Query options on writes: `source=html` converts HTML to Lexical; newsletter sends an e-mail. */
export interface WriteOptions {
  sourceHtml?: boolean;
  newsletter?: string;
  emailSegment?: string;
}

/** What to read: `formats` adds bodies (`html`, `lexical`); `fields` limits columns and skips relations. */
export interface ReadOptions {
  formats?: string | undefined;
  fields?: string | undefined;
}

/** The Ghost Admin API client of one site. */
export interface GhostClient {
  site(): Promise<{ title: string; url: string; version: string }>;
  /** The post or page with `id`, or undefined when Ghost says 404. */
  read(resource: GhostResource, id: string, options?: ReadOptions): Promise<GhostPost | undefined>;
  /** The post or page with `slug` in any status (draft, scheduled, published, sent). */
  findBySlug(
    resource: GhostResource,
    slug: string,
    options?: ReadOptions,
  ): Promise<GhostPost | undefined>;
  create(
    resource: GhostResource,
    input: GhostPostInput,
    options?: WriteOptions,
  ): Promise<GhostPost>;
  /** Edits; `input.updated_at` must be the last one read (Ghost answers 409 otherwise). */
  update(
    resource: GhostResource,
    id: string,
    input: GhostPostInput,
    options?: WriteOptions,
  ): Promise<GhostPost>;
  /** Deletes; false when it was already gone. */
  remove(resource: GhostResource, id: string): Promise<boolean>;
  uploadImage(file: MediaFile): Promise<string>;
  /** Uploads a non-image file (`/files/upload/`) or audio/video (`/media/upload/`). */
  uploadFile(file: MediaFile): Promise<string>;
  /** Every post or page, page by page (`meta.pagination.next`), lazily. */
  list(
    resource: GhostResource,
    options?: { filter?: string; pageSize?: number; fields?: string; formats?: string },
  ): AsyncIterable<GhostPost>;
}

function parse<T>(schema: z.ZodType<T>, data: unknown, request: GhostRequest, url: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new GhostRemoteError(
    'remote_unexpected_response',
    { method: request.method, url: `${url}/ghost/api/admin${request.path}` },
    `the answer is not what Ghost's Admin API sends (${parsed.error.issues[0]?.message ?? 'unknown shape'})`,
    { retryable: false },
  );
}

const postList = z.array(ghostPostSchema);
const objectBody = z.record(z.string(), z.unknown());

function writeParams(options: WriteOptions = {}): GhostRequest['params'] {
  return {
    source: options.sourceHtml ? 'html' : undefined,
    newsletter: options.newsletter,
    email_segment: options.newsletter ? (options.emailSegment ?? 'all') : undefined,
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof GhostRemoteError && error.status === 404;
}

/** Creates the client; `adminUrl` is only used in error messages about odd answers. */
export function createGhostClient(http: GhostHttp, adminUrl: string): GhostClient {
  const call = async <T>(request: GhostRequest, schema: z.ZodType<T>): Promise<T> =>
    parse(schema, (await http(request)).data, request, adminUrl);
  /** The posts or pages of an answer (`{posts: [...]}`) and the rest of its body. */
  const listCall = async (resource: GhostResource, request: GhostRequest) => {
    const body = await call(request, objectBody);
    return { posts: parse(postList, body[resource], request, adminUrl), body };
  };
  const oneCall = async (resource: GhostResource, request: GhostRequest): Promise<GhostPost> => {
    const [post] = (await listCall(resource, request)).posts;
    return post ?? parse(ghostPostSchema, undefined, request, adminUrl);
  };

  const upload = async (path: string, file: MediaFile): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([file.data], { type: file.contentType }), file.filename);
    form.append('ref', file.filename);
    // An upload repeated after an unknown outcome costs at most a spare file, never a wrong post.
    const request: GhostRequest = { method: 'POST', path, data: form, repeatable: true };
    const response = (await http(request)).data;
    const key = path.startsWith('/images')
      ? 'images'
      : path.startsWith('/media')
        ? 'media'
        : 'files';
    const body = parse(objectBody, response, request, adminUrl);
    return parse(uploaded, body[key], request, adminUrl)[0].url;
  };

  return {
    async site() {
      const body = await call({ method: 'GET', path: '/site/', auth: false }, siteSchema);
      return body.site;
    },
    async read(resource, id, options = {}) {
      try {
        return await oneCall(resource, {
          method: 'GET',
          path: `/${resource}/${id}/`,
          params: { ...options },
        });
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async findBySlug(resource, slug, options = {}) {
      // The Admin API browses every status by default; quoting keeps NQL from parsing the slug.
      const filter = `slug:'${slug.replace(/'/g, "\\'")}'`;
      const request: GhostRequest = {
        method: 'GET',
        path: `/${resource}/`,
        params: { filter, limit: 1, ...options },
      };
      return (await listCall(resource, request)).posts[0];
    },
    async create(resource, input, options) {
      const request: GhostRequest = {
        method: 'POST',
        path: `/${resource}/`,
        params: writeParams(options),
        data: { [resource]: [input] },
      };
      return oneCall(resource, request);
    },
    async update(resource, id, input, options) {
      const request: GhostRequest = {
        method: 'PUT',
        path: `/${resource}/${id}/`,
        params: writeParams(options),
        data: { [resource]: [input] },
      };
      return oneCall(resource, request);
    },
    async remove(resource, id) {
      try {
        await http({ method: 'DELETE', path: `/${resource}/${id}/` });
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    uploadImage: (file) => upload('/images/upload/', file),
    uploadFile: (file) =>
      upload(/^(audio|video)\//.test(file.contentType) ? '/media/upload/' : '/files/upload/', file),
    async *list(resource, options = {}) {
      const meta = z.object({ meta: z.object({ pagination }) });
      for (let page: number | null = 1; page !== null;) {
        const request: GhostRequest = {
          method: 'GET',
          path: `/${resource}/`,
          params: {
            page,
            limit: options.pageSize ?? 50,
            filter: options.filter,
            fields: options.fields,
            formats: options.formats,
          },
        };
        const { posts, body } = await listCall(resource, request);
        yield* posts;
        page = parse(meta, body, request, adminUrl).meta.pagination.next;
      }
    },
  };
}
