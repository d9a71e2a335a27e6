/** The task list's filters and the API query they make (tasks.tsx; fetched early by screens.tsx). */

export interface TaskFilters {
  clientId: string;
  kind: string;
  status: string;
  due: '' | 'today' | 'week';
  q: string;
  /** `created`: newest first (the default, so new mail and calls are on top); `due`: soonest due first. */
  order: 'created' | 'due';
  limit: string;
}

/** What the list shows when it opens: unfinished tasks, newest first, 100 at a time. */
export const defaultTaskFilters: TaskFilters = {
  clientId: '',
  kind: '',
  status: 'open,in_progress,waiting_client,approved',
  due: '',
  q: '',
  order: 'created',
  limit: '100',
};

/** GET path of the first page of tasks matching `f` (the search `q` filters in the page). */
export function taskQuery(f: TaskFilters): string {
  const q = new URLSearchParams({ order: f.order, limit: f.limit });
  if (f.clientId) q.set('clientId', f.clientId);
  if (f.kind) q.set('kind', f.kind);
  if (f.status) q.set('status', f.status);
  if (f.due) {
    const d = new Date();
    d.setHours(23, 59, 59, 999);
    if (f.due === 'week') d.setDate(d.getDate() + 7);
    q.set('dueTo', d.toISOString());
  }
  return '/api/v1/tasks?' + q.toString();
}

/** Everything the task list asks for when it opens with the default filters. */
export const taskListOpening = [
  '/api/v1/clients',
  taskQuery(defaultTaskFilters),
  '/api/v1/sites',
  '/api/v1/content-items?limit=200',
];
