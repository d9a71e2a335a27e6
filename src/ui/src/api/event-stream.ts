/** One Server-Sent Event as the API sends it. */
export interface StreamEvent {
  id?: string;
  type: string;
  data: string;
}

/** What followEvents needs: the headers to send (a link's Bearer token) and what to do. */
export interface FollowOptions {
  url: string;
  headers: Record<string, string>;
  onEvent: (event: StreamEvent) => void;
  signal: AbortSignal;
  /** Wait before reconnecting, in ms, until the server says otherwise (`retry:`); default 3000. */
  retryMs?: number;
}

/** Splits a stream's text into events (SSE framing: fields per line, a blank line ends one). */
export function createSseParser(
  onEvent: (event: StreamEvent) => void,
  onRetry: (ms: number) => void = () => undefined,
) {
  let buffer = '';
  let id: string | undefined;
  let type = '';
  let data: string[] = [];
  const line = (text: string): void => {
    if (text === '') {
      if (data.length)
        onEvent({ ...(id ? { id } : {}), type: type || 'message', data: data.join('\n') });
      type = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return; // a comment: the server's keep-alive
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  };
  return {
    push(chunk: string): void {
      buffer += chunk;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? '';
      for (const l of lines) line(l);
    },
    /** The id of the last event seen (sent as Last-Event-ID on reconnect). */
    lastId: (): string | undefined => id,
  };
}

/**
 * Follows an SSE endpoint with fetch and a streaming reader, because EventSource cannot send
 * an Authorization header (a client's private link is a Bearer token). Reconnects after the
 * stream ends or fails, sending `Last-Event-ID` so the server replays what was missed; stops on
 * 401/403 (the link was revoked) and when `signal` aborts.
 */
export async function followEvents(options: FollowOptions): Promise<void> {
  let retryMs = options.retryMs ?? 3000;
  let lastId: string | undefined;
  // Waits `ms`, or less when stopped; the abort listener goes with the wait (a page that is
  // offline for hours would otherwise gather one per attempt).
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      options.signal.addEventListener('abort', done, { once: true });
    });
  while (!options.signal.aborted) {
    try {
      const res = await fetch(options.url, {
        headers: {
          ...options.headers,
          Accept: 'text/event-stream',
          ...(lastId ? { 'Last-Event-ID': lastId } : {}),
        },
        credentials: 'same-origin',
        signal: options.signal,
      });
      if (res.status === 401 || res.status === 403) return;
      if (res.ok && res.body) {
        const parser = createSseParser(options.onEvent, (ms) => (retryMs = ms));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(value);
          lastId = parser.lastId() ?? lastId;
        }
      }
    } catch {
      // Offline or aborted: the loop's condition decides whether to try again.
    }
    await sleep(retryMs);
  }
}
