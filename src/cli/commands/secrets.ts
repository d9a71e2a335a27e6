import { accountSchema } from '../../secrets/account.js';
import { parseCommandArgs, println, UsageError, type CliIo, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { readSecret } from '../read-secret.js';
import { systemClock } from '../../shared/clock.js';
import { openStore } from '../../store/index.js';
import { createTaskService, type Site } from '../../tasks/index.js';
import { storeSiteSecret } from '../../tasks/sites/changes.js';
import { openRuntime, type Runtime } from '../runtime.js';

const help = `Usage: sitedesk secrets <set|delete|list> [ACCOUNT]

  set ACCOUNT      store or replace the secret of ACCOUNT (e.g. site:bakery-wp)
  delete ACCOUNT   remove the secret of ACCOUNT (exit 4 when there is none)
  list             list the accounts that have a secret (never the secrets)

A secret is never taken from the command line, where ps and the shell history would show it:
"set" asks for it at a hidden prompt, or reads it from standard input when that is not a
terminal (one trailing newline is dropped), e.g.
  printf %s "$APP_PASSWORD" | sitedesk secrets set site:bakery-wp`;

const ACCOUNT_ON_CLI = /^[a-z][a-z0-9-]*:[^\s]+$/;

function accountArg(positionals: string[], action: string): string {
  const [account, ...extra] = positionals;
  if (!account)
    throw new UsageError(
      `secrets ${action} needs an ACCOUNT, e.g. "sitedesk secrets ${action} site:bakery-wp".`,
    );
  if (extra.length > 0) {
    throw new UsageError(
      action === 'set'
        ? 'Secrets are never read from the command line (ps and the shell history would show them); type it at the prompt or pipe it on stdin.'
        : `secrets ${action} takes one ACCOUNT.`,
    );
  }
  const parsed = accountSchema.safeParse(account);
  if (!parsed.success)
    throw new UsageError(
      `ACCOUNT "${account}" is not valid: ${parsed.error.issues[0]?.message ?? 'bad format'}.`,
    );
  // On the command line accounts are always "<kind>:<id>", which also keeps "-x" from passing.
  if (!ACCOUNT_ON_CLI.test(parsed.data)) {
    throw new UsageError(
      `ACCOUNT "${account}" must look like site:<id> or mailbox:<id>, e.g. site:bakery-wp.`,
    );
  }
  return parsed.data;
}

/** The site a `site:<id>` account belongs to (NotFoundError when there is none), else undefined. */
async function siteOf(account: string, runtime: Runtime): Promise<Site | undefined> {
  const siteId = /^site:(.+)$/.exec(account)?.[1];
  if (siteId === undefined) return undefined;
  const store = await openStore(
    { dataDir: runtime.config.dataDir, databaseUrl: runtime.config.databaseUrl },
    { logger: runtime.logger },
  );
  try {
    return await createTaskService({ store, clock: systemClock }).getSite(siteId);
  } finally {
    await store.close();
  }
}

async function run(action: string | undefined, rest: string[], io: CliIo): Promise<ExitCode> {
  if (action !== 'set' && action !== 'delete' && action !== 'list') {
    throw new UsageError(
      `Unknown or missing action "${action ?? ''}"; use set, delete or list.\n\n${help}`,
    );
  }
  const account = action === 'list' ? undefined : accountArg(rest, action);
  if (action === 'list' && rest.length > 0)
    throw new UsageError('secrets list takes no arguments.');
  const runtime = await openRuntime(io.env);
  const { secrets } = runtime;
  if (secrets.warning) println(io.stderr, `warning: ${secrets.warning}`);
  const { store } = secrets;

  if (action === 'list') {
    for (const name of await store.list()) println(io.stdout, name);
    return ExitCode.ok;
  }
  if (action === 'set' && account) {
    // A site's secret follows the API's rule (no secret for a removed site); ask only then.
    const site = await siteOf(account, runtime);
    const secret = await readSecret(io, `Secret for ${account} (input hidden): `);
    if (site) await storeSiteSecret(store, site, secret);
    else await store.set(account, secret);
    println(
      io.stderr,
      `Stored the secret of ${account} in the ${store.kind} store (${store.description}).`,
    );
    return ExitCode.ok;
  }
  if (account && (await store.delete(account))) {
    println(io.stderr, `Deleted the secret of ${account}.`);
    return ExitCode.ok;
  }
  println(io.stderr, `There is no secret for ${account ?? ''}; nothing was deleted.`);
  return ExitCode.notFound;
}

/** `sitedesk secrets set|delete|list`. */
export const secretsCommand: Command = {
  name: 'secrets',
  summary: 'store, remove or list site and mailbox secrets',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {});
    if (values.help) {
      println(io.stdout, help);
      return ExitCode.ok;
    }
    const [action, ...rest] = positionals;
    return run(action, rest, io);
  },
};
