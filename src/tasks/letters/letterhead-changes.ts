/**
 * Changing and removing a client's letterhead (issue 20). What went out never changes: a
 * letter's PDF is made and kept in the register when it is numbered (send.ts), so an edit or a
 * removal reaches only letters not sent yet, which follow the letterhead as it is now.
 *
 * - An edit: letters not sent yet print the new letterhead from then on; one the client had
 *   already approved needs her approval again (she approved the old look), as after any change
 *   of the letter itself (letters.ts).
 * - A removal is refused while a letter not sent yet (open, not cancelled) is written on it:
 *   she picks another letterhead for it first. Otherwise, when no letter ever named it, it is
 *   deleted; when letters went out on it, it is archived — hidden from lists and pickers and
 *   refused for new letters, while those letters keep naming it.
 */
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendHistory, type Database } from '../../store/index.js';
import type { Transaction } from 'kysely';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { loadTaskRow } from '../task-list/tasks.js';
import { invalid, parseInput } from '../validate.js';
import {
  letterheadChangeSchema,
  letterheadInputSchema,
  type LetterheadChange,
  type LetterheadSettings,
} from './letterhead-schema.js';
import { decodeImages, letterheadView, type Letterhead } from './letterheads.js';
import { writeLetterDetails } from './letter-writes.js';
import type { LetterDetails } from './schemas.js';

/** The live (not archived) letterhead `id` of `clientId`, in `trx`; 404 for anyone else's. */
async function liveRow(trx: Transaction<Database>, clientId: string, id: string) {
  const row = await trx
    .selectFrom('letterheads')
    .selectAll()
    .where('id', '=', id)
    .where('client_id', '=', clientId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`The client has no letterhead with id ${id}.`);
  return row;
}

/** The letters of `clientId` written on letterhead `id`, with their details. */
async function lettersOn(trx: Transaction<Database>, clientId: string, id: string) {
  const rows = await trx
    .selectFrom('tasks')
    .selectAll()
    .where('kind', '=', 'letter')
    .where('client_id', '=', clientId)
    .execute();
  return rows
    .map((row) => ({ row, details: JSON.parse(row.details) as LetterDetails }))
    .filter((x) => x.details.letterheadId === id);
}

/** A letter not sent yet that still may go: no number, neither finished nor cancelled. */
const pending = (x: { row: { status: string }; details: LetterDetails }): boolean =>
  !x.details.delivery && x.row.status !== 'done' && x.row.status !== 'cancelled';

/** `settings` with `change` applied; `null` clears an optional field. */
function merged(settings: LetterheadSettings, change: LetterheadChange): unknown {
  const { signature: sign, ...rest } = change;
  const next: Record<string, unknown> = { ...settings };
  for (const [key, value] of Object.entries(rest)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  const signature: Record<string, unknown> = { ...settings.signature };
  for (const [key, value] of Object.entries(sign ?? {})) {
    if (value === null) delete signature[key];
    else if (value !== undefined) signature[key] = value;
  }
  return { ...next, signature };
}

/**
 * Changes letterhead `id` of `clientId` (only the fields given); a 400 names each wrong field
 * as when adding one. Letters not sent yet follow it; approved ones need approval again.
 */
export async function updateLetterhead(
  deps: ServiceDeps,
  clientId: string,
  id: string,
  input: LetterheadChange,
  who: Actor,
): Promise<Letterhead> {
  const change = parseInput(letterheadChangeSchema, input, 'letterhead change');
  return inTransaction(deps, who, async (unit) => {
    const row = await liveRow(unit.trx, clientId, id);
    const before = JSON.parse(row.settings) as LetterheadSettings;
    const settings = parseInput(letterheadInputSchema, merged(before, change), 'letterhead change');
    const { issues } = decodeImages(settings);
    if (issues.length) throw invalid('letterhead change', issues);
    const next = {
      ...row,
      name: settings.name,
      settings: JSON.stringify(settings),
      updated_at: unit.at,
    };
    await unit.trx
      .updateTable('letterheads')
      .set({ name: next.name, settings: next.settings, updated_at: next.updated_at })
      .where('id', '=', id)
      .execute();
    for (const letter of (await lettersOn(unit.trx, clientId, id)).filter(pending)) {
      if (letter.details.approval?.state !== 'approved') continue;
      const taskRow = await loadTaskRow(unit, letter.row.id);
      await writeLetterDetails(deps, unit, taskRow, {
        ...letter.details,
        approval: { ...letter.details.approval, state: 'changes' },
      });
    }
    const changed = Object.keys(change).filter((k) => k !== 'logo' && k !== 'signature');
    await appendHistory(unit.trx, deps.newId, {
      entity: 'client',
      entityId: clientId,
      taskId: null,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      // Names of what changed, never image bytes.
      changes: {
        letterhead: {
          id,
          name: settings.name,
          changed: [
            ...changed,
            ...(change.logo !== undefined ? ['logo'] : []),
            ...(change.signature ? ['signature'] : []),
          ],
        },
      },
    });
    return letterheadView(next);
  });
}

/** What removing a letterhead did. */
export interface LetterheadRemoval {
  id: string;
  /** `deleted`: no letter named it; `archived`: kept hidden for the letters that went out on it. */
  outcome: 'deleted' | 'archived';
  /** How many letters (sent, posted, finished or cancelled) still name it. */
  letters: number;
}

/** Removes letterhead `id` of `clientId`; refused (409) while a letter not sent yet uses it. */
export async function removeLetterhead(
  deps: ServiceDeps,
  clientId: string,
  id: string,
  who: Actor,
): Promise<LetterheadRemoval> {
  return inTransaction(deps, who, async (unit) => {
    const row = await liveRow(unit.trx, clientId, id);
    const letters = await lettersOn(unit.trx, clientId, id);
    const waiting = letters.filter(pending).length;
    if (waiting > 0)
      throw new ConflictError(
        `${waiting} letter(s) not sent yet are written on this letterhead; choose another letterhead for them (or cancel them) first.`,
        { code: 'letterhead_in_use' },
      );
    const outcome = letters.length === 0 ? 'deleted' : 'archived';
    if (outcome === 'deleted')
      await unit.trx.deleteFrom('letterheads').where('id', '=', id).execute();
    else
      await unit.trx
        .updateTable('letterheads')
        .set({ archived_at: unit.at, updated_at: unit.at })
        .where('id', '=', id)
        .execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'client',
      entityId: clientId,
      taskId: null,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      changes: { letterheadRemoved: { id, name: row.name, outcome, letters: letters.length } },
    });
    return { id, outcome, letters: letters.length };
  });
}
