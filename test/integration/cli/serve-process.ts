/**
 * The real `sitedesk serve` as a separate process (through tsx, so no build is needed) on a
 * free loopback port: resolves when it logs its URL; its JSON log lines and stderr are kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sitedeskArgs } from '../../env/node-scripts.js';

/** A running `sitedesk serve`. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** stdout: the JSON log lines so far. */
  logs: string[];
  /** stderr: lines for people (the set-up token). */
  stderr: string[];
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `sitedesk serve --port 0` with `env` added to this process's environment; gives up
 * (SIGKILL) when it is not listening after `startTimeoutMs` (default 90 s) or when `signal`
 * aborts.
 */
export function startServe(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  { startTimeoutMs = 90_000, signal }: { startTimeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, sitedeskArgs('serve', '--port', '0', ...args), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start:\n${logs.join('\n')}\n${stderr.join('\n')}`));
      // tsx compiles the whole CLI first: seconds, more on a busy 2-core machine.
    }, startTimeoutMs);
    signal?.addEventListener('abort', () => child.kill('SIGKILL'), { once: true });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${logs.join('\n')}\n${stderr.join('\n')}`));
    });
    createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      const entry = JSON.parse(line) as { url?: string };
      if (entry.url) {
        clearTimeout(timer);
        resolve({ url: entry.url, child, logs, stderr, stop });
      }
    });
  });
}

/** Waits until a log line's message contains `text`; throws after `timeoutMs`. */
export async function waitForLog(
  serve: ServeProcess,
  text: string,
  timeoutMs = 60_000,
): Promise<void> {
  const started = Date.now();
  while (!serve.logs.some((line) => (JSON.parse(line) as { msg?: string }).msg?.includes(text))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `no log line "${text}" within ${timeoutMs} ms:\n${serve.logs.slice(-20).join('\n')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
