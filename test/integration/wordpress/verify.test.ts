import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWordPressConnector } from '../../../src/connectors/wordpress/connector.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { ConfigError } from '../../../src/shared/errors.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { startFaultProxy, type FaultProxy } from '../../env/fault-proxy.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { connectorFor, countingFetch } from './helpers.js';

let wp: RunningWordPress;
let stripping: FaultProxy;
let plainSite: Server;
let plainUrl: string;

beforeAll(async () => {
  wp = await startWordPress();
  stripping = await startFaultProxy(wp.url, { stripAuthorization: true });
  // Not WordPress: a plain web server with a home page and 404s elsewhere.
  plainSite = createServer((request, response) => {
    if (request.url === '/') return void response.end('<html><body><h1>Bakery</h1></body></html>');
    response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  });
  await new Promise<void>((done) => plainSite.listen(0, '127.0.0.1', done));
  plainUrl = `http://127.0.0.1:${(plainSite.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await stripping?.stop();
  plainSite?.closeAllConnections();
  await new Promise((done) => plainSite?.close(done));
  await wp?.stop();
});

describe('verify() against a real WordPress', () => {
  it('passes every check for an administrator', async () => {
    const result = await (await connectorFor(wp)).verify();
    expect(result.cause).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.name)).toEqual([
      'reachable',
      'wordpress',
      'application-passwords',
      'credentials',
      'permissions',
    ]);
  });

  it('names missing permissions for an author (may not publish pages)', async () => {
    const result = await (
      await connectorFor(wp, { username: wp.author.username, password: wp.author.appPassword })
    ).verify();
    expect(result.ok).toBe(false);
    expect(result.cause?.code).toBe('insufficient_permissions');
    expect(result.cause?.message).toContain('publish pages');
    expect(result.cause?.message).toContain('author');
  });

  it('says the password is wrong for a bad Application Password (WordPress answers rest_not_logged_in)', async () => {
    const secret = 'AAAABBBBCCCCDDDDEEEEFFFF';
    const result = await (await connectorFor(wp, { password: secret })).verify();
    expect(result.cause?.code).toBe('wrong_password');
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('hints that a login password is not an Application Password', async () => {
    const result = await (await connectorFor(wp, { password: 'my login pw!' })).verify();
    expect(result.cause?.code).toBe('wrong_password');
    expect(result.cause?.message).toContain('login password');
  });

  it('says when no Application Password is stored', async () => {
    const result = await (await connectorFor(wp, { password: null })).verify();
    expect(result.cause?.code).toBe('secret_missing');
    expect(result.cause?.fix).toContain('Application Passwords');
  });

  it('names a server that strips the Authorization header (proxy drops it) and shows the .htaccess fix', async () => {
    const result = await (await connectorFor(wp, { url: stripping.url })).verify();
    expect(result.cause?.code).toBe('authorization_header_stripped');
    expect(result.cause?.fix).toContain('HTTP_AUTHORIZATION');
    expect(result.checks.find((c) => c.name === 'wordpress')?.ok).toBe(true);
    expect(stripping.requests.some((r) => r.hadAuthorization)).toBe(true);
  });

  it('says a URL that is not WordPress is not WordPress', async () => {
    const result = await (await connectorFor(wp, { url: plainUrl })).verify();
    expect(result.cause?.code).toBe('not_wordpress');
    expect(result.cause?.fix).toContain('https://example.com');
  });

  it('says an address that does not answer cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const result = await (
      await connectorFor(wp, { url: `http://127.0.0.1:${port}`, settings: { retries: 0 } })
    ).verify();
    expect(result.cause?.code).toBe('unreachable');
    expect(result.cause?.message).toContain('ECONNREFUSED');
  });

  it('rejects a wrong setting naming the field with an example', () => {
    const make = (site: unknown) => () =>
      createWordPressConnector(site, {
        secrets: createMemorySecretStore(),
        logger: createSilentLogger(),
        clock: systemClock,
      });
    expect(make({ id: 'x', url: 'example.com', settings: { username: 'e' } })).toThrow(ConfigError);
    expect(make({ id: 'x', url: 'example.com', settings: { username: 'e' } })).toThrow(
      /url: .*'https:\/\/example\.com'/,
    );
    expect(make({ id: 'x', url: 'https://example.com', settings: {} })).toThrow(
      /settings\.username/,
    );
  });

  it('names Application Passwords switched off (here: plain http, no local environment)', async () => {
    await wp.addMuPlugin(
      'no-app-passwords',
      "add_filter('wp_is_application_passwords_available', '__return_false');",
    );
    try {
      const result = await (await connectorFor(wp)).verify();
      expect(result.cause?.code).toBe('application_passwords_unavailable');
      expect(result.cause?.message).toContain('HTTPS');
    } finally {
      wp.php("unlink(WPMU_PLUGIN_DIR . '/no-app-passwords.php');");
    }
  });

  it('names a REST API switched off for everyone (a security plugin)', async () => {
    await wp.addMuPlugin(
      'no-rest',
      "add_filter('rest_authentication_errors', function () { return new WP_Error('rest_disabled', 'The REST API is disabled on this site.', ['status' => 403]); });",
    );
    try {
      const result = await (await connectorFor(wp)).verify();
      expect(result.cause?.code).toBe('rest_api_disabled');
      expect(result.cause?.message).toContain('rest_disabled');
    } finally {
      wp.php("unlink(WPMU_PLUGIN_DIR . '/no-rest.php');");
    }
  });

  it('names REST routes removed by a plugin instead of blaming the credentials', async () => {
    await wp.addMuPlugin(
      'no-users-route',
      "add_filter('rest_endpoints', function ($endpoints) { unset($endpoints['/wp/v2/users/me']); return $endpoints; });",
    );
    try {
      const result = await (await connectorFor(wp)).verify();
      expect(result.cause?.code).toBe('rest_api_disabled');
      expect(result.cause?.message).toContain('users/me');
    } finally {
      wp.php("unlink(WPMU_PLUGIN_DIR . '/no-users-route.php');");
    }
  });

  it('accepts the Application Password as WordPress shows it (with spaces) and without them', async () => {
    expect(wp.appPassword).toMatch(/^(\w{4} ){5}\w{4}$/);
    expect(
      (await (await connectorFor(wp, { password: wp.appPassword.replace(/ /g, '') })).verify()).ok,
    ).toBe(true);
  });

  it('falls back to ?rest_route= under plain permalinks by itself, and publishes there', async () => {
    await wp.setPlainPermalinks(true);
    try {
      const fetch = countingFetch();
      const connector = await connectorFor(wp, { fetch });
      const result = await connector.verify();
      expect(result.ok).toBe(true);
      expect(result.checks.find((c) => c.name === 'wordpress')?.message).toContain('rest_route');
      const published = await connector.publish({
        id: 'p',
        title: 'Plain',
        slug: 'plain-permalinks',
        markdown: 'Hello',
        kind: 'post',
      });
      expect(published.created).toBe(true);
      expect(
        fetch.calls.filter((c) => c.url.includes('rest_route=%2Fwp%2Fv2%2Fposts')).length,
      ).toBeGreaterThanOrEqual(2);
    } finally {
      await wp.setPlainPermalinks(false);
    }
  });
});
