/**
 * Removes secrets from anything about to be logged or shown: values under secret-looking keys
 * (authorization, password, token, key, secret, cookie …), credentials in URLs, and the exact
 * text of every secret the process has registered (the secret store registers each value it
 * reads or writes), wherever it appears.
 */

/** Keys whose values are always hidden, at any depth. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|password|passwd|pass|secret|client_secret|token|access_token|refresh_token|api_?key|apikey|admin_?key|master_?key|private_?key|app_?password|x-api-key)$/i;

/** Header-like values that carry a credential after the scheme name. */
const AUTH_VALUE = /\b(Basic|Bearer|Ghost|Token)\s+[A-Za-z0-9._~+/=:-]{6,}/g;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s:]+(:[^/@\s]*)?@/gi;

export const REDACTED = '[redacted]';

/** A set of secret values to hide wherever they appear (shorter than 4 chars are ignored). */
export class SecretRegistry {
  private readonly values = new Set<string>();

  add(value: string): void {
    if (value.length >= 4) this.values.add(value);
  }

  /** Replaces every registered secret in `text`. */
  scrub(text: string): string {
    let out = text;
    // Longest first: a secret that contains another must not be left half visible.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(value)) out = out.split(value).join(REDACTED);
    }
    return out.replace(AUTH_VALUE, `$1 ${REDACTED}`).replace(URL_USERINFO, '$1');
  }
}

/** The process-wide registry the logger consults; the secret store adds to it. */
export const processSecrets = new SecretRegistry();

/** Returns a deep copy of `value` with secrets removed; cycles and depth are bounded. */
export function redact(
  value: unknown,
  registry: SecretRegistry = processSecrets,
  depth = 0,
): unknown {
  if (typeof value === 'string') return registry.scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redact(item, registry, depth + 1));
  if (value instanceof Error) {
    const code: unknown = 'code' in value ? value.code : undefined;
    return {
      type: value.name,
      message: registry.scrub(value.message),
      ...(typeof code === 'string' ? { code } : {}),
      ...(value.cause !== undefined ? { cause: redact(value.cause, registry, depth + 1) } : {}),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(inner, registry, depth + 1);
  }
  return out;
}
