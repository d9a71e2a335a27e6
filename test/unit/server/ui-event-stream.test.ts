/**
 * The web app's event-stream reader (src/ui/src/api/event-stream.ts) against the real app: a
 * client link's Bearer token opens the stream, and after the connection drops it reconnects
 * with Last-Event-ID, so the change made while it was away still arrives, once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followEvents, type StreamEvent } from '../../../src/ui/src/api/event-stream.js';
import { assertNoLeak, createHarness, type Harness } from './harness.js';

let h: Harness;
let server: Server;
let base: string;
beforeAll(async () => {
  h = await createHarness();
  server = createServer(h.http);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  assertNoLeak(h);
  await h.close();
});

const edit = (request: string) =>
  h.tasks.createTask(
    { kind: 'site-edit', clientId: h.clientA.id, details: { request } },
    { actor: 'sec' },
  );

async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the web app’s event stream reader', () => {
  // The server asks for 3 s between reconnects (`retry: 3000`), and the reader obeys it.
  it(
    'sends the link’s Bearer token and resumes after a drop with Last-Event-ID',
    { timeout: 30_000 },
    async () => {
      const seen: StreamEvent[] = [];
      const stop = new AbortController();
      const done = followEvents({
        url: `${base}/api/v1/events`,
        headers: { Authorization: h.linkA },
        onEvent: (e) => seen.push(e),
        signal: stop.signal,
        retryMs: 50,
      });
      try {
        // The stream is open once a change arrives through it (changes made before it opened
        // are not replayed to a first connection).
        let first = await edit('First change');
        for (let i = 0; !seen.some((e) => e.data.includes(first.id)); i++) {
          if (i > 40) throw new Error('the stream never opened');
          await new Promise((r) => setTimeout(r, 100));
          if (i % 5 === 4) first = await edit(`First change ${i}`);
        }
        // The server drops every connection; the change made meanwhile must still come.
        server.closeAllConnections();
        const second = await edit('Made while the stream was down');
        await until(() => seen.some((e) => e.data.includes(second.id)));
        const ids = seen.map((e) => Number(e.id));
        expect(new Set(ids).size).toBe(ids.length);
        expect(seen.filter((e) => e.data.includes(second.id))).toHaveLength(1);
        // Only client A's own changes: client B's never reach A's link.
        const other = await h.tasks.createTask(
          { kind: 'site-edit', clientId: h.clientB.id, details: { request: 'B' } },
          { actor: 'sec' },
        );
        const third = await edit('Third');
        await until(() => seen.some((e) => e.data.includes(third.id)));
        expect(seen.some((e) => e.data.includes(other.id))).toBe(false);
      } finally {
        stop.abort();
        await done;
      }
    },
  );

  it('stops for good when the link is refused', async () => {
    let calls = 0;
    await followEvents({
      url: `${base}/api/v1/events`,
      headers: { Authorization: h.linkExpired },
      onEvent: () => calls++,
      signal: new AbortController().signal,
      retryMs: 50,
    });
    expect(calls).toBe(0);
  });
});
