import type { TaskEvents } from '../events.js';
import type { PublicationDelivery } from '../publishing/runner/runner.js';
import type { Logger } from '../../shared/logger.js';
import { messageOf } from '../../shared/errors.js';

/**
 * Asks the queue for every publication that becomes due in this process (created, retried,
 * rescheduled after a failure, taken over), at its due time. Runs in every instance that
 * changes publications — an API-only one too. `heardFromOthers` tells the events another
 * instance made (relayed, src/tasks/queue/event-relay.ts) apart: that instance asked for them,
 * and asking again from every instance only made duplicate jobs. Answers the function that
 * stops it.
 */
export function feedPublications(
  events: TaskEvents,
  delivery: PublicationDelivery,
  logger: Logger,
  now: () => number,
  heardFromOthers: () => boolean = () => false,
): () => void {
  return events.on((event) => {
    if (event.type !== 'publication.created' && event.type !== 'publication.updated') return;
    if (heardFromOthers()) return;
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
