import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../../src/shared/clock.js';
import {
  createWebhookVerifier,
  signWebhook,
  WebhookError,
  type NonceStore,
} from '../../../../src/connectors/calls/webhook.js';

const SECRET = 'a-shared-secret-of-32-characters';
const OLD_SECRET = 'the-previous-secret-being-rotated';
const now = Date.parse('2026-05-04T10:00:00Z');
const ts = Math.floor(now / 1000);

function setup() {
  const seen = new Map<string, number>();
  const nonces: NonceStore = {
    remember: async (id, expiresAt) => {
      if (seen.has(id)) return false;
      seen.set(id, expiresAt);
      return true;
    },
  };
  const clock = createFakeClock(now);
  return {
    verify: createWebhookVerifier({ secrets: [SECRET, OLD_SECRET] }, { clock, nonces }),
    seen,
    clock,
  };
}

const event = {
  id: 'evt-1',
  type: 'call.voicemail',
  occurredAt: '2026-05-04T11:58:00+02:00',
  from: { number: '+420 602 123 456', name: 'Jana' },
  to: { number: '+420 222 000 111' },
  voicemail: {
    transcript: 'Please call me back.',
    recordingUrl: 'https://pbx.example/r/1.mp3',
    durationSeconds: 14,
  },
};

function request(
  body: string,
  options: { secret?: string; timestamp?: number; signature?: string } = {},
) {
  const t = options.timestamp ?? ts;
  return {
    headers: {
      'x-sitedesk-timestamp': String(t),
      'x-sitedesk-signature': options.signature ?? signWebhook(options.secret ?? SECRET, t, body),
    },
    rawBody: Buffer.from(body),
  };
}

async function refusal(promise: Promise<unknown>): Promise<[string, number]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebhookError) return [error.code, error.httpStatus];
    throw error;
  }
  throw new Error('was accepted');
}

describe('telephony webhook', () => {
  it('turns a signed event into a call record, once', async () => {
    const { verify, seen } = setup();
    const body = JSON.stringify(event);
    expect(await verify(request(body))).toEqual({
      eventId: 'evt-1',
      kind: 'voicemail',
      at: Date.parse('2026-05-04T09:58:00Z'),
      number: '+420 602 123 456',
      callerName: 'Jana',
      line: '+420 222 000 111',
      message: 'Please call me back.',
      recordingUrl: 'https://pbx.example/r/1.mp3',
      durationSeconds: 14,
      callbackWanted: true,
    });
    expect(seen.get('evt-1')).toBe(now + 600_000);
    expect(await refusal(verify(request(body)))).toEqual(['webhook_replayed', 409]);
  });

  it('accepts the old secret during a rotation', async () => {
    const { verify } = setup();
    expect(
      (await verify(request(JSON.stringify({ ...event, id: 'evt-2' }), { secret: OLD_SECRET })))
        .eventId,
    ).toBe('evt-2');
  });

  it('refuses a missing, wrong or tampered signature', async () => {
    const { verify } = setup();
    const body = JSON.stringify(event);
    expect(await refusal(verify({ headers: {}, rawBody: body }))).toEqual([
      'webhook_signature_missing',
      401,
    ]);
    expect(await refusal(verify(request(body, { secret: 'someone-elses-secret-value' })))).toEqual([
      'webhook_signature_invalid',
      401,
    ]);
    const tampered = request(body);
    tampered.rawBody = Buffer.from(body.replace('Jana', 'Eve'));
    expect(await refusal(verify(tampered))).toEqual(['webhook_signature_invalid', 401]);
    expect(await refusal(verify(request(body, { signature: 'sha256=00' })))).toEqual([
      'webhook_signature_invalid',
      401,
    ]);
  });

  it('refuses a timestamp outside the window, even when correctly signed (replay of an old capture)', async () => {
    const { verify, clock } = setup();
    const body = JSON.stringify({ ...event, id: 'evt-3' });
    const captured = request(body);
    await clock.advance(301_000);
    expect(await refusal(verify(captured))).toEqual(['webhook_timestamp_out_of_window', 401]);
    expect(await refusal(verify(request(body, { timestamp: ts + 3600 })))).toEqual([
      'webhook_timestamp_out_of_window',
      401,
    ]);
  });

  it('refuses bad payloads naming the fields, and does not burn their id', async () => {
    const { verify, seen } = setup();
    expect(await refusal(verify(request('not json')))).toEqual(['webhook_payload_invalid', 400]);
    const bad = {
      ...event,
      id: 'evt-4',
      type: 'call.unknown',
      from: { number: 'call me' },
      occurredAt: 'yesterday',
    };
    try {
      await verify(request(JSON.stringify(bad)));
      expect.unreachable();
    } catch (error) {
      expect((error as WebhookError).details?.map((d) => d.path)).toEqual([
        'type',
        'occurredAt',
        'from.number',
      ]);
    }
    expect(seen.has('evt-4')).toBe(false);
  });

  it('refuses a short secret at set-up', () => {
    expect(() =>
      createWebhookVerifier(
        { secrets: ['short'] },
        { clock: createFakeClock(), nonces: { remember: async () => true } },
      ),
    ).toThrow(/at least 16 characters/);
  });
});
