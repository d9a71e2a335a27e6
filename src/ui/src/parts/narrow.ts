/**
 * Whether the window is phone-narrow (the styles' 600 px breakpoint), kept up to date when it
 * is turned or resized: on a phone the task list comes first and the forms above it fold.
 */
import { useEffect, useState } from 'preact/hooks';

const PHONE = '(max-width: 600px)';

const narrowNow = (): boolean =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(PHONE).matches
    : false;

/** True on a phone-narrow window. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(narrowNow);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return undefined;
    const query = window.matchMedia(PHONE);
    const changed = (): void => setNarrow(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return narrow;
}
