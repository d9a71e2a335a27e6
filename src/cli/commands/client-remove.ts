import { removeClient } from '../../tasks/clients/removal.js';
import { findClient } from '../cli-input.js';
import { parseCommandArgs, println } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { onePositional, type Action } from '../group.js';
import { openAccounts, withWorkspace } from '../workspace.js';

const removeHelp = `Usage: sitedesk client remove CLIENT

Removes a client from the work: it is archived, never destroyed (its tasks and the history
name it). Its sites are archived and their secrets deleted from the secret store, as is its
calendar's password (calendar:<id>); its schedules are paused for good; it gets no new tasks, sites or texts. Refused while one of its
private links still opens its space (revoke it in the web app first) or while publishing for
it waits or runs. CLIENT is the client's id or exact name. The same as
DELETE /api/v1/clients/:id.`;

/** `sitedesk client remove CLIENT`. */
export const clientRemoveAction: Action = {
  summary: 'remove (archive) a client, its sites and their secrets',
  help: removeHelp,
  async run(argv, io) {
    const { positionals } = parseCommandArgs(argv, {});
    const ref = onePositional(
      positionals,
      'client remove needs one CLIENT (id or name), e.g. sitedesk client remove "Bakery Novák".',
    );
    return withWorkspace(io.env, async (ws) => {
      const client = await findClient(ws.tasks, ref, 'CLIENT');
      // The private-link check reads the accounts tables: bring them up to date first.
      await openAccounts(ws);
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
