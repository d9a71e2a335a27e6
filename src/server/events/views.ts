import { clientView } from '../../tasks/accounts/client-space.js';
import type { Publication, TaskEvent } from '../../tasks/index.js';

/** One event as served over SSE: its id, the client it concerns, and two views. */
export interface HubEvent {
  /**
   * The SSE `id`, increasing in the order events are served. On SQLite counted from 1 by the
   * process; on PostgreSQL the event's row in `live_events`, the same on every instance.
   */
  id: number;
  type: TaskEvent['type'];
  clientId: string | undefined;
  /** What agency users receive. */
  agency: unknown;
  /** What the client's link receives, or undefined when the client does not see this event. */
  client: unknown;
}

function publicationForClient(p: Publication): unknown {
  // No lastError for clients: remote messages are for the agency to read.
  return {
    id: p.id,
    taskId: p.taskId,
    siteId: p.siteId,
    state: p.state,
    url: p.url,
    updatedAt: p.updatedAt,
  };
}

/** `event` with id `id` as the hub serves it: the agency's view and the client's, if any. */
export function toHubEvent(id: number, clientId: string | undefined, event: TaskEvent): HubEvent {
  let client: unknown;
  if ('task' in event && (event.task.kind === 'site-edit' || event.task.kind === 'publish'))
    client = { type: event.type, task: clientView(event.task) };
  if ('publication' in event)
    client = { type: event.type, publication: publicationForClient(event.publication) };
  return { id, type: event.type, clientId, agency: event, client };
}
