/**
 * At the moment of a call: forward it now, or take a message — with the reason as a code and
 * its facts, worded by the web app and the client's mails in their language. A call goes through when a forwarding rule
 * matches and the client can be reached (within hours, or any time for an `outsideHours`
 * rule); never during an unreachable period.
 */
import { reachability } from './availability.js';
import type { CallProfile, ForwardingRule } from './schemas.js';

/** A call as the secretary (or the telephony webhook) sees it. */
export interface IncomingCall {
  number: string;
  callerName?: string;
  topic?: string;
  /** When it rang (epoch ms). */
  at: number;
}

/**
 * Why a call was decided, as a code and the facts its words need (issue 24: the screens and the
 * client's mails say it in their own language, so no sentence is stored). Instants are ISO
 * strings, read in `timezone` (the client's call settings').
 */
export const callReasonCodes = [
  'no-settings',
  'no-rule-within-hours',
  'no-rule-outside-hours',
  'rule-within-hours',
  'rule-any-time',
  'rule-only-within-hours',
  'unreachable',
] as const;
export type CallReasonCode = (typeof callReasonCodes)[number];

/** What made a rule match: every caller, this caller (number or name), or this topic word. */
export interface RuleMatch {
  by: 'any-caller' | 'caller' | 'topic';
  /** The caller's number or name, or the topic word of the rule; absent for `any-caller`. */
  value?: string;
}

/** The code and its facts. */
export interface CallReason {
  code: CallReasonCode;
  /** Her name of the rule that matched. */
  rule?: string;
  match?: RuleMatch;
  /** The weekly range the call fell in, `09:00–17:00`. */
  range?: string;
  /** End of the unreachable period (ISO). */
  until?: string;
  /** Her note on the unreachable period ("dentist"). */
  note?: string;
  /** Next reachable (ISO); absent: not within the next three weeks. */
  next?: string;
  timezone?: string;
}

/** The decision. */
export interface CallDecision {
  action: 'forward' | 'take-message';
  why: CallReason;
  /** The rule that matched, if any. */
  rule?: string;
}

/** Digits of a phone number; `00` is the international prefix (`+`). */
export function phoneDigits(number: string): string {
  const digits = number.replace(/[^\d+]/g, '').replace(/^00/, '+');
  return digits.replace(/\+/g, '');
}

/**
 * Same number: equal digits, or one ends with the other when written without the country code
 * ("602 123 456" is "+420 602 123 456"); at least 7 digits must agree so "123" matches nothing.
 */
export function sameNumber(a: string, b: string): boolean {
  const x = phoneDigits(a);
  const y = phoneDigits(b);
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 7 && long.endsWith(short);
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function containsWord(text: string, word: string): boolean {
  const escaped = fold(word)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(fold(text));
}

/** Why `rule` matches `call`, or undefined. */
function ruleMatch(rule: ForwardingRule, call: IncomingCall): RuleMatch | undefined {
  if (rule.anyCaller) return { by: 'any-caller' };
  for (const caller of rule.callers ?? []) {
    // Five or more digits: a number; otherwise a name.
    if (phoneDigits(caller).length >= 5) {
      if (sameNumber(caller, call.number)) return { by: 'caller', value: call.number };
    } else if (call.callerName && containsWord(call.callerName, caller)) {
      return { by: 'caller', value: call.callerName };
    }
  }
  const topic = call.topic && rule.topics?.find((t) => containsWord(call.topic ?? '', t));
  return topic ? { by: 'topic', value: topic } : undefined;
}

/** Forward now or take a message, and why. */
export function decideCall(profile: CallProfile, call: IncomingCall): CallDecision {
  const timezone = profile.availability.timezone;
  const iso = (ms: number | undefined): { next?: string } =>
    ms === undefined ? {} : { next: new Date(ms).toISOString() };
  const matched = profile.forwarding
    .map((rule) => ({ rule, why: ruleMatch(rule, call) }))
    .filter((m): m is { rule: ForwardingRule; why: RuleMatch } => m.why !== undefined);
  const reach = reachability(profile.availability, call.at);
  const first = matched[0];
  const ruleFacts = (m: { rule: ForwardingRule; why: RuleMatch }) => ({
    rule: m.rule.name,
    match: m.why,
  });

  if (reach.state === 'unreachable') {
    return {
      action: 'take-message',
      why: {
        code: 'unreachable',
        ...(first ? ruleFacts(first) : {}),
        until: new Date(reach.until).toISOString(),
        ...(reach.reason ? { note: reach.reason } : {}),
        ...iso(reach.next),
        timezone,
      },
      ...(first ? { rule: first.rule.name } : {}),
    };
  }
  if (!first) {
    return {
      action: 'take-message',
      why:
        reach.state === 'available'
          ? { code: 'no-rule-within-hours', timezone }
          : { code: 'no-rule-outside-hours', ...iso(reach.next), timezone },
    };
  }
  if (reach.state === 'available') {
    return {
      action: 'forward',
      why: { code: 'rule-within-hours', ...ruleFacts(first), range: reach.range, timezone },
      rule: first.rule.name,
    };
  }
  const anyTime = matched.find((m) => m.rule.outsideHours);
  if (anyTime) {
    return {
      action: 'forward',
      why: { code: 'rule-any-time', ...ruleFacts(anyTime), timezone },
      rule: anyTime.rule.name,
    };
  }
  return {
    action: 'take-message',
    why: { code: 'rule-only-within-hours', ...ruleFacts(first), ...iso(reach.next), timezone },
    rule: first.rule.name,
  };
}
