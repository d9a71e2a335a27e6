import type { TaskEvents } from '../events.js';
import type { PublicationDelivery } from '../publishing/runner/runner.js';
import type { Logger } from '../../shared/logger.js';
import { messageOf } from '../../shared/errors.js';

/**
 * Asks the queue for every publication that becomes due in this process (created, retried,
 * rescheduled after a failure, taken over), at its due time. Runs in every instance that
 * changes publications — an API-only one too. Answers the function that stops it.
 */
export function feedPublications(
  events: TaskEvents,
  delivery: PublicationDelivery,
  logger: Logger,
  now: () => number,
): () => void {
  return events.on((event) => {
    if (event.type !== 'publication.created' && event.type !== 'publication.updated') return;
    const { publication } = event;
    if (publication.state !== 'pending') return;
    const at = publication.nextAttemptAt ? Date.parse(publication.nextAttemptAt) : now();
    // A failed ask is not lost: the workers' sweep asks again for anything overdue.
    delivery
      .enqueue(publication.id, at)
      .catch((error: unknown) =>
        logger.warn(
          { publicationId: publication.id, reason: messageOf(error) },
          'could not hand the publication to the job queue; a worker will find it',
        ),
      );
  });
}
