import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import { routeVisits } from '../parts/route.js';
import { MailingsScreen } from '../mailings/index.js';
import { Clients } from './clients.js';
import { Editor } from './editor.js';
import { RegionUpdateScreen } from './region-update.js';
import { Schedules } from './schedules.js';
import { System } from './system.js';
import { TaskDetail } from './task-detail.js';
import { Tasks } from './tasks.js';
import { Today } from './today.js';

/** Picks the agency screen for the route. */
export function Screens({
  api,
  route,
}: {
  api: Api;
  route: string[];
  onSignedOut: () => void;
}): JSX.Element {
  switch (route[0]) {
    case 'tasks':
      return route[1] ? <TaskDetail api={api} id={route[1]} /> : <Tasks api={api} />;
    case 'clients':
      return <Clients api={api} />;
    case 'write':
      // Keyed by each move to an address: opening another text or request starts from a clean
      // editor, while a new text that is given its address once saved stays as it is.
      return (
        <Editor
          key={`write-${routeVisits()}`}
          api={api}
          requestId={route[1] === 'request' ? route[2] : undefined}
          itemId={route[1] === 'item' ? route[2] : undefined}
        />
      );
    case 'regions':
      // Keyed by the region: another region starts from its own text.
      return route[1] ? (
        <RegionUpdateScreen key={route[1]} api={api} id={route[1]} />
      ) : (
        <Clients api={api} />
      );
    case 'mailings':
      return route[1] ? (
        <MailingsScreen api={api} clientId={route[1]} mailingId={route[2]} />
      ) : (
        <Clients api={api} />
      );
    case 'schedules':
      return <Schedules api={api} />;
    case 'system':
      return <System api={api} />;
    default:
      return <Today api={api} />;
  }
}
