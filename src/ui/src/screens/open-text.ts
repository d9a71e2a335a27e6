import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Client, Page, Task, TaskWithHistory, Thread } from '../api/types.js';
import type { EditorImage } from '../parts/image-drop.js';
import { draftOf, type ContentItem, type Draft } from './drafts.js';

/** A saved text back in the editor: its fields, images and the sites it goes to. */
export interface OpenedDraft {
  /** The item as saved (its revision is what the next change is based on). */
  item: ContentItem;
  /** Live on at least one site: changes reach the sites when it is published again. */
  published: boolean;
  fields: Draft;
  images: EditorImage[];
  siteIds: string[];
}

/** What the editor was opened on. */
export interface OpenedText {
  /** The client's request the text answers. */
  request?: Task;
  /** The saved text, when there is one. */
  draft?: OpenedDraft;
  error?: unknown;
}

/**
 * Loads what the editor was opened on: a saved text (`itemId`: the text, the request it
 * answers and the sites of its publish task) or a client's request (`requestId`: the request,
 * and its text when it has one already, so a second text is never started by mistake).
 */
export function useOpenText(
  api: Api,
  { requestId, itemId }: { requestId?: string; itemId?: string },
): OpenedText {
  const [opened, setOpened] = useState<OpenedText>({});
  useEffect(() => {
    if (!requestId && !itemId) return;
    let live = true;
    const load = async (): Promise<OpenedText> => {
      const request = requestId
        ? (await api.get<TaskWithHistory>(`/api/v1/tasks/${requestId}`)).task
        : undefined;
      const textId = itemId ?? request?.contentItemId ?? undefined;
      if (!textId) return { request };
      const [item, thread] = await Promise.all([
        api.get<ContentItem>(`/api/v1/content-items/${textId}`),
        api.get<Thread>(`/api/v1/content-items/${textId}/thread`),
      ]);
      const client = await api.get<Client>(`/api/v1/clients/${item.clientId}`);
      const [fields, images] = draftOf(item, client.timezone);
      // The sites chosen in the editor; texts saved before they were kept: their publish task's.
      const sites = item.siteIds.length ? item.siteIds : thread.task?.details.siteIds;
      const live = thread.task
        ? await api.get<Page<unknown>>(
            `/api/v1/publications?taskId=${thread.task.id}&state=published&limit=1`,
          )
        : undefined;
      return {
        request: request ?? thread.request,
        draft: {
          item,
          fields,
          images,
          siteIds: Array.isArray(sites) ? (sites as string[]) : [],
          published: Boolean(live?.items.length),
        },
      };
    };
    load().then(
      (result) => live && setOpened(result),
      (error: unknown) => live && setOpened({ error }),
    );
    return () => {
      live = false;
    };
  }, [api, requestId, itemId]);
  return opened;
}
