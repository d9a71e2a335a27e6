import type { TaskStatus } from './schemas/common.js';
import type { Publication, Task } from './types.js';

/** A change of a task or a publication, emitted after its transaction committed. */
export type TaskEvent =
  | { type: 'task.created'; task: Task; actor: string }
  | { type: 'task.updated'; task: Task; actor: string; fields: string[] }
  | { type: 'task.status'; task: Task; actor: string; from: TaskStatus; to: TaskStatus }
  | { type: 'publication.created'; publication: Publication; actor: string }
  | { type: 'publication.updated'; publication: Publication; actor: string };

/** A listener; it must not throw (a throwing listener is reported, the others still run). */
export type TaskEventListener = (event: TaskEvent) => void;

/** The in-process stream of task and publication changes (the API serves it live over SSE). */
export interface TaskEvents {
  /** Calls `listener` for every later event; returns the function that stops it. */
  on(listener: TaskEventListener): () => void;
  /** Every later event as an async iterator, until `signal` aborts or the loop breaks. */
  stream(signal?: AbortSignal): AsyncIterableIterator<TaskEvent>;
  /** Sends `event` to every listener (called by the services after commit). */
  emit(event: TaskEvent): void;
}

/** Creates an event stream; `onListenerError` hears about listeners that threw. */
export function createTaskEvents(onListenerError: (error: unknown) => void = () => {}): TaskEvents {
  const listeners = new Set<TaskEventListener>();
  const on = (listener: TaskEventListener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    on,
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    stream(signal) {
      const queue: TaskEvent[] = [];
      let wake: (() => void) | undefined;
      let done = signal?.aborted ?? false;
      const stop = on((event) => {
        queue.push(event);
        wake?.();
      });
      const finish = (): void => {
        done = true;
        stop();
        wake?.();
      };
      signal?.addEventListener('abort', finish, { once: true });
      const iterator: AsyncIterableIterator<TaskEvent> = {
        async next() {
          while (queue.length === 0 && !done) await new Promise<void>((r) => (wake = r));
          wake = undefined;
          const event = queue.shift();
          return event ? { value: event, done: false } : { value: undefined, done: true };
        },
        async return() {
          finish();
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
  };
}

/** Finds the client a task or publication event concerns (undefined for none). */
export type EventClientLookup = (event: TaskEvent) => Promise<string | undefined>;

/**
 * The client of an event: a task names it; a publication names its site, whose client is looked
 * up once per site with `clientOfSite` and remembered (a site never moves to another client).
 */
export function createEventClientLookup(
  clientOfSite: (siteId: string) => Promise<string | undefined>,
): EventClientLookup {
  const siteClients = new Map<string, string | undefined>();
  return async (event) => {
    if ('task' in event) return event.task.clientId;
    // Events relayed from other instances are checked only loosely: look before reading.
    const siteId: unknown = 'publication' in event ? event.publication?.siteId : undefined;
    if (typeof siteId !== 'string') return undefined;
    if (!siteClients.has(siteId)) siteClients.set(siteId, await clientOfSite(siteId));
    return siteClients.get(siteId);
  };
}
