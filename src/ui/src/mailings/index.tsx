/**
 * The mailings screen (issue 24), loaded only when it opens: the first screen's JavaScript
 * budget (src/ui/vite.config.ts) is full, so the screen and its words are a chunk of their own,
 * like the text editor.
 */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';

/** Props of the mailings screen. */
export interface MailingsProps {
  api: Api;
  clientId: string;
  /** The mailing shown open (its progress and result), if any. */
  mailingId?: string | undefined;
}

let loaded: ComponentType<MailingsProps> | undefined;
let loading: Promise<ComponentType<MailingsProps>> | undefined;
const load = (): Promise<ComponentType<MailingsProps>> =>
  (loading ??= import('./screen.js').then((m) => (loaded = m.default)));

/** The client's mailings; a short "…" while the chunk loads. */
export function MailingsScreen(props: MailingsProps): JSX.Element {
  const [Screen, setScreen] = useState<ComponentType<MailingsProps> | undefined>(() => loaded);
  useEffect(() => {
    if (Screen) return;
    let live = true;
    void load().then((c) => live && setScreen(() => c));
    return () => {
      live = false;
    };
  }, [Screen]);
  return Screen ? <Screen {...props} /> : <p class="center-note">…</p>;
}
