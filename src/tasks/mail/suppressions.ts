/**
 * Addresses a client's mailings never reach again (issue 24): unsubscribed through the signed
 * link sitedesk puts in each mailing (RFC 8058 one-click, or the page), bounced, or added by
 * hand. The link's token names the mailing and the address and is signed with a key kept in
 * the secret store, so nobody can unsubscribe someone else by guessing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseRecipientsCsv } from '../../connectors/mail/index.js';
import type { SecretStore } from '../../secrets/types.js';
import { NotFoundError } from '../../shared/errors.js';
import { assertClientExists } from '../clients/clients.js';
import type { ServiceDeps } from '../context.js';
import { parseInput } from '../validate.js';

/** The secret store account of the key that signs unsubscribe links (made on first use). */
export const UNSUBSCRIBE_KEY_ACCOUNT = 'mail:unsubscribe-key';

/** Why an address is suppressed. */
export const suppressionReasons = ['unsubscribed', 'bounced', 'manual'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/** One suppressed address. */
export interface Suppression {
  email: string;
  reason: SuppressionReason;
  mailingId?: string;
  at: string;
}

/** The signing key; a new random one is stored the first time. */
export async function unsubscribeKey(secrets: SecretStore): Promise<Buffer> {
  const known = await secrets.get(UNSUBSCRIBE_KEY_ACCOUNT);
  if (known) return Buffer.from(known, 'base64url');
  const key = randomBytes(32);
  await secrets.set(UNSUBSCRIBE_KEY_ACCOUNT, key.toString('base64url'));
  return key;
}

const mac = (key: Buffer, payload: string): Buffer =>
  createHmac('sha256', key).update(`unsubscribe v1\n${payload}`).digest().subarray(0, 18);

/** The token of the unsubscribe link of `email` in mailing `mailingId`. */
export function signUnsubscribe(key: Buffer, mailingId: string, email: string): string {
  const payload = `${mailingId}\n${email.toLowerCase()}`;
  return `${Buffer.from(payload).toString('base64url')}.${mac(key, payload).toString('base64url')}`;
}

/** What a token says, or undefined when it was not signed by `key` (or is not a token). */
export function readUnsubscribe(
  key: Buffer,
  token: string,
): { mailingId: string; email: string } | undefined {
  const [body, signature] = token.split('.');
  if (!body || !signature) return undefined;
  const payload = Buffer.from(body, 'base64url').toString('utf8');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const [mailingId, email] = payload.split('\n');
  return mailingId && email ? { mailingId, email } : undefined;
}

/** Adds an address to a client's list; one already there keeps its first reason. */
export async function suppress(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  clientId: string,
  email: string,
  reason: SuppressionReason,
  mailingId?: string,
): Promise<void> {
  await deps.db
    .insertInto('mail_suppressions')
    .values({
      client_id: clientId,
      email: email.toLowerCase(),
      reason,
      mailing_id: mailingId ?? null,
      created_at: new Date(deps.clock.now()).toISOString(),
    })
    .onConflict((oc) => oc.columns(['client_id', 'email']).doNothing())
    .execute();
}

/** The suppressed addresses of a client (lowercase), for a mailing to skip. */
export async function suppressedSet(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<Set<string>> {
  const rows = await deps.db
    .selectFrom('mail_suppressions')
    .select('email')
    .where('client_id', '=', clientId)
    .execute();
  return new Set(rows.map((r) => r.email));
}

/** Whether `email` is suppressed for `clientId` (checked again just before each send). */
export async function isSuppressed(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
  email: string,
): Promise<boolean> {
  const row = await deps.db
    .selectFrom('mail_suppressions')
    .select('email')
    .where('client_id', '=', clientId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

/** A client's list, newest first. */
export async function listSuppressions(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<Suppression[]> {
  await assertClientExists(deps.db, clientId);
  const rows = await deps.db
    .selectFrom('mail_suppressions')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .orderBy('email')
    .execute();
  return rows.map((r) => ({
    email: r.email,
    reason: r.reason as SuppressionReason,
    ...(r.mailing_id ? { mailingId: r.mailing_id } : {}),
    at: r.created_at,
  }));
}

/** Body of the import: CSV text with an `email` column (an export of this list reads back). */
export const importSuppressionsSchema = z.strictObject({
  csv: z
    .string()
    .min(1, 'must list at least one address')
    .max(1_000_000)
    .refine(
      (csv) => {
        const first = csv.split(/\r?\n/, 1)[0] ?? '';
        return /(^|[,;"\s])e-?mail($|[,;"\s])/i.test(first) || first.includes('@');
      },
      { message: 'must start with an "email" header line or an address' },
    ),
  reason: z.enum(suppressionReasons).default('manual'),
});

/** Adds every address of a CSV; answers how many were new and the lines that were not addresses. */
export async function importSuppressions(
  deps: ServiceDeps,
  clientId: string,
  input: unknown,
): Promise<{ added: number; problems: ReturnType<typeof parseRecipientsCsv>['problems'] }> {
  const data = parseInput(importSuppressionsSchema, input, 'suppression list');
  await assertClientExists(deps.db, clientId);
  const list = parseRecipientsCsv(data.csv);
  const before = (await suppressedSet(deps, clientId)).size;
  for (const r of list.recipients) await suppress(deps, clientId, r.email, data.reason);
  const after = (await suppressedSet(deps, clientId)).size;
  return { added: after - before, problems: list.problems };
}

/** The list as CSV (`email,reason,at`), for a spreadsheet or another tool. */
export async function exportSuppressions(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<string> {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = (await listSuppressions(deps, clientId)).map((s) =>
    [s.email, s.reason, s.at].map(quote).join(','),
  );
  return ['email,reason,at', ...lines].join('\n') + '\n';
}

/** Takes an address off a client's list (the secretary's decision, e.g. it was added by mistake). */
export async function unsuppress(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
  email: string,
): Promise<void> {
  const result = await deps.db
    .deleteFrom('mail_suppressions')
    .where('client_id', '=', clientId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0)
    throw new NotFoundError(`${email} is not on this client's list.`);
}
