/**
 * The files of a client in the data folder: its tasks' attachments (client uploads, taken
 * mail), its texts' images and their upload rows, its mailboxes' message folders and its git
 * sites' warm clones. Only paths inside those folders are ever deleted: a text may name a
 * local file elsewhere (the CLI publishes files from where they are), which is not sitedesk's.
 */
import { rm } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Transaction } from 'kysely';
import { cloneFolderName } from '../../../connectors/git/connector.js';
import type { Database } from '../../../store/index.js';
import { messageFolder } from '../../mail/files.js';

/** The folders of the data folder that hold client files. */
export interface FileRoots {
  /** Client uploads with requests, and the agency's image uploads. */
  uploadDir: string;
  /** Taken mail: `<mailDir>/<mailbox>/<uidValidity>-<uid>/`. */
  mailDir?: string;
  /** Warm clones of git sites: `<gitDir>/<site>`. */
  gitDir?: string;
}

/** The client's files, and the uploads rows that are its alone. */
export interface ClientFiles {
  paths: string[];
  uploadIds: string[];
}

const inside = (root: string, file: string): boolean => {
  const rel = relative(resolve(root), resolve(file));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/** Finds the files of client `clientId` (inside the transaction, before its rows go). */
export async function collectClientFiles(
  trx: Transaction<Database>,
  clientId: string,
  ids: { tasks: string[]; sites: string[]; mailboxes: string[] },
  roots: FileRoots,
): Promise<ClientFiles> {
  const paths: string[] = [];
  const add = (root: string | undefined, path: string): void => {
    if (root === undefined) return;
    const full = resolve(root, path);
    if (inside(root, full)) paths.push(full);
  };
  const tasks = await trx
    .selectFrom('tasks')
    .select(['kind', 'details'])
    .where('client_id', '=', clientId)
    .execute();
  for (const task of tasks)
    for (const path of pathsIn(parse(task.details), 'attachments'))
      add(task.kind === 'mail' ? roots.mailDir : roots.uploadDir, path);
  const mail = trx;
  if (ids.tasks.length) {
    const messages = await mail
      .selectFrom('mail_messages')
      .select(['mailbox_id', 'uid_validity', 'uid'])
      .where('task_id', 'in', ids.tasks)
      .execute();
    for (const m of messages)
      add(
        roots.mailDir,
        messageFolder({ mailboxId: m.mailbox_id, uidValidity: m.uid_validity, uid: m.uid }),
      );
  }
  for (const mailboxId of ids.mailboxes)
    add(roots.mailDir, dirname(messageFolder({ mailboxId, uidValidity: '0', uid: 0 })));
  for (const siteId of ids.sites) {
    add(roots.gitDir, cloneFolderName(siteId));
    add(roots.gitDir, `${cloneFolderName(siteId)}.lock`);
  }
  const uploadIds = await clientImages(trx, clientId, roots, add);
  return { paths: [...new Set(paths)], uploadIds };
}

/**
 * The texts' and schedules' images: their files, and the `uploads` rows they came from, unless
 * another client's text or schedule uses the same upload (the agency may use one photo twice).
 */
async function clientImages(
  trx: Transaction<Database>,
  clientId: string,
  roots: FileRoots,
  add: (root: string | undefined, path: string) => void,
): Promise<string[]> {
  const texts = await trx
    .selectFrom('content_items')
    .select('images')
    .where('client_id', '=', clientId)
    .execute();
  const schedules = await trx
    .selectFrom('schedules')
    .select('template')
    .where('client_id', '=', clientId)
    .execute();
  const refs = [
    ...texts.flatMap((t) => imageRefs(parse(t.images))),
    ...schedules.flatMap((s) => imageRefs(propertyOf(parse(s.template), 'images'))),
  ];
  const uploadIds: string[] = [];
  for (const ref of refs) {
    const row = await trx
      .selectFrom('uploads')
      .select(['id', 'path'])
      .where((eb) =>
        eb.or([eb('path', '=', ref.path), ...(ref.uploadId ? [eb('id', '=', ref.uploadId)] : [])]),
      )
      .execute();
    const names = [ref.path, ...row.map((r) => r.id)];
    if (await usedByOthers(trx, clientId, names)) continue;
    uploadIds.push(...row.map((r) => r.id));
    for (const path of [ref.path, ...row.map((r) => r.path)]) add(roots.uploadDir, path);
  }
  return [...new Set(uploadIds)];
}

/** Whether another client's text or schedule names any of `names` (a path or an upload id). */
async function usedByOthers(
  trx: Transaction<Database>,
  clientId: string,
  names: string[],
): Promise<boolean> {
  for (const name of names) {
    // LIKE's `_` matches any character: at worst a file is kept, never one of others deleted.
    const pattern = `%${name.replace(/[%\\]/g, '')}%`;
    const text = await trx
      .selectFrom('content_items')
      .select('id')
      .where('client_id', '!=', clientId)
      .where('images', 'like', pattern)
      .executeTakeFirst();
    const schedule = await trx
      .selectFrom('schedules')
      .select('id')
      .where('client_id', '!=', clientId)
      .where('template', 'like', pattern)
      .executeTakeFirst();
    if (text || schedule) return true;
  }
  return false;
}

/** Deletes the files and folders; answers those that could not be deleted. */
export async function deleteClientFiles(paths: readonly string[]): Promise<string[]> {
  const left: string[] = [];
  for (const path of paths) {
    try {
      await rm(path, { recursive: true, force: true });
    } catch {
      left.push(path);
    }
  }
  return left;
}

function imageRefs(value: unknown): { path: string; uploadId?: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((image: unknown) => {
    const path = propertyOf(image, 'path');
    const uploadId = propertyOf(image, 'uploadId');
    if (typeof path !== 'string') return [];
    return [typeof uploadId === 'string' ? { path, uploadId } : { path }];
  });
}

function pathsIn(value: unknown, key: string): string[] {
  const list = propertyOf(value, key);
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const path = propertyOf(item, 'path');
    return typeof path === 'string' ? [path] : [];
  });
}

function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
