import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';

/**
 * A screen in a chunk of its own (issue 15: the first screen's JavaScript stays small). Its
 * chunk is fetched ahead, when the browser is idle after the first screen or when the pointer
 * rests on a menu entry, so moving to it shows no loading step on a normal machine. Opened
 * before its chunk is there (a link followed straight away), it shows nothing for a moment
 * rather than a flash of "loading", and a short note only if the wait grows.
 */
export interface LazyScreen<P> {
  Screen: (props: P) => JSX.Element | null;
  /** Fetches the chunk (once); safe to call many times. */
  preload(): Promise<unknown>;
}

// A wait shorter than this is left blank: a flash of a note reads as flicker.
const NOTE_AFTER_MS = 400;

/** Wraps `load` (a dynamic import of the screen's module) as a screen component. */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> =>
    (loading ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        loading = undefined; // a failed fetch (offline a moment) is tried again next time
        throw err;
      },
    ));
  function Screen(props: P): JSX.Element | null {
    const [Loaded, setLoaded] = useState<ComponentType<P> | undefined>(() => loaded);
    const [slow, setSlow] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Loaded) return;
      let live = true;
      const timer = setTimeout(() => live && setSlow(true), NOTE_AFTER_MS);
      preload().then(
        (c) => live && setLoaded(() => c),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
        clearTimeout(timer);
      };
    }, [Loaded]);
    if (Loaded) return <Loaded {...props} />;
    if (failed) return <LoadFailed />;
    return slow ? (
      <p class="center-note" aria-busy="true">
        …
      </p>
    ) : null;
  }
  return { Screen, preload };
}

/** Runs `work` when the browser has nothing else to do (or after `ms` at the latest). */
export function whenIdle(work: () => void, ms = 2_000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: ms });
  else setTimeout(work, 200);
}

function LoadFailed(): JSX.Element {
  const { t } = useI18n();
  return (
    <p class="center-note" role="alert">
      {t('screenLoadFailed')}{' '}
      <button type="button" class="link-button" onClick={() => location.reload()}>
        {t('screenReload')}
      </button>
    </p>
  );
}
