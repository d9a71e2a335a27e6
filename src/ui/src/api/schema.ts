/**
 * Types of the API's routes, read from the generated schema.gen.ts (`npm run gen:api-types`
 * writes it from the OpenAPI document), so what the app sends is checked against the zod
 * schemas the server validates with, and what it answers is what those schemas allow (the API
 * tests hold every answer to its schema).
 */
import type { paths } from './schema.gen.js';

/** A route path as the OpenAPI document names it (`/api/v1/tasks/{id}`). */
export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON body route `P` takes with method `M`. */
export type RequestBody<P extends ApiPath, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** The query parameters route `P` takes with method `M`. */
export type QueryOf<P extends ApiPath, M extends Method> = paths[P][M] extends {
  parameters: { query?: infer Query };
}
  ? NonNullable<Query>
  : never;

/** The JSON a route answers with on success (200; 201 for a route that creates; 202 for one that queues). */
export type Answer<P extends ApiPath, M extends Method> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer A } } }
    ? A
    : R extends { 201: { content: { 'application/json': infer A } } }
      ? A
      : R extends { 202: { content: { 'application/json': infer A } } }
        ? A
        : never
  : never;
