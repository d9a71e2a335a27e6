import { useEffect, useRef } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Page, Site, Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from './data.js';
import { regionTaskTitle, type TextKind } from './region-words.js';

/**
 * Titles of region update tasks for a task list (Today): a task is one when its text is of kind
 * `region`, so the newest texts are read once (one request) and again only when a task names a
 * text not seen yet. Other tasks get undefined (their own title shows).
 */
export function useRegionTitles(
  api: Api,
  tasks: Task[],
  sites: Site[] | undefined,
): (task: Task) => string | undefined {
  const { t } = useI18n();
  const texts = useData<Page<TextKind & { id: string }>>(api, '/api/v1/content-items?limit=200');
  const byId = new Map((texts.data?.items ?? []).map((x) => [x.id, x]));
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!texts.data) return;
    const unseen = tasks.flatMap((x) =>
      x.kind === 'publish' && x.contentItemId && !byId.has(x.contentItemId)
        ? [x.contentItemId]
        : [],
    );
    // A text made since the list was read (a region update just queued): read the list again,
    // once per such text, so an old text beyond the newest 200 does not make it read forever.
    if (unseen.some((id) => !asked.current.has(id))) {
      for (const id of unseen) asked.current.add(id);
      texts.reload();
    }
  }, [tasks, texts.data]);
  const siteNames = new Map((sites ?? []).map((s) => [s.id, s.name]));
  return (task) =>
    regionTaskTitle(
      task,
      t,
      task.contentItemId ? byId.get(task.contentItemId) : undefined,
      siteNames,
    );
}
