import { asFlags, findClient, findSite, required } from '../cli-input.js';
import { parseCommandArgs, println } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { commandGroup, noPositionals, onePositional } from '../group.js';
import { readSecret } from '../read-secret.js';
import {
  checkConnectorSettings,
  checkKind,
  needsSecret,
  parseSettings,
  printVerify,
  secretNames,
} from '../site-settings.js';
import { formatTable } from '../table.js';
import { withWorkspace } from '../workspace.js';
import { siteRemoveAction } from './site-remove.js';

const addHelp = `Usage: sitedesk site add --client CLIENT --name NAME --kind KIND --url URL [--setting KEY=VALUE …]

Adds a website of a client, asks for its secret, stores it in the secret store (never in the
database) under site:<id>, then checks the site (reachable, secret accepted, may publish) and
says what to fix. Prints the new site's id. Exit code 1 when the check fails (the site is saved:
fix the cause, then "sitedesk site check <id>").
  --client CLIENT   the client's id or exact name
  --name NAME       what you call the site, e.g. "Bakery blog"
  --kind KIND       wordpress | ghost | git
  --url URL         the public address, e.g. https://blog.bakery.example
  --setting K=V     a kind-specific setting (repeat), e.g.
                      wordpress: --setting username=editor
                      ghost:     (none needed; --setting adminUrl=https://x.ghost.io if different)
                      git:       --setting repoUrl=https://git.example/site.git --setting generator=hugo
                                 --setting author.name="Anna" --setting author.email=anna@example.com
  --no-check        do not check the site now

The secret (${Object.entries(secretNames)
  .map(([k, v]) => `${k}: ${v}`)
  .join('; ')}) is asked
for at a hidden prompt, or read from standard input when that is not a terminal:
  printf %s "$APP_PASSWORD" | sitedesk site add --client Bakery --name Blog --kind wordpress …`;

const checkHelp = `Usage: sitedesk site check SITE

Checks a site without changing it: reachable, its secret accepted, allowed to publish. Says
the cause in plain words and how to fix it. SITE is the site's id or exact name.
Exit code 0 when everything works, 1 when a check failed.`;

const listHelp = `Usage: sitedesk site list [--client CLIENT] [--json]

Lists the sites (of one client): id, name, kind, URL, and whether a secret is stored.`;

const siteFlags = {
  clientId: '--client',
  name: '--name',
  kind: '--kind',
  url: '--url',
  settings: '--setting',
};

/** `sitedesk site add|check|list|remove`. */
export const siteCommand = commandGroup('site', "add, check, list or remove clients' websites", {
  add: {
    summary: 'add a site, store its secret, check it',
    help: addHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        client: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        url: { type: 'string' },
        setting: { type: 'string', multiple: true },
        'no-check': { type: 'boolean' },
      });
      noPositionals(positionals, 'site add');
      const clientRef = required(values.client, '--client', '"Bakery Novák"');
      const name = required(values.name, '--name', '"Bakery blog"');
      const kind = checkKind(values.kind);
      const url = required(values.url, '--url', 'https://blog.bakery.example');
      const settings = parseSettings(values.setting ?? []);
      return withWorkspace(io.env, async (ws) => {
        const client = await findClient(ws.tasks, clientRef, '--client');
        const deps = {
          secrets: ws.secrets.store,
          logger: ws.logger,
          clock: ws.clock,
          dataDir: ws.config.dataDir,
        };
        checkConnectorSettings({ kind, url, settings }, deps);
        const withSecret = needsSecret(kind, settings);
        const secret = withSecret
          ? await readSecret(io, `${secretNames[kind] ?? 'Secret'} for "${name}" (input hidden): `)
          : undefined;
        const site = await asFlags(siteFlags, () =>
          ws.tasks.createSite({ clientId: client.id, name, kind, url, settings }, ws.actor),
        );
        if (secret !== undefined) await ws.secrets.store.set(`site:${site.id}`, secret);
        println(io.stdout, site.id);
        println(
          io.stderr,
          `Added site "${site.name}" (${site.kind}) for ${client.name}${secret !== undefined ? `; its secret is in the ${ws.secrets.store.kind} store as site:${site.id}` : ''}.`,
        );
        if (values['no-check']) return ExitCode.ok;
        const result = await ws.connectorFor(site).verify();
        printVerify(io.stderr, `Check of "${site.name}"`, result);
        return result.ok ? ExitCode.ok : ExitCode.failed;
      });
    },
  },
  check: {
    summary: 'check that a site works (read-only)',
    help: checkHelp,
    async run(argv, io) {
      const { positionals } = parseCommandArgs(argv, {});
      const ref = onePositional(
        positionals,
        'site check needs one SITE (id or name), e.g. sitedesk site check "Bakery blog".',
      );
      return withWorkspace(io.env, async (ws) => {
        const site = await findSite(ws.tasks, ref, 'SITE');
        const result = await ws.connectorFor(site).verify();
        printVerify(io.stdout, `"${site.name}" (${site.kind}, ${site.url})`, result);
        return result.ok ? ExitCode.ok : ExitCode.failed;
      });
    },
  },
  list: {
    summary: 'list sites',
    help: listHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        client: { type: 'string' },
        json: { type: 'boolean' },
      });
      noPositionals(positionals, 'site list');
      return withWorkspace(io.env, async (ws) => {
        const client =
          values.client === undefined
            ? undefined
            : await findClient(ws.tasks, values.client, '--client');
        const sites = await ws.tasks.listSites(client ? { clientId: client.id } : {});
        const stored = new Set(await ws.secrets.store.list());
        if (values.json) {
          const out = sites.map((s) => ({ ...s, secretStored: stored.has(`site:${s.id}`) }));
          println(io.stdout, JSON.stringify(out, null, 2));
          return ExitCode.ok;
        }
        const rows = sites.map((s) => [
          s.id,
          s.name,
          s.kind,
          s.url,
          stored.has(`site:${s.id}`) ? 'yes' : 'no',
        ]);
        println(io.stdout, formatTable(['ID', 'NAME', 'KIND', 'URL', 'SECRET'], rows));
        return ExitCode.ok;
      });
    },
  },
  remove: siteRemoveAction,
});
