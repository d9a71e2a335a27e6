import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';

/** A GET that reloads on demand; keeps the last data while reloading. */
export function useData<T>(
  api: Api,
  path: string | undefined,
): {
  data: T | undefined;
  error: unknown;
  reload: () => void;
} {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    api
      .get<T>(path)
      .then((d) => {
        if (live) {
          setData(d);
          setError(undefined);
        }
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}

/** Parsed Server-Sent Event of the API. */
export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * Follows /api/v1/events with the app's sign-in (a client link sends its Bearer token, which
 * EventSource cannot) and calls `onEvent` for each change; reconnects with Last-Event-ID.
 */
export function useLive(api: Api, onEvent: (e: LiveEvent) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const stop = new AbortController();
    void api.follow(
      '/api/v1/events',
      (e) => {
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse(e.data) as Record<string, unknown>;
        } catch {
          // a reset or comment without JSON: treat as "reload"
        }
        handler.current({ type: e.type, data });
      },
      stop.signal,
    );
    return () => stop.abort();
  }, [api]);
}
