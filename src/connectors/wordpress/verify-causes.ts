/**
 * The causes verify() can name, each with a stable code, a sentence saying what is wrong and
 * a fix a person can carry out. Kept in one place so the troubleshooting table (docs/operator/wordpress.md) and
 * the UI read the same words.
 */

/** One diagnosed cause (VerifyResult.cause). */
export interface Cause {
  code: string;
  message: string;
  fix: string;
}

const CREATE_APP_PASSWORD =
  'In WordPress open Users → Profile (or Users → Edit user), section "Application Passwords", enter a name such as "sitedesk", click "Add New Application Password" and store the 24-character password it shows (spaces may stay) for this site in sitedesk.';

/** Application Passwords are 24 letters and digits, shown in groups of four. */
function looksLikeAppPassword(secret: string): boolean {
  return /^[A-Za-z0-9]{24}$/.test(secret.replace(/\s+/g, ''));
}

/** The causes, by situation. */
export const causes = {
  secretMissing: (_account: string): Cause => ({
    code: 'secret_missing',
    message: 'No Application Password is stored for this site.',
    fix: CREATE_APP_PASSWORD,
  }),
  unreachable: (url: string, reason: string): Cause => ({
    code: 'unreachable',
    message: `${url} could not be reached: ${reason}.`,
    fix: "Check the site address (the home page, e.g. 'https://example.com') and that the site is online.",
  }),
  notWordPress: (url: string, status: number | undefined): Cause => ({
    code: 'not_wordpress',
    message: `${url} does not look like a WordPress site${status ? ` (its REST API address answered HTTP ${status})` : ''}.`,
    fix: "Check the address: it must be the WordPress site's home page, e.g. 'https://example.com' (or 'https://example.com/blog' when WordPress lives in a folder).",
  }),
  restDisabled: (url: string, detail: string): Cause => ({
    code: 'rest_api_disabled',
    message: `${url} is WordPress, but its REST API (wp/v2) is turned off (${detail}), by a security plugin or the host.`,
    fix: 'Allow the REST API for logged-in users in the security plugin (e.g. "Disable REST API", Wordfence, iThemes) or ask the host to allow /wp-json/.',
  }),
  appPasswordsUnavailable: (url: string): Cause =>
    url.startsWith('http://')
      ? {
          code: 'application_passwords_unavailable',
          message:
            'Application Passwords are not available: WordPress offers them only over HTTPS, and this site address is http://.',
          fix: "Use the site's https:// address (install a TLS certificate if it has none); WordPress then offers Application Passwords.",
        }
      : {
          code: 'application_passwords_unavailable',
          message:
            'Application Passwords are disabled on this site (by a security plugin or the wp_is_application_passwords_available filter).',
          fix: 'Re-enable Application Passwords in the security plugin settings (e.g. Wordfence → Login Security, "Disable application passwords" off) or remove the filter.',
        },
  appPasswordsDisabledForUser: (username: string): Cause => ({
    code: 'application_passwords_unavailable',
    message: `Application Passwords are switched off for the user "${username}".`,
    fix: 'Ask the site administrator to allow Application Passwords for this user, or use another user.',
  }),
  wrongUsername: (username: string): Cause => ({
    code: 'wrong_username',
    message: `WordPress has no user "${username}".`,
    fix: 'Set the username to the WordPress login name (or e-mail) the Application Password was created for.',
  }),
  wrongPassword: (username: string, secret: string): Cause => ({
    code: 'wrong_password',
    message:
      `WordPress does not accept the stored Application Password for "${username}" (or the username is wrong).` +
      (looksLikeAppPassword(secret)
        ? ''
        : ' The stored secret is not shaped like an Application Password (24 letters and digits): it may be the login password, which the REST API never accepts.'),
    fix: `Check the username, then create a new Application Password and store it again. ${CREATE_APP_PASSWORD}`,
  }),
  authorizationStripped: (url: string): Cause => ({
    code: 'authorization_header_stripped',
    message: `The server in front of WordPress at ${url} strips the Authorization header: the REST index answers, but every signed-in call is refused, although the same username and Application Password are accepted over XML-RPC.`,
    fix:
      'Apache: add to .htaccess, above the WordPress rules: `RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]` ' +
      '(or `SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1`). nginx with PHP-FPM: `fastcgi_param HTTP_AUTHORIZATION $http_authorization;`. ' +
      'Behind a proxy or CDN, let it pass the Authorization header. On shared hosting, ask the host to pass HTTP_AUTHORIZATION to PHP.',
  }),
  credentialsRejected: (username: string, code: string): Cause => ({
    code: 'credentials_rejected',
    message: `WordPress refuses the stored credentials of "${username}" (${code}), and XML-RPC is off, so sitedesk cannot tell whether the Application Password is wrong or the server strips the Authorization header.`,
    fix: `First create a new Application Password and store it again. If that does not help, the server strips the Authorization header: add \`RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]\` to .htaccess (Apache) or \`fastcgi_param HTTP_AUTHORIZATION $http_authorization;\` (nginx). ${CREATE_APP_PASSWORD}`,
  }),
  insufficientPermissions: (username: string, missing: string[], roles: string[]): Cause => ({
    code: 'insufficient_permissions',
    message: `The user "${username}"${roles.length ? ` (role: ${roles.join(', ')})` : ''} may not ${missing.join(', ')}.`,
    fix: 'Give the user the Editor (or Administrator) role in WordPress under Users → Edit user → Role, or use a user who has it.',
  }),
};
