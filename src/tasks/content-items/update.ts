import { ConflictError, NotFoundError, SitedeskError } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { checkSites } from '../task-list/references.js';
import { contentItemFromRow } from '../rows.js';
import { endsAfterStart, endsAfterStartIssue } from '../schemas/entities.js';
import { updateContentItemSchema, type UpdateContentItemInput } from '../schemas/content.js';
import type { StoredContentItem } from '../types.js';
import { resolveUploadedImages } from './uploads.js';
import { invalid, parseInput } from '../validate.js';

/**
 * A change made on an older revision than the stored one: another tab or person saved the item
 * meanwhile. Carries the current version so the editor can show both and let her choose.
 */
export class EditConflictError extends SitedeskError {
  constructor(readonly current: StoredContentItem) {
    super(
      'edit_conflict',
      `Content item ${current.id} was changed meanwhile (it is at revision ${current.revision}); nothing was saved.`,
    );
  }
}

/**
 * Changes a content item (images by upload id, like createContentItemFromUploads).
 *
 * Refused with a ConflictError while one of its publications is being published right now:
 * the runner read the item when the attempt began, so a change saved meanwhile would be
 * recorded as published while the site shows the old text. Pending publications take the
 * change (the runner reads the item when it starts each attempt); sites that already have
 * the item keep their copy until it is published to them again.
 *
 * With `baseRevision`, a change made on an older version than the stored one is refused with
 * an EditConflictError (never a silent overwrite); each saved change counts one revision up.
 */
export async function updateContentItem(
  deps: ServiceDeps,
  id: string,
  input: UpdateContentItemInput,
  who: Actor,
): Promise<StoredContentItem> {
  const patch = parseInput(updateContentItemSchema, input, 'content item change');
  return inTransaction(deps, who, async (unit) => {
    const { trx, at, actor } = unit;
    const row = await trx
      .selectFrom('content_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`No content item with id ${id}.`);
    // In the same transaction as the write: SQLite runs one writer at a time, so the runner
    // cannot claim a publication between this check and the change.
    const busy = await trx
      .selectFrom('publications')
      .select('id')
      .where('content_item_id', '=', id)
      .where('state', '=', 'publishing')
      .executeTakeFirst();
    if (busy)
      throw new ConflictError(
        `Content item ${id} is being published right now (publication ${busy.id}); change it once that attempt has finished.`,
      );
    const before = contentItemFromRow(row);
    if (patch.baseRevision !== undefined && patch.baseRevision !== before.revision)
      throw new EditConflictError(before);
    if (patch.siteIds?.length) {
      const issues = await checkSites(trx, row.client_id, patch.siteIds, 'siteIds', {
        working: false,
      });
      if (issues.length) throw invalid('content item change', issues);
    }
    const images =
      patch.images === undefined
        ? undefined
        : await resolveUploadedImages(trx, patch.images, 'content item change');
    // Kept images stay as stored: the objects read back hide their paths (file-views.ts), so
    // writing them out again would lose where the bytes are.
    const storedImages = JSON.parse(row.images) as StoredContentItem['images'];
    const next = {
      title: patch.title ?? before.title,
      slug: patch.slug ?? before.slug,
      markdown: patch.markdown ?? before.markdown,
      excerpt: patch.excerpt === undefined ? before.excerpt : patch.excerpt,
      tags: patch.tags ?? before.tags,
      categories: patch.categories ?? before.categories,
      images: images ?? storedImages,
      language: patch.language === undefined ? before.language : patch.language,
      startsAt: patch.startsAt === undefined ? before.startsAt : patch.startsAt,
      endsAt: patch.endsAt === undefined ? before.endsAt : patch.endsAt,
      siteIds: patch.siteIds ?? before.siteIds,
      publishAt: patch.publishAt === undefined ? before.publishAt : patch.publishAt,
    };
    // Checked on the result: a new end may be before the start that stays, and the reverse.
    if (!endsAfterStart(next))
      throw invalid('content item change', [
        { path: 'endsAt', message: endsAfterStartIssue.message },
      ]);
    const was = { ...before, images: storedImages };
    const changes = Object.fromEntries(
      (Object.keys(next) as (keyof typeof next)[])
        .filter((key) => JSON.stringify(next[key]) !== JSON.stringify(was[key]))
        .map((key) => [key, { from: was[key], to: next[key] }]),
    );
    if (Object.keys(changes).length === 0) return before;
    const updated = {
      ...row,
      title: next.title,
      slug: next.slug,
      markdown: next.markdown,
      excerpt: next.excerpt,
      tags: JSON.stringify(next.tags),
      categories: JSON.stringify(next.categories),
      images: JSON.stringify(next.images),
      language: next.language,
      starts_at: next.startsAt,
      ends_at: next.endsAt,
      site_ids: JSON.stringify(next.siteIds),
      publish_at: next.publishAt,
      updated_at: at,
      revision: row.revision + 1,
    };
    await trx.updateTable('content_items').set(updated).where('id', '=', id).execute();
    await appendHistory(trx, deps.newId, {
      entity: 'content_item',
      entityId: id,
      action: 'updated',
      actor,
      at,
      changes,
    });
    return contentItemFromRow(updated);
  });
}
