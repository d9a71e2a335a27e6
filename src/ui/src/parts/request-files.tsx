import type { JSX } from 'preact';
import { useI18n } from '../i18n/i18n.js';

/** An attachment as the task API lists it (its `url` serves the bytes to the agency). */
export interface TaskFile {
  filename: string;
  contentType: string;
  url?: string;
  bytes?: number;
}

// Only the types the server checked by their bytes on the way in are shown as pictures.
const PICTURES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** Whether a file is a picture the app may show inline. */
export const isPicture = (file: TaskFile): boolean => PICTURES.includes(file.contentType);

/** The attachments of a task from its details (none when it has none). */
export function filesOf(details: Record<string, unknown>): TaskFile[] {
  const list = details.attachments;
  return Array.isArray(list)
    ? list.filter(
        (a): a is TaskFile =>
          a !== null && typeof a === 'object' && 'filename' in a && 'contentType' in a,
      )
    : [];
}

/**
 * A request's files: pictures as thumbnails that open full size, everything else as a
 * download; `action` adds a button per picture (e.g. "Put into the text").
 */
export function RequestFiles({
  files,
  action,
}: {
  files: TaskFile[];
  action?: { label: string; run: (n: number) => void; busy?: boolean };
}): JSX.Element | null {
  const { t } = useI18n();
  if (!files.length) return null;
  return (
    <ul class="request-files">
      {files.map((file, n) => (
        <li key={`${n}-${file.filename}`}>
          {file.url && isPicture(file) ? (
            <a href={file.url} target="_blank" rel="noopener noreferrer">
              <img src={file.url} alt={file.filename} loading="lazy" />
            </a>
          ) : null}
          <span class="file-name">{file.filename}</span>
          {file.url && (
            <a href={file.url} download={file.filename}>
              {t('download')}
            </a>
          )}
          {action && isPicture(file) && (
            <button
              type="button"
              disabled={action.busy}
              aria-label={`${action.label}: ${file.filename}`}
              onClick={() => action.run(n)}
            >
              {action.label}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
