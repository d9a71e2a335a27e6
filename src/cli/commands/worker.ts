import type { Command } from '../command.js';
import { runWorker } from './run.js';

const help = `Usage: sitedesk worker [--concurrency N]

Runs this instance as a worker only: it publishes, retries, checks live pages, takes ended
promotions down and fires schedules, and answers no HTTP requests (run "sitedesk serve
--no-worker" for the API). On PostgreSQL (SITEDESK_DATABASE_URL) the work comes from the job
queue shared by every instance: start as many workers as you like, on any machine; a killed
worker's publications are taken over by the others once its lease runs out (30 s); there it
also sends the mail outbox (forwards, replies waiting for the server, letters), writes meetings
and reads the mailboxes no other instance reads. On SQLite it
is the same as "sitedesk run": one per database. Stops on Ctrl-C (SIGINT) or SIGTERM after the
posts in flight.
  --concurrency N   posts published at once by this worker (default 8; one at a time per site)`;

/** `sitedesk worker`: the jobs only (docs/operator/scaling.md). */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'work publications and schedules only, no HTTP (several per PostgreSQL database)',
  help,
  run: (argv, io) => runWorker('worker', help, argv, io),
};
