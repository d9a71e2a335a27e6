/**
 * The HTTP API of a running `sitedesk serve` as a person's script uses it: the first
 * administrator through the one-time set-up token the instance printed (or an account made with
 * `sitedesk user add`, signed in), then an API token that every instance on the same database
 * accepts (tokens live in the database).
 */
import type { ServeProcess } from '../cli/serve-process.js';

/** Calls the API with a bearer token; throws on any answer ≥ 300, naming method, path and body. */
export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Sets up the first administrator on `serve` (which printed its set-up token) and makes an API token. */
export async function firstAdminToken(serve: ServeProcess): Promise<string> {
  const token = await setupTokenOf(serve);
  const setup = await fetch(`${serve.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, username: 'anna', password: 'a long enough password 1' }),
  });
  if (setup.status !== 201) throw new Error(`setup → ${setup.status} ${await setup.text()}`);
  return tokenOfSession(serve.url, setup);
}

/**
 * The one-time set-up token `serve` printed on stderr. Waited for: serve counts as started when
 * its URL shows on stdout, and stdout and stderr are two pipes, read in no fixed order (CI once
 * read the URL first and sent no token: 400 body.token).
 */
async function setupTokenOf(serve: ServeProcess): Promise<string> {
  const end = Date.now() + 15_000;
  for (;;) {
    const line = serve.stderr.find((l) => /^\s+\S{10,}$/.test(l));
    if (line) return line.trim();
    if (Date.now() > end) throw new Error(`no set-up token on stderr:\n${serve.stderr.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Signs in at the instance at `url` as an account made beforehand (`sitedesk user add`, so no
 * instance waits for the set-up of another) and makes an API token.
 */
export async function signedInToken(url: string, username: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login → ${login.status} ${await login.text()}`);
  return tokenOfSession(url, login);
}

/** Makes an API token in the session `signedIn` (the answer that set its cookies) started. */
async function tokenOfSession(url: string, signedIn: Response): Promise<string> {
  const cookies = signedIn.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('sitedesk_csrf='))?.split('=')[1] ?? '';
  const made = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookies.join('; '),
      'x-csrf-token': csrf,
    },
    body: JSON.stringify({ name: 'fleet script' }),
  });
  if (made.status !== 201) throw new Error(`token → ${made.status} ${await made.text()}`);
  return ((await made.json()) as { token: string }).token;
}

/** An API client of the instance at `url` with `bearer`. */
export function apiAt(url: string, bearer: string): ApiCall {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}
