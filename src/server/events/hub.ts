import { createEventClientLookup, type TaskEvent, type TaskEvents } from '../../tasks/events.js';
import { toHubEvent, type HubEvent } from './views.js';

export type { HubEvent } from './views.js';

/** What a reconnecting stream is replayed. */
export interface Replay {
  events: HubEvent[];
  complete: boolean;
  /**
   * Every event with an id up to this one is in `events` or came before `lastId`: an event
   * heard live with such an id is not sent again.
   */
  after: number;
}

/** Recent events and live listeners; SSE connections read from it. */
export interface EventHub {
  /** Events after `lastId` still held; `complete` is false when some were already dropped. */
  since(lastId: number): Promise<Replay>;
  /** Calls `listener` for every later event, in id order; returns the function that stops it. */
  subscribe(listener: (event: HubEvent) => void): () => void;
  /** Resolves when every event received so far has been stored (tests). */
  settled(): Promise<void>;
  /** Stops listening to the task events. */
  close(): void;
}

/**
 * The hub of one instance (SQLite, or a PostgreSQL instance alone): listens to the task
 * service's event stream, numbers the events from 1 and keeps the last `size` (default 1000)
 * so a reconnecting browser (`Last-Event-ID`) loses nothing recent. The client of a
 * publication event is found from its site; lookups run one after another so order is kept.
 * Several instances on PostgreSQL share ids and replays instead: see shared-hub.ts.
 */
export function createEventHub(
  events: TaskEvents,
  deps: {
    clientOfSite: (siteId: string) => Promise<string | undefined>;
    size?: number;
    onError?: (error: unknown) => void;
  },
): EventHub {
  const size = deps.size ?? 1000;
  const ring: HubEvent[] = [];
  const listeners = new Set<(event: HubEvent) => void>();
  const clientOf = createEventClientLookup(deps.clientOfSite);
  let next = 1;
  let chain: Promise<void> = Promise.resolve();

  const record = async (event: TaskEvent): Promise<void> => {
    const clientId = await clientOf(event);
    const hubEvent = toHubEvent(next++, clientId, event);
    ring.push(hubEvent);
    if (ring.length > size) ring.shift();
    for (const listener of [...listeners]) listener(hubEvent);
  };

  const stop = events.on((event) => {
    chain = chain.then(() => record(event)).catch((error: unknown) => deps.onError?.(error));
  });

  return {
    async since(lastId) {
      const first = ring[0];
      return {
        events: ring.filter((e) => e.id > lastId),
        complete: lastId >= next - 1 || (first !== undefined && first.id <= lastId + 1),
        // Counted here: every later event gets a higher id, whatever `lastId` was.
        after: next - 1,
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => chain,
    close: stop,
  };
}
