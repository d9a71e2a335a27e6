/**
 * Why a call was put through or not, on her screen (issue 24): each stored code with its facts
 * becomes a sentence in English and in Czech (times in the decision's zone, her rule names as
 * she wrote them); a task from before codes shows its English sentence as stored (the known
 * "no call settings" one in her words); no code ever shows.
 */
import { describe, expect, it } from 'vitest';
import { decisionWords } from '../../../src/ui/src/parts/call-words.js';
import { cs as csCatalog } from '../../../src/ui/src/i18n/cs.js';
import { en as enCatalog, type MessageKey } from '../../../src/ui/src/i18n/en.js';

// The app's translator and date formatting (i18n.ts, which needs preact and the DOM types).
const translator = (catalog: Record<MessageKey, string>, locale: string) => ({
  t: (key: MessageKey, values?: Record<string, string | number>): string =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))
      : catalog[key],
  dateTime: (iso: string, timeZone?: string): string =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
    }).format(new Date(iso)),
});
const en = translator(enCatalog, 'en-GB');
const cs = translator(csCatalog, 'cs-CZ');
const say = (i: typeof en, decision: unknown): string => decisionWords(decision, i.t, i.dateTime);
const zone = 'Europe/Prague';
const why = (w: Record<string, unknown>) => ({ action: 'take-message', why: w });
// 07:00 UTC is 09:00 in Prague (CEST); 12:00 UTC is 14:00.
const next = '2026-04-08T07:00:00.000Z';
const until = '2026-04-08T12:00:00.000Z';

describe('call decision reasons in her words', () => {
  it('says every code in English and in Czech', () => {
    const cases: [Record<string, unknown>, RegExp, RegExp][] = [
      [
        { code: 'no-settings' },
        /^this client has no call hours or forwarding rules yet/,
        /^klient zatím nemá nastavené hodiny ani pravidla přepojení/,
      ],
      [
        { code: 'no-rule-within-hours', timezone: zone },
        /^no forwarding rule matches this caller or topic; the client is within hours\.$/,
        /^na tohoto volajícího ani téma se nevztahuje žádné pravidlo přepojení; klient je v pracovní době\.$/,
      ],
      [
        { code: 'no-rule-outside-hours', next, timezone: zone },
        /^no forwarding rule .* outside hours \(next reachable Wed.*8 Apr.*09:00.*\)\.$/,
        /^na tohoto volajícího .* mimo pracovní dobu \(k zastižení st.*8\. 4\. 2026.*9:00.*\)\.$/,
      ],
      [
        {
          code: 'rule-within-hours',
          rule: 'rodina',
          match: { by: 'caller', value: 'Petr Dvořák' },
          range: '09:00–17:00',
          timezone: zone,
        },
        /^rule “rodina” matches \(caller Petr Dvořák\) and the client is within hours \(09:00–17:00\)\.$/,
        /^platí pravidlo „rodina“ \(volající Petr Dvořák\) a klient je v pracovní době \(09:00–17:00\)\.$/,
      ],
      [
        { code: 'rule-any-time', rule: 'vše', match: { by: 'any-caller' }, timezone: zone },
        /^outside hours, but rule “vše” \(every caller\) puts calls through at any time\.$/,
        /^je mimo pracovní dobu, ale pravidlo „vše“ \(každý volající\) přepojuje kdykoli\.$/,
      ],
      [
        {
          code: 'rule-only-within-hours',
          rule: 'objednávky',
          match: { by: 'topic', value: 'dort' },
          timezone: zone,
        },
        /^rule “objednávky” matches \(topic “dort”\), but only within hours; the client is next reachable not within the next three weeks\.$/,
        /^platí pravidlo „objednávky“ \(téma „dort“\), ale jen v pracovní době; klient je k zastižení ne v příštích třech týdnech\.$/,
      ],
      [
        { code: 'unreachable', until, note: 'u zubaře', next: until, timezone: zone },
        /^the client is unreachable until .*14:00.* \(u zubaře\); next reachable .*14:00.*\.$/,
        /^klient je nedostupný do .*14:00.* \(u zubaře\); znovu k zastižení .*14:00.*\.$/,
      ],
      [
        {
          code: 'unreachable',
          rule: 'rodina',
          match: { by: 'caller', value: '+420 602 111 222' },
          until,
          timezone: zone,
        },
        /^the client is unreachable until .*14:00.*: rule “rodina” matches \(caller \+420 602 111 222\), but the client cannot take calls now; next reachable not within/,
        /^klient je nedostupný do .*14:00.*: pravidlo „rodina“ \(volající \+420 602 111 222\) sice platí, ale klient teď hovory nepřijímá; znovu k zastižení ne v příštích/,
      ],
    ];
    for (const [w, english, czech] of cases) {
      const [inEnglish, inCzech] = [say(en, why(w)), say(cs, why(w))];
      expect(inEnglish).toMatch(english);
      expect(inCzech).toMatch(czech);
      for (const shown of [inEnglish, inCzech]) {
        // The codes with a hyphen; "unreachable" is also a plain English word.
        if (String(w.code).includes('-')) expect(shown).not.toContain(String(w.code));
        expect(shown).not.toMatch(/\{|\}|undefined|T\d\d:\d\d:\d\d/);
      }
    }
  });

  it('shows an old task’s stored English sentence as it was, the known one in her words', () => {
    const old =
      'Rule "orders" matches (topic "big order") and the client is within hours (09:00–17:00).';
    expect(say(cs, { action: 'forward', reason: old, rule: 'orders' })).toBe(old);
    expect(
      say(cs, {
        action: 'take-message',
        reason:
          'This client has no call settings (hours, forwarding rules), so nothing goes through: take a message.',
      }),
    ).toMatch(/^klient zatím nemá nastavené hodiny/);
  });

  it('says in words when the reason is missing or unknown, never the code', () => {
    expect(say(cs, { action: 'forward' })).toBe('důvod nebyl zaznamenán.');
    expect(say(en, why({ code: 'some-future-code' }))).toBe('the reason was not recorded.');
  });
});
