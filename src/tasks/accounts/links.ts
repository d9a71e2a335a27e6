import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { idSchema } from '../schemas/common.js';
import { invalid, parseInput } from '../validate.js';
import { hashToken, newToken } from './crypto.js';
import { isoAt, type AccountsDeps, type Principal } from './types.js';

const DAY_MS = 86_400_000;

/** Input of createClientLink: a label and how many days it lasts (default 90, at most 366). */
export const createClientLinkSchema = z.strictObject({
  label: z.string().trim().min(1).max(200).default('private link'),
  expiresInDays: z.number().int().min(1).max(366).default(90),
});

/** A client link as listed (never its token). */
export interface ClientLinkInfo {
  id: string;
  clientId: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /** When it last opened the client's space (kept to the minute), null if never. */
  lastUsedAt: string | null;
}

/** Which links listClientLinks returns: every one, or only the live ones (not revoked, not expired). */
export const linkStates = ['all', 'live'] as const;
export type LinkState = (typeof linkStates)[number];

/** How often a link's last use is written, at most: once a minute (a write per request is waste). */
const LAST_USED_STEP_MS = 60_000;

/** Makes a private link for a client; the 256-bit token is in the answer only this once. */
export async function createClientLink(
  deps: AccountsDeps,
  clientId: string,
  input: z.input<typeof createClientLinkSchema>,
  createdBy: string,
): Promise<ClientLinkInfo & { token: string }> {
  const data = parseInput(createClientLinkSchema, input, 'client link');
  // One transaction with the check, so archiving the client (which refuses while a link is
  // live, in its own transaction) cannot slip in between.
  return deps.db.transaction().execute(async (trx) => {
    const client = await trx
      .selectFrom('clients')
      .select(['id', 'archived_at'])
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (!client) throw new NotFoundError(`No client with id ${clientId}.`);
    if (client.archived_at !== null)
      throw new ConflictError(
        `Client ${clientId} was removed (archived), so it gets no new private link: its space stays closed.`,
      );
    const token = newToken('sdc_');
    const row = {
      id: deps.newId(),
      token_hash: hashToken(token),
      client_id: clientId,
      label: data.label,
      created_by: createdBy,
      created_at: isoAt(deps),
      expires_at: isoAt(deps, data.expiresInDays * DAY_MS),
      revoked_at: null,
      last_used_at: null,
    };
    await trx.insertInto('client_links').values(row).execute();
    return { ...linkFromRow(row), token };
  });
}

function linkFromRow(row: {
  id: string;
  client_id: string;
  label: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}): ClientLinkInfo {
  return {
    id: row.id,
    clientId: row.client_id,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/**
 * The links of a client, newest first; `live` keeps only those that still open the client's
 * space. A client may have several live links at once (a new one does not end the older ones).
 */
export async function listClientLinks(
  deps: AccountsDeps,
  clientId: string,
  state: LinkState = 'all',
): Promise<ClientLinkInfo[]> {
  let query = deps.db
    .selectFrom('client_links')
    .select(['id', 'client_id', 'label', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('client_id', '=', clientId);
  if (state === 'live')
    query = query.where('revoked_at', 'is', null).where('expires_at', '>', isoAt(deps));
  const rows = await query.orderBy('id', 'desc').execute();
  return rows.map(linkFromRow);
}

/** Revokes a link at once. */
export async function revokeClientLink(deps: AccountsDeps, id: string): Promise<void> {
  const result = await deps.db
    .updateTable('client_links')
    .set({ revoked_at: isoAt(deps) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError(`No live client link with id ${id}.`);
}

/** Why a link token did not open anything. */
export type LinkRefusal = 'unknown' | 'expired' | 'revoked';

/**
 * The client a link token opens, or why not. A link of a removed (archived) client answers
 * like a revoked one: the client's space is closed.
 */
export async function linkPrincipal(
  deps: AccountsDeps,
  token: string,
): Promise<Principal | LinkRefusal> {
  const row = await deps.db
    .selectFrom('client_links as l')
    .innerJoin('clients as c', 'c.id', 'l.client_id')
    .select(['l.id', 'l.client_id', 'l.expires_at', 'l.revoked_at', 'l.last_used_at'])
    .select('c.archived_at')
    .where('l.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return 'unknown';
  if (row.revoked_at !== null || row.archived_at !== null) return 'revoked';
  const now = isoAt(deps);
  if (row.expires_at <= now) return 'expired';
  if (row.last_used_at === null || row.last_used_at <= isoAt(deps, -LAST_USED_STEP_MS))
    await deps.db
      .updateTable('client_links')
      .set({ last_used_at: now })
      .where('id', '=', row.id)
      .execute();
  return { kind: 'client', clientId: row.client_id, linkId: row.id };
}

/** Input of createPreview. */
export const createPreviewSchema = z.strictObject({
  /** The task awaiting the client's approval of this preview. */
  taskId: idSchema.optional(),
  expiresInDays: z.number().int().min(1).max(90).default(14),
});

/** A stored preview (what the preview page needs). */
export interface PreviewInfo {
  id: string;
  contentItemId: string;
  taskId: string | null;
  expiresAt: string;
}

/** Makes an unguessable preview token for a content item; shown only this once. */
export async function createPreview(
  deps: AccountsDeps,
  contentItemId: string,
  input: z.input<typeof createPreviewSchema>,
  createdBy: string,
): Promise<PreviewInfo & { token: string }> {
  const data = parseInput(createPreviewSchema, input, 'preview');
  const item = await deps.db
    .selectFrom('content_items')
    .select(['id', 'client_id'])
    .where('id', '=', contentItemId)
    .executeTakeFirst();
  if (!item) throw new NotFoundError(`No content item with id ${contentItemId}.`);
  if (data.taskId !== undefined) {
    const task = await deps.db
      .selectFrom('tasks')
      .select('client_id')
      .where('id', '=', data.taskId)
      .executeTakeFirst();
    if (!task || task.client_id !== item.client_id)
      throw invalid('preview', [
        { path: 'taskId', message: 'no task of this item’s client has this id' },
      ]);
  }
  const token = newToken('sdp_');
  const row = {
    id: deps.newId(),
    token_hash: hashToken(token),
    content_item_id: contentItemId,
    task_id: data.taskId ?? null,
    created_by: createdBy,
    created_at: isoAt(deps),
    expires_at: isoAt(deps, data.expiresInDays * DAY_MS),
  };
  await deps.db.insertInto('previews').values(row).execute();
  return { id: row.id, contentItemId, taskId: row.task_id, expiresAt: row.expires_at, token };
}

/** The preview a token opens, or undefined (unknown or expired). */
export async function findPreview(
  deps: AccountsDeps,
  token: string,
): Promise<PreviewInfo | undefined> {
  const row = await deps.db
    .selectFrom('previews')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= isoAt(deps)) return undefined;
  return {
    id: row.id,
    contentItemId: row.content_item_id,
    taskId: row.task_id,
    expiresAt: row.expires_at,
  };
}
