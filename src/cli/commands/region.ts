import { readFile } from 'node:fs/promises';
import {
  discoverRegions,
  getRegion,
  listRegions,
  readLiveRegion,
  type Region,
} from '../../tasks/regions/index.js';
import { findClient, findSite, intFlag } from '../cli-input.js';
import { parseCommandArgs, println, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { commandGroup, noPositionals, onePositional } from '../group.js';
import { publishInProcess } from '../publish-run.js';
import { formatTable } from '../table.js';
import { withWorkspace } from '../workspace.js';
import { publicationRows } from './task-show.js';

const listHelp = `Usage: sitedesk region list [--client CLIENT] [--json]

Lists the page regions sitedesk knows (found by "sitedesk region discover"): id, label, site,
page, status (ok | missing | broken) and the start of the current text. CLIENT is an id or an
exact name; without it, every client's regions.`;

const showHelp = `Usage: sitedesk region show REGION [--json]

Reads the region from its site now and shows it: where it is, its status and its whole text
(Markdown). When the markers are gone or broken it says how to put them back; when the site
cannot be read it shows the text last seen. Exit code 1 when the region is not usable.`;

const setHelp = `Usage: sitedesk region set REGION [REGION …] (--text TEXT | --file FILE.md) [--wait SECONDS]

Puts a text (Markdown) into one or more regions of one client's sites — the same text on each
— and publishes it now: one task, one publication per site. Only the region changes on each
page; the same text again changes nothing. A site that is briefly unavailable is retried here
for up to --wait seconds (default 120); then "sitedesk run" carries on.
Exit code 0 when every site has it, 1 when a site failed (e.g. its markers were removed).`;

const discoverHelp = `Usage: sitedesk region discover SITE [--json]

Reads every page of the site now (WordPress pages and posts, Ghost pages and posts, the content
files and region folders of a git site) and remembers the regions marked on them with
<!-- sitedesk:NAME --> … <!-- /sitedesk:NAME -->. Regions no longer found become "missing".
Pages whose markers are broken are listed with what to do. SITE is an id or an exact name.`;

const preview = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line || '—';
};

function regionRows(regions: Region[]): string[][] {
  return regions.map((r) => [
    r.id,
    r.label,
    `${r.siteName} (${r.siteKind})`,
    r.page.title,
    r.status,
    preview(r.content),
  ]);
}

const HEADER = ['ID', 'LABEL', 'SITE', 'PAGE', 'STATUS', 'TEXT'];

/** `sitedesk region list|show|set|discover` (issue 23). */
export const regionCommand = commandGroup('region', 'list, show, fill or discover page regions', {
  list: {
    summary: 'list the known regions',
    help: listHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        client: { type: 'string' },
        json: { type: 'boolean' },
      });
      noPositionals(positionals, 'region list');
      return withWorkspace(io.env, async (ws) => {
        const client =
          values.client === undefined
            ? undefined
            : await findClient(ws.tasks, values.client, '--client');
        const regions = await listRegions(ws.tasks.deps, client ? { clientId: client.id } : {});
        if (values.json) println(io.stdout, JSON.stringify(regions, null, 2));
        else if (regions.length === 0)
          println(
            io.stderr,
            'No regions known yet; find them with "sitedesk region discover SITE".',
          );
        else println(io.stdout, formatTable(HEADER, regionRows(regions)));
        return ExitCode.ok;
      });
    },
  },
  show: {
    summary: 'read one region from its site now',
    help: showHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
      const id = onePositional(positionals, 'Usage: sitedesk region show REGION; see --help.');
      return withWorkspace(io.env, async (ws) => {
        await getRegion(ws.tasks.deps, id);
        const region = await readLiveRegion(ws.tasks.deps, id, ws.connectorFor);
        if (values.json) println(io.stdout, JSON.stringify(region, null, 2));
        else {
          println(
            io.stdout,
            [
              `${region.label} — ${region.siteName} (${region.siteKind}), ${region.page.title}`,
              `id ${region.id} · marker "${region.name}" · ${region.status}${region.page.url ? ` · ${region.page.url}` : ''}`,
              '',
              region.content || '(empty)',
            ].join('\n'),
          );
          if (region.problem) println(io.stderr, region.problem.message);
        }
        return region.status === 'ok' ? ExitCode.ok : ExitCode.failed;
      });
    },
  },
  set: {
    summary: 'put a text into regions and publish it',
    help: setHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        text: { type: 'string' },
        file: { type: 'string' },
        wait: { type: 'string' },
      });
      if (positionals.length === 0)
        throw new UsageError('Name at least one region: sitedesk region set REGION --text "…".');
      if ((values.text === undefined) === (values.file === undefined))
        throw new UsageError(
          'Give the text with either --text TEXT or --file FILE.md (one of them).',
        );
      const waitMs = (intFlag(values.wait, '--wait', 0, 3600) ?? 120) * 1000;
      const content =
        values.text ??
        (await readFile(values.file ?? '', 'utf8').catch((error: unknown) => {
          throw new UsageError(
            `--file ${values.file ?? ''}: cannot be read (${error instanceof Error && 'code' in error ? String(error.code) : 'error'}).`,
          );
        }));
      return withWorkspace(io.env, async (ws) => {
        const update = await ws.tasks.requestRegionUpdate(
          { regionIds: positionals, content },
          ws.actor,
        );
        const regions = await Promise.all(positionals.map((id) => getRegion(ws.tasks.deps, id)));
        for (const r of regions.filter((r) => update.unchanged.includes(r.id)))
          println(
            io.stderr,
            `${r.label} on ${r.siteName} already has this text; nothing changes there.`,
          );
        println(io.stderr, `Updating ${regions.length} region(s) (task ${update.taskId})…`);
        const publications = await publishInProcess(ws, update.taskId, { waitMs });
        const names = new Map(regions.map((r) => [r.siteId, r.siteName]));
        println(
          io.stdout,
          formatTable(['SITE', 'STATE', 'PAGE / LAST ERROR'], publicationRows(publications, names)),
        );
        return publications.every((p) => p.state === 'published') ? ExitCode.ok : ExitCode.failed;
      });
    },
  },
  discover: {
    summary: "find the regions marked on a site's pages",
    help: discoverHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
      const ref = onePositional(positionals, 'Usage: sitedesk region discover SITE; see --help.');
      return withWorkspace(io.env, async (ws) => {
        const site = await findSite(ws.tasks, ref, 'SITE');
        const found = await discoverRegions(ws.tasks.deps, site.id, ws.connectorFor, ws.actor);
        if (values.json) {
          println(io.stdout, JSON.stringify(found, null, 2));
          return ExitCode.ok;
        }
        if (found.regions.length === 0)
          println(
            io.stderr,
            `No regions on ${site.name}. Mark one with <!-- sitedesk:NAME --> … <!-- /sitedesk:NAME --> (see docs/regions.md).`,
          );
        else println(io.stdout, formatTable(HEADER, regionRows(found.regions)));
        for (const problem of found.problems)
          println(io.stderr, `${problem.pageTitle}: ${problem.message}`);
        return ExitCode.ok;
      });
    },
  },
});
