import { probeSecretStore } from '../../secrets/probe.js';
import { openSecretStore } from '../../secrets/open.js';
import type { OpenedSecretStore } from '../../secrets/types.js';
import { loadConfig } from '../../shared/config.js';
import { messageOf } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import { version } from '../../shared/version.js';
import { checkBackups } from './doctor-backup.js';
import { checkDatabase } from './doctor-database.js';
import { checkQueue } from './doctor-queue.js';
import type { Finding } from './doctor-finding.js';
import { checkCalendars } from './doctor-calendars.js';
import { checkMailboxes } from './doctor-mail.js';
import { checkSites } from './doctor-sites.js';
import { parseCommandArgs, println, UsageError, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const help = `Usage: sitedesk doctor [--json]

Checks this installation and says what is wrong and how to fix it:
  configuration   SITEDESK_* variables and the SITEDESK_CONFIG file are valid
  secret store    which store is in use and why, and whether it works
                  (writes, reads and deletes a throw-away secret)
  database        the database in the data folder opens (and is brought up to date),
                  how much it holds, and publications waiting for "sitedesk run"
  job queue       on PostgreSQL: jobs waiting, running and failed, and the sitedesk
                  instances connected now with their roles (api, worker, api+worker)
  sites           sites whose settings an earlier version saved wrong (each field named,
                  with how to fix it) and sites whose last check failed (its cause)
  mailboxes       each mailbox's intake health as the service last recorded it, and a
                  live IMAP and SMTP login (a mailbox that stopped answering fails)
  calendars       each client calendar, live and read-only: the server answers, the
                  password is accepted, the calendar is there and may be written
  backups         the last backup (when, file, size), whether scheduled backups run and
                  can read their passphrase
Exit code 0 when everything works (warnings included), 1 when a check failed, 3 when the
configuration is invalid. --json prints the same report as JSON.`;

async function diagnose(env: NodeJS.ProcessEnv): Promise<Finding[]> {
  const config = loadConfig(env);
  const findings: Finding[] = [
    {
      check: 'configuration',
      status: 'ok',
      summary: `valid${env.SITEDESK_CONFIG ? ` (file ${env.SITEDESK_CONFIG})` : ''}`,
      notes: [`data folder: ${config.dataDir}`, `listens on: http://${config.host}:${config.port}`],
    },
  ];
  // The doctor's own logger stays quiet: its findings are the output.
  const logger = createLogger({ level: 'silent' });
  let opened: OpenedSecretStore | undefined;
  try {
    opened = await openSecretStore(config, { logger });
    const probe = await probeSecretStore(opened.store);
    findings.push({
      check: 'secret store',
      status: !probe.ok ? 'fail' : opened.warning ? 'warn' : 'ok',
      summary: `${opened.store.kind} — ${opened.store.description}`,
      notes: [
        `why: ${opened.reason}`,
        ...(opened.warning ? [`warning: ${opened.warning}`] : []),
        storeChoiceNote(env),
        probe.ok
          ? `probe: wrote, read back and deleted a throw-away secret in ${probe.millis} ms`
          : `probe failed: ${probe.error ?? 'unknown error'}`,
      ],
    });
  } catch (error) {
    findings.push({
      check: 'secret store',
      status: 'fail',
      summary: 'cannot be opened',
      notes: [messageOf(error)],
    });
  }
  const where = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  findings.push(await checkDatabase(where, logger));
  if (findings.at(-1)?.status !== 'fail') {
    findings.push(await checkQueue(where, logger));
    findings.push(await checkSites(where, logger));
  }
  if (opened && findings.find((f) => f.check === 'database')?.status !== 'fail') {
    findings.push(await checkMailboxes(where, opened.store, logger));
    findings.push(await checkCalendars(where, opened.store, logger));
  }
  findings.push(await checkBackups(config, env));
  return findings;
}

/**
 * How the store is chosen, for whoever runs sitedesk (issue 14: the secretary's screens say one
 * sentence; these facts live here and on the admins' System page). Names variables, never values.
 */
function storeChoiceNote(env: NodeJS.ProcessEnv): string {
  const set = (name: string) => `${name} ${env[name] ? 'is set' : 'is not set'}`;
  return (
    `chosen by SITEDESK_SECRET_STORE (auto | keychain | file | memory; ${set('SITEDESK_SECRET_STORE')}); ` +
    `the file store's key comes from SITEDESK_MASTER_KEY (${set('SITEDESK_MASTER_KEY')}) ` +
    'or else from a generated key file in the data folder, readable by its owner only (mode 0600)'
  );
}

/** `sitedesk doctor`: what is in use, and whether it works. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the installation: configuration, secret store, database, mailboxes, calendars',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
    if (values.help) {
      println(io.stdout, help);
      return ExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError('doctor takes no arguments.');
    const findings = await diagnose(io.env);
    const failed = findings.some((f) => f.status === 'fail');
    if (values.json) {
      println(io.stdout, JSON.stringify({ version: version(), ok: !failed, findings }, null, 2));
    } else {
      println(io.stdout, `sitedesk ${version()} on Node.js ${process.versions.node}`);
      for (const f of findings) {
        println(io.stdout, `  ${f.check.padEnd(14)} ${f.status.padEnd(4)} ${f.summary}`);
        for (const note of f.notes) println(io.stdout, `  ${''.padEnd(14)}      ${note}`);
      }
      println(io.stdout, failed ? 'Some checks failed: see above.' : 'All checks passed.');
    }
    return failed ? ExitCode.failed : ExitCode.ok;
  },
};
