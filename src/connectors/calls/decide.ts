/**
 * At the moment of a call: forward it now, or take a message — with the reason in words, shown
 * to the secretary when the call task is created. A call goes through when a forwarding rule
 * matches and the client can be reached (within hours, or any time for an `outsideHours`
 * rule); never during an unreachable period.
 */
import { formatLocal, reachability } from './availability.js';
import type { CallProfile, ForwardingRule } from './schemas.js';

/** A call as the secretary (or the telephony webhook) sees it. */
export interface IncomingCall {
  number: string;
  callerName?: string;
  topic?: string;
  /** When it rang (epoch ms). */
  at: number;
}

/** The decision. */
export interface CallDecision {
  action: 'forward' | 'take-message';
  reason: string;
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
function ruleMatch(rule: ForwardingRule, call: IncomingCall): string | undefined {
  if (rule.anyCaller) return 'every caller';
  for (const caller of rule.callers ?? []) {
    // Five or more digits: a number; otherwise a name.
    if (phoneDigits(caller).length >= 5) {
      if (sameNumber(caller, call.number)) return `caller ${call.number}`;
    } else if (call.callerName && containsWord(call.callerName, caller)) {
      return `caller ${call.callerName}`;
    }
  }
  const topic = call.topic && rule.topics?.find((t) => containsWord(call.topic ?? '', t));
  return topic ? `topic "${topic}"` : undefined;
}

/** Forward now or take a message, and why. */
export function decideCall(profile: CallProfile, call: IncomingCall): CallDecision {
  const tz = profile.availability.timezone;
  const when = (ms: number | undefined): string =>
    ms === undefined ? 'not within the next three weeks' : formatLocal(ms, tz);
  const matched = profile.forwarding
    .map((rule) => ({ rule, why: ruleMatch(rule, call) }))
    .filter((m): m is { rule: ForwardingRule; why: string } => m.why !== undefined);
  const reach = reachability(profile.availability, call.at);
  const first = matched[0];

  if (reach.state === 'unreachable') {
    const why = reach.reason ? ` (${reach.reason})` : '';
    const despite = first
      ? ` Rule "${first.rule.name}" matches (${first.why}), but the client cannot take calls now.`
      : '';
    return {
      action: 'take-message',
      reason: `The client is unreachable until ${when(reach.until)}${why}.${despite} Next reachable: ${when(reach.next)}.`,
      ...(first ? { rule: first.rule.name } : {}),
    };
  }
  if (!first) {
    const hours =
      reach.state === 'available'
        ? 'within hours'
        : `outside hours (next reachable ${when(reach.next)})`;
    return {
      action: 'take-message',
      reason: `No forwarding rule matches this caller or topic; the client is ${hours}.`,
    };
  }
  if (reach.state === 'available') {
    return {
      action: 'forward',
      reason: `Rule "${first.rule.name}" matches (${first.why}) and the client is within hours (${reach.range}).`,
      rule: first.rule.name,
    };
  }
  const anyTime = matched.find((m) => m.rule.outsideHours);
  if (anyTime) {
    return {
      action: 'forward',
      reason: `Outside hours, but rule "${anyTime.rule.name}" puts ${anyTime.why} through at any time.`,
      rule: anyTime.rule.name,
    };
  }
  return {
    action: 'take-message',
    reason: `Rule "${first.rule.name}" matches (${first.why}), but only within hours; the client is next reachable ${when(reach.next)}.`,
    rule: first.rule.name,
  };
}
