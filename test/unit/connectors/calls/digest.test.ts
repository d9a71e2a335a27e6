import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../../src/shared/clock.js';
import {
  composeCallMessageMail,
  composeDailyDigest,
  digestDueNow,
  nextDigestDue,
  parseDigestSettings,
} from '../../../../src/connectors/calls/digest.js';

const settings = parseDigestSettings({ timezone: 'Europe/Prague', time: '18:00' });
const at = (iso: string) => Date.parse(iso);

describe('daily digest timing', () => {
  it('keeps 18:00 local across both DST changes', () => {
    expect(nextDigestDue(settings, at('2026-03-28T18:00:00Z'))).toBe(at('2026-03-29T16:00:00Z')); // CEST
    expect(nextDigestDue(settings, at('2026-10-24T16:30:00Z'))).toBe(at('2026-10-25T17:00:00Z')); // CET
    expect(nextDigestDue(settings, at('2026-10-25T16:59:59Z'))).toBe(at('2026-10-25T17:00:00Z'));
  });

  it('moves a time inside the spring-forward gap to after it', () => {
    const night = parseDigestSettings({ timezone: 'Europe/Prague', time: '02:30' });
    expect(nextDigestDue(night, at('2026-03-28T12:00:00Z'))).toBe(at('2026-03-29T01:30:00Z')); // 03:30 CEST
  });

  it('is due once at the set time on the fake clock, and once after downtime', async () => {
    const clock = createFakeClock(at('2026-05-04T15:59:00Z')); // 17:59 CEST
    const yesterday = at('2026-05-03T16:00:00Z');
    expect(digestDueNow(settings, yesterday, clock)).toBeUndefined();
    await clock.advance(60_000);
    const due = digestDueNow(settings, yesterday, clock);
    expect(due).toEqual({
      due: at('2026-05-04T16:00:00Z'),
      from: yesterday,
      to: at('2026-05-04T16:00:00Z'),
    });
    expect(digestDueNow(settings, due!.due, clock)).toBeUndefined();
    await clock.advance(3 * 86_400_000); // three days down: one digest covering all of it
    expect(digestDueNow(settings, due!.due, clock)).toEqual({
      due: at('2026-05-07T16:00:00Z'),
      from: due!.due,
      to: at('2026-05-07T16:00:00Z'),
    });
    expect(digestDueNow(settings, undefined, clock)).toEqual({
      due: at('2026-05-07T16:00:00Z'),
      from: at('2026-05-06T16:00:00Z'),
      to: at('2026-05-07T16:00:00Z'),
    });
  });
});

describe('daily digest contents', () => {
  const addressing = {
    clientName: 'Bakery Nowak',
    from: { address: 'desk@agency.example', name: 'Secretary' },
    to: { address: 'owner@bakery.example', name: 'Owner' },
  };
  const window = { from: at('2026-05-03T16:00:00Z'), to: at('2026-05-04T16:00:00Z') };

  it('lists the window messages in time order in the client timezone, with the voicemail link', () => {
    const mail = composeDailyDigest(settings, addressing, window, [
      {
        at: at('2026-05-04T12:15:00Z'),
        number: '+420 777 1',
        message: 'Order 20 rolls.',
        callbackWanted: false,
        recordingUrl: 'https://voice.example/rec/77.mp3',
      },
      {
        at: at('2026-05-04T07:05:00Z'),
        number: '+420 602 1',
        callerName: 'Jana',
        topic: 'invoice',
        message: 'Line one\nline two',
        callbackWanted: true,
      },
      {
        at: at('2026-05-03T15:00:00Z'),
        number: 'old',
        message: 'in the previous digest',
        callbackWanted: false,
      },
      {
        at: at('2026-05-04T16:00:00Z'),
        number: 'next',
        message: 'in the next digest',
        callbackWanted: false,
      },
    ]);
    expect(mail?.subject).toBe('Call messages for Bakery Nowak — Mon 4 May 2026 (2 messages)');
    expect(mail?.to).toEqual([addressing.to]);
    expect(mail?.text).toBe(
      '2 messages taken for Bakery Nowak, times in Europe/Prague:\n\n' +
        '09:05  Jana (+420 602 1) — wants a call back\n    Topic: invoice\n    Line one\n    line two\n\n' +
        '14:15  +420 777 1\n    Order 20 rolls.\n    Voicemail: https://voice.example/rec/77.mp3\n',
    );
  });

  it('writes one message at once for clients who prefer that', () => {
    const mail = composeCallMessageMail('Europe/Prague', addressing, {
      at: at('2026-05-04T07:05:00Z'),
      number: '+420 602 1',
      callerName: 'Jana',
      message: 'About the invoice.',
      callbackWanted: true,
    });
    expect(mail.subject).toBe('Call from Jana at 09:05 — please call back');
    expect(mail.text).toBe(
      'Mon 4 May 2026 09:05  Jana (+420 602 1) — wants a call back\n    About the invoice.\n',
    );
  });

  it('is written in the client’s language: Czech words, dates and a missed call said as such', () => {
    const czech = { ...addressing, language: 'cs' };
    const messages = [
      {
        at: at('2026-05-04T07:05:00Z'),
        number: '+420 602 1',
        callerName: 'Jana',
        topic: 'faktura',
        message: 'Ozvěte se prosím.',
        callbackWanted: true,
        via: 'voicemail' as const,
        recordingUrl: 'https://voice.example/rec/1.mp3',
      },
      { at: at('2026-05-04T08:00:00Z'), number: '+420 777 1', message: '', callbackWanted: true },
      {
        at: at('2026-05-04T09:00:00Z'),
        number: '+420 777 2',
        message: '',
        callbackWanted: false,
        via: 'missed' as const,
      },
    ];
    const mail = composeDailyDigest(settings, czech, window, messages);
    expect(mail?.subject).toBe('Vzkazy z telefonu pro Bakery Nowak — po 4. 5. 2026 (3 vzkazy)');
    expect(mail?.text).toBe(
      '3 vzkazy pro Bakery Nowak, časy v zóně Europe/Prague:\n\n' +
        '09:05  Jana (+420 602 1) — prosí o zavolání zpět\n    Téma: faktura\n' +
        '    Nechal(a) hlasovou zprávu. Ozvěte se prosím.\n    Hlasová zpráva: https://voice.example/rec/1.mp3\n\n' +
        '10:00  +420 777 1 — prosí o zavolání zpět\n\n' +
        '11:00  +420 777 2\n    Zmeškaný hovor.\n',
    );
    const one = composeCallMessageMail('Europe/Prague', czech, messages[0]!);
    expect(one.subject).toBe('Hovor od: Jana v 09:05 — prosí o zavolání zpět');
    expect(one.text.split('\n')[0]).toBe(
      'po 4. 5. 2026 09:05  Jana (+420 602 1) — prosí o zavolání zpět',
    );
    // Another language than Czech: English, as before.
    expect(
      composeDailyDigest(settings, { ...addressing, language: 'de' }, window, messages)?.subject,
    ).toBe('Call messages for Bakery Nowak — Mon 4 May 2026 (3 messages)');
  });

  it('sends nothing for a day without messages', () => {
    expect(composeDailyDigest(settings, addressing, window, [])).toBeUndefined();
  });
});
