// The pieces every history sentence is made of: the entry's shape, the context (client, sites,
// time zone), plain readers of the untyped `changes`, and how a site and a reason are named.
import type { MessageKey } from '../i18n/en.js';

/** Translates a key, filling `{name}` placeholders (the `t` of useI18n). */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** One history entry as the API sends it (`entity` names what changed: task, publication, …). */
export interface HistoryItem {
  id: string;
  action: string;
  actor: string;
  at: string;
  changes: unknown;
  entity?: string;
  entityId?: string;
}

/** A site a history line may name. */
export interface HistorySite {
  id: string;
  name: string;
  kind: string;
}

/** What the sentences need besides the entry. */
export interface HistoryContext {
  /** The task's client: `client:<id>` actors are named by it. */
  client?: { name: string } | undefined;
  /** The client's sites: publication lines name them. */
  sites?: readonly HistorySite[] | undefined;
  /** A date and time in the client's zone. */
  dateTime: (iso: string) => string;
}

/** One line of the history: a sentence, shown once for `count` identical entries in a row. */
export interface HistoryLine {
  id: string;
  /** When it happened (the last of the repeated entries). */
  at: string;
  /** The sentence, with "(3×)" when repeated. */
  text: string;
  count: number;
}

/** The `changes` of an entry, read field by field. */
export type Changes = Record<string, unknown>;

const siteKinds = ['wordpress', 'ghost', 'git'] as const;

export const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);
export const record = (v: unknown): Changes | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Changes) : undefined;
export const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
export const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
export const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** A site as "Bakery website (WordPress)"; `known` names one the client's list no longer has. */
export function siteName(
  id: unknown,
  ctx: HistoryContext,
  t: Translate,
  known?: { name?: unknown; kind?: unknown },
): string {
  const site = ctx.sites?.find((s) => s.id === id);
  const name = site?.name ?? text(known?.name);
  if (!name) return t('history.site.unknown');
  const kind = site?.kind ?? text(known?.kind);
  if (!kind) return name;
  const kindWords = isOneOf(siteKinds, kind) ? t(`history.siteKind.${kind}`) : kind;
  return t('history.site', { name, kind: kindWords });
}

/** Strips the English lead-in the server puts before a connector's own reason. */
export function reasonOf(v: unknown, leadIns: RegExp[] = []): string | undefined {
  let reason = text(v);
  for (const re of leadIns) if (reason) reason = text(reason.replace(re, ''));
  return reason;
}
export const verifyLeadIns = [
  /^Published; live page not confirmed yet:\s*/,
  /^Published, but the live page was not confirmed after \d+ checks?:\s*/,
];
export const endLeadIns = [/^Taking down failed:\s*/];
