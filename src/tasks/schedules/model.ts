import type { Selectable } from 'kysely';
import type { SchedulesTable } from '../../store/index.js';
import { createRecurrence, type Recurrence, type Rule } from './recurrence.js';
import type { CatchUp } from './schemas.js';
import type { Template } from './template.js';
import type { ZoneMath } from './zone-time.js';

/** The stored rule column: the rule and its bounds. */
export interface StoredRule {
  rule: Rule;
  startsAt: string;
  endsAt: string | null;
  count: number | null;
}

/** A recurrence in the client's timezone that creates publish tasks. */
export interface Schedule extends StoredRule {
  id: string;
  clientId: string;
  name: string;
  template: Template;
  /** The sites it publishes to (for a region schedule: the sites of its regions). */
  siteIds: string[];
  /** Template kind `region`: the regions each run fills (issue 23). */
  target?: { regionIds: string[] };
  catchUp: CatchUp;
  enabled: boolean;
  /** The next occurrence not yet dispatched (UTC), or null once the schedule has ended. */
  nextRunAt: string | null;
  /** Occurrences used up so far (dispatched or skipped). */
  fired: number;
  createdAt: string;
  updatedAt: string;
}

/** A schedules row as a Schedule. */
export function scheduleFromRow(row: Selectable<SchedulesTable>): Schedule {
  const stored = JSON.parse(row.rule) as StoredRule;
  return {
    ...stored,
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    template: JSON.parse(row.template) as Template,
    siteIds: JSON.parse(row.site_ids) as string[],
    ...(row.region_ids !== null
      ? { target: { regionIds: JSON.parse(row.region_ids) as string[] } }
      : {}),
    catchUp: row.catch_up as CatchUp,
    enabled: row.enabled === 1,
    nextRunAt: row.next_run_at,
    fired: row.fired,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The recurrence of a schedule in `zone` (the client's timezone). */
export function recurrenceOf(schedule: StoredRule, zone: string, zoneMath?: ZoneMath): Recurrence {
  return createRecurrence({
    zoneMath,
    rule: schedule.rule,
    zone,
    startsAt: Date.parse(schedule.startsAt),
    endsAt: schedule.endsAt === null ? undefined : Date.parse(schedule.endsAt),
  });
}

/** The next run after `afterMs` that the count still allows, as ISO text, or null. */
export function nextRunIso(
  schedule: StoredRule,
  recurrence: Recurrence,
  afterMs: number,
  fired: number,
): string | null {
  if (schedule.count !== null && fired >= schedule.count) return null;
  const next = recurrence.nextAfter(afterMs);
  return next === undefined ? null : new Date(next).toISOString();
}
