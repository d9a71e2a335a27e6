import type { JSX } from 'preact';
import { useI18n, type T } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import type { SaveState } from './draft-saver.js';

/** A time of day in her language (`16:02`), in the browser's zone: when she saw it happen. */
function clock(at: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'cs' ? 'cs-CZ' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

function line(state: SaveState, t: T, lang: string): string | undefined {
  switch (state.kind) {
    case 'saving':
      return t('saving');
    case 'saved':
      return t('savedAt', { time: clock(state.at, lang) });
    case 'retrying':
      return t('notSavedRetrying');
    case 'incomplete':
      return t('notSavedIncomplete');
    case 'refused': {
      const found = formErrors(state.error, t, []);
      return t('notSavedInvalid', { problem: found.general ?? '' });
    }
    default:
      return undefined;
  }
}

/**
 * "Saved 16:02" / "Saving…" / "Not saved — retrying" beside the editor, and, when the text was
 * saved elsewhere meanwhile, both versions side by side with the choice of which to keep.
 */
export function SaveStatus(props: {
  state: SaveState;
  /** Changes on screen not saved yet (a save follows shortly). */
  pending: boolean;
  /** Her version, as on screen. */
  mine: { title: string; markdown: string };
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}): JSX.Element {
  const { t, lang } = useI18n();
  const { state } = props;
  if (state.kind === 'conflict') {
    const theirs = state.theirs;
    return (
      <section class="card conflict" role="alert" aria-labelledby="conflict-title">
        <h2 id="conflict-title">{t('draftConflictTitle')}</h2>
        <p>{t('conflictBody', { time: clock(new Date(theirs.updatedAt), lang) })}</p>
        <div class="row2">
          <div>
            <h3>{t('conflictMine')}</h3>
            <p class="version-title">{props.mine.title}</p>
            <pre class="version-text">{props.mine.markdown}</pre>
          </div>
          <div>
            <h3>{t('draftConflictTheirs')}</h3>
            <p class="version-title">{theirs.title}</p>
            <pre class="version-text">{theirs.markdown}</pre>
          </div>
        </div>
        <div class="buttons">
          <button type="button" class="primary" onClick={props.onKeepMine}>
            {t('keepMine')}
          </button>
          <button type="button" onClick={props.onTakeTheirs}>
            {t('takeTheirs')}
          </button>
        </div>
      </section>
    );
  }
  const text = line(state, t, lang);
  const bad = state.kind === 'retrying' || state.kind === 'refused';
  return (
    <p
      class={'save-state' + (bad ? ' error' : '')}
      role="status"
      data-state={state.kind}
      data-pending={String(props.pending)}
    >
      {text ?? ''}
    </p>
  );
}
