/**
 * Images the agency uploads for content items (table `uploads`, migration 0004). An API caller
 * names an image by its upload id; the path on the server's disk is filled in here and never
 * taken from a caller (issue 7: a raw path would let a caller publish any file of the server).
 */
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { NotFoundError, type FieldIssue } from '../../shared/errors.js';
import type { Database, UploadsTable } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { uploadedImageSchema } from '../schemas/content.js';
import type { imageRefSchema } from '../schemas/entities.js';
import { invalid, parseInput } from '../validate.js';

/** An upload as the API shows it: no path, a URL to fetch it from (agency only). */
export interface Upload {
  id: string;
  filename: string;
  contentType: string;
  bytes: number;
  url: string;
  createdAt: string;
}

/** An upload with where its bytes are (for the route that serves them). */
export interface UploadFile extends Upload {
  path: string;
}

// The extensions each allowed type may keep; the first is used when the original has another.
const EXTENSIONS: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
};

/** The image types an upload may be (checked by their first bytes when received). */
export const imageTypes: readonly string[] = Object.keys(EXTENSIONS);

/** A file the caller already saved and checked (type by its first bytes). */
export const savedImageSchema = z.strictObject({
  filename: z.string().max(255),
  contentType: z.enum(Object.keys(EXTENSIONS) as [string, ...string[]]),
  path: z.string().min(1),
  bytes: z.number().int().min(0),
});

/**
 * A name Markdown can refer to (`![alt](name)`): the original name lowercased, accents dropped,
 * anything outside `[a-z0-9._-]` made a hyphen, plus `unique` so two uploads of `photo.jpg`
 * never share a name; the extension is kept when it fits the detected type.
 */
export function safeImageFilename(sent: string, contentType: string, unique: string): string {
  // Only the last part of a name that came with a folder (old browsers send the whole path).
  const original = sent.slice(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
  const dot = original.lastIndexOf('.');
  const ext = dot > 0 ? original.slice(dot + 1).toLowerCase() : '';
  const allowed = EXTENSIONS[contentType] ?? ['bin'];
  const stem =
    (dot > 0 ? original.slice(0, dot) : original)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
      .slice(0, 80)
      .replace(/[-._]+$/, '') || 'image';
  return `${stem}-${unique.toLowerCase()}.${allowed.includes(ext) ? ext : allowed[0]}`;
}

function uploadFromRow(row: UploadsTable): UploadFile {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    bytes: row.bytes,
    url: `/api/v1/uploads/${row.id}`,
    createdAt: row.created_at,
    path: row.path,
  };
}

/** The API view of an upload (without its path). */
export function uploadView({ path: _path, ...view }: UploadFile): Upload {
  return view;
}

/** Records saved images as uploads, all in one transaction; answers them in the same order. */
export async function recordUploads(
  deps: ServiceDeps,
  files: z.input<typeof savedImageSchema>[],
  who: Actor,
): Promise<Upload[]> {
  const data = parseInput(z.array(savedImageSchema).min(1).max(50), files, 'upload');
  return inTransaction(deps, who, async ({ trx, at, actor }) => {
    const out: Upload[] = [];
    for (const file of data) {
      const id = deps.newId();
      const row: UploadsTable = {
        id,
        // The id's last 8 characters are its random part: unique enough to tell names apart.
        filename: safeImageFilename(file.filename, file.contentType, id.slice(-8)),
        content_type: file.contentType,
        bytes: file.bytes,
        path: file.path,
        created_by: actor,
        created_at: at,
      };
      await trx.insertInto('uploads').values(row).execute();
      out.push(uploadView(uploadFromRow(row)));
    }
    return out;
  });
}

/** One upload with its path, or NotFoundError. */
export async function getUploadFile(
  deps: Pick<ServiceDeps, 'db'>,
  id: string,
): Promise<UploadFile> {
  const row = await deps.db
    .selectFrom('uploads')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No upload with id ${id}.`);
  return uploadFromRow(row);
}

// The input schema lives with the other content schemas (schemas/content.ts); named here for its users.
export { uploadedImageSchema };

/**
 * The stored image references of uploaded images (filename, type and path from the upload
 * record); a ValidationError names each `images.<n>.uploadId` that is unknown or given twice.
 */
export async function resolveUploadedImages(
  trx: Transaction<Database>,
  images: z.output<typeof uploadedImageSchema>[],
  what: string,
): Promise<z.output<typeof imageRefSchema>[]> {
  if (images.length === 0) return [];
  const rows = await trx
    .selectFrom('uploads')
    .selectAll()
    .where(
      'id',
      'in',
      images.map((i) => i.uploadId),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const refs = images.flatMap((image, index) => {
    const row = byId.get(image.uploadId);
    const path = `images.${index}.uploadId`;
    if (!row) issues.push({ path, message: 'no upload has this id' });
    // A file sent with a mail reply is an upload too, but no site can show it as an image.
    else if (!imageTypes.includes(row.content_type))
      issues.push({ path, message: 'is not an image (JPEG, PNG, GIF or WebP)' });
    else if (seen.has(row.id)) issues.push({ path, message: 'names the same upload twice' });
    seen.add(image.uploadId);
    if (!row || !imageTypes.includes(row.content_type)) return [];
    return [
      {
        filename: row.filename,
        contentType: row.content_type,
        path: row.path,
        uploadId: row.id,
        ...(image.alt !== undefined ? { alt: image.alt } : {}),
      },
    ];
  });
  if (issues.length) throw invalid(what, issues);
  return refs;
}
