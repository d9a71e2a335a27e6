import { findSite } from '../cli-input.js';
import { parseCommandArgs, println } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { onePositional, type Action } from '../group.js';
import { withWorkspace } from '../workspace.js';

const removeHelp = `Usage: sitedesk site remove SITE

Removes a site and deletes its secret from the secret store. A site that publications or tasks
name is archived (hidden, nothing new is published there, its name stays in the history); one
nothing names is deleted. Refused while publications for it wait, run or must still be taken
down, or a schedule publishes to it: cancel those or change the schedule first.
SITE is the site's id or exact name. The same as DELETE /api/v1/sites/:id.`;

/** `sitedesk site remove SITE`. */
export const siteRemoveAction: Action = {
  summary: 'remove a site and its secret',
  help: removeHelp,
  async run(argv, io) {
    const { positionals } = parseCommandArgs(argv, {});
    const ref = onePositional(
      positionals,
      'site remove needs one SITE (id or name), e.g. sitedesk site remove "Bakery blog".',
    );
    return withWorkspace(io.env, async (ws) => {
      const site = await findSite(ws.tasks, ref, 'SITE');
      const { removal } = await ws.tasks.removeSite(site.id, ws.actor, ws.secrets.store);
      println(
        io.stderr,
        `Site "${site.name}" ${removal === 'deleted' ? 'deleted' : 'archived (its history stays)'}; its secret is gone from the ${ws.secrets.store.kind} store.`,
      );
      return ExitCode.ok;
    });
  },
};
