import { join } from 'node:path';
import type { Publication, Site, TaskEvent } from '../../tasks/index.js';
import { asFlags, findClient, findSite, intFlag } from '../cli-input.js';
import { parseCommandArgs, println, UsageError, type CliIo, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { discardImported, importLocalImages } from '../publish-images.js';
import { publishInProcess } from '../publish-run.js';
import { frontMatterFields, readPublishFile } from '../publish-file.js';
import { formatTable } from '../table.js';
import { withWorkspace, type Workspace } from '../workspace.js';
import { publicationRows } from './task-show.js';

const help = `Usage: sitedesk publish FILE.md --site SITE [--site SITE …] [--client CLIENT] [--wait SECONDS]

Publishes a Markdown file to one or more sites of one client, shows each site's result as it
arrives, and ends with a table of the live URLs. The front matter gives the fields:
  title (required), slug (default: the file name), tags, categories, excerpt (or description,
  summary), kind (post | page | promotion), language, startsAt / endsAt (promotions),
  client (id or name; else the client that owns the sites).
Images the text shows by a file name (![Our shop](shop.jpg), relative to FILE's folder) are
copied into the data folder and published with it: JPEG, PNG, GIF or WebP, 8 MiB each.
A site that is briefly unavailable is retried here for up to --wait seconds (default 120);
after that "sitedesk run" carries on. SITE and CLIENT are ids or exact names.
Exit code 0 when every site has it, 1 when any site failed or is still waiting.

Example file:
  ---
  title: Spring menu
  tags: [menu, spring]
  excerpt: Garlic soup and more.
  ---
  Garlic soup, roast duck, **apple strudel**.`;

const itemFlags: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(frontMatterFields).map(([field, keys]) => [field, `${keys[0]} (front matter)`]),
  ),
  markdown: 'the text after the front matter',
  siteIds: '--site',
};

async function resolveTargets(
  ws: Workspace,
  refs: string[],
  clientRef: string | undefined,
): Promise<{ clientId: string; sites: Site[] }> {
  const client =
    clientRef === undefined ? undefined : await findClient(ws.tasks, clientRef, '--client');
  const sites: Site[] = [];
  for (const ref of refs) sites.push(await findSite(ws.tasks, ref, '--site', client?.id));
  const owners = new Set(sites.map((s) => s.clientId));
  if (owners.size > 1)
    throw new UsageError(
      "--site: the sites belong to different clients; publish to one client's sites at a time.",
    );
  const clientId = client?.id ?? sites[0]?.clientId;
  if (clientId === undefined)
    throw new UsageError('--site is required, e.g. --site "Bakery blog".');
  return { clientId, sites };
}

function progress(io: CliIo, taskId: string, sites: Site[]): (event: TaskEvent) => void {
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const width = Math.max(...sites.map((s) => s.name.length));
  const seen = new Map<string, string>();
  let done = 0;
  return (event) => {
    if (event.type !== 'publication.updated' || event.publication.taskId !== taskId) return;
    const p: Publication = event.publication;
    const name = (names.get(p.siteId) ?? p.siteId).padEnd(width);
    let line: string | undefined;
    if (p.state === 'publishing') line = `${name}  publishing… (attempt ${p.attempts})`;
    else if (p.state === 'published' || p.state === 'scheduled') {
      if (seen.get(p.id) !== p.state) done++;
      line = p.verifiedAt
        ? `${name}  live page checked: ${p.url ?? ''}`
        : seen.get(p.id) === p.state
          ? p.lastError
            ? `${name}  ${p.lastError}`
            : undefined
          : `[${done}/${sites.length}] ${name}  ${p.state}  ${p.url ?? ''}`;
    } else if (p.state === 'pending' && p.lastError) line = `${name}  will retry: ${p.lastError}`;
    else if (p.state === 'failed') {
      done++;
      line = `[${done}/${sites.length}] ${name}  FAILED: ${p.lastError ?? 'unknown error'}`;
    }
    seen.set(p.id, p.state);
    if (line) println(io.stderr, line);
  };
}

/** `sitedesk publish FILE.md --site A --site B`: save, queue and publish now, with live progress. */
export const publishCommand: Command = {
  name: 'publish',
  summary: 'publish a Markdown file to one or more sites, with live progress',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      site: { type: 'string', multiple: true },
      client: { type: 'string' },
      wait: { type: 'string' },
    });
    if (values.help) {
      println(io.stdout, help);
      return ExitCode.ok;
    }
    const [path, ...extra] = positionals;
    if (path === undefined)
      throw new UsageError(
        'publish needs a FILE, e.g. sitedesk publish spring-menu.md --site "Bakery blog".',
      );
    if (extra.length)
      throw new UsageError(
        `publish takes one FILE (got also "${extra[0]}"); name each site with --site.`,
      );
    const refs = values.site ?? [];
    if (refs.length === 0)
      throw new UsageError(
        '--site is required, e.g. --site "Bakery blog" (repeat for more sites).',
      );
    const waitMs = (intFlag(values.wait, '--wait', 0, 86_400) ?? 120) * 1000;
    const file = await readPublishFile(path);
    const title = file.title;
    if (title === undefined || title.trim() === '')
      throw new UsageError(
        `FILE ${path} has no title: add "title: …" to its front matter (see --help).`,
      );
    return withWorkspace(io.env, async (ws) => {
      const { clientId, sites } = await resolveTargets(ws, refs, values.client ?? file.client);
      const { client: _client, ...fields } = file;
      const { markdown, images } = await importLocalImages(
        file.markdown,
        path,
        join(ws.config.dataDir, 'uploads'),
      );
      const item = await asFlags(itemFlags, () =>
        ws.tasks.createContentItem(
          { ...fields, markdown, images, title, clientId, kind: (fields.kind ?? 'post') as 'post' },
          ws.actor,
        ),
      ).catch(async (error: unknown) => {
        await discardImported(images);
        throw error;
      });
      const { task } = await asFlags(itemFlags, () =>
        ws.tasks.requestPublish(
          { contentItemId: item.id, siteIds: sites.map((s) => s.id) },
          ws.actor,
        ),
      );
      println(
        io.stderr,
        `Publishing "${item.title}" to ${sites.length} site${sites.length === 1 ? '' : 's'} (task ${task.id})…`,
      );
      const stop = ws.tasks.events.on(progress(io, task.id, sites));
      let publications: Publication[];
      try {
        publications = await publishInProcess(ws, task.id, { waitMs });
      } finally {
        stop();
      }
      const names = new Map(sites.map((s) => [s.id, s.name]));
      println(
        io.stdout,
        formatTable(['SITE', 'STATE', 'URL / LAST ERROR'], publicationRows(publications, names)),
      );
      const ok = publications.every((p) => p.state === 'published' || p.state === 'scheduled');
      if (!ok && publications.some((p) => p.state === 'pending' || p.state === 'publishing'))
        println(
          io.stderr,
          `Some sites are still waiting; "sitedesk run" will keep trying (see "sitedesk task show ${task.id}").`,
        );
      return ok ? ExitCode.ok : ExitCode.failed;
    });
  },
};
