import type { SharedEvent, SharedEventSource } from '../../tasks/queue/index.js';
import type { EventHub } from './hub.js';
import { toHubEvent, type HubEvent } from './views.js';

const served = (e: SharedEvent): HubEvent => toHubEvent(e.id, e.clientId, e.event);

/**
 * The hub of an instance among several on PostgreSQL (issue 22): events come from the event
 * relay with the ids of their rows in the shared buffer `live_events`, this instance's own as
 * well, in id order; replays read that buffer, so a browser that reconnects to any instance
 * gets what it missed. Keeps nothing in memory: the buffer is the one place.
 */
export function createSharedEventHub(source: SharedEventSource): EventHub {
  const listeners = new Set<(event: HubEvent) => void>();
  const stop = source.onShared((event) => {
    const hubEvent = served(event);
    for (const listener of [...listeners]) listener(hubEvent);
  });
  return {
    async since(lastId) {
      const { events, complete } = await source.since(lastId);
      // Ids are the buffer's: `lastId` is one of them when complete (its row is still there),
      // else it may be anything (a reset follows) and only the replayed ids count.
      const last = events.at(-1)?.id ?? 0;
      return {
        events: events.map(served),
        complete,
        after: complete ? Math.max(lastId, last) : last,
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => source.settled(),
    close: stop,
  };
}
