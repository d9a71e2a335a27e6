import type { JSX } from 'preact';
import { ApiError, type Api } from '../api/client.js';
import type { Client } from '../api/types.js';
import { useData } from '../parts/data.js';
import { syncWords } from './meeting-card.js';
import { clock } from './time.js';
import type { MeetingView } from './types.js';
import { useWords } from './words.js';

/** Props of Today's meetings. */
export interface TodayMeetingsProps {
  api: Api;
  clients: Map<string, Client>;
}

/** Today's date on the secretary's calendar (YYYY-MM-DD); the API reads it in each client's zone. */
function today(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Today's meetings, per client, on each client's clock, each linking to its task. */
export default function TodayMeetings({ api, clients }: TodayMeetingsProps): JSX.Element | null {
  const { w, lang } = useWords();
  const list = useData<{ meetings: MeetingView[] }>(api, `/api/v1/meetings?day=${today()}`);
  // A server started without meetings: Today says nothing of them.
  if (list.error instanceof ApiError && list.error.status === 503) return null;
  const meetings = list.data?.meetings ?? [];
  const byClient = new Map<string, MeetingView[]>();
  for (const m of meetings) byClient.set(m.clientId, [...(byClient.get(m.clientId) ?? []), m]);
  return (
    <section aria-labelledby="today-meetings" class="card">
      <h2 id="today-meetings">
        {w('todayTitle')} <span class="count">{meetings.length}</span>
      </h2>
      {list.error ? <p class="failure">{w('todayUnreadable')}</p> : null}
      {list.data && meetings.length === 0 && <p class="muted">{w('todayNone')}</p>}
      {[...byClient.entries()].map(([clientId, items]) => (
        <div key={clientId} class="today-client-meetings">
          <h3>{clients.get(clientId)?.name ?? '…'}</h3>
          <ul class="rows">
            {items.map((m) => {
              const sync = syncWords(m, w);
              return (
                <li key={m.id}>
                  <span class="task-line">
                    <span>
                      <strong>
                        {clock(m.start, m.timezone, lang)}–{clock(m.end, m.timezone, lang)}
                      </strong>{' '}
                      <a href={`#/tasks/${m.taskId}`}>{m.title}</a>
                    </span>
                    <span class="meta">
                      {w('with', { person: m.person.name })}
                      {m.location ? ` · ${m.location}` : ''}
                    </span>
                    {sync.failed && <span class="failure">{sync.text}</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
