import { roles } from '../../tasks/accounts/index.js';
import { asFlags, required } from '../cli-input.js';
import { parseCommandArgs, println, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { commandGroup, noPositionals, onePositional } from '../group.js';
import { readSecret } from '../read-secret.js';
import { formatTable } from '../table.js';
import { openAccounts, withWorkspace } from '../workspace.js';

const addHelp = `Usage: sitedesk user add --username NAME [--role admin|secretary]

Adds an account for the web app and the API. The password (12 characters or more) is asked
for without echo, or read from standard input when that is not a terminal:
  printf '%s' "$PASSWORD" | sitedesk user add --username jana --role secretary
It is never taken from the command line, where other users and the shell history would see it.
  --username NAME   2-64 lowercase letters, digits, dot, dash or underscore
  --role ROLE       admin (also manages accounts) or secretary (the default)`;

const listHelp = `Usage: sitedesk user list [--json]

Lists the accounts: name, role and since when.`;

const passwordHelp = `Usage: sitedesk user password NAME

Sets a new password for the account NAME (asked for without echo, or read from standard
input) — e.g. when it was forgotten. The account's open sessions end, so whoever knew the old
password is signed out; its API tokens stay valid (revoke them in the web app).`;

const userFlags = { username: '--username', password: 'the password', role: '--role' };

/** `sitedesk user add|list|password`. */
export const userCommand = commandGroup('user', 'add accounts, list them, set a new password', {
  add: {
    summary: 'add an account (admin or secretary)',
    help: addHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        username: { type: 'string' },
        role: { type: 'string' },
      });
      noPositionals(positionals, 'user add');
      const username = required(values.username, '--username', 'jana');
      const role = values.role ?? 'secretary';
      if (!(roles as readonly string[]).includes(role))
        throw new UsageError(`--role must be ${roles.join(' or ')} (got "${role}").`);
      const password = await readSecret(io, `Password for ${username} (12+ characters): `);
      return withWorkspace(io.env, async (ws) => {
        const accounts = await openAccounts(ws);
        const user = await asFlags(userFlags, () =>
          accounts.addUser({ username, password, role: role as (typeof roles)[number] }),
        );
        println(io.stdout, user.id);
        println(io.stderr, `Added ${user.role} "${user.username}"; they can sign in now.`);
        return ExitCode.ok;
      });
    },
  },
  list: {
    summary: 'list the accounts',
    help: listHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
      noPositionals(positionals, 'user list');
      return withWorkspace(io.env, async (ws) => {
        const users = await (await openAccounts(ws)).listUsers();
        if (values.json) println(io.stdout, JSON.stringify(users, null, 2));
        else if (users.length === 0)
          println(io.stderr, 'No accounts yet; add one with "sitedesk user add --role admin".');
        else
          println(
            io.stdout,
            formatTable(
              ['USERNAME', 'ROLE', 'SINCE'],
              users.map((u) => [u.username, u.role, u.createdAt.slice(0, 10)]),
            ),
          );
        return ExitCode.ok;
      });
    },
  },
  password: {
    summary: 'set a new password for an account (its sessions end)',
    help: passwordHelp,
    async run(argv, io) {
      const { positionals } = parseCommandArgs(argv, {});
      const username = onePositional(
        positionals,
        'user password takes one NAME, e.g. sitedesk user password jana.',
      );
      const password = await readSecret(io, `New password for ${username} (12+ characters): `);
      return withWorkspace(io.env, async (ws) => {
        const user = await asFlags(userFlags, async () =>
          (await openAccounts(ws)).setPassword(username, password),
        );
        println(io.stderr, `New password set for "${user.username}"; their sessions ended.`);
        return ExitCode.ok;
      });
    },
  },
});
