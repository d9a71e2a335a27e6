/**
 * Dictation (issue 20): the client's voice message, uploaded onto a letter task and played in
 * the web app while the secretary types. The bytes were checked by the route (audio by its
 * first bytes, size limit) and saved in the upload folder; here they become uploads of the
 * letter's `dictation` list, in one transaction with the letter's change.
 *
 * Speech-to-text would belong here too — `transcribe(audio) → draft text` run when a voice
 * message is attached, writing a draft body she corrects — but it needs a speech model that
 * cannot be fetched on this machine, so there is none, and no transcript is ever made up.
 */
import { z } from 'zod';
import { ConflictError } from '../../shared/errors.js';
import type { UploadsTable } from '../../store/index.js';
import { audioTypes } from '../../content/audio-types.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { loadTaskRow } from '../task-list/tasks.js';
import { invalid, parseInput } from '../validate.js';
import { writeLetterDetails } from './letter-writes.js';
import { getLetter, type LetterTask } from './letters.js';
import { letterDetailsSchema } from './schemas.js';

/** Voice messages a letter keeps (the letter's `dictation` list). */
export const MAX_DICTATIONS = 10;
/** Bytes of one voice message: a quarter of an hour of a phone's voice note fits. */
export const MAX_DICTATION_BYTES = 25 * 1024 * 1024;

/** A voice message the route saved after checking its first bytes. */
export const savedAudioSchema = z.strictObject({
  filename: z.string().max(255),
  contentType: z.enum(audioTypes as [string, ...string[]]),
  path: z.string().min(1),
  bytes: z.number().int().min(1).max(MAX_DICTATION_BYTES),
});

// The stored name: a plain one with the type's extension (the sent name is shown nowhere).
function dictationName(contentType: string, unique: string): string {
  const ext = { 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a' }[contentType] ?? 'wav';
  return `dictation-${unique.toLowerCase()}.${ext}`;
}

/** Adds voice messages to a letter's dictation; refused once the letter went out. */
export async function attachDictation(
  deps: ServiceDeps,
  letterId: string,
  files: z.input<typeof savedAudioSchema>[],
  who: Actor,
): Promise<LetterTask> {
  const saved = parseInput(z.array(savedAudioSchema).min(1).max(5), files, 'dictation');
  const letter = await getLetter(deps, letterId);
  if (letter.details.delivery)
    throw new ConflictError('This letter has already gone out; its dictation is closed.', {
      code: 'letter_sent',
    });
  if (letter.details.dictation.length + saved.length > MAX_DICTATIONS)
    throw invalid('dictation', [
      { path: 'audio', message: `a letter keeps at most ${MAX_DICTATIONS} voice messages` },
    ]);
  await inTransaction(deps, who, async (unit) => {
    const ids: string[] = [];
    for (const file of saved) {
      const id = deps.newId();
      const row: UploadsTable = {
        id,
        filename: dictationName(file.contentType, id.slice(-8)),
        content_type: file.contentType,
        bytes: file.bytes,
        path: file.path,
        created_by: unit.actor,
        created_at: unit.at,
      };
      await unit.trx.insertInto('uploads').values(row).execute();
      ids.push(id);
    }
    const row = await loadTaskRow(unit, letterId);
    const details = letterDetailsSchema.parse(JSON.parse(row.details));
    await writeLetterDetails(deps, unit, row, {
      ...details,
      dictation: [...details.dictation, ...ids],
    });
  });
  return getLetter(deps, letterId);
}
