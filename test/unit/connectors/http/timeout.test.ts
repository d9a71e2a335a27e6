import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../../../src/connectors/http/fetch-handler.js';
import { createTimeoutMiddleware } from '../../../../src/connectors/http/timeout.js';
import { composeHttp } from '../../../../src/connectors/http/types.js';

// A real local server: /fast answers, /stall never answers, /slow-body sends headers then stalls.
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/fast') return void response.end('{"ok":true}');
    if (request.url === '/slow-body') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.write('{"partial":');
    }
    // /stall: say nothing.
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const send = composeHttp([createTimeoutMiddleware({ timeoutMs: 150 })], createFetchHandler());

describe('timeout middleware', () => {
  it('passes a timely answer through with its body', async () => {
    // Its own, roomier limit: the first request of a worker on a busy machine can take 150 ms.
    const patient = composeHttp(
      [createTimeoutMiddleware({ timeoutMs: 5000 })],
      createFetchHandler(),
    );
    const response = await patient({ method: 'GET', url: `${base}/fast`, headers: {} });
    expect(await response.json()).toEqual({ ok: true });
  });

  it('turns a server that never answers into a retryable remote_timeout naming the call', async () => {
    const started = Date.now();
    const error = await send({
      method: 'GET',
      url: `${base}/stall?password=hunter2`,
      headers: {},
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'remote_timeout', retryable: true, method: 'GET' });
    expect(String((error as Error).message)).toContain('/stall');
    expect(String((error as Error).message)).not.toContain('hunter2');
  });

  it('counts a body that stalls after the headers as a timeout', async () => {
    await expect(
      send({ method: 'GET', url: `${base}/slow-body`, headers: {} }),
    ).rejects.toMatchObject({ code: 'remote_timeout' });
  });
});

describe('fetch handler', () => {
  it('turns a refused connection into a retryable remote_unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const error = await createFetchHandler()({
      method: 'GET',
      url: `http://127.0.0.1:${port}/x`,
      headers: {},
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'remote_unreachable', retryable: true });
    expect(String((error as Error).message)).toMatch(/ECONNREFUSED/);
  });
});
