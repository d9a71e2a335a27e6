import { join, resolve } from 'node:path';
import { exportClient } from '../../tasks/clients/export.js';
import { findAnyClient } from '../cli-input.js';
import { parseCommandArgs, println } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { onePositional, type Action } from '../group.js';
import { withWorkspace } from '../workspace.js';

const exportHelp = `Usage: sitedesk client export CLIENT [--to FILE]

Writes one client's data into a .tar.gz for a client who leaves: the client, its sites
(never a password or key), its tasks with their history, its texts with their publications,
the mail taken for it, its letters register and meetings, and the files (task attachments,
mail attachments, the texts' images, the letters' PDFs). The export is recorded in the
client's history: "sitedesk client remove --final" asks for one newer than its last change.
  --to FILE   where to write (default: <client name>-export-<date>.tar.gz in this folder)
CLIENT is the client's id or exact name. Archive the client with "sitedesk client remove
CLIENT", then remove its data for good with "sitedesk client remove --final CLIENT".`;

/** `sitedesk client export CLIENT`. */
export const clientExportAction: Action = {
  summary: "export one client's data (tasks, threads, mail, files) as a .tar.gz",
  help: exportHelp,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { to: { type: 'string' } });
    const ref = onePositional(
      positionals,
      'client export needs one CLIENT (id or name), e.g. sitedesk client export "Bakery Novák".',
    );
    return withWorkspace(io.env, async (ws) => {
      const client = await findAnyClient(ws.tasks, ref, 'CLIENT');
      const slug =
        client.name
          .normalize('NFKD')
          .replace(/[^\w-]+/g, '-')
          .replace(/^-|-$/g, '')
          .toLowerCase() || 'client';
      const to = resolve(
        values.to ?? `${slug}-export-${new Date().toISOString().slice(0, 10)}.tar.gz`,
      );
      const done = await exportClient(
        ws.tasks.deps,
        client.id,
        { uploadDir: join(ws.config.dataDir, 'uploads'), mailDir: join(ws.config.dataDir, 'mail') },
        to,
        ws.actor,
      );
      println(
        io.stderr,
        `Exported "${client.name}": ${done.tasks} tasks, ${done.texts} texts, ${done.files} files into ${done.file}.`,
      );
      println(io.stdout, done.file);
      return ExitCode.ok;
    });
  },
};
