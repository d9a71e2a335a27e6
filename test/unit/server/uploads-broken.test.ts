// Multipart bodies that break off: cut short by the sender, or a client that goes away.
// The real app on a real socket (supertest cannot send a body that stops half-way).
import { readdirSync, readlinkSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, rowCounts, type Harness } from './harness.js';
import { PNG } from './image-bytes.js';

let h: Harness;
let server: Server;
let port = 0;
beforeAll(async () => {
  h = await createHarness();
  server = createServer(h.http);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

const head = Buffer.from(
  '--B\r\nContent-Disposition: form-data; name="images"; filename="a.png"\r\n' +
    'Content-Type: image/png\r\n\r\n',
);

/** Sends `body` (declared `length` bytes long) with the link of client A; answers status and body. */
function send(
  path: string,
  auth: string,
  body: Buffer,
  options: { length?: number; destroyAfterMs?: number } = {},
): Promise<{ status: number; text: string } | 'closed'> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      headers: {
        Authorization: auth,
        'Content-Type': 'multipart/form-data; boundary=B',
        'Content-Length': options.length ?? body.length,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', () => resolve('closed'));
    if (options.destroyAfterMs === undefined) req.end(body);
    else {
      req.write(body);
      setTimeout(() => req.destroy(), options.destroyAfterMs);
    }
  });
}

/** Files in the upload folder, and descriptors this process holds open into it. */
function leftovers(): { files: string[]; open: string[] } {
  const open = readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(h.uploadDir) ? [target] : [];
    } catch {
      return [];
    }
  });
  return { files: readdirSync(h.uploadDir), open };
}

async function until(what: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('a multipart body that breaks off', () => {
  it('cut short by the sender (no closing boundary): 400, the server lives on, nothing kept', async () => {
    const before = await rowCounts(h);
    for (const path of ['/api/v1/client/requests', '/api/v1/uploads']) {
      const auth = path.includes('client') ? h.linkA : h.adminToken;
      const answer = await send(path, auth, Buffer.concat([head, PNG.subarray(0, 40)]));
      expect(answer).toMatchObject({ status: 400 });
      if (answer !== 'closed') expect(answer.text).toContain('body');
    }
    expect(leftovers()).toEqual({ files: [], open: [] });
    expect(await rowCounts(h)).toEqual(before);
    // Still serving.
    const ok = await send(
      '/api/v1/uploads',
      h.adminToken,
      Buffer.concat([head, PNG, Buffer.from('\r\n--B--\r\n')]),
    );
    expect(ok).toMatchObject({ status: 201 });
  });

  it('a client that goes away half-way leaves no file behind and none open', async () => {
    const before = leftovers().files;
    const answer = await send('/api/v1/client/requests', h.linkA, Buffer.concat([head, PNG]), {
      length: 100_000,
      destroyAfterMs: 100,
    });
    expect(answer).toBe('closed');
    await until(() => leftovers().files.length === before.length);
    expect(leftovers()).toEqual({ files: before, open: [] });
  });
});
