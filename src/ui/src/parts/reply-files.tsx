import type { JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors } from './errors.js';
import { refusedIn } from './image-drop.js';

/** A file uploaded for the reply (`POST /api/v1/tasks/:id/reply-files`), named by id when sent. */
export interface ReplyFile {
  id: string;
  filename: string;
  bytes: number;
  url: string;
}

type UploadAnswer = Answer<'/api/v1/tasks/{id}/reply-files', 'post'>;

// The server's limits (src/tasks/mail/reply-files.ts), checked here first to say it sooner.
const MB = 1024 * 1024;
export const LIMITS = { count: 10, each: 10, total: 15 };
const SERVER_REASONS = ['too_big', 'empty', 'cut_off', 'not_saved'];

/**
 * The reply's files, with the Write screen's habits (parts/image-drop.tsx): checked here first
 * (count, size), uploaded with a progress bar, the server answering file by file; each good
 * file is kept, each refused one named with its reason in her language.
 */
export function useReplyFiles(
  api: Api,
  taskId: string,
): {
  files: ReplyFile[];
  add: (chosen: File[]) => Promise<void>;
  remove: (file: ReplyFile) => void;
  clear: () => void;
  progress: number | undefined;
  problems: Problem[];
} {
  const { t } = useI18n();
  const [files, setFiles] = useState<ReplyFile[]>([]);
  const [progress, setProgress] = useState<number | undefined>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const refusedLine = (name: string, reason: string): Problem => ({ name, reason });
  const add = async (chosen: File[]): Promise<void> => {
    const found: Problem[] = [];
    let count = files.length;
    let total = files.reduce((sum, f) => sum + f.bytes, 0);
    const good = chosen.filter((f) => {
      const reason =
        f.size > LIMITS.each * MB
          ? 'too_big'
          : f.size === 0
            ? 'empty'
            : files.some((x) => x.filename === f.name && x.bytes === f.size)
              ? 'twice'
              : count + 1 > LIMITS.count
                ? 'too_many'
                : total + f.size > LIMITS.total * MB
                  ? 'total'
                  : undefined;
      if (reason) found.push(refusedLine(f.name, reason));
      else {
        count += 1;
        total += f.size;
      }
      return reason === undefined;
    });
    setProblems(found);
    if (good.length === 0) return;
    const form = new FormData();
    for (const f of good) form.append('files', f, f.name);
    setProgress(0);
    try {
      const res = await api.uploadWithProgress<UploadAnswer>(
        `/api/v1/tasks/${taskId}/reply-files`,
        form,
        setProgress,
      );
      for (const r of res.refused)
        found.push(refusedLine(good[r.index]?.name ?? '', reasonOf(r.reason)));
      setFiles((before) => [...before, ...res.items]);
    } catch (err) {
      const refused = refusedIn(err);
      if (refused)
        for (const r of refused)
          found.push(refusedLine(good[r.index]?.name ?? '', reasonOf(r.reason)));
      else {
        const fe = formErrors(err, t, ['files']);
        found.push({ words: fe.fields.files ?? fe.general ?? '' });
      }
    } finally {
      setProgress(undefined);
      setProblems([...found]);
    }
  };
  return {
    files,
    add,
    remove: (file) => setFiles((before) => before.filter((f) => f.id !== file.id)),
    clear: () => {
      setFiles([]);
      setProblems([]);
    },
    progress,
    problems,
  };
}

/**
 * A file not attached and why (worded when shown, so a switch of language rewords it), or a
 * sentence of the server's about the whole upload.
 */
type Problem = { name: string; reason: string } | { words: string };

const reasonOf = (reason: string): string =>
  SERVER_REASONS.includes(reason) ? reason : 'not_saved';

/** The attachments zone of the reply box: the button, progress, refusals, the attached files. */
export function ReplyFiles(props: ReturnType<typeof useReplyFiles>): JSX.Element {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div class="reply-files">
      <p class="drop-title" id={id + '-title'}>
        {t('rfTitle')}
      </p>
      <p class="help" id={id + '-help'}>
        {t('rfDrop')} {t('rfHelp', LIMITS)}
      </p>
      <input
        ref={input}
        id={id}
        class="visually-hidden"
        type="file"
        name="files"
        tabIndex={-1}
        multiple
        aria-labelledby={id + '-title'}
        onChange={(e) => {
          const el = e.currentTarget as HTMLInputElement;
          const chosen = [...(el.files ?? [])];
          el.value = '';
          void props.add(chosen);
        }}
      />
      <button
        type="button"
        aria-describedby={id + '-help'}
        // Not disabled while uploading: a disabled button would drop the keyboard focus.
        onClick={() => props.progress === undefined && input.current?.click()}
        aria-busy={props.progress !== undefined}
      >
        {t('rfChoose')}
      </button>
      {props.progress !== undefined && (
        <p role="status" class="upload-progress">
          <progress max={1} value={props.progress} aria-label={t('rfTitle')} />{' '}
          {t('rfUploading', { percent: Math.round(props.progress * 100) })}
        </p>
      )}
      {props.problems.length > 0 && (
        <ul class="error-box problems" role="alert">
          {props.problems.map((problem, n) => (
            <li key={n}>
              {'words' in problem
                ? problem.words
                : t('rfRefused', {
                    name: problem.name,
                    reason: t(`rfReason.${problem.reason}` as MessageKey, LIMITS),
                  })}
            </li>
          ))}
        </ul>
      )}
      {props.files.length > 0 && (
        <ul class="attached" aria-label={t('rfTitle')}>
          {props.files.map((file) => (
            <li key={file.id}>
              <a href={file.url} download={file.filename} class="file-name">
                {file.filename}
              </a>{' '}
              <span class="meta">
                {t('rfSize', { size: Math.max(1, Math.round(file.bytes / 1024)) })}
              </span>
              <button
                type="button"
                aria-label={t('rfRemove', { name: file.filename })}
                onClick={() => props.remove(file)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
