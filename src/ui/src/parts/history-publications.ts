// The history of one site's publication as sentences: requested, tried, published or failed (a
// stored cause said in her words), taken down, checked live.
import { causeSentence, fixedUnderSites, readFailure } from './publish-cause.js';
import {
  count,
  endLeadIns,
  reasonOf,
  siteName,
  text,
  verifyLeadIns,
  type Changes,
  type HistoryContext,
  type HistoryItem,
  type Translate,
} from './history-words.js';

/** A publication entry as a sentence, or undefined for an action this does not know. */
export function publicationSentence(
  e: HistoryItem,
  c: Changes,
  who: string,
  ctx: HistoryContext,
  t: Translate,
): string | undefined {
  const site = siteName(c.siteId, ctx, t);
  const url = text(c.url);
  const when = text(c.next_attempt_at);
  switch (e.action) {
    case 'created':
      return t('history.pub.requested', { who, sites: site });
    case 'attempt': {
      const n = count(c.attempts);
      return n !== undefined && n > 1
        ? t('history.pub.attemptAgain', { site, count: n })
        : t('history.pub.attempt', { site });
    }
    case 'published':
    case 'updated':
      if (c.state === 'scheduled') return t('history.pub.scheduled', { site });
      if (e.action === 'published')
        return url
          ? t('history.pub.publishedAt', { site, url })
          : t('history.pub.published', { site });
      return url ? t('history.pub.updatedAt', { site, url }) : t('history.pub.updated', { site });
    case 'retry_scheduled':
    case 'failed': {
      // A stored cause is said in her words (it already says when a busy site is tried again).
      const failure = typeof c.last_error === 'string' ? readFailure(c.last_error) : undefined;
      if (failure && failure.cause !== 'unknown') {
        // Sentences that end "… save it for this site under" name the screen (a link elsewhere).
        const where = fixedUnderSites.has(failure.cause) ? ` ${t('navClients')}` : '';
        const reason = causeSentence(failure, t, ctx.dateTime) + where;
        return t('history.pub.failed', { site, reason });
      }
      const reason = reasonOf(c.last_error);
      if (!reason) return t('history.pub.failedNoReason', { site });
      if (e.action === 'failed') return t('history.pub.failed', { site, reason });
      return when
        ? t('history.pub.retry', { site, reason, when: ctx.dateTime(when) })
        : t('history.pub.retrySoon', { site, reason });
    }
    case 'cancelled':
      return t('history.pub.cancelled', { who, site });
    case 'retry_now':
      return t('history.pub.retryNow', { who, site });
    case 'resumed':
      return t('history.pub.resumed', { site });
    case 'conflict_decided':
      return c.choice === 'theirs'
        ? t('history.pub.conflictTheirs', { who, site })
        : c.choice === 'ours'
          ? t('history.pub.conflictOurs', { who, site })
          : t('history.pub.conflictEdit', { who, site });
    case 'taken_over':
      return t('history.pub.takenOver', { site });
    case 'went_live':
      return t('history.pub.wentLive', { site });
    case 'start_reached':
      return t('history.pub.startReached', { site });
    case 'ended':
      return t('history.pub.ended', { site });
    case 'end_failed': {
      const reason = reasonOf(c.last_error, endLeadIns) ?? '?';
      return when
        ? t('history.pub.endFailed', { site, reason, when: ctx.dateTime(when) })
        : t('history.pub.endFailedSoon', { site, reason });
    }
    case 'verified':
      return t('history.pub.verified', { site });
    case 'verify_failed': {
      const reason = reasonOf(c.last_error, verifyLeadIns);
      const checks = count(c.verify_attempts);
      if (c.next_verify_at === null && checks !== undefined)
        return t('history.pub.gaveUp', { site, count: checks, reason: reason ?? '?' });
      return reason
        ? t('history.pub.notConfirmed', { site, reason })
        : t('history.pub.notConfirmedNoReason', { site });
    }
    default:
      return undefined;
  }
}
