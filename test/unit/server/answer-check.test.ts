import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerMismatch, answersChecked } from '../../../src/server/api/answer-check.js';
import { route, type ApiRoute } from '../../../src/server/api/define.js';
import { mountRoutes } from '../../../src/server/api/mount.js';
import { createErrorHandler } from '../../../src/server/error-handler.js';
import { createSilentLogger } from '../../../src/shared/logger.js';

const item = z.object({ id: z.string(), note: z.string().nullable().optional() });
const spec = {
  method: 'get' as const,
  path: '/x',
  access: 'public' as const,
  tag: 't',
  summary: 's',
  responses: { 200: { description: 'an item', schema: item } },
};

describe('answers checked against their schemas under the test runner', () => {
  it('is on here, and never outside a test run', () => {
    expect(answersChecked()).toBe(true);
    expect(answersChecked({ NODE_ENV: 'production' })).toBe(false);
    expect(answersChecked({})).toBe(false);
  });

  it('names a field of the wrong shape, and one the schema does not name', () => {
    expect(answerMismatch(spec, 200, '{"id":"a","note":null}')).toBeUndefined();
    expect(answerMismatch(spec, 200, '{"id":1}')).toMatch(/^id: /);
    expect(answerMismatch(spec, 200, '{"id":"a","extra":{"deep":1}}')).toBe(
      'extra (not in the schema): sent but the schema does not allow it',
    );
    // An error answer, or a status without a schema, is not held to the success's shape.
    expect(answerMismatch(spec, 404, '{"error":{}}')).toBeUndefined();
    expect(answerMismatch(spec, 201, '{"other":true}')).toBeUndefined();
  });

  describe('on a mounted route', () => {
    let base = '';
    let close: () => void = () => {};
    beforeAll(async () => {
      const answerOf: Record<string, unknown> = {
        good: { id: 'a' },
        extra: { id: 'a', secret: 'x' },
        wrong: { id: 7 },
      };
      const routes: ApiRoute[] = [
        route({ ...spec, path: '/x/:case', params: z.object({ case: z.string() }) }, async (c) => ({
          json: answerOf[c.params.case],
        })),
        // A handler that sends the bytes itself (as the task list's cache does) is checked too.
        route({ ...spec, path: '/raw' }, async ({ res }) => {
          res.type('json').send(Buffer.from('{"id":"a","more":1}'));
          return undefined;
        }),
      ];
      const app = express();
      mountRoutes(app, routes);
      app.use(createErrorHandler(createSilentLogger()));
      const server = app.listen(0, '127.0.0.1');
      await new Promise((ok) => server.once('listening', ok));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    afterAll(() => close());

    it('sends an answer that fits, and turns one that does not into a 500', async () => {
      const good = await fetch(`${base}/x/good`);
      expect([good.status, await good.json()]).toEqual([200, { id: 'a' }]);
      for (const path of ['/x/extra', '/x/wrong', '/raw']) {
        const res = await fetch(base + path);
        expect(res.status, path).toBe(500);
        expect(await res.text(), path).not.toContain('"secret"');
      }
    });
  });
});
