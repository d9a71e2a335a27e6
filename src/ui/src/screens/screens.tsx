import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { fetchEarly } from '../api/early.js';
import { lazyScreen, whenIdle } from '../parts/lazy-screen.js';
import { routeVisits } from '../parts/route.js';
import { MailingsScreen } from '../mailings/index.js';
import { lettersRoute } from '../letters/index.js';
import { taskListOpening } from './task-query.js';
import { Today } from './today.js';

/*
 * Today is the first screen and comes with the app; every other screen is a chunk of its own
 * (issue 15: the first screen's JavaScript well under its 80 KB budget), fetched ahead when the
 * browser is idle or the pointer rests on its menu entry (preloadScreen).
 */
const tasks = lazyScreen(() => import('./tasks.js').then((m) => m.Tasks));
const taskDetail = lazyScreen(() => import('./task-detail.js').then((m) => m.TaskDetail));
const clients = lazyScreen(() => import('./clients.js').then((m) => m.Clients));
const editor = lazyScreen(() => import('./editor.js').then((m) => m.Editor));
const regionUpdate = lazyScreen(() =>
  import('./region-update.js').then((m) => m.RegionUpdateScreen),
);
const schedules = lazyScreen(() => import('./schedules.js').then((m) => m.Schedules));
const system = lazyScreen(() => import('./system.js').then((m) => m.System));
const letters = lazyScreen(() => import('../letters/screen.js').then((m) => m.default));

// By the first part of the route; the task list also brings a task's page (its rows link there).
const byRoute: Record<string, { preload(): Promise<unknown> }[]> = {
  tasks: [tasks, taskDetail],
  clients: [clients],
  write: [editor],
  regions: [regionUpdate, clients],
  schedules: [schedules],
  system: [system],
  letters: [letters],
};

/** Fetches the chunks of the screen at `#/<route>` ahead (on hover or focus of a link to it). */
export function preloadScreen(route: string): void {
  for (const screen of byRoute[route] ?? []) void screen.preload().catch(() => undefined);
}

/**
 * Called once as the app starts, before "who am I" is answered: the screen it opens on is fetched
 * at once, and for the task list its data too (src/ui/src/api/early.ts), so the three waits run
 * side by side instead of one after the other.
 */
export function startAt(route: string[]): void {
  // Only the screen itself: its neighbours (a task's page beside the list) would take the line.
  if (route[0] === 'tasks') {
    void (route[1] ? taskDetail : tasks).preload().catch(() => undefined);
    if (!route[1]) taskListOpening.forEach(fetchEarly);
  } else preloadScreen(route[0] ?? '');
}

/** Picks the agency screen for the route. */
export function Screens({
  api,
  route,
}: {
  api: Api;
  route: string[];
  onSignedOut: () => void;
}): JSX.Element {
  useEffect(() => {
    // Once the first screen is up: the rest of the app, a chunk at a time, when nothing else runs.
    const all = Object.keys(byRoute);
    const next = (): void => {
      const route = all.shift();
      if (route === undefined) return;
      preloadScreen(route);
      whenIdle(next);
    };
    whenIdle(next);
  }, []);
  switch (route[0]) {
    case 'tasks':
      return route[1] ? (
        <taskDetail.Screen api={api} id={route[1]} bookMeeting={route[2] === 'meeting'} />
      ) : (
        <tasks.Screen api={api} />
      );
    case 'clients':
      return <clients.Screen api={api} />;
    case 'write':
      // Keyed by each move to an address: opening another text or request starts from a clean
      // editor, while a new text that is given its address once saved stays as it is.
      return (
        <editor.Screen
          key={`write-${routeVisits()}`}
          api={api}
          requestId={route[1] === 'request' ? route[2] : undefined}
          itemId={route[1] === 'item' ? route[2] : undefined}
        />
      );
    case 'regions':
      // Keyed by the region: another region starts from its own text.
      return route[1] ? (
        <regionUpdate.Screen key={route[1]} api={api} id={route[1]} />
      ) : (
        <clients.Screen api={api} />
      );
    case 'mailings':
      return route[1] ? (
        <MailingsScreen api={api} clientId={route[1]} mailingId={route[2]} />
      ) : (
        <clients.Screen api={api} />
      );
    case 'letters': {
      const at = lettersRoute(route);
      return at ? (
        <letters.Screen key={route.join('/')} api={api} {...at} />
      ) : (
        <clients.Screen api={api} />
      );
    }
    case 'schedules':
      return <schedules.Screen api={api} />;
    case 'system':
      return <system.Screen api={api} />;
    default:
      return <Today api={api} />;
  }
}
