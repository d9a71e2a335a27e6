import { z } from 'zod';
import { idSchema } from '../../tasks/schemas/common.js';

/** `:id` path parameter: a sitedesk id. */
export const idParams = z.strictObject({ id: idSchema });

/** A query value that may come once or repeated or comma-separated (`?status=open,done`). */
export function listParam<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean))
    .pipe(
      z
        .array(z.enum(values))
        .min(1)
        .max(values.length * 2),
    );
}

/** An integer from a query string. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
