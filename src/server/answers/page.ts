import { z } from 'zod';

/**
 * A list answer: one page of `item`s and the cursor of the next page (absent on the last).
 * Lists that are never paged answer `{ items }` alone (see `listOf`).
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().optional().describe('pass as `cursor` for the next page'),
  });
}

/** A list answered whole, `{ items }`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** The success answer of a route with the JSON shape `schema`, for RouteSpec `responses`. */
export function answers(status: number, description: string, schema: z.ZodType) {
  return { [status]: { description, schema } };
}
