/** Loopback port helpers shared by the test servers (WordPress, Ghost, dovecot, …). */
import { createConnection, createServer } from 'node:net';

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether `port` accepts a connection (and, with `greeting`, says it first). */
export function portAnswers(port: number, greeting?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => {
      if (greeting === undefined) done(true);
    });
    socket.once('data', (data: Buffer) => done(data.toString().startsWith(greeting ?? '')));
    socket.once('close', () => done(false));
    socket.once('error', () => done(false));
  });
}

/**
 * Waits until `port` accepts connections (and greets with `greeting`, when given: a listening
 * port alone does not mean the login process started); throws after `timeoutMs` or once
 * `gaveUp()` is true.
 */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  gaveUp: () => boolean,
  greeting?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gaveUp()) {
    if (await portAnswers(port, greeting)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (!gaveUp()) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
}

/** Waits until nothing accepts connections on `port` any more (dovecot takes ~1 s after a kill). */
export async function waitForPortClosed(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await portAnswers(port))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} still open after ${timeoutMs} ms`);
}
