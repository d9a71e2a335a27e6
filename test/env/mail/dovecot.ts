/**
 * A real IMAP server for the mail tests: Debian's dovecot-imapd started by hand with a
 * generated config on 127.0.0.1 and a free port. Everything (config, users, mail, sockets,
 * state, log) lives in one temp folder, so several instances run side by side.
 * Running as root, mail is owned by `nobody`; otherwise by the user running the tests.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort, waitForPort, waitForPortClosed } from '../ports.js';

/** One mailbox user of the test server. */
export interface ImapUser {
  user: string;
  password: string;
}

/** A running dovecot. */
export interface ImapServer {
  host: string;
  port: number;
  users: ImapUser[];
  /** Appends `rawMessage` to the user's INBOX over IMAP (as a mail delivery would). */
  deliver(user: string, rawMessage: string | Buffer, mailbox?: string): Promise<void>;
  /** Kills dovecot and waits until its port is closed. */
  stop(): Promise<void>;
  /** Starts dovecot again on the same port with the same mail. */
  restart(): Promise<void>;
  /** The Maildir of `user` (to change what dovecot keeps behind its back, e.g. UIDVALIDITY). */
  maildir(user: string): string;
  /** SIGSTOPs dovecot's processes: connections stay open but nothing answers (a hung server). */
  freeze(): void;
  /** SIGCONTs them after freeze(). */
  thaw(): void;
  /** Stops dovecot and removes its temp folder (config, mail, log). */
  dispose(): Promise<void>;
  /** The dovecot log so far (for failure messages). */
  log(): string;
}

/** Options of startImapServer. */
export interface ImapServerOptions {
  /** Default: alice and bob with generated passwords. */
  users?: ImapUser[];
  /** false hides IDLE from the capability list, to test the polling path. Default true. */
  idle?: boolean;
}

/** Starts dovecot; ready when its port accepts connections (about 60 ms). */
export async function startImapServer(options: ImapServerOptions = {}): Promise<ImapServer> {
  if (!existsSync('/usr/sbin/dovecot')) {
    throw new Error(
      'dovecot is not installed: apt-get install --no-install-recommends dovecot-imapd',
    );
  }
  const users = options.users ?? [
    { user: 'alice', password: `alice-${Math.random().toString(36).slice(2)}` },
    { user: 'bob', password: `bob-${Math.random().toString(36).slice(2)}` },
  ];
  const root = mkdtempSync(join(tmpdir(), 'sitedesk-dovecot-'));
  // mail_uid must be able to reach its home below root.
  chmodSync(root, 0o755);
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot
    ? { name: 'nobody', uid: 65534, gid: 65534, group: 'nogroup' }
    : currentUser();
  for (const dir of ['run', 'state', 'home']) mkdirSync(join(root, dir));
  for (const { user } of users) {
    const home = join(root, 'home', user);
    mkdirSync(home);
    if (asRoot) chownSync(home, owner.uid, owner.gid);
  }
  writeFileSync(
    join(root, 'passwd'),
    users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''),
  );
  const port = await freePort();
  const conf = join(root, 'dovecot.conf');
  writeFileSync(conf, dovecotConfig(root, port, owner, asRoot, options.idle ?? true));

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const proc = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], {
      stdio: 'ignore',
      detached: true,
    });
    child = proc;
    if (proc.pid !== undefined) watchdog(proc.pid);
    let exited = false;
    proc.once('exit', () => {
      exited = true;
    });
    await waitForPort(port, 10_000, () => exited, '* OK');
    if (exited) throw new Error(`dovecot did not start:\n${readLog(root)}`);
  };
  await launch();

  const server: ImapServer = {
    host: '127.0.0.1',
    port,
    users,
    log: () => readLog(root),
    async deliver(user, rawMessage, mailbox = 'INBOX') {
      const account = users.find((u) => u.user === user);
      if (!account) throw new Error(`no test user ${user}`);
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user, pass: account.password },
        logger: false,
      });
      client.on('error', () => {}); // an unhandled 'error' event would end the test process
      await client.connect();
      try {
        await client.append(mailbox, rawMessage);
      } finally {
        await client.logout();
      }
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.pid === undefined) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      // dovecot's children (imap-login, imap, auth) are in its process group; SIGCONT in case
      // a test left it frozen.
      signalGroup(proc.pid, 'SIGKILL');
      signalGroup(proc.pid, 'SIGCONT');
      await exited;
      await waitForPortClosed(port, 5_000);
    },
    async restart() {
      await server.stop();
      await launch();
    },
    maildir: (user) => join(root, 'home', user, 'Maildir'),
    freeze() {
      if (child?.pid !== undefined) signalGroup(child.pid, 'SIGSTOP');
    },
    thaw() {
      if (child?.pid !== undefined) signalGroup(child.pid, 'SIGCONT');
    },
    async dispose() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return server;
}

/** Signals the process group `pgid`; a group that is already gone is not an error. */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Kills dovecot's process group when the test process dies without stopping it (a crashed
 * vitest worker), so no dovecot outlives the run.
 */
function watchdog(pgid: number): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pgid} 2>/dev/null; do sleep 1; done; kill -9 -${pgid} 2>/dev/null`;
  spawn('sh', ['-c', script], { stdio: 'ignore', detached: true }).unref();
}

function currentUser(): { name: string; uid: number; gid: number; group: string } {
  const info = userInfo();
  // dovecot wants the group by name.
  const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  return { name: info.username, uid: info.uid, gid: info.gid, group };
}

function readLog(root: string): string {
  const path = join(root, 'dovecot.log');
  return existsSync(path) ? readFileSync(path, 'utf8') : '(no log)';
}

function dovecotConfig(
  root: string,
  port: number,
  owner: { name: string; uid: number; gid: number; group: string },
  asRoot: boolean,
  idle: boolean,
): string {
  // Without root dovecot cannot switch users: every internal user is the one running it.
  // …and chroot is not allowed.
  const unprivileged = asRoot
    ? ''
    : `default_internal_user = ${owner.name}\ndefault_internal_group = ${owner.group}\n` +
      `default_login_user = ${owner.name}\n` +
      'service anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n';
  const capability = idle
    ? ''
    : 'imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS SPECIAL-USE NAMESPACE\n';
  return `# generated by test/env/mail/dovecot.ts
protocols = imap
listen = 127.0.0.1
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_failure_delay = 0
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
mail_uid = ${owner.uid}
mail_gid = ${owner.gid}
first_valid_uid = 0
${unprivileged}${capability}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${root}/passwd
  default_fields = uid=${owner.uid} gid=${owner.gid} home=${root}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
# No auth penalty: dovecot otherwise delays logins from an address after a failed one by up to
# 15 s, which tests of wrong passwords would trip over (mode 0 turns the anvil listener off).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
`;
}
