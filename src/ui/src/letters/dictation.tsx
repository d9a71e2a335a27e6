import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox } from '../parts/field.js';
import { letterErrors } from './letter-errors.js';
import type { LetterTask } from './types.js';
import { useWords } from './words.js';

/**
 * The client's voice messages on the letter, to play while she types, and a button to add one
 * (Ogg/Opus, MP3, M4A, WAV; the server checks the bytes). No transcript: speech-to-text needs a
 * model this installation does not have (docs/letters.md).
 */
export function Dictation({
  api,
  letter,
  onChanged,
}: {
  api: Api;
  letter: LetterTask;
  onChanged: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const ids = letter.details.dictation;
  const pick = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const form = new FormData();
      form.append('audio', file, file.name);
      await api.upload(`/api/v1/letters/${letter.id}/dictation`, form);
      onChanged();
    } catch (err) {
      setError(letterErrors(err, t, w).general ?? Object.values(letterErrors(err, t, w).fields)[0]);
    } finally {
      setBusy(false);
      setRound((n) => n + 1);
    }
  };
  return (
    <section class="card dictation" aria-labelledby="dictation">
      <h2 id="dictation">{w('dictationTitle')}</h2>
      {ids.length === 0 && <p class="muted">{w('dictationNone')}</p>}
      <ol class="players">
        {ids.map((id, n) => (
          <li key={id}>
            <span class="meta">{w('voiceMessage', { n: n + 1 })}</span>
            <audio
              controls
              preload="metadata"
              src={`/api/v1/uploads/${id}`}
              aria-label={w('voiceMessage', { n: n + 1 })}
            />
          </li>
        ))}
      </ol>
      <ErrorBox message={error} />
      {!letter.details.delivery && (
        <div class="file-pick">
          <input
            key={round}
            ref={input}
            class="visually-hidden"
            tabIndex={-1}
            type="file"
            name="audio"
            aria-label={w('dictationAdd')}
            accept="audio/ogg,audio/opus,audio/mpeg,audio/mp4,audio/x-m4a,audio/wav,audio/x-wav,.ogg,.opus,.mp3,.m4a,.wav"
            onChange={(e) => void pick((e.currentTarget as HTMLInputElement).files?.[0])}
          />
          <button type="button" disabled={busy} onClick={() => input.current?.click()}>
            {busy ? w('dictationUploading') : w('dictationAdd')}
          </button>
          <span class="meta">{w('dictationHelp')}</span>
        </div>
      )}
      <p class="help">{w('noTranscript')}</p>
    </section>
  );
}
