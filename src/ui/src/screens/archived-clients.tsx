import type { JSX } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import type { Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';

/** An archived client with its newest export and last change. */
type ArchivedClient = Answer<'/api/v1/archived-clients', 'get'>['items'][number];

/** Whether it was exported, and how to export it when not (a command on the server). */
function ExportState({ client }: { client: ArchivedClient }): JSX.Element {
  const { t, dateTime } = useI18n();
  const { lastExport } = client;
  if (client.exportCurrent && lastExport)
    return <p>{t('rm.exported', { date: dateTime(lastExport.at), who: lastExport.actor })}</p>;
  return (
    <>
      <p class="warn">
        {lastExport ? t('rm.exportStale', { date: dateTime(lastExport.at) }) : t('rm.notExported')}
      </p>
      <p class="muted">{t('rm.howExport', { name: client.name })}</p>
    </>
  );
}

/**
 * The removal for good, asked in the page: what goes, the client's name typed again, and,
 * without a current export, a box that says so explicitly. Only then is the button enabled.
 */
function RemoveForGood(props: {
  api: Api;
  client: ArchivedClient;
  onRemoved: (name: string) => void;
}): JSX.Element {
  const { t } = useI18n();
  const { client } = props;
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const [withoutExport, setWithoutExport] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const question = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  const ready = typed.trim() === client.name && (client.exportCurrent || withoutExport);
  const remove = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.api.send('POST', `/api/v1/clients/${client.clientId}/final-removal`, {
        confirmName: client.name,
        withoutExport: !client.exportCurrent && withoutExport,
      });
      props.onRemoved(client.name);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 409
          ? t('rm.conflict')
          : err instanceof ApiError && err.status === 403
            ? t('rm.adminOnly')
            : formErrors(err, t).general,
      );
    } finally {
      setBusy(false);
    }
  };
  if (!asking)
    return (
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {t('rm.open')}
      </button>
    );
  return (
    <form class="confirm" aria-label={t('rm.confirm')} onSubmit={(e) => void remove(e)}>
      <p ref={question} tabIndex={-1}>
        {t('rm.what', { name: client.name })}
      </p>
      <p>{t('rm.backups')}</p>
      <label>
        {t('rm.typeName')}
        <input
          name="confirmName"
          autoComplete="off"
          value={typed}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
      </label>
      {!client.exportCurrent && (
        <label class="check">
          <input
            type="checkbox"
            name="withoutExport"
            checked={withoutExport}
            onChange={(e) => setWithoutExport((e.target as HTMLInputElement).checked)}
          />
          {t('rm.withoutExport')}
        </label>
      )}
      <ErrorBox message={error} />
      <div class="buttons">
        <button type="submit" class="danger" disabled={!ready || busy}>
          {t('rm.confirm')}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Archived clients, each with its export state and its removal for good (collapsed). */
export function ArchivedClients({ api }: { api: Api }): JSX.Element | null {
  const { t, dateTime } = useI18n();
  const archived = useData<Page<ArchivedClient>>(api, '/api/v1/archived-clients');
  const [removed, setRemoved] = useState<string | undefined>();
  const items = archived.data?.items ?? [];
  if (items.length === 0 && !removed) return null;
  return (
    <details class="card archived-clients" open={removed !== undefined}>
      <summary>
        <h2>
          {t('rm.title')} ({items.length})
        </h2>
      </summary>
      {removed && (
        <p role="status" class="ok">
          {t('rm.done', { name: removed })}
        </p>
      )}
      {items.map((c) => (
        <section key={c.clientId} aria-label={c.name}>
          <h3>{c.name}</h3>
          {c.archivedAt && (
            <p class="meta">{t('rm.archivedOn', { date: dateTime(c.archivedAt) })}</p>
          )}
          <ExportState client={c} />
          <RemoveForGood
            api={api}
            client={c}
            onRemoved={(name) => {
              setRemoved(name);
              archived.reload();
            }}
          />
        </section>
      ))}
    </details>
  );
}
