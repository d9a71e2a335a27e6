/**
 * Git conflicts of a publication (issue 17): someone else changed the file on the site where
 * sitedesk changed it too. The runner stores both versions (`publication_texts.conflict`) and
 * the publication fails with cause `git_conflict`; the secretary sees them side by side and
 * chooses (keep theirs, use ours, or her own text); the choice is stored and the publication
 * goes through the outbox again, where the connector applies it while the site still has the
 * version she saw. After each publish the file as sitedesk rendered it is kept (`rendered`):
 * the base of the next three-way merge.
 */
import { z } from 'zod';
import type { ConflictResolution, EditConflict } from '../../connectors/types.js';
import { RemoteError, ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../context.js';
import { parseInput } from '../validate.js';

/** A conflict as the API shows it. */
export interface PublicationConflict {
  publicationId: string;
  siteId: string;
  /** The file in the site's repository. */
  path: string;
  /** The file on the site now. */
  theirs: string;
  /** What sitedesk would have written. */
  ours: string;
  /** The version of `theirs` (a decision names it, so it applies to what was seen). */
  version: string;
  detectedAt: string;
  decision?: { choice: ConflictChoice; by: string; at: string };
}

export type ConflictChoice = ConflictResolution['choice'];

/** The body of a decision: `version` is the `version` of the conflict that was shown. */
export const decideConflictSchema = z.discriminatedUnion('choice', [
  z.strictObject({ choice: z.literal('theirs'), version: z.string().regex(/^[0-9a-f]{40}$/) }),
  z.strictObject({ choice: z.literal('ours'), version: z.string().regex(/^[0-9a-f]{40}$/) }),
  z.strictObject({
    choice: z.literal('edit'),
    version: z.string().regex(/^[0-9a-f]{40}$/),
    text: z.string().trim().min(1).max(1_000_000),
  }),
]);
export type DecideConflictInput = z.input<typeof decideConflictSchema>;

interface StoredConflict extends EditConflict {
  detectedAt: string;
}
interface StoredDecision {
  choice: ConflictChoice;
  text?: string;
  theirsVersion: string;
  by: string;
  at: string;
}

/** The conflict carried by a connector's error, if it is one. */
export function editConflictOf(error: unknown): EditConflict | undefined {
  if (!(error instanceof RemoteError) || error.code !== 'git_conflict') return undefined;
  const conflict = (error as RemoteError & { conflict?: EditConflict }).conflict;
  return conflict && typeof conflict.theirs === 'string' ? conflict : undefined;
}

/** What the next publish of a publication needs: sitedesk's last rendering and any decision. */
export async function mergeInputs(
  deps: Pick<ServiceDeps, 'db'>,
  publicationId: string,
): Promise<{ previous?: string; resolution?: ConflictResolution }> {
  const row = await deps.db
    .selectFrom('publication_texts')
    .selectAll()
    .where('publication_id', '=', publicationId)
    .executeTakeFirst();
  if (!row) return {};
  const conflict = row.conflict ? (JSON.parse(row.conflict) as StoredConflict) : undefined;
  const decision = row.decision ? (JSON.parse(row.decision) as StoredDecision) : undefined;
  return {
    ...(row.rendered !== null ? { previous: row.rendered } : {}),
    ...(conflict && decision
      ? {
          resolution: {
            path: conflict.path,
            theirsVersion: decision.theirsVersion,
            choice: decision.choice,
            ...(decision.text !== undefined ? { text: decision.text } : {}),
          },
        }
      : {}),
  };
}

async function upsert(
  unit: Unit,
  publicationId: string,
  values: { rendered?: string | null; conflict: string | null; decision: string | null },
): Promise<void> {
  const set = { ...values, updated_at: unit.at };
  await unit.trx
    .insertInto('publication_texts')
    .values({ publication_id: publicationId, rendered: null, ...set })
    .onConflict((oc) => oc.column('publication_id').doUpdateSet(set))
    .execute();
}

/** After a publish: sitedesk's rendering becomes the next base; a conflict is settled. */
export function saveRendered(unit: Unit, publicationId: string, rendered: string): Promise<void> {
  return upsert(unit, publicationId, { rendered, conflict: null, decision: null });
}

/** After a conflict: both versions are kept for the secretary; an older decision no longer applies. */
export function saveConflict(
  unit: Unit,
  publicationId: string,
  conflict: EditConflict,
): Promise<void> {
  const stored: StoredConflict = { ...conflict, detectedAt: unit.at };
  return upsert(unit, publicationId, { conflict: JSON.stringify(stored), decision: null });
}

/** The open conflict of a publication, or NotFoundError. */
export async function getConflict(
  deps: Pick<ServiceDeps, 'db'>,
  publicationId: string,
): Promise<PublicationConflict> {
  const row = await deps.db
    .selectFrom('publication_texts')
    .innerJoin('publications', 'publications.id', 'publication_texts.publication_id')
    .select(['publications.site_id', 'conflict', 'decision'])
    .where('publication_id', '=', publicationId)
    .executeTakeFirst();
  if (!row?.conflict) throw new NotFoundError(`Publication ${publicationId} has no conflict.`);
  const c = JSON.parse(row.conflict) as StoredConflict;
  const d = row.decision ? (JSON.parse(row.decision) as StoredDecision) : undefined;
  return {
    publicationId,
    siteId: row.site_id,
    path: c.path,
    theirs: c.theirs,
    ours: c.ours,
    version: c.theirsVersion,
    detectedAt: c.detectedAt,
    ...(d ? { decision: { choice: d.choice, by: d.by, at: d.at } } : {}),
  };
}

/**
 * Stores the secretary's choice on the conflict she saw (409 when the site's version changed
 * since: she must look again). The caller then makes the publication due (retry).
 */
export async function decideConflict(
  deps: ServiceDeps,
  publicationId: string,
  input: DecideConflictInput,
  who: Actor,
): Promise<PublicationConflict> {
  const data = parseInput(decideConflictSchema, input, 'decision');
  await inTransaction(deps, who, async (unit) => {
    const row = await unit.trx
      .selectFrom('publication_texts')
      .innerJoin('publications', 'publications.id', 'publication_texts.publication_id')
      .select(['conflict', 'publications.task_id', 'publications.site_id'])
      .where('publication_id', '=', publicationId)
      .executeTakeFirst();
    if (!row?.conflict) throw new NotFoundError(`Publication ${publicationId} has no conflict.`);
    const conflict = JSON.parse(row.conflict) as StoredConflict;
    if (conflict.theirsVersion !== data.version)
      throw new ConflictError(
        'The file on the site changed again since these versions were shown; look at them again.',
      );
    const decision: StoredDecision = {
      choice: data.choice,
      ...(data.choice === 'edit' ? { text: data.text } : {}),
      theirsVersion: conflict.theirsVersion,
      by: unit.actor,
      at: unit.at,
    };
    await unit.trx
      .updateTable('publication_texts')
      .set({ decision: JSON.stringify(decision), updated_at: unit.at })
      .where('publication_id', '=', publicationId)
      .execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'publication',
      entityId: publicationId,
      taskId: row.task_id,
      action: 'conflict_decided',
      actor: unit.actor,
      at: unit.at,
      changes: { siteId: row.site_id, choice: data.choice, path: conflict.path },
    });
  });
  return getConflict(deps, publicationId);
}
