/**
 * The client's letterheads: each can be changed or removed (after a question in words), and a
 * form adds another. What a removal means for letters already written: docs/letters.md.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { LetterheadForm } from './letterhead-form.js';
import type { Letterhead } from './types.js';
import { useWords, type W } from './words.js';

/** The API's answer to a removal. */
interface Removal {
  outcome: 'deleted' | 'archived';
  letters: number;
}

const summary = (h: Letterhead, w: W): string =>
  [
    h.language === 'cs' ? w('langCs') : w('langEn'),
    h.paper === 'A4' ? 'A4' : w('paperLetter'),
    h.addressLayout === 'din5008' ? w('layoutWindow') : w('layoutPlain'),
    w('signedBy', { name: h.signature.name }),
    h.hasLogo ? w('withLogo') : '',
  ]
    .filter(Boolean)
    .join(' · ');

/** The client's letterheads, and a form for another. */
export function Letterheads({
  api,
  clientId,
  heads,
  onChanged,
}: {
  api: Api;
  clientId: string;
  heads: Letterhead[] | undefined;
  onChanged: () => void;
}): JSX.Element {
  const w = useWords();
  const [editing, setEditing] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const removed = (name: string, r: Removal): string =>
    r.outcome === 'archived'
      ? w('headRemovedKept', { name, count: r.letters })
      : w('headRemoved', { name });
  return (
    <section class="card" aria-labelledby="letterheads">
      <h2 id="letterheads">{w('headsTitle')}</h2>
      {notice && (
        <p class="ok" role="status">
          {notice}
        </p>
      )}
      {heads?.length === 0 && <p class="muted">{w('headsNone')}</p>}
      <ul class="rows">
        {(heads ?? []).map((h) => (
          <li key={h.id} class="letterhead-row">
            <span class="task-line">
              <span class="task-title">{h.name}</span>
              <span class="meta">{summary(h, w)}</span>
              <span class="meta pre">{h.sender.join('\n')}</span>
            </span>
            <div class="buttons">
              {editing !== h.id && (
                <button
                  type="button"
                  aria-label={w('headEditNamed', { name: h.name })}
                  onClick={() => {
                    setNotice(undefined);
                    setEditing(h.id);
                  }}
                >
                  {w('edit')}
                </button>
              )}
              <ConfirmButton
                label={w('headRemove')}
                question={w('headRemoveQuestion', { name: h.name })}
                inUse={w('headInUse')}
                onConfirm={async () => {
                  const r = await api.send<Removal>(
                    'DELETE',
                    `/api/v1/clients/${clientId}/letterheads/${h.id}`,
                  );
                  setEditing(undefined);
                  setNotice(removed(h.name, r));
                  onChanged();
                }}
              />
            </div>
            {editing === h.id && (
              <LetterheadForm
                api={api}
                clientId={clientId}
                head={h}
                onSaved={() => {
                  setEditing(undefined);
                  setNotice(w('headSaved', { name: h.name }));
                  onChanged();
                }}
                onCancel={() => setEditing(undefined)}
              />
            )}
          </li>
        ))}
      </ul>
      <details class="add-site" open={heads?.length === 0}>
        <summary>{w('headAdd')}</summary>
        <LetterheadForm api={api} clientId={clientId} onSaved={onChanged} />
      </details>
    </section>
  );
}
