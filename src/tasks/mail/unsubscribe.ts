/**
 * The recipient's side of an unsubscribe link (issue 24): what the page shows (whose mail,
 * which address, in the mailing's language) and the unsubscribe itself, which puts the
 * address on the client's suppression list. A link not signed by this sitedesk is NotFound.
 */
import { NotFoundError } from '../../shared/errors.js';
import { getClient } from '../clients/clients.js';
import { getContentItem } from '../content-items/items.js';
import type { MailContext } from './context.js';
import { getMailing } from './mailings.js';
import { isSuppressed, readUnsubscribe, suppress, unsubscribeKey } from './suppressions.js';

/** What the unsubscribe page says. */
export interface UnsubscribeInfo {
  /** The business whose mail it is. */
  sender: string;
  email: string;
  /** The mailing's language (`cs`, `en`, …), for the page. */
  language: string;
  unsubscribed: boolean;
}

async function resolve(ctx: MailContext, token: string) {
  const read = readUnsubscribe(await unsubscribeKey(ctx.secrets), token);
  const mailing = read ? await getMailing(ctx, read.mailingId).catch(() => undefined) : undefined;
  if (!read || !mailing) throw new NotFoundError('This unsubscribe link is not valid.');
  return { email: read.email, mailing };
}

async function infoOf(
  ctx: MailContext,
  email: string,
  mailing: { clientId: string; contentItemId: string },
): Promise<UnsubscribeInfo> {
  const client = await getClient(ctx.deps, mailing.clientId);
  const item = await getContentItem(ctx.deps, mailing.contentItemId).catch(() => undefined);
  return {
    sender: client.name,
    email,
    language: item?.language ?? client.languages[0] ?? 'en',
    unsubscribed: await isSuppressed(ctx.deps, mailing.clientId, email),
  };
}

/** What the page shows for `token`; changes nothing (mail scanners open links). */
export async function unsubscribeInfo(ctx: MailContext, token: string): Promise<UnsubscribeInfo> {
  const { email, mailing } = await resolve(ctx, token);
  return infoOf(ctx, email, mailing);
}

/** Unsubscribes the address of `token` from its client's mailings (again is fine). */
export async function unsubscribe(ctx: MailContext, token: string): Promise<UnsubscribeInfo> {
  const { email, mailing } = await resolve(ctx, token);
  await suppress(ctx.deps, mailing.clientId, email, 'unsubscribed', mailing.id);
  ctx.logger.info({ mailing: mailing.id, client: mailing.clientId }, 'a recipient unsubscribed');
  return infoOf(ctx, email, mailing);
}
