import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import type { RegisterEntry } from './types.js';
import { useWords } from './words.js';

/** `2026-12-05` in her language's way of writing a day. */
export function day(iso: string, lang: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang === 'cs' ? 'cs-CZ' : 'en-GB', {
    timeZone: 'UTC',
  });
}

/** A file name from a letter number (`2026/014` → `2026-014.pdf`). */
const fileOf = (number: string): string =>
  `${number.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'letter'}.pdf`;

/** The client's register: every letter that went out, searchable, each PDF, and CSV export. */
export function Register({ api, clientId }: { api: Api; clientId: string }): JSX.Element {
  const { t, lang } = useI18n();
  const w = useWords();
  const [q, setQ] = useState('');
  const query = q.trim() ? `?q=${encodeURIComponent(q.trim())}` : '';
  const list = useData<{ items: RegisterEntry[] }>(
    api,
    `/api/v1/clients/${clientId}/letter-register${query}`,
  );
  const items = list.data?.items ?? [];
  return (
    <section class="card register" aria-labelledby="register">
      <h2 id="register">{w('registerTitle')}</h2>
      <div class="row3">
        <Field label={w('registerSearch')} help={w('registerSearchHelp')}>
          {(p) => <input {...p} type="search" value={q} onInput={(e) => setQ(valueOf(e))} />}
        </Field>
      </div>
      <p>
        <a
          class="button"
          href={`/api/v1/clients/${clientId}/letter-register/export${query}`}
          download="letters.csv"
        >
          {w('registerCsv')}
        </a>
      </p>
      <ErrorBox message={list.error ? formErrors(list.error, t).general : undefined} />
      {list.data && items.length === 0 && (
        <p class="muted">{q.trim() ? w('registerNoMatch') : w('registerNone')}</p>
      )}
      {items.length > 0 && (
        <ul class="rows register-rows">
          {items.map((e) => (
            <li key={e.taskId}>
              <span class="task-line">
                <span class="task-title">
                  <strong>{e.number}</strong> · {e.subject}
                </span>
                <span class="meta">
                  {day(e.dated, lang)} · {e.recipient}
                  {e.email ? ` <${e.email}>` : ''} ·{' '}
                  {e.method === 'email' ? w('byMail') : w('byPost')}
                </span>
              </span>
              <span class="links">
                <a href={`#/letters/${clientId}/l/${e.taskId}`}>{w('openLetter')}</a>{' '}
                <a href={`/api/v1/letters/${e.taskId}/pdf`} download={fileOf(e.number)}>
                  {w('registerPdf')}
                </a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
