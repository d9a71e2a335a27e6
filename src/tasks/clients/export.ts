/**
 * One client's data as an archive for a client who leaves (issue 21): the client, its sites
 * (never a secret), tasks with their history, texts with their publications, taken mail, and
 * the files — task attachments (client uploads, mail attachments) and the texts' images.
 * A `.tar.gz`: no zip writer is among our dependencies, and any system opens tar.gz.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createTarGzWriter, type TarWriter } from '../../shared/archive/tar-write.js';
import { NotFoundError } from '../../shared/errors.js';
import { getTaskAttachment, type AttachmentRoots } from '../content-items/attachments.js';
import { recordExport } from './final/state.js';
import type { Actor, ServiceDeps } from '../context.js';

/** What went into an export. */
export interface ClientExport {
  file: string;
  tasks: number;
  texts: number;
  files: number;
}

const README = `This archive holds one client's data, exported from sitedesk.
  client.json         the client
  sites.json          its websites (settings only; passwords and keys are never exported)
  tasks.json          its tasks (calls, mail, requests, publishing) with their details
  history.json        every recorded change of the client, its sites and tasks
  texts.json          the texts written for it, with their publications (site, state, URL)
  mail.json           the mail messages taken into tasks (mailbox, Message-ID, task)
  letters.json        its letters register (number, date, recipient, subject, how sent)
  meetings.json       its meetings (when, with whom, where, state)
  files/letters/<number>.pdf         each registered letter as it went out
  files/tasks/<task id>/<n>-<name>   files attached to a task (uploads, mail attachments)
  files/texts/<text id>/<name>       images of a text
`;

/**
 * Writes the archive of client `clientId` to `to` (written as `<to>.partial` first) and records
 * the export in the client's history (file, size, SHA-256): its final removal asks for one
 * newer than the client's last change.
 */
export async function exportClient(
  deps: ServiceDeps,
  clientId: string,
  roots: AttachmentRoots,
  to: string,
  who: Actor,
): Promise<ClientExport> {
  const { db } = deps;
  const client = await db
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (!client) throw new NotFoundError(`No client with id ${clientId}.`);
  const sites = await db
    .selectFrom('sites')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('created_at')
    .execute();
  const tasks = await db
    .selectFrom('tasks')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('created_at')
    .execute();
  const texts = await db
    .selectFrom('content_items')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('created_at')
    .execute();
  const textIds = texts.map((t) => t.id);
  const publications = textIds.length
    ? await db
        .selectFrom('publications')
        .selectAll()
        .where('content_item_id', 'in', textIds)
        .execute()
    : [];
  const ids = [clientId, ...sites.map((s) => s.id), ...tasks.map((t) => t.id), ...textIds];
  const taskIds = tasks.map((t) => t.id);
  const history = await db
    .selectFrom('history')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('entity_id', 'in', ids),
        ...(taskIds.length ? [eb('task_id', 'in', taskIds)] : []),
      ]),
    )
    .orderBy('at')
    .execute();
  const mail = taskIds.length
    ? await db.selectFrom('mail_messages').selectAll().where('task_id', 'in', taskIds).execute()
    : [];
  const letters = await db
    .selectFrom('letter_register')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('created_at')
    .execute();
  const meetings = await db
    .selectFrom('meetings')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('starts_at')
    .execute();

  const partial = `${to}.partial`;
  const writer = createTarGzWriter(partial);
  let finished = false;
  try {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + '\n');
    await writer.addBuffer({ name: 'README.txt', mode: 0o644 }, Buffer.from(README));
    await writer.addBuffer({ name: 'client.json' }, json(client));
    await writer.addBuffer({ name: 'sites.json' }, json(sites));
    await writer.addBuffer(
      { name: 'tasks.json' },
      json(tasks.map((t) => ({ ...t, details: parse(t.details) }))),
    );
    await writer.addBuffer(
      { name: 'history.json' },
      json(history.map((h) => ({ ...h, changes: parse(h.changes) }))),
    );
    const byText = new Map<string, unknown[]>();
    for (const p of publications)
      byText.set(p.content_item_id, [...(byText.get(p.content_item_id) ?? []), p]);
    await writer.addBuffer(
      { name: 'texts.json' },
      json(
        texts.map((t) => ({ ...t, images: parse(t.images), publications: byText.get(t.id) ?? [] })),
      ),
    );
    await writer.addBuffer({ name: 'mail.json' }, json(mail));
    await writer.addBuffer(
      { name: 'letters.json' },
      json(letters.map(({ pdf: _pdf, ...letter }) => letter)),
    );
    await writer.addBuffer({ name: 'meetings.json' }, json(meetings));
    let files = await addTaskFiles(writer, deps, tasks, roots);
    files += await addTextImages(writer, texts);
    for (const letter of letters) {
      await writer.addBuffer(
        { name: `files/letters/${safeName(letter.number)}.pdf` },
        Buffer.from(letter.pdf, 'base64'),
      );
      files++;
    }
    await writer.finish();
    finished = true;
    await rename(partial, to);
    const bytes = (await stat(to)).size;
    await recordExport(deps, clientId, who, { file: to, bytes, sha256: await sha256Of(to) });
    return { file: to, tasks: tasks.length, texts: texts.length, files };
  } finally {
    if (!finished) await writer.abort();
    await rm(partial, { force: true });
  }
}

async function addTaskFiles(
  writer: TarWriter,
  deps: Pick<ServiceDeps, 'db'>,
  tasks: { id: string; details: string }[],
  roots: AttachmentRoots,
): Promise<number> {
  let count = 0;
  for (const task of tasks) {
    const details = parse(task.details);
    const attachments =
      typeof details === 'object' &&
      details !== null &&
      'attachments' in details &&
      Array.isArray(details.attachments)
        ? details.attachments.length
        : 0;
    for (let n = 0; n < attachments; n++) {
      // A file gone from disk (or outside its folder) is left out; tasks.json still lists it.
      const file = await getTaskAttachment(deps, task.id, n, roots).catch(() => undefined);
      if (!file) continue;
      const size = (await stat(file.path)).size;
      await writer.addFile(
        { name: `files/tasks/${task.id}/${n + 1}-${safeName(file.filename)}` },
        file.path,
        size,
      );
      count++;
    }
  }
  return count;
}

async function addTextImages(
  writer: TarWriter,
  texts: { id: string; images: string }[],
): Promise<number> {
  let count = 0;
  for (const text of texts) {
    const images = parse(text.images);
    if (!Array.isArray(images)) continue;
    for (const image of images as { path?: unknown; filename?: unknown }[]) {
      if (typeof image.path !== 'string' || !existsSync(image.path)) continue;
      const name = typeof image.filename === 'string' ? image.filename : basename(image.path);
      await writer.addFile(
        { name: `files/texts/${text.id}/${safeName(name)}` },
        image.path,
        (await stat(image.path)).size,
      );
      count++;
    }
  }
  return count;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A file name safe inside the archive: no folders, no control characters. */
function safeName(name: string): string {
  const plain = [...name].map((c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c)).join('');
  return plain.replace(/^\.+/, '_').slice(0, 200) || 'file';
}
