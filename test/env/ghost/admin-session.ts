/**
 * The owner's side of a test Ghost, without a browser: set-up of the owner account, a staff
 * session (cookie), and integrations with their Admin API keys. Used by startGhost() and by
 * tests that revoke keys or edit posts "as someone else".
 */

/** An integration and its Admin API key (`id:secret`). */
export interface GhostIntegration {
  id: string;
  adminKey: string;
}

/** A logged-in owner session on a test Ghost. */
export interface GhostAdminSession {
  /** JSON request with the session cookie; throws on a non-2xx answer with Ghost's body. */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  createIntegration(name: string): Promise<GhostIntegration>;
  deleteIntegration(id: string): Promise<void>;
}

const OWNER = {
  name: 'Test Owner',
  email: 'owner@example.com',
  // Ghost refuses short and "common" passwords.
  password: 'Mq7vLw2-pZ9x-Tbr4K',
  blogTitle: 'sitedesk test site',
};

interface IntegrationsBody {
  integrations: { id: string; api_keys: { id: string; type: string; secret: string }[] }[];
}

/** Sets up the owner (first call only) and logs in. */
export async function createGhostAdminSession(baseUrl: string): Promise<GhostAdminSession> {
  const api = `${baseUrl}/ghost/api/admin`;
  const setup = await fetch(`${api}/authentication/setup/`);
  const setupState = (await setup.json()) as { setup: { status: boolean }[] };
  if (!setupState.setup[0]?.status) {
    await send('POST', `${api}/authentication/setup/`, { setup: [OWNER] });
  }
  // Ghost ties the session to the Origin it was created from and checks it on every request,
  // so the login and every later request send the site's own URL as Origin. For a few seconds
  // after boot a fresh session is often not yet usable (403 on the next request; measured up to
  // 9 logins 250 ms apart), so the login is checked with /users/me/ and repeated until it works.
  let cookie = '';
  for (let attempt = 1; ; attempt++) {
    const login = await fetch(`${api}/session/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: baseUrl },
      body: JSON.stringify({ username: OWNER.email, password: OWNER.password }),
    });
    if (!login.ok) throw new Error(`Ghost login failed: ${login.status} ${await login.text()}`);
    cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`${api}/users/me/`, { headers: { Cookie: cookie, Origin: baseUrl } });
    if (me.ok) break;
    if (attempt >= 40)
      throw new Error(
        `Ghost session not accepted after ${attempt} logins: ${me.status} ${await me.text()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  async function send<T>(
    method: string,
    url: string,
    body?: unknown,
    withCookie = false,
  ): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(withCookie ? { Cookie: cookie, Origin: baseUrl } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const request = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    send<T>(method, `${api}${path}`, body, true);

  return {
    request,
    async createIntegration(name) {
      const created = await request<IntegrationsBody>('POST', '/integrations/?include=api_keys', {
        integrations: [{ name }],
      });
      const integration = created.integrations[0];
      const key = integration?.api_keys.find((k) => k.type === 'admin');
      if (!integration || !key)
        throw new Error('Ghost created an integration without an admin key');
      // Ghost 5 answers with the bare secret; the key people copy from Ghost Admin is `id:secret`.
      const adminKey = key.secret.includes(':') ? key.secret : `${key.id}:${key.secret}`;
      return { id: integration.id, adminKey };
    },
    async deleteIntegration(id) {
      await request('DELETE', `/integrations/${id}/`);
    },
  };
}
