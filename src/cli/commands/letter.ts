import { readFile, writeFile } from 'node:fs/promises';
import { createLetter, letterPdf } from '../../tasks/letters/letters.js';
import { listRegister, registerCsv } from '../../tasks/letters/register.js';
import { createMailDesk } from '../../tasks/mail/index.js';
import { findClient } from '../cli-input.js';
import { parseCommandArgs, println, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { commandGroup, noPositionals, onePositional } from '../group.js';
import { formatTable } from '../table.js';
import { withWorkspace } from '../workspace.js';

const addHelp = `Usage: sitedesk letter add --client CLIENT --letterhead ID --name NAME --address LINE [--address LINE …]
       [--email EMAIL] --subject SUBJECT (--text TEXT | --file FILE.md) [--approval] [--json]

Writes a letter (a task of kind letter) on one of the client's letterheads. NAME and each
--address LINE are printed in the envelope window (at most 6 lines with the name). The body is
Markdown. --approval: the client sees the PDF first. Prints the letter's id.`;

const pdfHelp = `Usage: sitedesk letter pdf LETTER --out FILE.pdf

Writes the letter's PDF: what went out once it did, else a draft dated today.`;

const sendHelp = `Usage: sitedesk letter send LETTER [--mailbox ID] [--cover TEXT]
       sitedesk letter send LETTER --posted YYYY-MM-DD

Numbers the letter (the client's pattern, e.g. 2026/014) and queues it to be sent by e-mail
from the client's mailbox with the PDF attached; the running "sitedesk serve" sends it (the
mail outbox: retries, a copy in Sent). With --posted it is recorded as printed and posted that
day instead.`;

const listHelp = `Usage: sitedesk letter list --client CLIENT [--search TEXT] [--year YEAR] [--csv] [--json]

The client's register of letters that went out: number, date, how, recipient, subject.
--search looks in number, recipient, e-mail and subject; --csv prints the register as CSV.`;

/** `sitedesk letter add|pdf|send|list` (issue 20). */
export const letterCommand = commandGroup('letter', 'write, print, send and list letters', {
  add: {
    summary: 'write a letter on a letterhead',
    help: addHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        client: { type: 'string' },
        letterhead: { type: 'string' },
        name: { type: 'string' },
        address: { type: 'string', multiple: true },
        email: { type: 'string' },
        subject: { type: 'string' },
        text: { type: 'string' },
        file: { type: 'string' },
        approval: { type: 'boolean' },
        json: { type: 'boolean' },
      });
      noPositionals(positionals, 'letter add');
      if (!values.client || !values.letterhead || !values.name || !values.subject)
        throw new UsageError(
          '--client, --letterhead, --name and --subject are needed; see --help.',
        );
      if ((values.text === undefined) === (values.file === undefined))
        throw new UsageError('Give the body with --text or --file (one of them).');
      const body =
        values.file !== undefined ? await readFile(values.file, 'utf8') : (values.text ?? '');
      return withWorkspace(io.env, async (ws) => {
        const client = await findClient(ws.tasks, values.client!, '--client');
        const letter = await createLetter(
          ws.tasks.deps,
          {
            clientId: client.id,
            letterheadId: values.letterhead!,
            recipient: {
              name: values.name!,
              address: values.address ?? [],
              ...(values.email ? { email: values.email } : {}),
            },
            subject: values.subject!,
            body,
            approvalWanted: values.approval ?? false,
          },
          ws.actor,
        );
        println(io.stdout, values.json ? JSON.stringify(letter, null, 2) : letter.id);
        return ExitCode.ok;
      });
    },
  },
  pdf: {
    summary: 'write the letter as PDF',
    help: pdfHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, { out: { type: 'string' } });
      const id = onePositional(
        positionals,
        'Usage: sitedesk letter pdf LETTER --out FILE.pdf; see --help.',
      );
      if (!values.out) throw new UsageError('--out FILE.pdf is needed.');
      return withWorkspace(io.env, async (ws) => {
        const { pdf, final } = await letterPdf(ws.tasks.deps, id);
        await writeFile(values.out!, pdf);
        println(
          io.stderr,
          `${final ? 'The letter as sent' : 'A draft'} was written to ${values.out}.`,
        );
        return ExitCode.ok;
      });
    },
  },
  send: {
    summary: 'send the letter by e-mail, or record it as posted',
    help: sendHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        mailbox: { type: 'string' },
        cover: { type: 'string' },
        posted: { type: 'string' },
      });
      const id = onePositional(positionals, 'Usage: sitedesk letter send LETTER; see --help.');
      return withWorkspace(io.env, async (ws) => {
        const desk = createMailDesk(
          { dataDir: ws.config.dataDir },
          { tasks: ws.tasks, secrets: ws.secrets.store, logger: ws.logger },
        );
        const letter =
          values.posted !== undefined
            ? await desk.letters.post(id, { postedOn: values.posted }, ws.actor)
            : await desk.letters.send(
                id,
                {
                  ...(values.mailbox ? { mailboxId: values.mailbox } : {}),
                  ...(values.cover ? { cover: values.cover } : {}),
                },
                ws.actor,
              );
        const number = letter.details.delivery?.number ?? '';
        println(
          io.stdout,
          values.posted !== undefined
            ? `Letter ${number} recorded as posted on ${values.posted}.`
            : `Letter ${number} is queued; "sitedesk serve" sends it (see "sitedesk letter list").`,
        );
        return ExitCode.ok;
      });
    },
  },
  list: {
    summary: "the client's register of letters",
    help: listHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        client: { type: 'string' },
        search: { type: 'string' },
        year: { type: 'string' },
        csv: { type: 'boolean' },
        json: { type: 'boolean' },
      });
      noPositionals(positionals, 'letter list');
      if (!values.client) throw new UsageError('--client CLIENT is needed; see --help.');
      return withWorkspace(io.env, async (ws) => {
        const client = await findClient(ws.tasks, values.client!, '--client');
        const entries = await listRegister(ws.tasks.deps, client.id, {
          ...(values.search ? { q: values.search } : {}),
          ...(values.year ? { year: values.year } : {}),
        });
        if (values.csv) io.stdout.write(registerCsv(entries));
        else if (values.json) println(io.stdout, JSON.stringify(entries, null, 2));
        else if (entries.length === 0) println(io.stderr, 'No letters went out yet.');
        else
          println(
            io.stdout,
            formatTable(
              ['NUMBER', 'DATE', 'HOW', 'RECIPIENT', 'SUBJECT'],
              entries.map((e) => [
                e.number,
                e.dated,
                e.method === 'post' ? 'post' : 'e-mail',
                e.recipient,
                e.subject,
              ]),
            ),
          );
        return ExitCode.ok;
      });
    },
  },
});
