import type { JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox } from './field.js';
import { formErrors } from './errors.js';

/** An image uploaded for the text; the Markdown names it by `filename`. */
export interface EditorImage {
  uploadId: string;
  filename: string;
  url: string;
  alt: string;
}

/** What `POST /api/v1/uploads` answers. */
interface UploadAnswer {
  items: { id: string; filename: string; contentType: string; bytes: number; url: string }[];
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
 * Problems show right next to the zone; the files that were fine still go up.
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
  const upload = async (files: File[]): Promise<void> => {
    const found: string[] = [];
    const good = files.filter((f) => {
      if (!TYPES.includes(f.type)) found.push(t('imageWrongType', { name: f.name }));
      else if (f.size > MAX_BYTES) found.push(t('imageTooBig', { name: f.name }));
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
        // The server may rename a file to keep names unique; the description comes from the
        // name she chose (the answer lists the files in the order they were sent).
        res.items.forEach((item, n) =>
          onUploaded({
            uploadId: item.id,
            filename: item.filename,
            url: item.url,
            alt: altFromName(batch[n]?.name ?? item.filename),
          }),
        );
      } catch (err) {
        const fe = formErrors(err, t, ['images']);
        found.push(fe.fields.images ?? fe.general ?? '');
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
  const general = props.problems.length ? props.problems.join(' ') : undefined;
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
      <ErrorBox message={general} />
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
