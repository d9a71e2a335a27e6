/**
 * runMailing's bookkeeping with a fake clock. `send` here is a recording function standing in
 * for SMTP (the real server is in test/integration/mail/promotion.test.ts); what is tested is
 * the state handling around it.
 */
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../../src/shared/clock.js';
import { createSilentLogger } from '../../../../src/shared/logger.js';
import { MailError } from '../../../../src/connectors/mail/errors.js';
import { runMailing, type RecipientRecord } from '../../../../src/connectors/mail/bulk-send.js';
import type { OutgoingMail } from '../../../../src/connectors/mail/outgoing.js';

const recipients = ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example'].map((email) => ({
  email,
}));

function setup(
  initial: [string, RecipientRecord][] = [],
  fail: (to: string) => Error | undefined = () => undefined,
) {
  const records = new Map<string, RecipientRecord>(initial);
  const clock = createFakeClock();
  const sent: { to: string; at: number }[] = [];
  const deps = {
    clock,
    logger: createSilentLogger(),
    state: {
      load: async () => new Map(records),
      mark: async (e: string, r: RecipientRecord) => void records.set(e, r),
    },
    compose: (r: { email: string }): OutgoingMail => ({
      from: { address: 's@x.example', name: '' },
      to: [{ address: r.email, name: '' }],
      subject: 's',
      text: 't',
    }),
    send: async (mail: OutgoingMail) => {
      const to = mail.to[0]!.address;
      // The state store must already say `sending` when the hand-over starts.
      expect(records.get(to)?.state).toBe('sending');
      const error = fail(to);
      if (error) throw error;
      sent.push({ to, at: clock.now() });
      return { messageId: `${to}-id` };
    },
  };
  return { records, clock, sent, deps };
}

describe('runMailing', () => {
  it('reports a recipient left `sending` by a crash as unknown and does not resend it', async () => {
    const { deps, sent } = setup([
      ['a@x.example', { state: 'sent' }],
      ['b@x.example', { state: 'sending' }],
    ]);
    const report = await runMailing(recipients, deps, { intervalMs: 0 });
    expect(report).toMatchObject({ sent: 2, alreadySent: 1, unknown: ['b@x.example'] });
    expect(sent.map((s) => s.to)).toEqual(['c@x.example', 'd@x.example']);
  });

  it('resends unknown recipients when told to', async () => {
    const { deps, sent, records } = setup([['b@x.example', { state: 'sending' }]]);
    const report = await runMailing(recipients, deps, { intervalMs: 0, resendUnknown: true });
    expect(report.unknown).toEqual([]);
    expect(sent.map((s) => s.to)).toContain('b@x.example');
    expect(records.get('b@x.example')).toEqual({ state: 'sent', detail: 'b@x.example-id' });
  });

  it('keeps the interval between sends on the injected clock', async () => {
    const { deps, sent, clock } = setup();
    const run = runMailing(recipients, deps, { intervalMs: 1_000 });
    for (let i = 0; i < 4; i++) await clock.advance(1_000);
    await run;
    const start = sent[0]!.at;
    expect(sent.map((s) => s.at - start)).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it('skips a refused address and goes on; stops at a connection problem and resumes later', async () => {
    let down = true;
    const { deps, sent, records } = setup([], (to) => {
      if (to === 'a@x.example')
        return new MailError('mail_send_failed', '550 no such user', { retryable: false });
      if (to === 'c@x.example' && down)
        return new MailError('mail_send_failed', 'ECONNREFUSED', { retryable: true });
      return undefined;
    });
    const first = await runMailing(recipients, deps, { intervalMs: 0 });
    expect(first).toMatchObject({ sent: 1, remaining: 1, stoppedBecause: 'ECONNREFUSED' });
    expect(first.failed.map((f) => [f.email, f.retryable])).toEqual([
      ['a@x.example', false],
      ['c@x.example', true],
    ]);
    down = false;
    const second = await runMailing(recipients, deps, { intervalMs: 0 });
    expect(second).toMatchObject({ sent: 2, alreadySent: 1, remaining: 0 });
    expect(second.failed).toEqual([
      { email: 'a@x.example', reason: '550 no such user', retryable: false },
    ]);
    expect(sent.map((s) => s.to)).toEqual(['b@x.example', 'c@x.example', 'd@x.example']);
    expect(records.get('a@x.example')?.state).toBe('failed');
  });
});
