/**
 * GETs started when the app starts, before it knows who is signed in (issue 15: the task list
 * with 5,000 tasks should show within a second). Opening `#/tasks` otherwise waits for "who am
 * I", then for the screen's chunk, then for the list: three round trips one after the other.
 * A started answer is used once, by the first session GET of the same path within a few
 * seconds, and only if it is a success (a 401 before sign-in is asked again, signed in).
 */

const KEEP_MS = 10_000;
const started = new Map<string, { at: number; answer: Promise<Response | undefined> }>();

/** Starts GET `path` with the session cookie now, for the first `takeEarly(path)` to use. */
export function fetchEarly(path: string): void {
  if (started.has(path)) return;
  started.set(path, {
    at: Date.now(),
    answer: fetch(path, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    }).catch(() => undefined),
  });
}

/** The successful early answer of GET `path`, if one was started lately; once only. */
export async function takeEarly(path: string): Promise<Response | undefined> {
  const early = started.get(path);
  if (!early) return undefined;
  started.delete(path);
  if (Date.now() - early.at > KEEP_MS) return undefined;
  const res = await early.answer;
  return res?.ok ? res : undefined;
}
