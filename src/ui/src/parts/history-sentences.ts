// The history of a task as sentences a secretary reads: who did what, naming the site and the
// person, in the user's language; never an internal event code. Pure (no DOM, no hooks), so the
// unit tests call it directly; parts/history.tsx only renders the lines.
import type { MessageKey } from '../i18n/en.js';
import { deliveryReason } from './call-delivery.js';
import { forwardCause } from './mail-causes.js';
import { publicationSentence } from './history-publications.js';
import {
  count,
  isOneOf,
  reasonOf,
  record,
  siteName,
  strings,
  text,
  type Changes,
  type HistoryContext,
  type HistoryItem,
  type HistoryLine,
  type Translate,
} from './history-words.js';

export type {
  HistoryContext,
  HistoryItem,
  HistoryLine,
  HistorySite,
  Translate,
} from './history-words.js';
export { siteName } from './history-words.js';

const statuses = [
  'open',
  'in_progress',
  'waiting_client',
  'approved',
  'scheduled',
  'done',
  'failed',
  'cancelled',
] as const;
type Status = (typeof statuses)[number];
const priorities = ['low', 'normal', 'high', 'urgent'] as const;

/** Actors that are sitedesk itself (its workers, the schedule, the mail and phone intake). */
const systemActors = new Set(['system', 'runner', 'scheduler', 'telephony', 'calls']);
const systemPrefixes = ['schedule:', 'mail:', 'system:', 'runner:'];

/** Detail fields a "changed the details" sentence names. */
const detailFields = [
  'request',
  'siteId',
  'message',
  'caller',
  'number',
  'callbackWanted',
  'subject',
  'body',
  'attachments',
  'contentItemId',
] as const;

/** The actions of publication entries (what the runner and the secretary do to one site). */
const publicationActions = new Set([
  'created',
  'attempt',
  'published',
  'updated',
  'retry_scheduled',
  'failed',
  'cancelled',
  'retry_now',
  'resumed',
  'taken_over',
  'went_live',
  'start_reached',
  'ended',
  'end_failed',
  'verified',
  'verify_failed',
]);

/** The person of an entry: a user as is, a client by name, sitedesk's own workers as "sitedesk". */
export function personName(actor: string, ctx: HistoryContext, t: Translate): string {
  if (actor.startsWith('client:'))
    return ctx.client
      ? t('history.actor.client', { name: ctx.client.name })
      : t('history.actor.someClient');
  if (systemActors.has(actor) || systemPrefixes.some((p) => actor.startsWith(p)))
    return t('history.actor.system');
  return actor;
}

/** The entity of an entry; older answers without `entity` are told by their changes. */
function entityOf(e: HistoryItem, c: Changes): string {
  if (e.entity) return e.entity;
  if (typeof c.siteId === 'string' && publicationActions.has(e.action) && !c.status)
    return 'publication';
  return 'task';
}

const withNote = (t: Translate, sentence: string, note: string | undefined): string =>
  note ? t('history.withNote', { text: sentence, note }) : sentence;

/** The client's decision as the history holds it: `changes.decision`, or the old English note. */
function decisionOf(c: Changes): { decision: 'approve' | 'reject'; comment?: string } | undefined {
  const comment = text(c.comment);
  if (c.decision === 'approve' || c.decision === 'reject')
    return { decision: c.decision, ...(comment ? { comment } : {}) };
  const old = /^(approved|rejected) by the client(?::\s*([\s\S]*))?$/.exec(text(c.note) ?? '');
  if (!old) return undefined;
  const said = comment ?? text(old[2]);
  return {
    decision: old[1] === 'approved' ? 'approve' : 'reject',
    ...(said ? { comment: said } : {}),
  };
}

function statusSentence(e: HistoryItem, c: Changes, who: string, t: Translate): string {
  const status = record(c.status);
  let from: unknown = status?.from;
  let to: unknown = status?.to;
  const fromAction = /^status:([a-z_]+)->([a-z_]+)$/.exec(e.action);
  if (!isOneOf(statuses, from) || !isOneOf(statuses, to)) [, from, to] = fromAction ?? [];
  const note = text(c.note);
  // Older databases hold the runner's English note instead of a reason.
  const reason =
    text(c.reason) ?? (note === 'publications settled' ? 'publications-settled' : undefined);
  if (reason === 'publications-settled') {
    const settled: Partial<Record<Status, MessageKey>> = {
      failed: 'history.status.settledFailed',
      cancelled: 'history.status.settledCancelled',
      scheduled: 'history.status.settledRetry',
    };
    return t((isOneOf(statuses, to) && settled[to]) || 'history.status.settledDone');
  }
  if (reason === 'thread-live') return t('history.status.threadLive');
  if (note === 'text supplied') return t('history.status.textSupplied', { who });
  const decision = decisionOf(c);
  if (decision) {
    const round = count(c.round);
    const key: MessageKey =
      decision.decision === 'approve'
        ? round === undefined
          ? 'history.status.approved'
          : 'history.status.approvedRound'
        : round === undefined
          ? 'history.status.rejected'
          : 'history.status.rejectedRound';
    return withNote(t, t(key, { who, round: round ?? '' }), decision.comment);
  }
  const moved =
    isOneOf(statuses, from) && isOneOf(statuses, to)
      ? t('history.status', { who, from: t(`status.${from}`), to: t(`status.${to}`) })
      : t('history.status.unknown', { who });
  return withNote(t, moved, note ?? text(c.comment));
}

function taskCreated(c: Changes, who: string, t: Translate): string {
  switch (c.source) {
    case 'client':
      return t('history.task.createdByClient', { who });
    case 'mail':
      return t('history.task.createdFromMail', { who });
    case 'schedule':
      return t('history.task.createdFromSchedule', { who });
    default:
      return t('history.task.created', { who });
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The sentences of a change of a task's details (`{ from, to }` of the whole details). */
function detailSentences(
  change: Changes,
  who: string,
  ctx: HistoryContext,
  t: Translate,
): string[] {
  const from = record(change.from) ?? {};
  const to = record(change.to) ?? {};
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter(
    (k) => !same(from[k], to[k]),
  );
  const out: string[] = [];
  const fields: string[] = [];
  for (const key of keys) {
    const next = to[key];
    if (key === 'replies') {
      const before = Array.isArray(from.replies) ? from.replies.length : 0;
      const added = (Array.isArray(next) ? next.slice(before) : []).map(record);
      for (const reply of added)
        out.push(t('history.task.reply', { who, to: strings(reply?.to).join(', ') }));
    } else if (key === 'urgent') {
      const urgent = record(next);
      if (urgent?.state === 'forwarded')
        out.push(t('history.task.urgentForwarded', { who, to: text(urgent.to) ?? '' }));
      else if (urgent?.state === 'failed')
        out.push(t('history.task.urgentFailed', { reason: reasonOf(urgent.detail) ?? '?' }));
      else if (urgent?.state === 'no-address') out.push(t('history.task.urgentNoAddress'));
      else if (urgent?.state === 'pending' && record(from.urgent)?.state !== 'pending')
        out.push(t('history.task.urgentAgain', { who, to: text(urgent.to) ?? '' }));
      else if (urgent?.state === 'retrying')
        out.push(
          t('history.task.urgentRetrying', { reason: t(forwardCause(text(urgent.detail) ?? '')) }),
        );
      else fields.push(t('history.field.other'));
    } else if (key === 'delivery') {
      const delivery = record(next);
      const stored = reasonOf(delivery?.detail);
      const reason = stored === undefined ? '?' : deliveryReason(stored, t);
      if (delivery?.state === 'sent')
        out.push(
          t(
            delivery.how === 'digest'
              ? 'history.task.deliverySentDigest'
              : 'history.task.deliverySent',
            { who },
          ),
        );
      else if (delivery?.state === 'failed') out.push(t('history.task.deliveryFailed', { reason }));
      else if (delivery?.state === 'not-sent')
        out.push(t('history.task.deliveryNotSent', { reason }));
      else if (delivery?.state === 'waiting' && stored !== undefined)
        out.push(t('history.task.deliveryWaiting', { reason }));
      else fields.push(t('history.field.other'));
    } else if (key === 'siteIds') {
      out.push(sitesSentence({ from: from.siteIds, to: next }, who, ctx, t));
    } else {
      fields.push(t(isOneOf(detailFields, key) ? `history.field.${key}` : 'history.field.other'));
    }
  }
  const named = [...new Set(fields)];
  if (named.length) out.push(t('history.task.details', { who, fields: named.join(', ') }));
  return out;
}

/** Sites added to a publishing task (or, when some were taken away, the new list). */
function sitesSentence(change: Changes, who: string, ctx: HistoryContext, t: Translate): string {
  const before = strings(change.from);
  const after = strings(change.to);
  const added = after.filter((id) => !before.includes(id));
  const onlyAdded = before.every((id) => after.includes(id)) && added.length > 0;
  const names = (onlyAdded ? added : after).map((id) => siteName(id, ctx, t)).join(', ');
  return t(onlyAdded ? 'history.task.sitesAdded' : 'history.task.sitesChanged', {
    who,
    sites: names,
  });
}

function taskUpdated(c: Changes, who: string, ctx: HistoryContext, t: Translate): string {
  const out: string[] = [];
  let other = false;
  for (const [key, value] of Object.entries(c)) {
    const change = record(value);
    const to = change?.to;
    if (key === 'title' && text(to)) out.push(t('history.task.title', { who, title: String(to) }));
    else if (key === 'priority' && isOneOf(priorities, to))
      out.push(t('history.task.priority', { who, priority: t(`priority.${to}`) }));
    else if ((key === 'due_at' || key === 'dueAt') && change)
      out.push(
        text(to)
          ? t('history.task.due', { who, when: ctx.dateTime(String(to)) })
          : t('history.task.dueCleared', { who }),
      );
    else if (key === 'assignee' && change)
      out.push(
        text(to)
          ? t('history.task.assignee', { who, assignee: String(to) })
          : t('history.task.assigneeCleared', { who, assignee: text(change.from) ?? '' }),
      );
    else if (key === 'details' && change) out.push(...detailSentences(change, who, ctx, t));
    else if (key === 'siteIds' && change) out.push(sitesSentence(change, who, ctx, t));
    else other = true;
  }
  if (other || out.length === 0) out.unshift(t('history.task.updated', { who }));
  return out.join('; ');
}

function approvalSent(c: Changes, who: string, ctx: HistoryContext, t: Translate): string {
  const round = count(c.round);
  let sentence =
    round === undefined
      ? t('history.approvalSentNoRound', { who })
      : t('history.approvalSent', { who, round });
  const sites = strings(c.siteIds).map((id) => siteName(id, ctx, t));
  if (sites.length)
    sentence = t('history.approvalSites', { text: sentence, sites: sites.join(', ') });
  if (c.publishWhenApproved === true) sentence = t('history.approvalPublishes', { text: sentence });
  return withNote(t, sentence, text(c.note));
}

function taskSentence(
  e: HistoryItem,
  c: Changes,
  who: string,
  ctx: HistoryContext,
  t: Translate,
): string | undefined {
  if (e.action.startsWith('status:') || (e.action === 'status' && c.status))
    return statusSentence(e, c, who, t);
  switch (e.action) {
    case 'created':
      return taskCreated(c, who, t);
    case 'updated':
      return taskUpdated(c, who, ctx, t);
    case 'approval-sent':
      return approvalSent(c, who, ctx, t);
    case 'text-started': {
      const title = text(c.title);
      return title
        ? t('history.textStarted', { who, title })
        : t('history.textStartedNoTitle', { who });
    }
    case 'meeting:booked': {
      const when = text(c.start);
      return when
        ? t('history.meeting.booked', { who, when: ctx.dateTime(when) })
        : t('history.meeting.bookedNoTime', { who });
    }
    case 'meeting:moved': {
      const start = (c.start ?? {}) as { from?: unknown; to?: unknown };
      const from = text(start.from);
      const to = text(start.to);
      return from && to
        ? t('history.meeting.moved', { who, from: ctx.dateTime(from), to: ctx.dateTime(to) })
        : t('history.meeting.movedNoTime', { who });
    }
    case 'meeting:cancelled':
      return t('history.meeting.cancelled', { who });
    default:
      return undefined;
  }
}

function contentItemSentence(e: HistoryItem, c: Changes, who: string, t: Translate) {
  const title = text(c.title);
  if (e.action === 'created')
    return title
      ? t('history.text.created', { who, title })
      : t('history.text.createdNoTitle', { who });
  if (e.action === 'updated') {
    if (c.text === 'supplied')
      return title
        ? t('history.text.supplied', { who, title })
        : t('history.text.suppliedNoTitle', { who });
    return t('history.text.updated', { who });
  }
  return undefined;
}

function scheduleSentence(
  e: HistoryItem,
  c: Changes,
  who: string,
  ctx: HistoryContext,
  t: Translate,
): string | undefined {
  switch (e.action) {
    case 'created': {
      const name = text(c.name);
      return name
        ? t('history.schedule.created', { who, name })
        : t('history.schedule.createdNoName', { who });
    }
    case 'updated':
      return t('history.schedule.updated', { who });
    case 'deleted':
      return t('history.schedule.deleted', { who });
    case 'enabled':
      return t('history.schedule.enabled', { who });
    case 'disabled':
      return c.reason === 'client archived'
        ? t('history.schedule.disabledArchived')
        : t('history.schedule.disabled', { who });
    case 'dispatched':
      return t('history.schedule.dispatched', { count: strings(c.fired).length });
    case 'rescheduled': {
      const next = text(record(c.nextRunAt)?.to);
      return next
        ? t('history.schedule.rescheduled', { when: ctx.dateTime(next) })
        : t('history.schedule.rescheduledNone');
    }
    case 'text_supplied':
      return t('history.schedule.textSupplied', { who, date: text(c.date) ?? '' });
    default:
      return undefined;
  }
}

function siteOrClientSentence(
  e: HistoryItem,
  c: Changes,
  who: string,
  ctx: HistoryContext,
  t: Translate,
): string | undefined {
  if (e.entity === 'client') {
    if (e.action === 'created')
      return t('history.client.created', { who, name: text(c.name) ?? ctx.client?.name ?? '' });
    if (e.action === 'updated') return t('history.client.updated', { who });
    if (e.action === 'archived') return t('history.client.archived', { who });
    if (e.action === 'removed') return t('history.client.removed', { who });
    return undefined;
  }
  const site = siteName(e.entityId, ctx, t, c);
  const keys: Record<string, MessageKey> = {
    created: 'history.siteEntity.created',
    updated: 'history.siteEntity.updated',
    archived: 'history.siteEntity.archived',
    deleted: 'history.siteEntity.deleted',
  };
  const key = keys[e.action];
  return key ? t(key, { who, site }) : undefined;
}

/** One entry as a sentence; an action this does not know reads "Jana changed this". */
export function historySentence(e: HistoryItem, ctx: HistoryContext, t: Translate): string {
  const c = record(e.changes) ?? {};
  const who = personName(e.actor, ctx, t);
  const entity = entityOf(e, c);
  const sentence =
    entity === 'publication'
      ? publicationSentence(e, c, who, ctx, t)
      : entity === 'content_item'
        ? contentItemSentence(e, c, who, t)
        : entity === 'schedule'
          ? scheduleSentence(e, c, who, ctx, t)
          : entity === 'client' || entity === 'site'
            ? siteOrClientSentence(e, c, who, ctx, t)
            : taskSentence(e, c, who, ctx, t);
  return sentence ?? t('history.generic', { who });
}

const publicationKey = (e: HistoryItem): string =>
  e.entityId ?? String(record(e.changes)?.siteId ?? e.id);

/**
 * The history as lines, oldest first: a publishing attempt whose outcome is already recorded
 * is left out (the outcome says it), and so is the move to "waiting for the client" of a
 * version sent for approval; the sites one person asked to publish to at once share a
 * line, and identical sentences of one person in a row show once with a count.
 */
export function historyLines(
  entries: readonly HistoryItem[],
  ctx: HistoryContext,
  t: Translate,
): HistoryLine[] {
  const isPublication = (e: HistoryItem) => entityOf(e, record(e.changes) ?? {}) === 'publication';
  const attemptDone = (e: HistoryItem, i: number): boolean =>
    isPublication(e) &&
    e.action === 'attempt' &&
    entries
      .slice(i + 1)
      .some((later) => isPublication(later) && publicationKey(later) === publicationKey(e));
  // Sending a version for approval moves its task to "waiting for the client" in the same change.
  const sentForApproval = (e: HistoryItem): boolean =>
    e.action.endsWith('->waiting_client') &&
    !text(record(e.changes)?.note) &&
    entries.some((o) => o.action === 'approval-sent' && o.actor === e.actor && o.at === e.at);
  const shown = entries.filter((e, i) => !attemptDone(e, i) && !sentForApproval(e));
  const lines: (HistoryLine & { actor: string; sentence: string })[] = [];
  for (let i = 0; i < shown.length; i++) {
    const e = shown[i] as HistoryItem;
    let sentence: string;
    if (isPublication(e) && e.action === 'created') {
      // One request for several sites writes one entry per site, at the same moment.
      const sites = [siteName(record(e.changes)?.siteId, ctx, t)];
      while (i + 1 < shown.length) {
        const next = shown[i + 1] as HistoryItem;
        if (
          !isPublication(next) ||
          next.action !== 'created' ||
          next.actor !== e.actor ||
          next.at !== e.at
        )
          break;
        sites.push(siteName(record(next.changes)?.siteId, ctx, t));
        i++;
      }
      const who = personName(e.actor, ctx, t);
      sentence = t('history.pub.requested', { who, sites: sites.join(', ') });
    } else sentence = historySentence(e, ctx, t);
    const last = lines[lines.length - 1];
    if (last && last.actor === e.actor && last.sentence === sentence) {
      last.count++;
      last.at = e.at;
      last.text = t('history.repeated', { text: sentence, count: last.count });
    } else lines.push({ id: e.id, at: e.at, text: sentence, count: 1, actor: e.actor, sentence });
  }
  return lines.map(({ id, at, text: line, count: n }) => ({ id, at, text: line, count: n }));
}
