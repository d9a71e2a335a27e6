import type { JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { RequestBody } from '../api/schema.js';
import type { ClientLink, NewClientLink, Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';

/** How a copy ended: on the clipboard, or only selected for Ctrl+C. */
type Copied = 'copied' | 'selected';

/**
 * Puts `text` on the clipboard. The Clipboard API needs a secure context (HTTPS or localhost);
 * sitedesk on a home network is often plain http://, so the field's text is then selected and
 * copied the old way, and when even that is refused it stays selected for Ctrl+C.
 */
async function copyText(text: string, field: HTMLInputElement | null): Promise<Copied> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // Refused (no permission, page not focused): fall back to the selection.
  }
  field?.focus();
  field?.select();
  try {
    return document.execCommand('copy') ? 'copied' : 'selected';
  } catch {
    return 'selected';
  }
}

/** One live link: who it is for, when it was made, last opened and valid until; Revoke. */
function LinkRow(props: { link: ClientLink; isNew: boolean; onRevoke: () => void }): JSX.Element {
  const { t, dateTime } = useI18n();
  const id = useId();
  const { link } = props;
  const used = link.lastUsedAt
    ? t('linkLastOpened', { date: dateTime(link.lastUsedAt) })
    : t('linkNotOpened');
  return (
    <li>
      <span class="task-line" id={id}>
        <span>
          {link.label} {props.isNew && <span class="kind">{t('linkNewMark')}</span>}
        </span>
        <span class="meta">
          {t('linkMadeOn', { date: dateTime(link.createdAt) })} · {used} ·{' '}
          {t('linkValidUntil', { date: dateTime(link.expiresAt) })}
        </span>
      </span>
      <button type="button" aria-describedby={id} onClick={props.onRevoke}>
        {t('revokeLink')}
      </button>
    </li>
  );
}

/**
 * A client's private links on the Clients screen (issue 13): a new link at any time (older ones
 * keep working until revoked, and the screen says so), Copy for the new one, and the live links
 * with the last time each opened the client's page, each with Revoke.
 */
export function ClientLinks({ api, clientId }: { api: Api; clientId: string }): JSX.Element {
  const { t } = useI18n();
  const links = useData<Page<ClientLink>>(api, `/api/v1/clients/${clientId}/links?state=live`);
  const [made, setMade] = useState<{ id: string; url: string; others: number } | undefined>();
  const [copied, setCopied] = useState<Copied | undefined>();
  const [busy, setBusy] = useState(false);
  const [forWhom, setForWhom] = useState('');
  const [error, setError] = useState<string | undefined>();
  const field = useRef<HTMLInputElement>(null);
  const live = links.data?.items ?? [];
  const make = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.send<NewClientLink>('POST', `/api/v1/clients/${clientId}/links`, {
        label: forWhom.trim() || t('linkLabel'),
        expiresInDays: 90,
      } satisfies RequestBody<'/api/v1/clients/{id}/links', 'post'>);
      setForWhom('');
      // The token sits after # so the browser never sends it to the server in a URL.
      setMade({ id: res.id, url: `${location.origin}/#/c/${res.token}`, others: live.length });
      setCopied(undefined);
      links.reload();
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: string): Promise<void> => {
    setError(undefined);
    try {
      await api.send('DELETE', `/api/v1/client-links/${id}`);
      if (made?.id === id) setMade(undefined);
      links.reload();
    } catch (err) {
      setError(formErrors(err, t).general);
    }
  };
  const copy = async (): Promise<void> => {
    if (made) setCopied(await copyText(made.url, field.current));
  };
  return (
    <div class="subcard">
      <h3>{t('privateLinks')}</h3>
      <p class="help">{t('linksExplain')}</p>
      <ErrorBox message={error ?? (links.error ? formErrors(links.error, t).general : undefined)} />
      {made && (
        <div class="ok-box">
          <div class="field">
            <span>{t('linkMade')}</span>
            <input
              ref={field}
              class="link-out"
              readOnly
              value={made.url}
              aria-label={t('privateLinks')}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <button type="button" onClick={() => void copy()}>
            {t('copy')}
          </button>
          {/* Always in the page, so a screen reader hears the change. */}
          <div role="status" class={copied === 'copied' ? 'ok' : ''}>
            {copied === 'copied'
              ? t('linkCopied')
              : copied === 'selected'
                ? t('linkSelectedToCopy')
                : ''}
          </div>
          {made.others > 0 && <div class="meta">{t('linkOlderStillWork')}</div>}
        </div>
      )}
      {links.data && (
        <>
          <h4>{t('linksLive')}</h4>
          {live.length === 0 ? (
            <p class="muted">{t('linksNoneLive')}</p>
          ) : (
            <ul class="rows">
              {live.map((l) => (
                <LinkRow
                  key={l.id}
                  link={l}
                  isNew={l.id === made?.id}
                  onRevoke={() => void revoke(l.id)}
                />
              ))}
            </ul>
          )}
        </>
      )}
      <form onSubmit={(e) => void make(e)}>
        <Field label={t('linkForWhom')}>
          {(p) => (
            <input
              {...p}
              name="linkFor"
              maxLength={200}
              value={forWhom}
              onInput={(e) => setForWhom(valueOf(e))}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {live.length > 0 ? t('linkMakeAnother') : t('makeLink')}
        </button>
      </form>
    </div>
  );
}
