import { followEvents, type StreamEvent } from './event-stream.js';
import { takeEarly } from './early.js';

/** One wrong field named by the API. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An error answer of the API, with its stable code and the fields it concerns. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    /** The whole answer, for errors that carry more than `error` (a 409's `current`, an upload's `refused`). */
    readonly body: unknown = undefined,
  ) {
    super(message);
  }

  /** The message for a form field (`body.name` → `name`), if the API named it. */
  forField(field: string): string | undefined {
    return this.details.find(
      (d) => d.path === `body.${field}` || d.path.startsWith(`body.${field}.`),
    )?.message;
  }
}

/** How the app is signed in: the session cookie (with its CSRF token) or a client link. */
export type Auth =
  { kind: 'session'; csrf: () => string | undefined } | { kind: 'link'; token: string };

/** A small fetch wrapper for /api/v1. */
export interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  upload<T>(path: string, form: FormData): Promise<T>;
  /** A multipart POST that reports how much was sent (0…1); XHR, as fetch cannot tell. */
  uploadWithProgress<T>(
    path: string,
    form: FormData,
    onProgress: (sent: number) => void,
  ): Promise<T>;
  /** GET of a same-origin page as text (previews). */
  text(path: string): Promise<string>;
  /** GET of a file with this sign-in (a letter's PDF, shown from a blob: URL). */
  blob(path: string): Promise<Blob>;
  /** Follows an event stream with this sign-in (cookie or Bearer link) until `signal` aborts. */
  follow(path: string, onEvent: (event: StreamEvent) => void, signal: AbortSignal): Promise<void>;
}

/** Reads the readable CSRF cookie the API sets at login. */
export function csrfFromCookie(): string | undefined {
  const hit = document.cookie.split('; ').find((c) => c.startsWith('sitedesk_csrf='));
  return hit ? decodeURIComponent(hit.slice('sitedesk_csrf='.length)) : undefined;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: FieldProblem[] };
    };
    const e = body.error ?? {};
    return new ApiError(
      res.status,
      e.code ?? 'http_' + res.status,
      e.message ?? res.statusText,
      e.details ?? [],
      body,
    );
  } catch {
    return new ApiError(res.status, 'http_' + res.status, res.statusText);
  }
}

/** Makes the API client for one way of signing in. */
export function createApi(auth: Auth): Api {
  const headers = (write: boolean): Record<string, string> => {
    const h: Record<string, string> = { Accept: 'application/json' };
    if (auth.kind === 'link') h.Authorization = `Bearer ${auth.token}`;
    else if (write) {
      const token = auth.csrf();
      if (token) h['X-CSRF-Token'] = token;
    }
    return h;
  };
  const call = async <T>(method: string, path: string, init: RequestInit): Promise<T> => {
    let res: Response;
    try {
      const early = method === 'GET' && auth.kind === 'session' ? await takeEarly(path) : undefined;
      res = early ?? (await fetch(path, { ...init, method, credentials: 'same-origin' }));
    } catch {
      throw new ApiError(0, 'offline', 'offline');
    }
    if (!res.ok) throw await toError(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  };
  return {
    get: (path) => call('GET', path, { headers: headers(false) }),
    send: (method, path, body) =>
      call(method, path, {
        headers: {
          ...headers(true),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    upload: (path, form) => call('POST', path, { headers: headers(true), body: form }),
    uploadWithProgress: <T>(path: string, form: FormData, onProgress: (sent: number) => void) =>
      new Promise<T>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', path);
        for (const [name, value] of Object.entries(headers(true)))
          xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
        };
        xhr.onerror = () => reject(new ApiError(0, 'offline', 'offline'));
        xhr.onload = () => {
          // The answer goes through the same error reading as every fetch answer.
          const res = new Response(xhr.status === 204 ? null : xhr.responseText, {
            status: xhr.status,
            headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? '' },
          });
          if (!res.ok) void toError(res).then(reject);
          else void res.json().then((body) => resolve(body as T), reject);
        };
        xhr.send(form);
      }),
    text: async (path) => {
      const res = await fetch(path, { headers: headers(false), credentials: 'same-origin' });
      if (!res.ok) throw await toError(res);
      return res.text();
    },
    blob: async (path) => {
      let res: Response;
      try {
        res = await fetch(path, { headers: headers(false), credentials: 'same-origin' });
      } catch {
        throw new ApiError(0, 'offline', 'offline');
      }
      if (!res.ok) throw await toError(res);
      return res.blob();
    },
    follow: (path, onEvent, signal) =>
      followEvents({ url: path, headers: headers(false), onEvent, signal }),
  };
}
