import { join } from 'node:path';
import { removeClient } from '../../tasks/clients/removal.js';
import { removeClientForGood } from '../../tasks/clients/final/index.js';
import { findAnyClient, findClient } from '../cli-input.js';
import { parseCommandArgs, println, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { onePositional, type Action } from '../group.js';
import { openAccounts, withWorkspace, type Workspace } from '../workspace.js';

const removeHelp = `Usage: sitedesk client remove CLIENT
       sitedesk client remove --final [--without-export] CLIENT

Without --final: removes a client from the work: it is archived, not destroyed (its tasks and
the history name it). Its sites are archived and their secrets deleted from the secret store, as
is its calendar's password (calendar:<id>); its schedules are paused for good; it gets no new
tasks, sites or texts. Refused while one of its
private links still opens its space (revoke it in the web app first) or while publishing for
it waits or runs. The same as DELETE /api/v1/clients/:id.

  --final            remove an archived client's data for good: its tasks, threads, texts,
                     publications, mail, letters register, meetings, mailings, suppression
                     lists, files in the data folder, the secrets of its sites, mailboxes and
                     calendars, and its private links; the history keeps one line "client
                     removed" with the date and who did it. Cannot be undone. Refused unless
                     the client is archived and was exported ("sitedesk client export") after
                     its last change. Older backups still hold its data until they are deleted.
  --without-export   with --final: remove it even though no export newer than its last
                     change exists

CLIENT is the client's id or exact name. --final is the same as
POST /api/v1/clients/:id/final-removal.`;

/** `sitedesk client remove CLIENT` and `sitedesk client remove --final CLIENT`. */
export const clientRemoveAction: Action = {
  summary: 'remove (archive) a client, its sites and their secrets; --final deletes its data',
  help: removeHelp,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      final: { type: 'boolean' },
      'without-export': { type: 'boolean' },
    });
    const ref = onePositional(
      positionals,
      'client remove needs one CLIENT (id or name), e.g. sitedesk client remove "Bakery Novák".',
    );
    if (values['without-export'] === true && values.final !== true)
      throw new UsageError(
        '--without-export goes with --final: sitedesk client remove --final --without-export CLIENT.',
      );
    return withWorkspace(io.env, async (ws) => {
      // The private-link check reads the accounts tables: bring them up to date first.
      await openAccounts(ws);
      if (values.final === true)
        return removeForGood(ws, ref, values['without-export'] === true, io.stderr);
      const client = await findClient(ws.tasks, ref, 'CLIENT');
      const done = await removeClient(ws.tasks.deps, ws.secrets.store, client.id, ws.actor);
      const sites = done.siteIds.length;
      const paused = done.pausedScheduleIds.length;
      println(
        io.stderr,
        `Client "${client.name}" removed (archived): ${sites} site${sites === 1 ? '' : 's'} archived with their secrets deleted, ${paused} schedule${paused === 1 ? '' : 's'} paused.`,
      );
      return ExitCode.ok;
    });
  },
};

async function removeForGood(
  ws: Workspace,
  ref: string,
  withoutExport: boolean,
  stderr: NodeJS.WritableStream,
): Promise<ExitCode> {
  const client = await findAnyClient(ws.tasks, ref, 'CLIENT');
  const { dataDir } = ws.config;
  const done = await removeClientForGood(
    ws.tasks.deps,
    ws.secrets.store,
    client.id,
    ws.actor,
    {
      uploadDir: join(dataDir, 'uploads'),
      mailDir: join(dataDir, 'mail'),
      gitDir: join(dataDir, 'git'),
    },
    { confirmName: client.name, withoutExport },
  );
  const rows = Object.values(done.rows).reduce((a, b) => a + b, 0);
  println(
    stderr,
    `Client "${client.name}" removed for good: ${rows} rows, ${done.files} files or folders and ${done.secrets} ${done.secrets === 1 ? 'secret' : 'secrets'} deleted. Older backups still hold its data until they are deleted.`,
  );
  for (const file of done.filesLeft)
    println(stderr, `Could not delete ${file}: delete it by hand.`);
  if (!done.compacted)
    println(
      stderr,
      'The database file could not be compacted (another sitedesk process kept it busy): stop the service and run "sqlite3 sitedesk.db VACUUM" in the data folder, so no old copy of the removed rows stays in it.',
    );
  return done.filesLeft.length ? ExitCode.failed : ExitCode.ok;
}
