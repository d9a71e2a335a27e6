import { CronExpressionParser } from 'cron-parser';
import rrulePackage from 'rrule';
import {
  CRON_NEVER,
  cronTextProblem,
  impossibleDate,
  NEVER,
  rruleTextProblem,
} from './rule-words.js';
import { createZoneMath, type ZoneMath } from './zone-time.js';

// rrule ships CommonJS for Node: its named exports are only reachable through the default.
const { RRule } = rrulePackage;

const DAY = 86_400_000;
/** Farther than any UTC offset plus a DST gap: floating and real time never differ by more. */
const SLACK = 26 * 3_600_000;

/** How a schedule repeats: an RRULE (without DTSTART/COUNT/UNTIL) or a five-field cron line. */
export type Rule = { kind: 'rrule'; expression: string } | { kind: 'cron'; expression: string };

/** A rule with its bounds, evaluated in one timezone. Instants are epoch ms. */
export interface RecurrenceSpec {
  rule: Rule;
  zone: string;
  startsAt: number;
  endsAt?: number | undefined;
  /** Shared offset cache (a dispatch pass passes one); default: a fresh one. */
  zoneMath?: ZoneMath;
}

/** Occurrences of a schedule as real instants. */
export interface Recurrence {
  /** The first occurrence strictly after `instantMs`, or undefined when the schedule has ended. */
  nextAfter(instantMs: number): number | undefined;
  /** Occurrences in (afterMs, untilMs], oldest first, at most `limit`. */
  between(afterMs: number, untilMs: number, limit: number): number[];
}

type FloatingStep = (floatingMs: number) => number | undefined;

/**
 * Checks a rule: its text part by part, then that it comes round at all. Returns a sentence
 * for a person (rule-words.ts), or undefined when it is fine. The libraries' own messages
 * never reach her.
 */
export function ruleProblem(rule: Rule): string | undefined {
  const cron = rule.kind === 'cron';
  const text = cron
    ? cronTextProblem(rule.expression)
    : (rruleTextProblem(rule.expression) ?? impossibleDate(rule.expression));
  if (text) return text;
  try {
    const start = Date.UTC(2026, 0, 1);
    const first = floatingStep(yearlyRule(rule), start)(start - 1);
    if (first === undefined) return cron ? CRON_NEVER : NEVER;
    return undefined;
  } catch {
    return cron ? CRON_NEVER : NEVER;
  }
}

/**
 * For the "comes round at all" check, the rule stepped a year at a time on the same dates.
 * rrule.js looks for a match period by period up to the year 9999, whatever `until` says, so a
 * daily rule that never matches would take about a minute to prove so; a yearly one takes a
 * fraction of a second. Only where the dates stay the same: a numbered weekday (`2FR`) or
 * BYSETPOS means something else per month than per year, so those rules keep their step.
 */
function yearlyRule(rule: Rule): Rule {
  const expression = rule.expression.replace(/^RRULE:/i, '');
  if (rule.kind !== 'rrule' || /BYSETPOS|BYDAY=[^;]*\d/i.test(expression)) return rule;
  if (/FREQ=MONTHLY/i.test(expression) && !/BYMONTHDAY|BYDAY/i.test(expression)) return rule;
  const parts = expression
    .split(';')
    .filter((p) => !/^\s*(INTERVAL|BYHOUR|BYMINUTE|BYSECOND)\s*=/i.test(p))
    .map((p) => (/^\s*FREQ\s*=/i.test(p) ? 'FREQ=YEARLY' : p));
  return { kind: 'rrule', expression: parts.join(';') };
}

function floatingStep(rule: Rule, floatingStart: number): FloatingStep {
  if (rule.kind === 'cron') {
    if (rule.expression.trim().split(/\s+/).length !== 5) {
      throw new Error(
        'must have five fields (minute hour day-of-month month day-of-week), e.g. 0 9 * * 1',
      );
    }
    const cron = CronExpressionParser.parse(rule.expression, {
      tz: 'UTC',
      currentDate: new Date(floatingStart),
    });
    return (f) => {
      cron.reset(new Date(f));
      try {
        return cron.next().getTime();
      } catch {
        // cron-parser throws past the end date, or when no date matches (e.g. 30 February).
        return undefined;
      }
    };
  }
  if (
    /(^|;)\s*(DTSTART|COUNT|UNTIL)\s*=/i.test(rule.expression) ||
    /DTSTART/i.test(rule.expression)
  ) {
    throw new Error(
      'must not contain DTSTART, COUNT or UNTIL; use the schedule’s start, count and end instead',
    );
  }
  const options = RRule.parseString(rule.expression.replace(/^RRULE:/i, ''));
  if (options.freq === undefined)
    throw new Error('needs FREQ, e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0');
  const rrule = new RRule({
    ...options,
    dtstart: new Date(floatingStart),
    tzid: null,
  });
  return (f) => rrule.after(new Date(f), false)?.getTime();
}

/**
 * The occurrences of `spec`: the rule runs on the zone's wall clock and each wall time maps to
 * one instant (see toInstant), so a 09:00 rule stays at 09:00 local across DST changes, a
 * time in the spring gap runs once an hour later, and a time that occurs twice runs once.
 */
export function createRecurrence(spec: RecurrenceSpec): Recurrence {
  const { toFloating, toInstant } = spec.zoneMath ?? createZoneMath();
  const floatingStart = Math.floor(toFloating(spec.zone, spec.startsAt) / 60_000) * 60_000;
  const step = floatingStep(spec.rule, floatingStart);

  const nextAfter = (instantMs: number): number | undefined => {
    const after = Math.max(instantMs, spec.startsAt - 1);
    // Floating time is not monotonic in real time around DST changes, so scan a little
    // before and keep the earliest instant after `after`, stopping once no later wall time
    // can map below it.
    let f: number | undefined = Math.max(toFloating(spec.zone, after) - SLACK, floatingStart - 1);
    let best: number | undefined;
    let bestFloating = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      f = step(f);
      if (f === undefined) break;
      if (best !== undefined && f > bestFloating + SLACK) break;
      const instant = toInstant(spec.zone, f);
      if (instant > after && (best === undefined || instant < best)) {
        best = instant;
        bestFloating = f;
      }
      if (best === undefined && f > toFloating(spec.zone, after) + 1500 * DAY) break;
    }
    if (best === undefined || (spec.endsAt !== undefined && best > spec.endsAt)) return undefined;
    return best;
  };

  return {
    nextAfter,
    between(afterMs, untilMs, limit) {
      const out: number[] = [];
      for (
        let t = nextAfter(afterMs);
        t !== undefined && t <= untilMs && out.length < limit;
        t = nextAfter(t)
      )
        out.push(t);
      return out;
    },
  };
}
