/** A client's letterheads: saved after every field and image is checked; listed without images. */
import { NotFoundError, type FieldIssue } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { clientIssues } from '../task-list/references.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { invalid, parseInput } from '../validate.js';
import type { LetterheadForPdf } from './letter-pdf.js';
import { checkLetterImage, type LetterImage } from './letterhead-images.js';
import {
  letterheadInputSchema,
  type LetterheadInput,
  type LetterheadSettings,
} from './letterhead-schema.js';

/** A letterhead as lists show it: its settings without the image bytes. */
export interface Letterhead extends Omit<LetterheadSettings, 'logo' | 'signature'> {
  id: string;
  clientId: string;
  hasLogo: boolean;
  signature: { name: string; role?: string; hasImage: boolean };
  createdAt: string;
  updatedAt: string;
}

/** The images of `settings` decoded and checked; issues name `logo` and `signature.image`. */
export function decodeImages(settings: LetterheadSettings): {
  issues: FieldIssue[];
  logo?: LetterImage;
  signature?: LetterImage;
} {
  const issues: FieldIssue[] = [];
  const one = (data: string | undefined, path: string): LetterImage | undefined => {
    if (data === undefined) return undefined;
    const checked = checkLetterImage(data, path);
    if ('issue' in checked) {
      issues.push(checked.issue);
      return undefined;
    }
    return checked.image;
  };
  return {
    logo: one(settings.logo?.data, 'logo'),
    signature: one(settings.signature.image?.data, 'signature.image'),
    issues,
  };
}

/** A stored letterhead as lists show it. */
export function letterheadView(row: {
  id: string;
  client_id: string;
  settings: string;
  created_at: string;
  updated_at: string;
}): Letterhead {
  const { logo, signature, ...rest } = JSON.parse(row.settings) as LetterheadSettings;
  return {
    ...rest,
    id: row.id,
    clientId: row.client_id,
    hasLogo: logo !== undefined,
    signature: {
      name: signature.name,
      ...(signature.role ? { role: signature.role } : {}),
      hasImage: signature.image !== undefined,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Saves a new letterhead of `clientId`; a 400 names each wrong field (`logo`, `signature.image`, …). */
export async function createLetterhead(
  deps: ServiceDeps,
  clientId: string,
  input: LetterheadInput,
  who: Actor,
): Promise<Letterhead> {
  const settings = parseInput(letterheadInputSchema, input, 'letterhead');
  const { issues } = decodeImages(settings);
  if (issues.length) throw invalid('letterhead', issues);
  return inTransaction(deps, who, async (unit) => {
    const clientProblems = await clientIssues(unit.trx, clientId);
    if (clientProblems.length) throw invalid('letterhead', clientProblems);
    const row = {
      id: deps.newId(),
      client_id: clientId,
      name: settings.name,
      settings: JSON.stringify(settings),
      created_at: unit.at,
      updated_at: unit.at,
      archived_at: null,
    };
    await unit.trx.insertInto('letterheads').values(row).execute();
    const { logo: _l, signature, ...logged } = settings;
    void _l;
    await appendHistory(unit.trx, deps.newId, {
      entity: 'client',
      entityId: clientId,
      taskId: null,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      changes: { letterhead: { ...logged, id: row.id, signature: signature.name } },
    });
    return letterheadView(row);
  });
}

/** The letterheads of a client, by name (not the archived ones: see letterhead-changes.ts). */
export async function listLetterheads(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<Letterhead[]> {
  const rows = await deps.db
    .selectFrom('letterheads')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(letterheadView);
}

/**
 * One letterhead with its images decoded, ready for the PDF; `archived` when she removed it
 * after letters went out on it (no new letter may use it then).
 */
export async function letterheadForPdf(
  deps: Pick<ServiceDeps, 'db'>,
  id: string,
): Promise<{ clientId: string; archived: boolean; head: LetterheadForPdf }> {
  const row = await deps.db
    .selectFrom('letterheads')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No letterhead with id ${id}.`);
  const settings = JSON.parse(row.settings) as LetterheadSettings;
  const { logo, signature } = decodeImages(settings);
  return {
    clientId: row.client_id,
    archived: row.archived_at !== null,
    head: { ...settings, logo, signature: { ...settings.signature, image: signature } },
  };
}
