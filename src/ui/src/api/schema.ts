/**
 * Types of the API's routes, read from the generated schema.gen.ts (`npm run gen:api-types`
 * writes it from the OpenAPI document), so what the app sends is checked against the zod
 * schemas the server validates with. Answers mostly have no schema in the document yet; their
 * types stay in types.ts until the routes declare them.
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
