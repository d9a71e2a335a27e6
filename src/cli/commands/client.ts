import { asFlags, listFlag, required } from '../cli-input.js';
import { clientExportAction } from './client-export.js';
import { clientRemoveAction } from './client-remove.js';
import { parseCommandArgs, println } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { commandGroup, noPositionals } from '../group.js';
import { formatTable } from '../table.js';
import { withWorkspace } from '../workspace.js';

const addHelp = `Usage: sitedesk client add --name NAME --timezone ZONE [options]

Adds a client (a business you work for) and prints its id.
  --name NAME         the business name, e.g. "Bakery Novák"
  --timezone ZONE     IANA timezone of the client, e.g. Europe/Prague (schedules run in it)
  --language TAG      a language the client uses, first one first (repeat or comma-separate: cs,en)
  --email ADDRESS     contact e-mail
  --phone NUMBER      contact phone, e.g. "+420 601 234 567"
  --note TEXT         anything to remember about the client`;

const listHelp = `Usage: sitedesk client list [--json]

Lists every client by name: id, name, timezone, languages and contact.`;

const clientFlags = {
  name: '--name',
  timezone: '--timezone',
  languages: '--language',
  'contact.email': '--email',
  'contact.phone': '--phone',
  'contact.note': '--note',
};

/** `sitedesk client add|list|remove`. */
export const clientCommand = commandGroup('client', 'add, list, export or remove clients', {
  add: {
    summary: 'add a client',
    help: addHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        name: { type: 'string' },
        timezone: { type: 'string' },
        language: { type: 'string', multiple: true },
        email: { type: 'string' },
        phone: { type: 'string' },
        note: { type: 'string' },
      });
      noPositionals(positionals, 'client add');
      const input = {
        name: required(values.name, '--name', '"Bakery Novák"'),
        timezone: required(values.timezone, '--timezone', 'Europe/Prague'),
        languages: listFlag(values.language),
        contact: {
          ...(values.email !== undefined ? { email: values.email } : {}),
          ...(values.phone !== undefined ? { phone: values.phone } : {}),
          ...(values.note !== undefined ? { note: values.note } : {}),
        },
      };
      return withWorkspace(io.env, async (ws) => {
        const client = await asFlags(clientFlags, () => ws.tasks.createClient(input, ws.actor));
        println(io.stdout, client.id);
        println(io.stderr, `Added client "${client.name}" (${client.timezone}).`);
        return ExitCode.ok;
      });
    },
  },
  list: {
    summary: 'list clients',
    help: listHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
      noPositionals(positionals, 'client list');
      return withWorkspace(io.env, async (ws) => {
        const clients = await ws.tasks.listClients();
        if (values.json) {
          println(io.stdout, JSON.stringify(clients, null, 2));
          return ExitCode.ok;
        }
        if (clients.length === 0) {
          println(io.stderr, 'No clients yet; add one with "sitedesk client add".');
          return ExitCode.ok;
        }
        const rows = clients.map((c) => [
          c.id,
          c.name,
          c.timezone,
          c.languages.join(',') || '—',
          [c.contact.email, c.contact.phone].filter(Boolean).join(', ') || '—',
        ]);
        println(io.stdout, formatTable(['ID', 'NAME', 'TIMEZONE', 'LANGUAGES', 'CONTACT'], rows));
        return ExitCode.ok;
      });
    },
  },
  export: clientExportAction,
  remove: clientRemoveAction,
});
