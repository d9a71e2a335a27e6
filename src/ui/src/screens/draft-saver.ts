import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { guardLeaving } from '../parts/route.js';
import type { ContentItem } from './drafts.js';

/** Where the text on screen stands on the server. */
export type SaveState =
  | { kind: 'clean' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** The server could not be reached or was busy: tried again shortly. */
  | { kind: 'retrying' }
  /** Not enough to save yet (a title and some text). */
  | { kind: 'incomplete' }
  /** The server refused the fields (shown next to them); saved again after the next change. */
  | { kind: 'refused'; error: unknown }
  /** Saved elsewhere meanwhile: nothing is saved until she chooses a version. */
  | { kind: 'conflict'; theirs: ContentItem };

/** The saved item the editor writes to, and the revision the fields on screen were based on. */
export interface SavedRef {
  itemId: string;
  clientId: string;
  revision: number;
}

/** Quiet time after the last change before saving (ms). */
const QUIET_MS = 2000;
/** Wait before trying a failed save again (ms). */
const RETRY_MS = 5000;

/** What useDraftSaver gives the editor. */
export interface DraftSaver {
  state: SaveState;
  /** Whether changes on screen wait to be saved (as of this render). */
  pending: boolean;
  /** The item saved last (its id is '' before the first save). */
  saved: () => SavedRef;
  /** Call on every change she makes: saves after a quiet moment. */
  changed: () => void;
  /** Saves now if anything changed (leaving a field); never throws. */
  saveSoon: () => Promise<boolean>;
  /**
   * Saves now (after any save under way) and answers the item id; throws what the server said.
   * Without `always`, a text saved already and unchanged since is not sent again.
   */
  ensureSaved: (always?: boolean) => Promise<string>;
  /** A saved item was loaded into the fields (opening, or taking the other version). */
  loaded: (item: ContentItem) => void;
  /** Keep my version: save it over the other one, knowingly. */
  keepMine: () => void;
  /** The next save makes a new item (another client was chosen). */
  forget: () => void;
}

/**
 * Saves the text on the server while she types (issue 15): a moment after the last change,
 * when she leaves a field, before leaving the screen, and asks the browser to warn before the
 * tab closes with changes not yet saved. Saves run one after another, each on the revision
 * the one before answered, so a change made in another tab is found (409) and shown instead
 * of overwritten.
 */
export function useDraftSaver(options: {
  /** Writes the fields as they are now: a new item when `base.itemId` is '', else a change of it. */
  write: (base: SavedRef) => Promise<ContentItem>;
  /** Whether there is enough to save. */
  complete: () => boolean;
  /** Asked (synchronously) before leaving with changes that could not be saved. */
  confirmLeave: () => boolean;
  onSaved?: (item: ContentItem, wasNew: boolean) => void;
}): DraftSaver {
  const opts = useRef(options);
  opts.current = options;
  const ref = useRef<SavedRef>({ itemId: '', clientId: '', revision: 0 });
  const edits = useRef(0);
  const savedEdits = useRef(0);
  const [changes, setChanges] = useState(0);
  const [state, setStateValue] = useState<SaveState>({ kind: 'clean' });
  const current = useRef<SaveState>(state);
  const setState = (next: SaveState): void => {
    current.current = next;
    setStateValue(next);
  };
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = (): boolean => edits.current !== savedEdits.current;
  // Read afresh after each await (the compiler would keep the narrowed kind from before it).
  const kindNow = (): SaveState['kind'] => current.current.kind;

  // One save, after the one before; throws what went wrong.
  const attempt = (always: boolean): Promise<string> => {
    const run = chain.current.then(async () => {
      if (!always && !dirty() && ref.current.itemId) return ref.current.itemId;
      if (!opts.current.complete()) {
        setState({ kind: 'incomplete' });
        throw new IncompleteText();
      }
      const mark = edits.current;
      const wasNew = !ref.current.itemId;
      setState({ kind: 'saving' });
      try {
        const item = await opts.current.write(ref.current);
        ref.current = { itemId: item.id, clientId: item.clientId, revision: item.revision };
        savedEdits.current = mark;
        setState({ kind: 'saved', at: new Date() });
        opts.current.onSaved?.(item, wasNew);
        return item.id;
      } catch (error) {
        setState(stateAfter(error));
        throw error;
      }
    });
    chain.current = run.catch(() => undefined);
    return run;
  };

  const saveSoon = async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (kindNow() === 'conflict') return false;
    if (!dirty()) {
      await chain.current;
      return !dirty() && kindNow() !== 'conflict';
    }
    try {
      await attempt(false);
      return !dirty();
    } catch {
      if (kindNow() === 'retrying') timer.current = setTimeout(() => void saveSoon(), RETRY_MS);
      return false;
    }
  };

  // A moment after the last change.
  useEffect(() => {
    if (!changes) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveSoon(), QUIET_MS);
  }, [changes]);

  useEffect(() => {
    // Closing the tab cannot wait for a save: the browser asks while anything is unsaved.
    const beforeUnload = (e: BeforeUnloadEvent): void => {
      if (!dirty() && kindNow() !== 'saving') return;
      e.preventDefault();
      e.returnValue = '';
    };
    addEventListener('beforeunload', beforeUnload);
    // Leaving the screen saves first, and asks only when that did not work.
    const unguard = guardLeaving(async () => {
      if (await saveSoon()) return true;
      return !dirty() || opts.current.confirmLeave();
    });
    return () => {
      removeEventListener('beforeunload', beforeUnload);
      unguard();
      clearTimeout(timer.current);
    };
  }, []);

  return {
    state,
    pending: dirty(),
    saved: () => ref.current,
    changed: () => {
      edits.current += 1;
      setChanges((n) => n + 1);
    },
    saveSoon,
    ensureSaved: (always = false) => attempt(always),
    loaded: (item) => {
      ref.current = { itemId: item.id, clientId: item.clientId, revision: item.revision };
      savedEdits.current = edits.current;
      // What is on screen is what was saved then.
      setState({ kind: 'saved', at: new Date(item.updatedAt) });
    },
    keepMine: () => {
      const now = current.current;
      if (now.kind !== 'conflict') return;
      ref.current = { ...ref.current, revision: now.theirs.revision };
      setState({ kind: 'clean' });
      void saveSoon();
    },
    forget: () => {
      ref.current = { itemId: '', clientId: '', revision: 0 };
    },
  };
}

/** Thrown by ensureSaved when there is not enough to save yet. */
export class IncompleteText extends Error {
  constructor() {
    super('incomplete');
  }
}

// What a failed save means for her: a conflict to decide, a refusal to fix, or try again.
function stateAfter(error: unknown): SaveState {
  if (error instanceof ApiError && error.code === 'edit_conflict') {
    const body = error.body as { current?: ContentItem } | undefined;
    if (body?.current) return { kind: 'conflict', theirs: body.current };
  }
  const passing =
    !(error instanceof ApiError) ||
    error.status === 0 ||
    error.status === 409 ||
    error.status === 429 ||
    error.status >= 500;
  return passing ? { kind: 'retrying' } : { kind: 'refused', error };
}
