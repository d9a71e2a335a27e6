/**
 * The telephony webhook: a signed, replay-protected call event becomes a call task (with the
 * forward-or-message decision). The shared secret lives in the SecretStore under
 * `webhook:calls` (and, while a secret is being changed, the old one under
 * `webhook:calls:previous`); event ids are remembered in the database.
 */
import {
  createWebhookVerifier,
  sameNumber,
  WebhookError,
  type CallRecord,
  type NonceStore,
} from '../../connectors/calls/index.js';
import { SitedeskError } from '../../shared/errors.js';
import type { MailContext } from '../mail/context.js';
import { createCallTask, type CallOutcome } from './create-call.js';
import { listCallSettings } from './settings.js';

/** The secret store account of the webhook's shared secret. */
export const WEBHOOK_SECRET_ACCOUNT = 'webhook:calls';
/** The previous secret, accepted too while a provider is being switched over. */
export const WEBHOOK_PREVIOUS_SECRET_ACCOUNT = 'webhook:calls:previous';

/** Event ids in the database until they expire (expired ones are dropped on the way). */
export function databaseNonces(ctx: Pick<MailContext, 'deps'>): NonceStore {
  const db = ctx.deps.db;
  return {
    async remember(id, expiresAt) {
      await db
        .deleteFrom('webhook_nonces')
        .where('expires_at', '<', ctx.deps.clock.now())
        .execute();
      const result = await db
        .insertInto('webhook_nonces')
        .values({ id, expires_at: expiresAt })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}

/** The client whose line `line` is (call settings `lines`, else the contact phone). */
async function clientOfLine(ctx: MailContext, line: string | undefined): Promise<string> {
  if (line) {
    const settings = await listCallSettings(ctx.deps);
    const byLine = settings.find((s) => s.lines.some((l) => sameNumber(l, line)));
    if (byLine) return byLine.clientId;
    const clients = await ctx.deps.db.selectFrom('clients').select(['id', 'contact']).execute();
    const byContact = clients.find((c) => {
      const phone = (JSON.parse(c.contact) as { phone?: string }).phone;
      return phone !== undefined && sameNumber(phone, line);
    });
    if (byContact) return byContact.id;
  }
  throw new WebhookError('webhook_payload_invalid', 'the called line belongs to no client', [
    {
      path: 'to.number',
      message: line
        ? 'no client has this line (set it in the client’s call settings, `lines`)'
        : 'required: the client’s line that was called',
    },
  ]);
}

/** Verifies one webhook request and creates its call task. WebhookError carries the HTTP status. */
export async function receiveCallWebhook(
  ctx: MailContext,
  request: { headers: Record<string, string | string[] | undefined>; rawBody: string | Buffer },
): Promise<CallOutcome> {
  const secrets = [
    await ctx.secrets.get(WEBHOOK_SECRET_ACCOUNT),
    await ctx.secrets.get(WEBHOOK_PREVIOUS_SECRET_ACCOUNT),
  ].filter((s): s is string => typeof s === 'string' && s !== '');
  if (secrets.length === 0) {
    throw new SitedeskError(
      'webhook_not_configured',
      `the call webhook has no shared secret; set one with: sitedesk secrets set ${WEBHOOK_SECRET_ACCOUNT}`,
    );
  }
  const verify = createWebhookVerifier(
    { secrets },
    { clock: ctx.deps.clock, nonces: databaseNonces(ctx) },
  );
  const record = await verify(request);
  try {
    const clientId = await clientOfLine(ctx, record.line);
    return await createCall(ctx, clientId, record);
  } catch (error) {
    // Nothing was created: forget the event id, so the provider's retry (after the line or
    // the event is fixed) is not refused as a replay.
    await ctx.deps.db.deleteFrom('webhook_nonces').where('id', '=', record.eventId).execute();
    throw error;
  }
}

function createCall(ctx: MailContext, clientId: string, record: CallRecord): Promise<CallOutcome> {
  // How it came is kept apart from what was said, so each screen and mail words it in its language.
  const message = record.message ?? '';
  return createCallTask(
    ctx,
    {
      clientId,
      caller: record.callerName ?? 'Unknown caller',
      number: record.number,
      at: new Date(record.at).toISOString(),
      message,
      callbackWanted: record.callbackWanted,
      eventId: record.eventId,
      via: record.kind,
      ...(record.topic ? { topic: record.topic } : {}),
      ...(record.recordingUrl ? { recordingUrl: record.recordingUrl } : {}),
    },
    { actor: 'telephony' },
  );
}
