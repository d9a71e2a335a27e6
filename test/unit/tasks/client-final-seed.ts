// One client's data in every table that can hold it, for the final-removal test: the main
// things (client, sites, texts, tasks, publications) through the task service, the rest as
// rows, the way their own services store them; each carries the client's name, e-mail or
// `marker`, so a scan finds what is left. Files go where sitedesk keeps them in the data folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Workspace } from '../../../src/cli/workspace.js';
import type { Database } from '../../../src/store/index.js';

/** What identifies the seeded client. */
export interface Seeded {
  clientId: string;
  siteId: string;
  mailboxId: string;
  calendarId: string;
}

/** Inserts one row as its own service would store it. */
export async function insert(db: Kysely<Database>, table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES (${sql.join(columns.map((c) => row[c]))})`.execute(
    db,
  );
}

/** Seeds client `name` (contact `email`) with `marker` in its texts, mail, letters and files. */
export async function seedClient(
  ws: Workspace,
  name: string,
  email: string,
  marker: string,
): Promise<Seeded> {
  const who = { actor: 'anna' };
  const db = ws.store.db;
  const id = (): string => ws.tasks.deps.newId();
  const at = new Date().toISOString();
  const dataDir = ws.config.dataDir;
  const client = await ws.tasks.createClient(
    { name, timezone: 'Europe/Prague', contact: { email } },
    who,
  );
  const site = await ws.tasks.createSite(
    {
      clientId: client.id,
      name: `${name} blog`,
      kind: 'wordpress',
      url: 'https://blog.example',
      settings: { username: 'editor' },
    },
    who,
  );
  await ws.secrets.store.set(`site:${site.id}`, `site secret of ${marker}`);
  // An image the agency uploaded, used by the client's text.
  await mkdir(join(dataDir, 'uploads'), { recursive: true });
  const image = join(dataDir, 'uploads', `${client.id}-photo.png`);
  await writeFile(image, `PNG ${marker} photo`);
  const uploadId = id();
  await insert(db, 'uploads', {
    id: uploadId,
    filename: 'photo.png',
    content_type: 'image/png',
    bytes: 10,
    path: image,
    created_by: 'anna',
    created_at: at,
  });
  const text = await ws.tasks.createContentItem(
    {
      clientId: client.id,
      title: `Spring menu of ${name}`,
      slug: 'spring-menu',
      markdown: `Soup of the day: ${marker} ![Shop](photo.png)`,
      images: [{ filename: 'photo.png', contentType: 'image/png', path: image, uploadId }],
    },
    who,
  );
  const publish = await ws.tasks.requestPublish(
    { contentItemId: text.id, siteIds: [site.id] },
    who,
  );
  const publicationId = publish.publications[0]?.id ?? '';
  // Gone out already (pending work would keep the client from being archived).
  await sql`UPDATE publications SET state = 'published', url = ${`https://blog.example/${marker}`} WHERE id = ${publicationId}`.execute(
    db,
  );
  await insert(db, 'publication_texts', {
    publication_id: publicationId,
    rendered: `rendered ${marker}`,
    updated_at: at,
  });
  await insert(db, 'previews', {
    id: id(),
    token_hash: id(),
    content_item_id: text.id,
    task_id: publish.task.id,
    created_by: 'anna',
    created_at: at,
    expires_at: at,
  });
  const call = await ws.tasks.createTask(
    {
      clientId: client.id,
      kind: 'call',
      title: `Call back ${name} about ${marker}`,
      details: { caller: email, number: '+420123456789', at },
    },
    who,
  );
  // A request the client sent with a file (stored in the upload folder, named on the task).
  await writeFile(join(dataDir, 'uploads', `${client.id}-request.jpg`), `JPEG ${marker}`);
  const request = id();
  await insert(db, 'tasks', {
    id: request,
    client_id: client.id,
    kind: 'site-edit',
    status: 'open',
    title: `Please change ${marker}`,
    priority: 'normal',
    source: 'client',
    details: JSON.stringify({
      request: marker,
      attachments: [
        { filename: 'menu.jpg', contentType: 'image/jpeg', path: `${client.id}-request.jpg` },
      ],
    }),
    version: 1,
    created_at: at,
    updated_at: at,
  });
  const schedule = id();
  await insert(db, 'schedules', {
    id: schedule,
    client_id: client.id,
    name: `Weekly ${marker}`,
    rule: 'FREQ=WEEKLY',
    template: JSON.stringify({ title: marker, markdown: marker, images: [] }),
    site_ids: JSON.stringify([site.id]),
    catch_up: 'skip',
    enabled: 0,
    fired: 0,
    created_at: at,
    updated_at: at,
  });
  await insert(db, 'schedule_runs', {
    schedule_id: schedule,
    occurrence_at: at,
    task_id: call.id,
    outcome: 'created',
    created_at: at,
  });
  await insert(db, 'schedule_texts', {
    schedule_id: schedule,
    local_date: '2026-12-05',
    text: marker,
    created_at: at,
  });
  await insert(db, 'site_regions', {
    id: id(),
    client_id: client.id,
    site_id: site.id,
    page_ref: '1',
    page_kind: 'page',
    page_title: `Home of ${name}`,
    name: 'hours',
    label: 'Hours',
    format: 'html',
    raw: marker,
    status: 'ok',
    checked_at: at,
    created_at: at,
  });
  // Mail: a mailbox, a taken message (with its folder on disk), the outbox, a mailing.
  const mailbox = id();
  await insert(db, 'mailboxes', {
    id: mailbox,
    client_id: client.id,
    settings: JSON.stringify({ username: email }),
    routes: '[]',
    created_at: at,
    updated_at: at,
  });
  await ws.secrets.store.set(`mailbox:${mailbox}`, `mail password ${marker}`);
  await insert(db, 'mail_checkpoints', {
    mailbox_id: mailbox,
    folder: 'INBOX',
    uid_validity: '7',
    last_uid: 1,
    updated_at: at,
  });
  const mailTask = id();
  await insert(db, 'tasks', {
    id: mailTask,
    client_id: client.id,
    kind: 'mail',
    status: 'open',
    title: `Mail from ${email}`,
    priority: 'normal',
    source: 'mail',
    details: JSON.stringify({ from: email, body: marker, attachments: [] }),
    version: 1,
    created_at: at,
    updated_at: at,
  });
  await insert(db, 'mail_messages', {
    mailbox_id: mailbox,
    uid_validity: '7',
    uid: 1,
    message_id: `<${marker}@mail>`,
    thread_key: email,
    task_id: mailTask,
    folder: 'INBOX',
    created_at: at,
  });
  const messageDir = join(dataDir, 'mail', mailbox, '7-1');
  await mkdir(messageDir, { recursive: true });
  await writeFile(join(messageDir, 'message.eml'), `From: ${email}\n\n${marker}\n`);
  await insert(db, 'mail_outbox', {
    id: id(),
    mailbox_id: mailbox,
    task_id: mailTask,
    kind: 'urgent-forward',
    payload: JSON.stringify({ to: email }),
    message_id: `<o-${marker}@mail>`,
    state: 'sent',
    next_attempt_at: at,
    created_at: at,
    updated_at: at,
  });
  await insert(db, 'mail_suppressions', {
    client_id: client.id,
    email: `unsubscribed-${email}`,
    reason: 'unsubscribed',
    created_at: at,
  });
  const mailing = id();
  await insert(db, 'mailings', {
    id: mailing,
    client_id: client.id,
    content_item_id: text.id,
    mailbox_id: mailbox,
    options: JSON.stringify({ subject: marker }),
    state: 'done',
    created_at: at,
    updated_at: at,
  });
  await insert(db, 'mailing_recipients', {
    mailing_id: mailing,
    email: `reader-${email}`,
    name: name,
    position: 0,
    state: 'sent',
    updated_at: at,
  });
  await insert(db, 'client_mail_rules', {
    client_id: client.id,
    rules: JSON.stringify({ urgent: [marker] }),
    updated_at: at,
  });
  await insert(db, 'client_call_settings', {
    client_id: client.id,
    profile: JSON.stringify({ note: marker }),
    delivery: JSON.stringify({ mode: 'at-once' }),
    notify_to: email,
    mailbox_id: mailbox,
    updated_at: at,
  });
  await insert(db, 'call_messages', {
    task_id: call.id,
    client_id: client.id,
    at: Date.now(),
    state: 'sent',
    detail: marker,
  });
  await insert(db, 'call_digests', {
    client_id: client.id,
    due: Date.now(),
    state: 'sent',
    count: 1,
    detail: marker,
    created_at: at,
  });
  // Meetings in the client's calendar.
  const calendar = id();
  await insert(db, 'calendars', {
    id: calendar,
    client_id: client.id,
    settings: JSON.stringify({ username: email }),
    mailbox_id: mailbox,
    created_at: at,
    updated_at: at,
  });
  await ws.secrets.store.set(`calendar:${calendar}`, `calendar password ${marker}`);
  await insert(db, 'client_meeting_rules', {
    client_id: client.id,
    rules: JSON.stringify({ places: [marker] }),
    updated_at: at,
  });
  await insert(db, 'meetings', {
    id: id(),
    client_id: client.id,
    task_id: call.id,
    calendar_id: calendar,
    uid: `${marker}-${client.id}@sitedesk`,
    title: `Meeting with ${name}`,
    person_name: marker,
    person_email: email,
    place_id: 'office',
    starts_at: Date.now(),
    ends_at: Date.now() + 3_600_000,
    timezone: 'Europe/Prague',
    state: 'booked',
    sync_state: 'done',
    next_attempt_at: 0,
    created_at: at,
    updated_at: at,
  });
  // Letters: a letterhead, a template, the PDF of a letter task and its register entry.
  await insert(db, 'letterheads', {
    id: id(),
    client_id: client.id,
    name: `${name} letterhead`,
    settings: JSON.stringify({ address: marker }),
    created_at: at,
    updated_at: at,
  });
  await insert(db, 'letter_templates', {
    id: id(),
    client_id: client.id,
    name: 'Reminder',
    subject: `Reminder from ${name}`,
    body: marker,
    created_at: at,
    updated_at: at,
  });
  const letterTask = id();
  await insert(db, 'tasks', {
    id: letterTask,
    client_id: client.id,
    kind: 'letter',
    status: 'done',
    title: `Letter ${marker}`,
    priority: 'normal',
    source: 'manual',
    details: JSON.stringify({ recipient: email }),
    version: 1,
    created_at: at,
    updated_at: at,
  });
  const pdf = Buffer.from(`%PDF-1.7 ${marker} ${name}`).toString('base64');
  await insert(db, 'letter_pdfs', { task_id: letterTask, version: 1, pdf, created_at: at });
  await insert(db, 'letter_register', {
    task_id: letterTask,
    client_id: client.id,
    year: 2026,
    seq: 1,
    number: '2026/1',
    method: 'mail',
    dated: '2026-12-05',
    recipient: marker,
    email,
    subject: `Invoice of ${name}`,
    pdf,
    created_at: at,
  });
  await insert(db, 'client_links', {
    id: id(),
    token_hash: id(),
    client_id: client.id,
    label: `Link for ${name}`,
    created_by: 'anna',
    created_at: at,
    expires_at: at,
    revoked_at: at,
  });
  // A live change a PostgreSQL instance keeps for browsers that reconnect (migration 0021).
  await insert(db, 'live_events', {
    at,
    type: 'task.created',
    origin: 'instance-1',
    client_id: client.id,
    event: JSON.stringify({ type: 'task.created', task: { title: `Call ${name} ${marker}` } }),
  });
  // The warm clone of a git site.
  await mkdir(join(dataDir, 'git', site.id), { recursive: true });
  await writeFile(join(dataDir, 'git', site.id, 'index.md'), `# ${name}\n${marker}\n`);
  return { clientId: client.id, siteId: site.id, mailboxId: mailbox, calendarId: calendar };
}
