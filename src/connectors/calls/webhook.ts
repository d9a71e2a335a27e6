/**
 * The telephony webhook: a provider posts incoming-call and voicemail events as generic JSON,
 * signed with a shared secret, so a provider can be connected without code changes.
 *
 * Request: `X-Sitedesk-Timestamp: <unix seconds>`, `X-Sitedesk-Signature: sha256=<hex>` where
 * hex = HMAC-SHA256(secret, `<timestamp>.<raw body>`). Checked in this order: signature
 * present, timestamp within `toleranceMs` of now, signature (constant time), JSON and schema,
 * event id not seen before (replay). Several secrets may be given during a rotation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import { ConfigError, SitedeskError, type FieldIssue } from '../../shared/errors.js';

/** Stable codes; `httpStatus` is what the server should answer. */
export type WebhookErrorCode =
  | 'webhook_signature_missing'
  | 'webhook_signature_invalid'
  | 'webhook_timestamp_out_of_window'
  | 'webhook_replayed'
  | 'webhook_payload_invalid';

/** A webhook request that was refused. Never carries the secret or the expected signature. */
export class WebhookError extends SitedeskError {
  readonly httpStatus: number;
  constructor(code: WebhookErrorCode, message: string, details?: readonly FieldIssue[]) {
    super(code, message, details ? { details } : {});
    this.httpStatus =
      code === 'webhook_payload_invalid' ? 400 : code === 'webhook_replayed' ? 409 : 401;
  }
}

/** Remembers event ids for replay protection (the database, in production). */
export interface NonceStore {
  /** Records `id` until `expiresAt` (epoch ms); false when it was already there. */
  remember(id: string, expiresAt: number): Promise<boolean>;
}

/** The event body. */
export const callEventSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(['call.incoming', 'call.missed', 'call.voicemail']),
  occurredAt: z.iso.datetime({ offset: true }),
  from: z.object({
    number: z.string().regex(/^[+\d][\d\s().-]{2,30}$/, 'a phone number'),
    name: z.string().max(200).optional(),
  }),
  /** The client's line that was called (routes the call to a client). */
  to: z.object({ number: z.string().min(3).max(40) }).optional(),
  topic: z.string().max(500).optional(),
  voicemail: z
    .object({
      transcript: z.string().max(20_000).optional(),
      recordingUrl: z.url({ protocol: /^https?$/ }).optional(),
      durationSeconds: z.number().int().nonnegative().optional(),
    })
    .optional(),
  callbackWanted: z.boolean().optional(),
});

/** A validated event. */
export type CallEvent = z.infer<typeof callEventSchema>;

/** A call as sitedesk records it (src/tasks makes a `call` task of it). */
export interface CallRecord {
  eventId: string;
  kind: 'incoming' | 'missed' | 'voicemail';
  at: number;
  number: string;
  callerName?: string;
  line?: string;
  topic?: string;
  message?: string;
  recordingUrl?: string;
  durationSeconds?: number;
  /** Missed calls and voicemails want a call back unless the provider says otherwise. */
  callbackWanted: boolean;
}

/** Verifier settings. */
export interface WebhookVerifierConfig {
  /** Current secret first; an old one may follow during a rotation. */
  secrets: readonly string[];
  /** How far the timestamp may be from now, in ms. Default 300 000 (5 minutes). */
  toleranceMs?: number;
}

/** The signature header value for `body` at `timestamp` (seconds): for providers' docs and tests. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks one request; resolves to the call record or rejects with a WebhookError. */
export type WebhookVerifier = (request: {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string | Buffer;
}) => Promise<CallRecord>;

/** Creates the verifier. */
export function createWebhookVerifier(
  config: WebhookVerifierConfig,
  deps: { clock: Clock; nonces: NonceStore },
): WebhookVerifier {
  const tolerance = config.toleranceMs ?? 300_000;
  if (config.secrets.length === 0 || config.secrets.some((s) => s.length < 16)) {
    throw new ConfigError(
      'the webhook secret must be at least 16 characters (e.g. openssl rand -hex 32)',
    );
  }
  return async ({ headers, rawBody }) => {
    const header = (name: string): string | undefined => {
      const value = headers[name] ?? headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    };
    const signature = header('x-sitedesk-signature');
    const timestampText = header('x-sitedesk-timestamp');
    if (!signature || !timestampText) {
      throw new WebhookError(
        'webhook_signature_missing',
        'X-Sitedesk-Signature and X-Sitedesk-Timestamp are required',
      );
    }
    const timestamp = /^\d{1,12}$/.test(timestampText) ? Number(timestampText) : NaN;
    const now = deps.clock.now();
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp * 1000) > tolerance) {
      throw new WebhookError(
        'webhook_timestamp_out_of_window',
        `the timestamp is more than ${Math.round(tolerance / 1000)} s from the server's time (check the provider's clock)`,
      );
    }
    const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
    const given = Buffer.from(signature.trim());
    const valid = config.secrets.some((secret) => {
      const expected = Buffer.from(signWebhook(secret, timestamp, body));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!valid)
      throw new WebhookError(
        'webhook_signature_invalid',
        'the signature does not match the body and timestamp',
      );

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new WebhookError('webhook_payload_invalid', 'the body is not JSON', [
        { path: '', message: 'not JSON' },
      ]);
    }
    const parsed = callEventSchema.safeParse(json);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      throw new WebhookError('webhook_payload_invalid', 'the call event is invalid', details);
    }
    // Kept for twice the window: an older replay is refused by its timestamp anyway.
    if (!(await deps.nonces.remember(parsed.data.id, now + 2 * tolerance))) {
      throw new WebhookError('webhook_replayed', `event ${parsed.data.id} was already received`);
    }
    return toCallRecord(parsed.data);
  };
}

/** The record of a validated event. */
export function toCallRecord(event: CallEvent): CallRecord {
  const kind =
    event.type === 'call.incoming'
      ? 'incoming'
      : event.type === 'call.missed'
        ? 'missed'
        : 'voicemail';
  const record: CallRecord = {
    eventId: event.id,
    kind,
    at: Date.parse(event.occurredAt),
    number: event.from.number,
    callbackWanted: event.callbackWanted ?? kind !== 'incoming',
  };
  if (event.from.name) record.callerName = event.from.name;
  if (event.to) record.line = event.to.number;
  if (event.topic) record.topic = event.topic;
  if (event.voicemail?.transcript) record.message = event.voicemail.transcript;
  if (event.voicemail?.recordingUrl) record.recordingUrl = event.voicemail.recordingUrl;
  if (event.voicemail?.durationSeconds !== undefined)
    record.durationSeconds = event.voicemail.durationSeconds;
  return record;
}
