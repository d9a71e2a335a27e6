import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Answer, RequestBody } from '../api/schema.js';
import type { Mailbox, Page } from '../api/types.js';
import { useI18n, type T } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { useData } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { MailboxEndButtons } from './mailbox-archive.js';

type Security = 'tls' | 'starttls' | 'plain';

/** How the app sends one of a mailbox's servers (the answer's servers fit it too). */
type Server = RequestBody<'/api/v1/mailboxes', 'post'>['settings']['imap'];

/** POST /api/v1/mailboxes/:id/check. */
type CheckAnswer = Answer<'/api/v1/mailboxes/{id}/check', 'post'>;
type CheckPart = CheckAnswer['imap'];

const DEFAULT_PORTS: Record<Security, { imap: number; smtp: number }> = {
  tls: { imap: 993, smtp: 465 },
  starttls: { imap: 143, smtp: 587 },
  plain: { imap: 143, smtp: 25 },
};

const securityOf = (s: Server): Security =>
  s.secure ? 'tls' : s.starttls === 'never' ? 'plain' : 'starttls';

function serverOf(host: string, port: string, security: Security, user: string): Server {
  return {
    host: host.trim(),
    port: Number(port),
    secure: security === 'tls',
    starttls: security === 'plain' ? 'never' : 'required',
    ...(user.trim() ? { user: user.trim() } : {}),
  };
}

/** The technical answer of one side of the check, said as what to do. */
function causeOf(part: CheckPart): MessageKey {
  const d = part.detail;
  if (/no password|password_missing/i.test(d)) return 'mbxCauseNoPassword';
  if (/STARTTLS/i.test(d)) return 'mbxCauseStarttls';
  if (/login refused|authenticat|password|invalid credentials|EAUTH|\bAUTH/i.test(d))
    return 'mbxCauseLogin';
  if (/no folder/i.test(d)) return 'mbxCauseFolder';
  if (/certificate|SSL|TLS|wrong version/i.test(d)) return 'mbxCauseTls';
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|timed? ?out|ECONNRESET|connect|closed/i.test(d))
    return 'mbxCauseUnreachable';
  return 'mbxCauseOther';
}

/** The result of a test, one sentence per side, the server's words folded away. */
function CheckWords({ check, t }: { check: CheckAnswer; t: T }): JSX.Element {
  const line = (part: CheckPart, side: 'imap' | 'smtp'): JSX.Element => (
    <li class={part.ok ? 'ok' : 'failure'}>
      {t(side === 'imap' ? 'mbxReceive' : 'mbxSend', {
        words: part.ok ? t(side === 'imap' ? 'mbxOkImap' : 'mbxOkSmtp') : t(causeOf(part)),
      })}
    </li>
  );
  return (
    <div class="mailbox-check" role="status">
      {check.ok && <p>{t('mbxAllWorks')}</p>}
      <ul>
        {line(check.imap, 'imap')}
        {line(check.smtp, 'smtp')}
      </ul>
      <details>
        <summary>{t('technicalDetails')}</summary>
        <span class="pre">
          IMAP: {check.imap.detail}
          {'\n'}SMTP: {check.smtp.detail}
        </span>
      </details>
    </div>
  );
}

/** A mailbox id from its address: `shop@bakery.example` → `shop-bakery-example`. */
function idFrom(address: string): string {
  const slug = address
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90);
  return slug.length >= 2 ? slug : `mailbox-${slug}`;
}

/** Add (no `box`) or change a mailbox; saving tests it and says the result in words. */
function MailboxForm(props: {
  api: Api;
  clientId: string;
  box?: Mailbox;
  onSaved: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const s = props.box?.settings;
  const [v, setV] = useState({
    address: s?.address ?? '',
    displayName: s?.displayName ?? '',
    user: s?.imap.user ?? '',
    password: '',
    imapHost: s?.imap.host ?? '',
    imapPort: String(s?.imap.port ?? 993),
    imapSec: s ? securityOf(s.imap) : ('tls' as Security),
    smtpHost: s?.smtp.host ?? '',
    smtpPort: String(s?.smtp.port ?? 465),
    smtpSec: s ? securityOf(s.smtp) : ('tls' as Security),
    inbox: s?.inbox ?? 'INBOX',
    sentFolder: s?.sentFolder ?? 'Sent',
  });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState<string | undefined>();
  const [check, setCheck] = useState<CheckAnswer | undefined>();
  const [cleared, setCleared] = useState(false);
  const set = (key: keyof typeof v) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const setSec = (side: 'imap' | 'smtp') => (e: Event) => {
    const sec = valueOf(e) as Security;
    const port = side === 'imap' ? 'imapPort' : 'smtpPort';
    setV({ ...v, [side + 'Sec']: sec, [port]: String(DEFAULT_PORTS[sec][side]) });
  };
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setErrors({ fields: {} });
    setCheck(undefined);
    setBusy(t('saving'));
    const settings = {
      address: v.address.trim(),
      ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
      imap: serverOf(v.imapHost, v.imapPort, v.imapSec, v.user),
      smtp: serverOf(v.smtpHost, v.smtpPort, v.smtpSec, v.user),
      inbox: v.inbox.trim() || 'INBOX',
      sentFolder: v.sentFolder.trim() || 'Sent',
    };
    const password = v.password ? { password: v.password } : {};
    try {
      let id = props.box?.id;
      if (id) {
        const changed = await props.api.send<Answer<'/api/v1/mailboxes/{id}', 'patch'>>(
          'PATCH',
          `/api/v1/mailboxes/${id}`,
          { settings, ...password },
        );
        setCleared(changed.passwordCleared);
      } else {
        id = idFrom(settings.address);
        await props.api.send('POST', '/api/v1/mailboxes', {
          clientId: props.clientId,
          settings: { id, ...settings },
          ...password,
        });
      }
      setV({ ...v, password: '' });
      setBusy(t('mbxSavedTesting'));
      props.onSaved();
      setCheck(await props.api.send<CheckAnswer>('POST', `/api/v1/mailboxes/${id}/check`));
    } catch (err) {
      setErrors(formErrors(err, t, ['settings.address', 'settings.imap', 'settings.smtp']));
    } finally {
      setBusy(undefined);
    }
  };
  const server = (side: 'imap' | 'smtp'): JSX.Element => {
    const host = side === 'imap' ? 'imapHost' : 'smtpHost';
    const port = side === 'imap' ? 'imapPort' : 'smtpPort';
    return (
      <fieldset>
        <legend>{t(side === 'imap' ? 'mbxIncoming' : 'mbxOutgoing')}</legend>
        <div class="row3">
          <Field label={t('mbxHost')} error={errors.fields[`settings.${side}`]}>
            {(p) => (
              <input
                {...p}
                name={`${side}Host`}
                required
                placeholder={`${side}.example.com`}
                value={v[host]}
                onInput={set(host)}
              />
            )}
          </Field>
          <Field label={t('mbxSecurity')}>
            {(p) => (
              <select
                {...p}
                name={`${side}Security`}
                value={side === 'imap' ? v.imapSec : v.smtpSec}
                onChange={setSec(side)}
              >
                <option value="tls">{t('mbxSecTls')}</option>
                <option value="starttls">{t('mbxSecStarttls')}</option>
                <option value="plain">{t('mbxSecPlain')}</option>
              </select>
            )}
          </Field>
          <Field label={t('mbxPort')}>
            {(p) => (
              <input
                {...p}
                name={`${side}Port`}
                type="number"
                min={1}
                max={65535}
                required
                value={v[port]}
                onInput={set(port)}
              />
            )}
          </Field>
        </div>
      </fieldset>
    );
  };
  return (
    <form class="mailbox-form" onSubmit={submit}>
      <ErrorBox message={errors.general} />
      <div class="row3">
        <Field label={t('mbxAddress')} error={errors.fields['settings.address']}>
          {(p) => (
            <input
              {...p}
              name="mailboxAddress"
              type="email"
              required
              value={v.address}
              onInput={set('address')}
            />
          )}
        </Field>
        <Field label={t('mbxDisplayName')}>
          {(p) => (
            <input {...p} name="displayName" value={v.displayName} onInput={set('displayName')} />
          )}
        </Field>
      </div>
      <div class="row3">
        <Field label={t('mbxUser')}>
          {(p) => (
            <input
              {...p}
              name="mailboxUser"
              autoComplete="off"
              value={v.user}
              onInput={set('user')}
            />
          )}
        </Field>
        <Field
          label={t('mbxPassword')}
          help={props.box?.hasPassword ? t('mbxPasswordKeep') : t('mbxPasswordHelp')}
        >
          {(p) => (
            <input
              {...p}
              name="mailboxPassword"
              type="password"
              autoComplete="new-password"
              required={!props.box?.hasPassword}
              value={v.password}
              onInput={set('password')}
            />
          )}
        </Field>
      </div>
      {server('imap')}
      {server('smtp')}
      <details>
        <summary>{t('mbxMore')}</summary>
        <div class="row3">
          <Field label={t('mbxInbox')}>
            {(p) => <input {...p} name="inbox" value={v.inbox} onInput={set('inbox')} />}
          </Field>
          <Field label={t('mbxSent')}>
            {(p) => (
              <input {...p} name="sentFolder" value={v.sentFolder} onInput={set('sentFolder')} />
            )}
          </Field>
        </div>
      </details>
      <button type="submit" class="primary" disabled={busy !== undefined}>
        {t('mbxSave')}
      </button>
      {busy && <p aria-live="polite">{busy}</p>}
      {cleared && <p class="failure">{t('mbxPasswordCleared')}</p>}
      {check && <CheckWords check={check} t={t} />}
    </form>
  );
}

function MailboxRow({
  api,
  box,
  onChanged,
}: {
  api: Api;
  box: Mailbox;
  onChanged: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<CheckAnswer | undefined>();
  const [error, setError] = useState<string | undefined>();
  const s = box.settings;
  const test = async (): Promise<void> => {
    setTesting(true);
    setError(undefined);
    try {
      setCheck(await api.send<CheckAnswer>('POST', `/api/v1/mailboxes/${box.id}/check`));
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setTesting(false);
    }
  };
  const known = ['healthy', 'unhealthy', 'starting', 'stopped'];
  const state = box.archivedAt
    ? 'archived'
    : box.health.state === 'not running'
      ? 'stopped'
      : known.includes(box.health.state)
        ? box.health.state
        : 'other';
  return (
    <li class="mailbox">
      <span class="task-line">
        <strong>{s.displayName ? `${s.displayName} <${s.address}>` : s.address}</strong>
        <span class="meta">
          IMAP {s.imap.host}:{s.imap.port} · SMTP {s.smtp.host}:{s.smtp.port} ·{' '}
          {t(box.hasPassword ? 'mbxHasPassword' : 'mbxNoPassword')}
        </span>
        <span class="meta">{t('mbxHealth', { state: t(`mbxState.${state}` as MessageKey) })}</span>
      </span>
      <div class="buttons">
        <button type="button" onClick={() => void test()} disabled={testing}>
          {testing ? t('mbxTesting') : t('mbxTest')}
        </button>
        <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t('mbxChange')}
        </button>
        <MailboxEndButtons
          api={api}
          id={box.id}
          address={s.address}
          archivedAt={box.archivedAt}
          onChanged={onChanged}
        />
      </div>
      <ErrorBox message={error} />
      {check && <CheckWords check={check} t={t} />}
      {editing && <MailboxForm api={api} clientId={box.clientId} box={box} onSaved={onChanged} />}
    </li>
  );
}

/**
 * A client's mailboxes on the Clients screen (issue 24): list, add, change, test, remove.
 * Nothing when the server runs without mail (503).
 */
export function ClientMailboxes({
  api,
  clientId,
}: {
  api: Api;
  clientId: string;
}): JSX.Element | null {
  const { t } = useI18n();
  const boxes = useData<Page<Mailbox>>(api, '/api/v1/mailboxes');
  if (boxes.error instanceof ApiError && boxes.error.status === 503) return null;
  const mine = (boxes.data?.items ?? []).filter((b) => b.clientId === clientId);
  return (
    <div class="client-mailboxes">
      <h3>{t('mbxTitle')}</h3>
      <ErrorBox message={boxes.error ? formErrors(boxes.error, t).general : undefined} />
      {boxes.data && mine.length === 0 && <p class="muted">{t('mbxNone')}</p>}
      <ul class="sites">
        {mine.map((b) => (
          <MailboxRow key={b.id} api={api} box={b} onChanged={boxes.reload} />
        ))}
      </ul>
      <details class="add-site">
        <summary>{t('mbxAdd')}</summary>
        <MailboxForm api={api} clientId={clientId} onSaved={boxes.reload} />
      </details>
    </div>
  );
}
