import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Client, MailThread, Task, TaskWithHistory } from '../api/types.js';
import { ForwardLine, ReplyWaiting } from './mail-forward.js';
import { useI18n } from '../i18n/i18n.js';
import { copyWords, MailReply } from './mail-reply.js';
import { decisionWords } from '../parts/call-words.js';
import { deliveryWords } from '../parts/call-delivery.js';
import { urgentReasons } from '../parts/urgent-words.js';
import { filesOf, RequestFiles } from '../parts/request-files.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
const texts = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The other mails of the conversation, oldest first (GET /tasks/:id/thread). */
function useConversation(api: Api, task: Task): Task[] {
  const [mails, setMails] = useState<Task[]>([]);
  const key = `${task.id}:${task.version}`;
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const thread = await api.get<MailThread>(`/api/v1/tasks/${task.id}/thread`);
        const others = thread.taskIds.filter((id) => id !== task.id);
        const loaded = await Promise.all(
          others.map((id) => api.get<TaskWithHistory>(`/api/v1/tasks/${id}`)),
        );
        if (live) setMails(loaded.map((x) => x.task));
      } catch {
        // The conversation is a help, not the task: without it the mail itself still shows.
      }
    })();
    return () => {
      live = false;
    };
  }, [api, key]);
  return mails;
}

/** One received mail as a mail: sender, time (client's), subject, text. */
function MailCard({ task, zone }: { task: Task; zone?: string | undefined }): JSX.Element {
  const { t, dateTime } = useI18n();
  const d = task.details;
  return (
    <article class="mail">
      <p>
        <strong>{t('mdFrom', { from: text(d.from) })}</strong>{' '}
        <span class="meta">{dateTime(text(d.receivedAt), zone)}</span>
      </p>
      <p>
        <a href={'#/tasks/' + task.id}>{text(d.subject) || t('mdNoSubject')}</a>
      </p>
      {text(d.body) && <div class="pre mail-body">{text(d.body)}</div>}
    </article>
  );
}

/** The files sent with a reply, each a download (kept as an upload). */
function ReplyFileLinks({ files }: { files: { id: string; filename: string }[] }): JSX.Element {
  const { t } = useI18n();
  return (
    <span class="reply-attached">
      {' '}
      {t('rfWith')}{' '}
      {files.map((f, n) => (
        <span key={f.id}>
          {n > 0 && ', '}
          <a href={`/api/v1/uploads/${f.id}`} download={f.filename}>
            {f.filename}
          </a>
        </span>
      ))}
    </span>
  );
}

function MailDetails(props: {
  api: Api;
  task: Task;
  client: Client | undefined;
  onChanged: () => void;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const d = props.task.details;
  const zone = props.client?.timezone;
  const urgent = record(d.urgent);
  const replies = (Array.isArray(d.replies) ? d.replies : []).flatMap((r) => {
    const x = record(r);
    return x
      ? [
          {
            at: text(x.at),
            to: texts(x.to),
            copy: text(x.sentCopy),
            state: text(x.state),
            detail: text(x.detail),
            next: text(x.next),
            files: (Array.isArray(x.attachments) ? x.attachments : []).flatMap((f) => {
              const file = record(f);
              return file && text(file.uploadId) && text(file.filename)
                ? [{ id: text(file.uploadId), filename: text(file.filename) }]
                : [];
            }),
          },
        ]
      : [];
  });
  const others = useConversation(props.api, props.task);
  const files = filesOf(d);
  const to = texts(d.to);
  return (
    <div class="mail-details">
      <p>
        <strong>{t('mdFrom', { from: text(d.from) })}</strong>
      </p>
      <p>{t('mdReceived', { at: dateTime(text(d.receivedAt), zone) })}</p>
      {to.length > 0 && <p>{t('mdTo', { to: to.join(', ') })}</p>}
      <h3>{t('mdMailText')}</h3>
      <p>
        <strong>{text(d.subject) || t('mdNoSubject')}</strong>
      </p>
      <div class="pre mail-body">{text(d.body)}</div>
      {files.length > 0 && (
        <>
          <h3>{t('mdAttachments')}</h3>
          <RequestFiles files={files} />
        </>
      )}
      {urgent && (
        <>
          <p>{t('mdUrgentWhy', { reasons: urgentReasons(texts(urgent.reasons), t) })}</p>
          <ForwardLine
            api={props.api}
            taskId={props.task.id}
            urgent={urgent}
            zone={zone}
            onChanged={props.onChanged}
          />
        </>
      )}
      <h3>{t('mdReplies')}</h3>
      {replies.length === 0 ? (
        <p class="muted">{t('mdNoReplies')}</p>
      ) : (
        <ul>
          {replies.map((r) => (
            <li key={r.at}>
              {r.state === 'waiting' || r.state === 'failed' ? (
                <ReplyWaiting
                  api={props.api}
                  taskId={props.task.id}
                  reply={r}
                  zone={zone}
                  onChanged={props.onChanged}
                />
              ) : (
                <>
                  {t('mdReplyLine', { at: dateTime(r.at, zone), to: r.to.join(', ') })}{' '}
                  <span class="meta">{copyWords(r.copy, t)}</span>
                </>
              )}
              {r.files.length > 0 && <ReplyFileLinks files={r.files} />}
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <>
          <h3>{t('mdConversation')}</h3>
          {others.map((m) => (
            <MailCard key={m.id} task={m} zone={zone} />
          ))}
        </>
      )}
      <MailReply api={props.api} task={props.task} client={props.client} onSent={props.onChanged} />
    </div>
  );
}

function CallDetails({ task, client }: { task: Task; client: Client | undefined }): JSX.Element {
  const { t, dateTime } = useI18n();
  const d = task.details;
  const zone = client?.timezone;
  const decision = record(d.decision);
  const delivery = deliveryWords(d.delivery, t, (iso) => dateTime(iso, zone));
  const action = text(decision?.action);
  const via = text(d.via);
  return (
    <div class="call-details">
      <p>
        <strong>{t('mdCaller', { caller: text(d.caller), number: text(d.number) })}</strong>{' '}
        {t('mdCallAt', { at: dateTime(text(d.at), zone) })}
      </p>
      {text(d.topic) && <p>{t('mdCallTopic', { topic: text(d.topic) })}</p>}
      {(via === 'missed' || via === 'voicemail' || via === 'incoming') && (
        <p>{t(`mdVia.${via}`)}</p>
      )}
      <h3>{t('mdCallMessage')}</h3>
      {text(d.message) ? (
        <div class="pre mail-body">{text(d.message)}</div>
      ) : (
        <p class="muted">{t('mdNoMessage')}</p>
      )}
      {text(d.recordingUrl) && (
        <p>
          <a href={text(d.recordingUrl)} target="_blank" rel="noopener noreferrer">
            {t('mdRecording')}
          </a>
        </p>
      )}
      <p>{t(d.callbackWanted === true ? 'mdCallBack' : 'mdNoCallBack')}</p>
      {(action === 'forward' || action === 'take-message') && (
        <p>{t(`mdDecision.${action}`, { reason: decisionWords(decision, t, dateTime) })}</p>
      )}
      {delivery && (
        <div class="call-delivery">
          <p class={delivery.failure ? 'failure' : ''}>{delivery.line}</p>
          {delivery.advice.map((a) => (
            <p key={a}>{a}</p>
          ))}
          {delivery.detail && (
            <details>
              <summary>{t('technicalDetails')}</summary>
              <span class="pre">{delivery.detail}</span>
            </details>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * A mail or call task in sentences (issue 24), in place of the generic detail list: who, when
 * (the client's time), what, the decisions and what became of them — never ids or JSON.
 * A mail also shows its conversation and the reply form.
 */
export function MailCallDetails(props: {
  api: Api;
  task: Task;
  client: Client | undefined;
  onChanged: () => void;
}): JSX.Element | null {
  if (props.task.kind === 'mail') return <MailDetails {...props} />;
  if (props.task.kind === 'call') return <CallDetails task={props.task} client={props.client} />;
  return null;
}
