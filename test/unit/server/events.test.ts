import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, type Harness } from './harness.js';
import { openSse } from './sse-client.js';

let h: Harness;
let server: Server;
let base: string;
beforeAll(async () => {
  h = await createHarness({ eventBufferSize: 20 });
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

const who = { actor: 'sec' };
const call = (clientId: string, caller: string) =>
  h.tasks.createTask(
    {
      kind: 'call',
      clientId,
      details: { caller, number: '+420 601 234 567', at: '2026-03-04T08:00:00Z' },
    },
    who,
  );
const edit = (clientId: string, request: string) =>
  h.tasks.createTask({ kind: 'site-edit', clientId, details: { request } }, who);

describe('GET /api/v1/events', () => {
  it('delivers changes in order; each client link gets only its own client’s, without call or mail details', async () => {
    const agency = await openSse(`${base}/api/v1/events`, { Authorization: h.adminToken });
    const a = await openSse(`${base}/api/v1/events`, { Authorization: h.linkA });
    const b = await openSse(`${base}/api/v1/events`, { Authorization: h.linkB });
    try {
      expect([agency.status, a.status, b.status]).toEqual([200, 200, 200]);
      const made = [];
      for (let i = 0; i < 5; i++) {
        made.push(await edit(h.clientA.id, `A ${i}`));
        made.push(await edit(h.clientB.id, `B ${i}`));
      }
      const secret = await call(h.clientA.id, 'Private caller');
      await h.tasks.transitionTask(made[0]!.id, 'in_progress', who);
      const all = await agency.waitFor(12);
      const ids = all.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(all.map((e) => (JSON.parse(e.data) as { task: { id: string } }).task.id)).toEqual([
        ...made.map((t) => t.id),
        secret.id,
        made[0]!.id,
      ]);
      const mineA = await a.waitFor(6);
      await new Promise((r) => setTimeout(r, 100));
      expect(a.events).toHaveLength(6);
      expect(
        mineA.map((e) => (JSON.parse(e.data) as { task: { request: string } }).task.request),
      ).toEqual(['A 0', 'A 1', 'A 2', 'A 3', 'A 4', 'A 0']);
      expect(JSON.stringify(a.events)).not.toContain('Private caller');
      expect(JSON.stringify(a.events)).not.toContain(h.clientB.id);
      const mineB = await b.waitFor(5);
      expect(mineB.every((e) => !e.data.includes(h.clientA.id))).toBe(true);
      expect(b.events).toHaveLength(5);
    } finally {
      agency.close();
      a.close();
      b.close();
    }
  });

  it('replays what came after Last-Event-ID, and says "reset" when that is older than the ring holds', async () => {
    const first = await openSse(`${base}/api/v1/events`, { Authorization: h.adminToken });
    await edit(h.clientA.id, 'before disconnect');
    const [seen] = await first.waitFor(1);
    first.close();
    await edit(h.clientA.id, 'while away 1');
    await edit(h.clientA.id, 'while away 2');
    await h.app.locals.hub?.settled();
    const again = await openSse(`${base}/api/v1/events`, {
      Authorization: h.adminToken,
      'Last-Event-ID': String(seen!.id),
    });
    try {
      const replayed = await again.waitFor(2);
      expect(
        replayed.map(
          (e) =>
            (JSON.parse(e.data) as { task: { details: { request: string } } }).task.details.request,
        ),
      ).toEqual(['while away 1', 'while away 2']);
      expect(replayed.map((e) => e.event)).toEqual(['task.created', 'task.created']);
      await edit(h.clientA.id, 'live again');
      const [, , live] = await again.waitFor(3);
      expect(Number(live!.id)).toBe(Number(seen!.id) + 3);
    } finally {
      again.close();
    }
    for (let i = 0; i < 20; i++) await edit(h.clientB.id, `filler ${i}`);
    await h.app.locals.hub?.settled();
    const tooOld = await openSse(`${base}/api/v1/events`, {
      Authorization: h.adminToken,
      'Last-Event-ID': '1',
    });
    try {
      const [reset, ...rest] = await tooOld.waitFor(21);
      expect(reset!.event).toBe('reset');
      // The ring holds the last 20 events: all of them follow the reset.
      expect(rest).toHaveLength(20);
      expect(rest.every((e) => e.event === 'task.created')).toBe(true);
    } finally {
      tooOld.close();
    }
  });

  it('after a restart (a Last-Event-ID above any id given here) still sends what comes next', async () => {
    const stale = await openSse(`${base}/api/v1/events`, {
      Authorization: h.adminToken,
      'Last-Event-ID': '999999',
    });
    try {
      await edit(h.clientA.id, 'after the restart');
      const [next] = await stale.waitFor(1);
      expect(next!.event).toBe('task.created');
      expect(next!.data).toContain('after the restart');
    } finally {
      stale.close();
    }
  });

  it('allows at most 10 open streams per caller', async () => {
    const streams = [];
    for (let i = 0; i < 10; i++)
      streams.push(await openSse(`${base}/api/v1/events`, { Authorization: h.linkB }));
    expect(streams.map((s) => s.status)).toEqual(Array(10).fill(200));
    const eleventh = await openSse(`${base}/api/v1/events`, { Authorization: h.linkB });
    expect(eleventh.status).toBe(429);
    const other = await openSse(`${base}/api/v1/events`, { Authorization: h.linkA });
    expect(other.status).toBe(200);
    other.close();
    streams.pop()?.close();
    const deadline = Date.now() + 3000;
    let again = await openSse(`${base}/api/v1/events`, { Authorization: h.linkB });
    while (again.status === 429 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      again = await openSse(`${base}/api/v1/events`, { Authorization: h.linkB });
    }
    expect(again.status).toBe(200);
    again.close();
    for (const s of streams) s.close();
  });

  it('refuses anonymous and expired links', async () => {
    expect((await openSse(`${base}/api/v1/events`, {})).status).toBe(401);
    expect((await openSse(`${base}/api/v1/events`, { Authorization: h.linkExpired })).status).toBe(
      401,
    );
  });
});
