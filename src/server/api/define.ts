import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal, User } from '../../tasks/accounts/index.js';

/** Who may call a route: anyone, any signed-in caller, agency users, admins only, or a client link only. */
export type Access = 'public' | 'signed-in' | 'agency' | 'admin' | 'client';
/** HTTP methods the API uses. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** No parameters: unknown ones are refused. */
export const none = z.strictObject({});
type None = typeof none;

/** Everything the API knows about a route: the express path, access, and its zod schemas. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Full express path, e.g. `/api/v1/clients/:id`. */
  path: string;
  access: Access;
  tag: string;
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  /** How the body comes: JSON (default when `body` is set) or multipart/form-data. */
  bodyType?: 'json' | 'multipart';
  /** What the route answers with, for the OpenAPI document (default JSON; any type for stored files). */
  produces?: 'application/json' | 'text/html' | 'text/plain' | 'text/event-stream' | '*/*';
  /** Status of a success (default 200). */
  success?: number;
  /** Documented answers besides the default error (e.g. a success's shape, a 409 that carries data). */
  responses?: Record<number, { description: string; schema?: z.ZodType }>;
}

/** What a handler receives, already validated. */
export interface RouteContext<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  who: Principal | undefined;
  req: Request;
  res: Response;
}

/** A JSON answer (status defaults to the spec's `success`), or nothing when the handler wrote the response itself. */
export type Reply = { status?: number; json?: unknown } | undefined;

/** A route ready to mount and to document. */
export interface ApiRoute {
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
  handler(ctx: RouteContext<z.ZodType, z.ZodType, z.ZodType>): Promise<Reply>;
}

/** Declares a route; the schemas are used both to validate and to write the OpenAPI document. */
export function route<
  P extends z.ZodType = None,
  Q extends z.ZodType = None,
  B extends z.ZodType = None,
>(spec: RouteSpec<P, Q, B>, handler: (ctx: RouteContext<P, Q, B>) => Promise<Reply>): ApiRoute {
  // The one cast: a handler typed for its own schemas is stored among handlers of any schemas
  // (function parameters are contravariant). mountRoutes only ever calls it with values that
  // these very schemas produced.
  return { spec, handler } as unknown as ApiRoute;
}

/** The agency user calling (the access check already guaranteed one). */
export function userOf(who: Principal | undefined): User {
  if (who?.kind !== 'user') throw new Error('route access check let a non-user through');
  return who.user;
}

/** The client whose link is calling (the access check already guaranteed one). */
export function clientOf(who: Principal | undefined): string {
  if (who?.kind !== 'client') throw new Error('route access check let a non-client through');
  return who.clientId;
}

/** The history actor of an agency user. */
export function actorOf(who: Principal | undefined): { actor: string } {
  return { actor: userOf(who).username };
}
