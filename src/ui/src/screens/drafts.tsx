import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import type { EditorImage } from '../parts/image-drop.js';

/** What the editor's fields hold (times as the client's wall clock, `YYYY-MM-DDTHH:mm`). */
export interface Draft {
  clientId: string;
  title: string;
  slug: string;
  excerpt: string;
  tags: string;
  markdown: string;
  startsAt: string;
  endsAt: string;
  publishAt: string;
}

/** An empty editor. */
export const blankDraft: Draft = {
  clientId: '',
  title: '',
  slug: '',
  excerpt: '',
  tags: '',
  markdown: '',
  startsAt: '',
  endsAt: '',
  publishAt: '',
};

/** Saved drafts to reopen (waits for `GET /api/v1/content-items`). */
export function Drafts(_props: {
  api: Api;
  onOpen: (draft: Draft, images: EditorImage[]) => void;
}): JSX.Element | null {
  return null;
}
