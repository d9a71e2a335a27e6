import { useEffect, useState } from 'preact/hooks';

/**
 * Asked before the route changes away from a screen with unsaved work (issue 15): answers
 * whether to go; may take a moment (a last save) before it answers.
 */
export type LeaveGuard = () => boolean | Promise<boolean>;

let guard: LeaveGuard | undefined;
// The hash the app shows; a refused change goes back to it.
let shown = location.hash;
// A change the guard already allowed (it is not asked twice).
let allowed: string | undefined;
// Counts real moves between addresses (not renames), so a screen keyed by it starts afresh.
let visits = 0;

const read = (): string[] => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);

/** The current hash route split into parts: `#/tasks/ID` → ['tasks', 'ID']. */
export function useRoute(): string[] {
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const on = (): void => {
      const to = location.hash;
      if (to === shown) return;
      if (guard && allowed !== to) {
        const ask = guard;
        // Stay where we are until the guard has answered.
        history.replaceState(history.state, '', location.href.split('#')[0] + shown);
        void Promise.resolve(ask()).then((leave) => {
          if (!leave) return;
          allowed = to;
          location.hash = to;
        });
        return;
      }
      allowed = undefined;
      shown = to;
      visits += 1;
      setParts(read());
    };
    const renamed = (): void => {
      shown = location.hash;
      setParts(read());
    };
    addEventListener('hashchange', on);
    addEventListener('sitedesk:renamed', renamed);
    return () => {
      removeEventListener('hashchange', on);
      removeEventListener('sitedesk:renamed', renamed);
    };
  }, []);
  return parts;
}

/** How many times the route moved to another address (renames do not count). */
export function routeVisits(): number {
  return visits;
}

/**
 * Gives the current screen a new address without leaving it (a new text, once saved, is
 * `write/item/ID`, so reloading the page opens it again).
 */
export function renameRoute(path: string): void {
  history.replaceState(history.state, '', location.href.split('#')[0] + '#/' + path);
  dispatchEvent(new Event('sitedesk:renamed'));
}

/** Sets the guard asked before leaving the screen; the returned function removes it. */
export function guardLeaving(next: LeaveGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = undefined;
  };
}

/** Goes to a hash route. */
export function go(path: string): void {
  location.hash = '#/' + path;
}
