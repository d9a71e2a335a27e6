import type { JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors } from './errors.js';

/** An image uploaded for the text; the Markdown names it by `filename`. */
export interface EditorImage {
  uploadId: string;
  filename: string;
  url: string;
  alt: string;
}

/** What `POST /api/v1/uploads` answers: the stored images in the order sent, and the refused. */
type UploadAnswer = Answer<'/api/v1/uploads', 'post'>;

/** One refused file: its place among the files sent and why. */
type Refused = UploadAnswer['refused'][number];

/** Why the server refused one file. */
type RefusedReason = Refused['reason'];

const reasons: readonly string[] = [
  'not_an_image',
  'wrong_field',
  'too_big',
  'empty',
  'cut_off',
  'not_saved',
] satisfies RefusedReason[];

/** The refused files of a 400 answer that stored none, if it lists them (images or reply files). */
export function refusedIn(err: unknown): Refused[] | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const list = (err.body as { refused?: unknown } | undefined)?.refused;
  return Array.isArray(list) ? (list as Refused[]) : undefined;
}

const TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const MAX_BYTES = 8 * 1024 * 1024;
const PER_REQUEST = 5;

/** A readable default description: `summer-menu_2.jpg` → `summer menu 2`. */
export function altFromName(name: string): string {
  return name
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
}

/**
 * Images for the text: dropped here (or on the text) or chosen with the button, checked here
 * first (type, size), uploaded with a progress bar, then handed to `onUploaded` one by one.
 * The server answers file by file (its bytes decide what is an image): each refused file is
 * named with its reason in her language, right next to the zone; the good ones still go up.
 */
export function useImageUpload(
  api: Api,
  onUploaded: (image: EditorImage) => void,
): {
  upload: (files: File[]) => Promise<void>;
  progress: number | undefined;
  problems: string[];
} {
  const { t } = useI18n();
  const [progress, setProgress] = useState<number | undefined>();
  const [problems, setProblems] = useState<string[]>([]);
  const refusedLine = (file: File | undefined, reason: string): string =>
    t('imageRefused', {
      name: file?.name ?? '',
      reason: t(
        (reasons.includes(reason) ? `refused.${reason}` : 'refused.not_saved') as MessageKey,
      ),
    });
  const upload = async (files: File[]): Promise<void> => {
    const found: string[] = [];
    const good = files.filter((f) => {
      // Said the same way as the server's refusals (which decide by the bytes).
      if (!TYPES.includes(f.type)) found.push(refusedLine(f, 'not_an_image'));
      else if (f.size > MAX_BYTES) found.push(refusedLine(f, 'too_big'));
      else return true;
      return false;
    });
    setProblems(found);
    // The API takes five per request: larger choices go up in batches, one after another.
    for (let i = 0; i < good.length; i += PER_REQUEST) {
      const batch = good.slice(i, i + PER_REQUEST);
      const form = new FormData();
      for (const f of batch) form.append('images', f, f.name);
      setProgress(0);
      try {
        const res = await api.uploadWithProgress<UploadAnswer>('/api/v1/uploads', form, (sent) =>
          setProgress(sent),
        );
        const refused = res.refused;
        for (const r of refused) found.push(refusedLine(batch[r.index], r.reason));
        if (refused.length) setProblems([...found]);
        // The server may rename a file to keep names unique; the description comes from the
        // name she chose (the answer lists the stored files in the order they were sent).
        const out = new Set(refused.map((r) => r.index));
        const kept = batch.filter((_, n) => !out.has(n));
        res.items.forEach((item, n) =>
          onUploaded({
            uploadId: item.id,
            filename: item.filename,
            url: item.url,
            alt: altFromName(kept[n]?.name ?? item.filename),
          }),
        );
      } catch (err) {
        const refused = refusedIn(err);
        if (refused) for (const r of refused) found.push(refusedLine(batch[r.index], r.reason));
        else {
          const fe = formErrors(err, t, ['images']);
          found.push(fe.fields.images ?? fe.general ?? '');
        }
        setProblems([...found]);
      } finally {
        setProgress(undefined);
      }
    }
  };
  return { upload, progress, problems };
}

/** The images of a Markdown text: drop zone, file button, progress, and each image's description. */
export function ImageDrop(props: {
  images: EditorImage[];
  upload: (files: File[]) => Promise<void>;
  progress: number | undefined;
  problems: string[];
  onAlt: (image: EditorImage, alt: string) => void;
  onInsert: (image: EditorImage) => void;
  onRemove: (image: EditorImage) => void;
}): JSX.Element {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      class={'drop' + (over ? ' drop-over' : '')}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void props.upload([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      <p class="drop-title" id={id + '-title'}>
        {t('dropImages')}
      </p>
      <p class="help" id={id + '-help'}>
        {t('imagesHelp')}
      </p>
      {/* The native picker stays in the page (and the tests) but the button is what is seen. */}
      <input
        ref={input}
        id={id}
        class="visually-hidden"
        type="file"
        name="images"
        tabIndex={-1}
        accept={TYPES.join(',')}
        multiple
        aria-labelledby={id + '-title'}
        onChange={(e) => {
          const el = e.currentTarget as HTMLInputElement;
          const files = [...(el.files ?? [])];
          el.value = '';
          void props.upload(files);
        }}
      />
      <button
        type="button"
        aria-describedby={id + '-help'}
        // Not disabled while uploading: a disabled button would drop the keyboard focus.
        onClick={() => props.progress === undefined && input.current?.click()}
        aria-busy={props.progress !== undefined}
      >
        {t('chooseImages')}
      </button>
      {props.progress !== undefined && (
        <p role="status" class="upload-progress">
          <progress max={1} value={props.progress} aria-label={t('images')} />{' '}
          {t('uploadingImages', { percent: Math.round(props.progress * 100) })}
        </p>
      )}
      {/* One line per refused file: each is named with its reason. */}
      {props.problems.length > 0 && (
        <ul class="error-box problems" role="alert">
          {props.problems.map((problem, n) => (
            <li key={n}>{problem}</li>
          ))}
        </ul>
      )}
      {props.images.length > 0 && (
        <ul class="images">
          {props.images.map((img) => (
            <li key={img.uploadId}>
              <img src={img.url} alt="" width={64} height={64} />
              <span class="image-fields">
                <label for={id + img.uploadId}>{t('imageAlt', { name: img.filename })}</label>
                <input
                  id={id + img.uploadId}
                  value={img.alt}
                  maxLength={500}
                  onInput={(e) => props.onAlt(img, (e.currentTarget as HTMLInputElement).value)}
                />
              </span>
              <span class="buttons">
                <button type="button" onClick={() => props.onInsert(img)}>
                  {t('insertImage')}
                </button>
                <button type="button" onClick={() => props.onRemove(img)}>
                  {t('removeImage')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
