import {
  createConnector,
  isSiteKind,
  connectorKinds,
  type RegistryDeps,
} from '../connectors/registry.js';
import { ConfigError } from '../shared/errors.js';
import type { SiteKind, VerifyResult } from '../connectors/types.js';
import { println } from './command.js';
import { UsageError } from './command.js';

/** What each kind's secret is called when sitedesk asks for it. */
export const secretNames: Record<string, string> = {
  wordpress: 'Application Password (Users → Profile → Application Passwords)',
  ghost: 'Admin API key (Settings → Integrations → custom integration; id:secret)',
  git: 'access token with push rights to the repository',
};

/** `--setting key=value` pairs as settings; dotted keys nest, values that read as JSON are JSON. */
export function parseSettings(pairs: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new UsageError(`--setting "${pair}" must be KEY=VALUE, e.g. --setting username=editor`);
    const path = pair.slice(0, eq).trim().split('.');
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: the plain text is the value
    }
    let target = settings;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[path.at(-1) ?? ''] = value;
  }
  return settings;
}

/** Throws a UsageError for an unknown kind. */
export function checkKind(kind: string | undefined): SiteKind {
  if (kind === undefined)
    throw new UsageError(`--kind is required: one of ${connectorKinds.join(', ')}.`);
  if (!isSiteKind(kind))
    throw new UsageError(`--kind "${kind}" is not known; use one of ${connectorKinds.join(', ')}.`);
  return kind;
}

/**
 * Checks URL and settings with the kind's own connector schema before anything is saved, so
 * a missing `--setting username=…` is named now rather than at the first publish.
 */
export function checkConnectorSettings(
  site: { kind: string; url: string; settings: Record<string, unknown> },
  deps: RegistryDeps,
): void {
  try {
    createConnector({ id: 'new-site', ...site }, deps);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = (error.details ?? [{ path: '', message: error.message }]).map((d) => {
      const flag =
        d.path === 'url'
          ? '--url'
          : d.path.startsWith('settings.')
            ? `--setting ${d.path.slice(9)}=…`
            : d.path === 'settings'
              ? '--setting'
              : d.path;
      return `  ${flag}: ${d.message}`;
    });
    throw new UsageError(
      `The ${site.kind} site is not valid; nothing was saved:\n${lines.join('\n')}`,
    );
  }
}

/** Whether a site of this kind and settings authenticates with a stored secret. */
export function needsSecret(kind: string, settings: Record<string, unknown>): boolean {
  if (kind !== 'git') return true;
  return /^https?:/.test(String(settings.repoUrl ?? ''));
}

/** Prints verify()'s answer in plain words: one line per check, then the cause and the fix. */
export function printVerify(
  stream: NodeJS.WritableStream,
  name: string,
  result: VerifyResult,
): void {
  for (const check of result.checks)
    println(stream, `  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.message}`);
  if (result.ok) {
    println(stream, `${name}: everything checked works.`);
    return;
  }
  println(stream, `${name}: ${result.cause?.message ?? 'a check failed'}`);
  if (result.cause?.fix) println(stream, `How to fix: ${result.cause.fix}`);
}
