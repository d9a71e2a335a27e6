import type { Response } from 'express';
import type { z } from 'zod';
import type { RouteSpec } from './define.js';

/**
 * Whether answers are checked against their declared schemas: under the test runner (vitest
 * sets both), so every API test also proves the OpenAPI document, and the web app's types
 * generated from it, say what the routes really send. Never in production: a wrong schema
 * must not turn a good answer into an error there.
 */
export function answersChecked(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.VITEST === 'true' || env.NODE_ENV === 'test';
}

/**
 * The schema the spec declares for a success with `status`, if any. Error answers are left
 * out: their documented schemas name only the fields a caller acts on (`refused`, `current`)
 * beside the common error body, and a request refused before its handler has neither.
 */
function schemaFor(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>, status: number) {
  return status >= 200 && status < 300 ? spec.responses?.[status]?.schema : undefined;
}

/** The first path where `sent` has something `kept` (the schema's parse of it) dropped or changed. */
function firstDifference(sent: unknown, kept: unknown, path: string): string | undefined {
  if (sent === kept) return undefined;
  if (typeof sent !== 'object' || typeof kept !== 'object' || sent === null || kept === null)
    return JSON.stringify(sent) === JSON.stringify(kept) ? undefined : path || '(the answer)';
  if (Array.isArray(sent)) {
    const list = kept as unknown[];
    for (let i = 0; i < sent.length; i++) {
      const d = firstDifference(sent[i], list[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const got = kept as Record<string, unknown>;
  for (const [key, value] of Object.entries(sent)) {
    if (!(key in got)) return `${path ? `${path}.` : ''}${key} (not in the schema)`;
    const d = firstDifference(value, got[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return undefined;
}

/**
 * The reason the JSON `body` sent with success `status` breaks the route's answer schema (a
 * field of the wrong shape, or one the schema does not name), or undefined when it fits or no
 * schema is declared for that status.
 */
export function answerMismatch(
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>,
  status: number,
  body: string,
): string | undefined {
  const schema = schemaFor(spec, status);
  if (!schema) return undefined;
  const sent: unknown = JSON.parse(body);
  const parsed = schema.safeParse(sent);
  if (!parsed.success)
    return parsed.error.issues
      .map((i) => `${i.path.join('.') || '(the answer)'}: ${i.message}`)
      .join('; ');
  const extra = firstDifference(sent, parsed.data, '');
  return extra && `${extra}: sent but the schema does not allow it`;
}

/**
 * Makes `res` refuse to send a JSON answer its route's schema does not allow: the request
 * ends in a 500 (the test that made it fails) and the reason is logged by the error handler.
 * Handlers that send the bytes themselves (the task list's cache) are checked the same way.
 */
export function checkAnswersOf(
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>,
  res: Response,
): void {
  if (!spec.responses) return;
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const json = String(res.get('content-type') ?? '').startsWith('application/json');
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
    if (json && typeof text === 'string') {
      const wrong = answerMismatch(spec, res.statusCode, text);
      if (wrong) {
        res.send = send;
        throw new Error(
          `${spec.method.toUpperCase()} ${spec.path} answered ${res.statusCode} with a shape its schema does not allow: ${wrong}`,
        );
      }
    }
    return send(body);
  };
}
