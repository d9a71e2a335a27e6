import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Client, Site, TaskService } from '../tasks/index.js';
import { UsageError } from './command.js';

const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Runs a service call and turns its ValidationError into a UsageError that names the
 * command-line flags (`--timezone: must be an IANA timezone …`) instead of field paths.
 * `flags` maps a field path (or its first part) to the flag that sets it.
 */
export async function asFlags<T>(
  flags: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ValidationError) || !error.details) throw error;
    const lines = error.details.map((issue) => {
      const parts = issue.path.split('.');
      let flag: string | undefined;
      for (let n = parts.length; n > 0 && flag === undefined; n--)
        flag = flags[parts.slice(0, n).join('.')];
      return `  ${flag ?? issue.path}: ${issue.message}`;
    });
    throw new UsageError(`Not saved; please correct:\n${lines.join('\n')}`);
  }
}

/** Throws a UsageError naming `flag` when `value` is missing. */
export function required(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value.trim() === '')
    throw new UsageError(`${flag} is required, e.g. ${flag} ${example}`);
  return value;
}

/** An instant from a flag: ISO-8601 with offset or Z (`2026-03-09T09:00:00+01:00`); `now` is allowed. */
export function instantFlag(
  value: string | undefined,
  flag: string,
  nowMs: number,
): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'now') return new Date(nowMs).toISOString();
  const ok = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value);
  if (!ok || Number.isNaN(Date.parse(value)))
    throw new UsageError(
      `${flag} "${value}" is not a time; use e.g. ${flag} 2026-03-09T09:00:00+01:00`,
    );
  return new Date(value).toISOString();
}

/** A whole number from a flag, within bounds. */
export function intFlag(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${value}").`);
  return n;
}

function byRef<T extends { id: string; name: string }>(
  items: T[],
  ref: string,
  what: string,
  flag: string,
): T {
  const byId = ID.test(ref) ? items.find((item) => item.id === ref) : undefined;
  if (byId) return byId;
  const named = items.filter((item) => item.name.toLowerCase() === ref.trim().toLowerCase());
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1)
    throw new UsageError(
      `${flag} "${ref}" is the name of ${named.length}; use the id (${named.map((n) => n.id).join(', ')}).`,
    );
  throw new NotFoundError(`${flag} "${ref}": no ${what} has this id or name.`);
}

/** A client by id or by its exact name (case-insensitive); NotFoundError names the flag. */
export async function findClient(tasks: TaskService, ref: string, flag: string): Promise<Client> {
  return byRef(await tasks.listClients(), ref, 'client', flag);
}

/**
 * A client by id or exact name among all of them, the archived ones too (for export and final
 * removal, which are about clients that left); NotFoundError names the flag.
 */
export async function findAnyClient(
  tasks: TaskService,
  ref: string,
  flag: string,
): Promise<{ id: string; name: string }> {
  const all = await tasks.deps.db
    .selectFrom('clients')
    .select(['id', 'name'])
    .orderBy('name')
    .execute();
  return byRef(all, ref, 'client', flag);
}

/** A site by id or by its exact name, optionally of one client; NotFoundError names the flag. */
export async function findSite(
  tasks: TaskService,
  ref: string,
  flag: string,
  clientId?: string,
): Promise<Site> {
  const sites = await tasks.listSites(clientId === undefined ? {} : { clientId });
  return byRef(sites, ref, clientId === undefined ? 'site' : 'site of this client', flag);
}

/** A list flag given once with commas or several times: `--tag a,b --tag c`. */
export function listFlag(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}
