/**
 * The part of `@tryghost/admin-api` (a CommonJS package without types) the Ghost benchmark
 * calls, typed for it.
 */

/** A post as the SDK returns it (only what the benchmark reads). */
export interface SdkPost {
  id: string;
  slug: string;
}

/** The SDK's API object: `createAdminApi({url, key, version})`. */
export interface GhostAdminApi {
  posts: {
    browse(options: { filter?: string; limit?: number; formats?: string }): Promise<SdkPost[]>;
    add(data: Record<string, unknown>, options?: { source?: 'html' }): Promise<SdkPost>;
  };
}
