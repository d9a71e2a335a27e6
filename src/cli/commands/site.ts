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
import { withWorkspace, type Workspace } from '../workspace.js';
import { runSiteCheck } from '../../tasks/sites/checks.js';
import { updateSite } from '../../tasks/sites/changes.js';
import { withSiteDefaults } from '../../tasks/sites/settings.js';
import type { Site } from '../../tasks/index.js';
import { siteRemoveAction } from './site-remove.js';
import { siteSecretAccount } from '../../secrets/account.js';

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
                      git:       --setting repoUrl=https://git.example/site.git
                                 (generator: detected from the repository on check, or
                                 --setting generator=hugo|jekyll|eleventy|astro; author: you,
                                 or --setting author.name="Anna" --setting author.email=anna@example.com;
                                 --url is the public address of the built site)
  --no-check        do not check the site now

The secret (${Object.entries(secretNames)
  .map(([k, v]) => `${k}: ${v}`)
  .join('; ')}) is asked
for at a hidden prompt, or read from standard input when that is not a terminal:
  printf %s "$APP_PASSWORD" | sitedesk site add --client Bakery --name Blog --kind wordpress …`;

const checkHelp = `Usage: sitedesk site check SITE

Checks a site without changing it: reachable, its secret accepted, allowed to publish. Says
the cause in plain words and how to fix it. SITE is the site's id or exact name. The result is
kept with the site: one whose last check failed is "not working yet" and cannot be chosen for
publishing until a check passes. A git site without a generator gets the one its repository
shows. Exit code 0 when everything works, 1 when a check failed.`;

const changeHelp = `Usage: sitedesk site change SITE [--name NAME] [--url URL] [--setting KEY=VALUE …] [--unset KEY …]

Changes a site in place (never remove and add it again to fix a typo), then checks it as
"site check" does. --setting sets one setting (as in "site add"), --unset removes one; the
other settings stay. When the address or the repository moves to another host, the site's
secret is deleted with the change: store it again with "sitedesk secrets set site:<id>".
  --no-check        do not check the site now`;

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
export const siteCommand = commandGroup(
  'site',
  "add, change, check, list or remove clients' websites",
  {
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
          const withSecret = needsSecret(kind, settings);
          const secret = withSecret
            ? await readSecret(
                io,
                `${secretNames[kind] ?? 'Secret'} for "${name}" (input hidden): `,
              )
            : undefined;
          const filled = withSiteDefaults(kind, settings, ws.actor);
          checkConnectorSettings({ kind, url, settings: filled }, deps);
          const site = await asFlags(siteFlags, () =>
            ws.tasks.createSite(
              { clientId: client.id, name, kind, url, settings: filled },
              ws.actor,
            ),
          );
          if (secret !== undefined) await ws.secrets.store.set(siteSecretAccount(site.id), secret);
          println(io.stdout, site.id);
          println(
            io.stderr,
            `Added site "${site.name}" (${site.kind}) for ${client.name}${secret !== undefined ? `; its secret is in the ${ws.secrets.store.kind} store as site:${site.id}` : ''}.`,
          );
          if (values['no-check']) return ExitCode.ok;
          return checkAndPrint(ws, site, io.stderr, `Check of "${site.name}"`);
        });
      },
    },
    change: {
      summary: 'change a site’s name, address or settings in place, then check it',
      help: changeHelp,
      async run(argv, io) {
        const { values, positionals } = parseCommandArgs(argv, {
          name: { type: 'string' },
          url: { type: 'string' },
          setting: { type: 'string', multiple: true },
          unset: { type: 'string', multiple: true },
          'no-check': { type: 'boolean' },
        });
        const ref = onePositional(
          positionals,
          'site change needs one SITE (id or name), e.g. sitedesk site change "Bakery blog" --url https://…',
        );
        return withWorkspace(io.env, async (ws) => {
          const before = await findSite(ws.tasks, ref, 'SITE');
          const settings = mergeSettings(
            before.settings,
            parseSettings(values.setting ?? []),
            values.unset ?? [],
          );
          const url = values.url ?? before.url;
          checkConnectorSettings(
            { kind: before.kind, url, settings },
            {
              secrets: ws.secrets.store,
              logger: ws.logger,
              clock: ws.clock,
              dataDir: ws.config.dataDir,
            },
          );
          const { secretCleared, ...site } = await asFlags(siteFlags, () =>
            updateSite(
              ws.tasks.deps,
              before.id,
              { ...(values.name ? { name: values.name } : {}), url, settings },
              ws.actor,
              ws.secrets.store,
            ),
          );
          println(io.stderr, `Changed site "${site.name}".`);
          if (secretCleared)
            println(
              io.stderr,
              `Its secret was deleted: the site now connects elsewhere. Store it again: sitedesk secrets set site:${site.id}`,
            );
          if (values['no-check']) return ExitCode.ok;
          return checkAndPrint(ws, site, io.stderr, `Check of "${site.name}"`);
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
          return checkAndPrint(ws, site, io.stdout, `"${site.name}" (${site.kind}, ${site.url})`);
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
            const out = sites.map((s) => ({
              ...s,
              secretStored: stored.has(siteSecretAccount(s.id)),
            }));
            println(io.stdout, JSON.stringify(out, null, 2));
            return ExitCode.ok;
          }
          const rows = sites.map((s) => [
            s.id,
            s.name,
            s.kind,
            s.url,
            stored.has(siteSecretAccount(s.id)) ? 'yes' : 'no',
          ]);
          println(io.stdout, formatTable(['ID', 'NAME', 'KIND', 'URL', 'SECRET'], rows));
          return ExitCode.ok;
        });
      },
    },
    remove: siteRemoveAction,
  },
);

/** Checks the site, keeps the result with it (and a detected generator), prints it; the exit code. */
async function checkAndPrint(
  ws: Workspace,
  site: Site,
  stream: NodeJS.WritableStream,
  title: string,
): Promise<ExitCode> {
  const { result, site: checked } = await runSiteCheck(
    ws.tasks.deps,
    site,
    ws.connectorFor,
    ws.actor,
  );
  printVerify(stream, title, result);
  if (checked.settings['generator'] !== site.settings['generator'])
    println(
      stream,
      `Generator found in the repository and saved: ${String(checked.settings['generator'])}.`,
    );
  return result.ok ? ExitCode.ok : ExitCode.failed;
}

/** `current` with `set` laid over it (nested objects merged) and the dotted keys of `unset` removed. */
function mergeSettings(
  current: Record<string, unknown>,
  set: Record<string, unknown>,
  unset: string[],
): Record<string, unknown> {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  const merge = (
    a: Record<string, unknown>,
    b: Record<string, unknown>,
  ): Record<string, unknown> => {
    const out = { ...a };
    for (const [key, value] of Object.entries(b)) {
      const before = out[key];
      out[key] = isObject(before) && isObject(value) ? merge(before, value) : value;
    }
    return out;
  };
  const merged = merge(current, set);
  for (const key of unset) {
    const path = key.split('.');
    let target: unknown = merged;
    for (const part of path.slice(0, -1)) target = isObject(target) ? target[part] : undefined;
    if (isObject(target)) delete target[path.at(-1) ?? ''];
  }
  return merged;
}
