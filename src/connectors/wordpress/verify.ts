/**
 * verify(): read-only checks, in order, stopping at the first that fails with a cause a person
 * can fix — reachable and really WordPress, REST API on, Application Passwords available,
 * credentials accepted, and the user may publish posts and pages and upload media.
 *
 * The hard case: WordPress answers a wrong Application Password and a missing Authorization
 * header alike (401 `rest_not_logged_in`), since it only checks the password when PHP hands
 * it the header. To tell them apart, the same credentials are tried over XML-RPC, where they
 * travel in the request body (`wp.getProfile`, read-only): accepted there means the server
 * strips the header on its way to PHP; refused means the password (or username) is wrong.
 */
import { messageOf, RemoteError } from '../../shared/errors.js';
import type { VerifyCheck, VerifyResult } from '../types.js';
import type { WordPressClient } from './client.js';
import { RestDiscoveryError, type RestRoot } from './discovery.js';
import { wpErrorSchema, wpMeSchema } from './schemas.js';
import { causes, type Cause } from './verify-causes.js';

/** What verify needs. */
export interface VerifyContext {
  client: WordPressClient;
  baseUrl: string;
  username: string;
  /** The stored Application Password, or undefined when none is stored. */
  appPassword: string | undefined;
  secretAccount: string;
}

const NEEDED_CAPABILITIES: [string, string][] = [
  ['publish_posts', 'publish posts'],
  ['publish_pages', 'publish pages'],
  ['edit_pages', 'edit pages'],
  ['upload_files', 'upload media'],
];

/** Runs the checks; never throws for what it checks. */
export async function verifySite(context: VerifyContext): Promise<VerifyResult> {
  const checks: VerifyCheck[] = [];
  const fail = (name: string, cause: Cause): VerifyResult => {
    checks.push({ name, ok: false, message: cause.message });
    return { ok: false, checks, cause };
  };
  const pass = (name: string, message: string): void =>
    void checks.push({ name, ok: true, message });

  if (context.appPassword === undefined)
    return fail('credentials', causes.secretMissing(context.secretAccount));

  let root: RestRoot;
  try {
    root = await context.client.root(true); // fresh: the site may have been fixed since
  } catch (error) {
    if (error instanceof RestDiscoveryError) {
      return fail(
        'wordpress',
        (await looksLikeWordPress(context))
          ? causes.restDisabled(context.baseUrl, 'no answer at /wp-json/ or /?rest_route=/')
          : causes.notWordPress(context.baseUrl, error.attempts[0]?.status),
      );
    }
    return fail('reachable', causes.unreachable(context.baseUrl, messageOf(error)));
  }
  pass('reachable', `${context.baseUrl} answers`);
  if (root.index && !root.index.namespaces.includes('wp/v2'))
    return fail('wordpress', causes.restDisabled(context.baseUrl, 'the wp/v2 routes are missing'));
  pass(
    'wordpress',
    root.style === 'query'
      ? 'WordPress REST API answers at /?rest_route= (plain permalinks; used automatically)'
      : 'WordPress REST API answers at /wp-json/',
  );

  if (root.index) {
    const methods = root.index.authentication;
    const available =
      methods !== undefined && !Array.isArray(methods) && 'application-passwords' in methods;
    if (!available)
      return fail('application-passwords', causes.appPasswordsUnavailable(context.baseUrl));
    pass('application-passwords', 'Application Passwords are available');
  }

  let me: Awaited<ReturnType<WordPressClient['send']>>;
  try {
    me = await context.client.send({
      route: '/wp/v2/users/me',
      query: { context: 'edit', _fields: 'id,name,roles,capabilities' },
    });
  } catch (error) {
    return fail('credentials', causes.unreachable(context.baseUrl, messageOf(error)));
  }
  const text = await me.response.text();
  if (!me.response.ok) {
    const code = wpErrorSchema.safeParse(safeJson(text)).data?.code ?? `HTTP ${me.response.status}`;
    if (me.response.status === 404)
      return fail('rest-api', causes.restDisabled(context.baseUrl, `${code} for /wp/v2/users/me`));
    // A REST API closed to everyone refuses the index and every call with its own code.
    if (root.locked && code === root.locked.code && code !== 'rest_not_logged_in')
      return fail('rest-api', causes.restDisabled(context.baseUrl, code));
    return fail('credentials', await diagnoseRejection(context, code));
  }
  const user = wpMeSchema.safeParse(safeJson(text));
  if (!user.success)
    return fail('credentials', causes.notWordPress(context.baseUrl, me.response.status));
  pass('credentials', `signed in as ${context.username}`);

  const capabilities = user.data.capabilities ?? {};
  const missing = NEEDED_CAPABILITIES.filter(
    ([capability]) => capabilities[capability] !== true,
  ).map(([, words]) => words);
  if (missing.length > 0)
    return fail(
      'permissions',
      causes.insufficientPermissions(context.username, missing, user.data.roles ?? []),
    );
  pass('permissions', 'may publish posts and pages and upload media');
  return { ok: true, checks };
}

async function diagnoseRejection(context: VerifyContext, code: string): Promise<Cause> {
  if (code === 'incorrect_password')
    return causes.wrongPassword(context.username, context.appPassword ?? '');
  if (code === 'invalid_username' || code === 'invalid_email')
    return causes.wrongUsername(context.username);
  if (code === 'application_passwords_disabled')
    return causes.appPasswordsUnavailable(context.baseUrl);
  if (code === 'application_passwords_disabled_for_user')
    return causes.appPasswordsDisabledForUser(context.username);
  const probe = await xmlRpcProbe(context);
  if (probe === 'accepted') return causes.authorizationStripped(context.baseUrl);
  if (probe === 'refused') return causes.wrongPassword(context.username, context.appPassword ?? '');
  return causes.credentialsRejected(context.username, code);
}

/** Tries the credentials over XML-RPC (`wp.getProfile`, read-only). */
async function xmlRpcProbe(context: VerifyContext): Promise<'accepted' | 'refused' | 'unknown'> {
  const body =
    `<?xml version="1.0"?><methodCall><methodName>wp.getProfile</methodName><params>` +
    `<param><value><int>1</int></value></param><param><value><string>${xml(context.username)}</string></value></param>` +
    `<param><value><string>${xml(context.appPassword ?? '')}</string></value></param></params></methodCall>`;
  try {
    const response = await context.client.http({
      method: 'POST',
      url: `${context.baseUrl}/xmlrpc.php`,
      headers: { 'Content-Type': 'text/xml' },
      body,
      idempotent: true,
    });
    const text = await response.text();
    if (!response.ok || !text.includes('<methodResponse>')) return 'unknown';
    if (!text.includes('<fault>')) return 'accepted';
    // 403 is "Incorrect username or password."; 405 means XML-RPC is switched off.
    return /<name>faultCode<\/name>\s*<value>\s*<int>403<\/int>/.test(text) ? 'refused' : 'unknown';
  } catch (error) {
    if (error instanceof RemoteError) return 'unknown';
    throw error;
  }
}

/** Whether the home page looks like WordPress (theme/core asset paths, generator tag, API link). */
async function looksLikeWordPress(context: VerifyContext): Promise<boolean> {
  try {
    const response = await context.client.http({
      method: 'GET',
      url: `${context.baseUrl}/`,
      headers: {},
    });
    const link = response.headers.get('link') ?? '';
    const text = await response.text();
    return (
      link.includes('api.w.org') ||
      /\/wp-(content|includes)\/|<meta name="generator" content="WordPress/i.test(text)
    );
  } catch {
    return false;
  }
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
