import { Component, type JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import {
  taskKinds,
  taskStatuses,
  type Client,
  type Page,
  type Site,
  type Task,
} from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData, useLive } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';
import { useRegionTitles } from '../parts/region-task-title.js';
import { clientMap, StatusBadge, TaskLine } from '../parts/task-bits.js';
import { QuickAdd } from './quick-add.js';
import { useNarrow } from '../parts/narrow.js';
import { MailCallMeta } from './mail-call-meta.js';
import { defaultTaskFilters, taskQuery, type TaskFilters } from './task-query.js';

/**
 * Rows drawn before the first paint: more than a tall screen shows (a row is about 3 lines);
 * the rest of the page follows a frame later (bench/tasklist.ts measures both).
 */
const FIRST_ROWS = 30;

interface TaskRowProps {
  task: Task;
  clients: Map<string, Client>;
  title: string | undefined;
  /** The words of the link to book a meeting from a call or mail. */
  bookLabel: string;
}

/**
 * One row, drawn again only when its task, the clients or its title changed: the list is drawn
 * once per answer that arrives (tasks, clients, sites, texts), and a hundred rows each time
 * were most of the list's first render (bench/tasklist.ts).
 */
class TaskRow extends Component<TaskRowProps> {
  override shouldComponentUpdate(next: TaskRowProps): boolean {
    const now = this.props;
    return (
      next.task !== now.task ||
      next.clients !== now.clients ||
      next.title !== now.title ||
      next.bookLabel !== now.bookLabel
    );
  }

  override render(): JSX.Element {
    const { task, clients, title, bookLabel } = this.props;
    const bookable =
      (task.kind === 'call' || task.kind === 'mail') &&
      (task.status === 'open' || task.status === 'in_progress');
    return (
      <li>
        <span class="task-line">
          <TaskLine task={task} clients={clients} title={title} />
          <MailCallMeta task={task} clients={clients} />
        </span>
        <StatusBadge status={task.status} />
        {bookable && <a href={`#/tasks/${task.id}/meeting`}>{bookLabel}</a>}
      </li>
    );
  }
}

/** The task list: filters, search in titles, quick add. */
export function Tasks({ api }: { api: Api }): JSX.Element {
  const { t } = useI18n();
  const [f, setF] = useState<TaskFilters>(defaultTaskFilters);
  const clients = useData<Page<Client>>(api, '/api/v1/clients');
  const tasks = useData<Page<Task>>(api, taskQuery(f));
  // Further pages (keyset cursor) appended below the first; a new filter starts over.
  const [more, setMore] = useState<{ key: string; items: Task[]; next?: string | undefined }>({
    key: '',
    items: [],
  });
  const key = taskQuery(f);
  const extra = more.key === key ? more : { key, items: [], next: tasks.data?.nextCursor };
  const next = more.key === key ? more.next : tasks.data?.nextCursor;
  const loadMore = async (): Promise<void> => {
    if (!next) return;
    const page = await api.get<Page<Task>>(`${key}&cursor=${encodeURIComponent(next)}`);
    setMore({ key, items: [...extra.items, ...page.items], next: page.nextCursor });
  };
  useLive(api, () => tasks.reload());
  // The first screenful of rows is drawn at once, the rest of the page on the next frame.
  const [allDrawn, setAllDrawn] = useState(false);
  useEffect(() => {
    if (allDrawn || !tasks.data) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setAllDrawn(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [allDrawn, tasks.data]);
  const byId = useMemo(() => clientMap(clients.data?.items), [clients.data]);
  const set = (key: keyof TaskFilters) => (e: Event) => setF({ ...f, [key]: valueOf(e) });
  const needle = f.q.trim().toLowerCase();
  const shown = [...(tasks.data?.items ?? []), ...extra.items].filter(
    (x) => !needle || x.title.toLowerCase().includes(needle),
  );
  // "Update opening hours on Bakery website" rather than the text's publish title.
  const sites = useData<Page<Site>>(api, '/api/v1/sites');
  const regionTitle = useRegionTitles(api, shown, sites.data?.items);
  const narrow = useNarrow();
  const moreFilters = (
    <>
      <Field label={t('filterClient')}>
        {(p) => (
          <select {...p} value={f.clientId} onChange={set('clientId')}>
            <option value="">{t('anyOption')}</option>
            {(clients.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('filterKind')}>
        {(p) => (
          <select {...p} value={f.kind} onChange={set('kind')}>
            <option value="">{t('anyOption')}</option>
            {taskKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('filterStatus')}>
        {(p) => (
          <select {...p} value={f.status} onChange={set('status')}>
            <option value="open,in_progress,waiting_client,approved">{t('notFinished')}</option>
            <option value="">{t('anyOption')}</option>
            {taskStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('filterDue')}>
        {(p) => (
          <select {...p} value={f.due} onChange={set('due')}>
            <option value="">{t('anyOption')}</option>
            <option value="today">{t('dueToday')}</option>
            <option value="week">{t('dueWeek')}</option>
          </select>
        )}
      </Field>
      <Field label={t('listOrder')}>
        {(p) => (
          <select {...p} name="order" value={f.order} onChange={set('order')}>
            <option value="created">{t('listNewest')}</option>
            <option value="due">{t('listDue')}</option>
          </select>
        )}
      </Field>
      <Field label={t('listPageSize')}>
        {(p) => (
          <select {...p} name="limit" value={f.limit} onChange={set('limit')}>
            {['25', '50', '100', '200'].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
  return (
    <>
      <h1>{t('tasksTitle')}</h1>
      <QuickAdd api={api} clients={clients.data?.items ?? []} onAdded={tasks.reload} />
      <form
        class="card filters"
        role="search"
        aria-label={t('filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label={t('search')}>
          {(p) => (
            <input
              {...p}
              type="search"
              placeholder={t('searchHint')}
              value={f.q}
              onInput={set('q')}
            />
          )}
        </Field>
        {narrow ? (
          // On a phone the search stays and the other filters fold, so the list comes first.
          <details class="more-filters">
            <summary>{t('moreFilters')}</summary>
            <div class="filters">{moreFilters}</div>
          </details>
        ) : (
          moreFilters
        )}
      </form>
      <ErrorBox message={tasks.error ? formErrors(tasks.error, t).general : undefined} />
      <section class="card" aria-live="polite">
        {!tasks.data ? (
          <p>{t('loading')}</p>
        ) : shown.length === 0 ? (
          <p class="muted">{t('noTasks')}</p>
        ) : (
          <ul class="rows" aria-label={t('tasksTitle')}>
            {(allDrawn ? shown : shown.slice(0, FIRST_ROWS)).map((x) => (
              <TaskRow
                key={x.id}
                task={x}
                clients={byId}
                title={regionTitle(x)}
                bookLabel={t('mtgBookFromList')}
              />
            ))}
          </ul>
        )}
        {next && (
          <button type="button" onClick={() => void loadMore()}>
            {t('loadMore')}
          </button>
        )}
      </section>
    </>
  );
}
