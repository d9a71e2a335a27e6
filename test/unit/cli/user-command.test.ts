// `sitedesk user` in-process against a real database in a temporary data folder; the password
// comes on stdin (not a terminal), as a script would give it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { systemClock } from '../../../src/shared/clock.js';
import { openStore } from '../../../src/store/index.js';
import { createAccounts } from '../../../src/tasks/accounts/index.js';
import { captureIo } from './cli-io.js';

let env: NodeJS.ProcessEnv;
let dir: string;

async function cli(args: string[], stdin = '') {
  const io = captureIo(env, stdin);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

/** The accounts service on the same database, to check what the command did. */
async function withAccounts<T>(
  work: (accounts: Awaited<ReturnType<typeof createAccounts>>) => Promise<T>,
) {
  const store = await openStore({ dataDir: dir });
  try {
    return await work(await createAccounts({ store, clock: systemClock }));
  } finally {
    await store.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-cli-user-'));
  env = { SITEDESK_DATA_DIR: dir, SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
});

describe('sitedesk user', () => {
  it('adds an admin whose password comes from stdin; lists it; the password works', async () => {
    const added = await cli(
      ['user', 'add', '--username', 'jana', '--role', 'admin'],
      'correct horse battery\n',
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.out.trim()).toMatch(/^\w{26}$/);
    expect(added.err).toContain('Added admin "jana"');
    expect(added.out + added.err).not.toContain('correct horse');
    const listed = await cli(['user', 'list']);
    expect(listed.out).toMatch(/^USERNAME\s+ROLE\s+SINCE\n.*jana\s+admin\s+\d{4}-\d\d-\d\d/m);
    expect(
      await withAccounts(
        async (a) => (await a.checkPassword('jana', 'correct horse battery'))?.role,
      ),
    ).toBe('admin');
  });

  it('refuses a short password, a taken name and an unknown role, naming what to fix', async () => {
    const short = await cli(['user', 'add', '--username', 'jana'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.err).toContain('the password: must be at least 12 characters');
    expect(
      await cli(['user', 'add', '--username', 'jana'], 'long enough password\n'),
    ).toMatchObject({ code: 0 });
    const taken = await cli(['user', 'add', '--username', 'jana'], 'another long password\n');
    expect(taken.code).not.toBe(0);
    expect(taken.err).toContain('A user named jana already exists');
    const role = await cli(['user', 'add', '--username', 'petr', '--role', 'boss'], 'x\n');
    expect(role).toMatchObject({ code: 2 });
    expect(role.err).toContain('--role must be admin or secretary');
    expect(await withAccounts((a) => a.listUsers())).toHaveLength(1);
  });

  it('sets a new password: the old one stops working and open sessions end', async () => {
    await cli(['user', 'add', '--username', 'jana'], 'the first password\n');
    const session = await withAccounts(async (a) => {
      const user = await a.checkPassword('jana', 'the first password');
      return a.createSession(user!);
    });
    const changed = await cli(['user', 'password', 'jana'], 'the second password\n');
    expect(changed).toMatchObject({ code: 0 });
    expect(changed.err).toContain('their sessions ended');
    await withAccounts(async (a) => {
      expect(await a.checkPassword('jana', 'the first password')).toBeUndefined();
      expect((await a.checkPassword('jana', 'the second password'))?.username).toBe('jana');
      expect(await a.sessionPrincipal(session.token)).toBeUndefined();
    });
    const unknown = await cli(['user', 'password', 'nobody'], 'the third password\n');
    expect(unknown.code).toBe(4);
    expect(unknown.err).toContain('No user named nobody');
    // Four deliberately slow password hashes: room for a busy machine running two test files.
  }, 30_000);
});
