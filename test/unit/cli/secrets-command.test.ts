import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { captureIo } from './cli-io.js';

// Runs the real command against the real encrypted file store in a temporary data folder.
function fileStoreEnv(): NodeJS.ProcessEnv {
  return {
    SITEDESK_SECRET_STORE: 'file',
    SITEDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'sitedesk-cli-')),
  };
}

/** Adds client Bakery and its WordPress site "Blog" (its password given at add), returns its id. */
async function addSite(env: NodeJS.ProcessEnv): Promise<string> {
  await runCli(
    ['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague'],
    captureIo(env).io,
  );
  const add = captureIo(env, 'first password 0000\n');
  const args = ['--name', 'Blog', '--kind', 'wordpress', '--url', 'https://b.example'];
  await runCli(
    ['site', 'add', '--client', 'Bakery', ...args, '--setting', 'username=ed', '--no-check'],
    add.io,
  );
  const list = captureIo(env);
  await runCli(['site', 'list', '--json'], list.io);
  const [site] = JSON.parse(list.out()) as { id: string }[];
  if (!site) throw new Error(`no site was added: ${add.err()}`);
  return site.id;
}

describe('sitedesk secrets', () => {
  it('stores a secret read from stdin, lists it, deletes it; exit codes 0 and 4', async () => {
    const env = fileStoreEnv();
    const siteId = await addSite(env);
    const account = `site:${siteId}`;
    const set = captureIo(env, 'app pass word 1234\n');
    expect(await runCli(['secrets', 'set', account], set.io)).toBe(0);
    expect(set.err()).toContain(`Stored the secret of ${account}`);
    expect(set.out() + set.err()).not.toContain('app pass word 1234');
    // The store file holds ciphertext only.
    expect(readFileSync(join(env.SITEDESK_DATA_DIR ?? '', 'secrets.enc'), 'utf8')).not.toContain(
      'app pass word',
    );

    const list = captureIo(env);
    expect(await runCli(['secrets', 'list'], list.io)).toBe(0);
    expect(list.out()).toBe(`${account}\n`);

    expect(await runCli(['secrets', 'delete', account], captureIo(env).io)).toBe(0);
    const again = captureIo(env);
    expect(await runCli(['secrets', 'delete', account], again.io)).toBe(4);
    expect(again.err()).toContain(`no secret for ${account}`);
  });

  // An archived site is refused by the same storeSiteSecret as PUT /sites/:id/secret (409).
  it('follows the API: no secret for a site that does not exist or was removed', async () => {
    const env = fileStoreEnv();
    const unknown = captureIo(env, 'some password 1\n');
    expect(await runCli(['secrets', 'set', 'site:nobody'], unknown.io)).toBe(4);
    expect(unknown.err()).toContain('nobody');

    const siteId = await addSite(env);
    expect(await runCli(['site', 'remove', siteId], captureIo(env).io)).toBe(0);
    const removed = captureIo(env, 'late password 22\n');
    expect(await runCli(['secrets', 'set', `site:${siteId}`], removed.io)).toBe(4);
    expect(removed.err()).toContain(siteId);
    const list = captureIo(env);
    await runCli(['secrets', 'list'], list.io);
    expect(list.out()).toBe('');
  });

  it('refuses a secret on the command line (exit 2) and stores nothing', async () => {
    const env = fileStoreEnv();
    const run = captureIo(env);
    expect(await runCli(['secrets', 'set', 'site:bakery', 'hunter2hunter2'], run.io)).toBe(2);
    expect(run.err()).toContain('never read from the command line');
    const list = captureIo(env);
    await runCli(['secrets', 'list'], list.io);
    expect(list.out()).toBe('');
  });

  it('rejects an empty secret and a malformed account name', async () => {
    const env = fileStoreEnv();
    const empty = captureIo(env, '\n');
    expect(await runCli(['secrets', 'set', 'mailbox:a'], empty.io)).toBe(2);
    expect(empty.err()).toContain('empty');
    const bad = captureIo(env, 'x');
    expect(await runCli(['secrets', 'set', '--', '-rf'], bad.io)).toBe(2);
    expect(bad.err()).toContain('ACCOUNT');
  });

  it('prints help with exit 0 and unknown commands with exit 2', async () => {
    const help = captureIo({});
    expect(await runCli(['secrets', '--help'], help.io)).toBe(0);
    expect(help.out()).toContain('Usage: sitedesk secrets');
    const unknown = captureIo({});
    expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.err()).toContain('Unknown command "frobnicate"');
    for (const command of ['serve', 'doctor']) {
      const h = captureIo({});
      expect(await runCli([command, '--help'], h.io)).toBe(0);
      expect(h.out()).toContain(`Usage: sitedesk ${command}`);
    }
  });

  it('exits 3 with the variable named when the configuration is wrong', async () => {
    const run = captureIo({ SITEDESK_SECRET_STORE: 'keytar' });
    expect(await runCli(['secrets', 'list'], run.io)).toBe(3);
    expect(run.err()).toContain('SITEDESK_SECRET_STORE');
  });
});

describe('sitedesk doctor', () => {
  it('reports the file store and a passing probe as JSON', async () => {
    const run = captureIo(fileStoreEnv());
    expect(await runCli(['doctor', '--json'], run.io)).toBe(0);
    const report = JSON.parse(run.out()) as {
      ok: boolean;
      findings: { check: string; status: string; summary: string; notes: string[] }[];
    };
    expect(report.ok).toBe(true);
    const store = report.findings.find((f) => f.check === 'secret store');
    expect(store?.status).toBe('ok');
    expect(store?.summary).toMatch(/^file — encrypted file/);
    expect(store?.notes.some((n) => n.startsWith('probe: wrote, read back and deleted'))).toBe(
      true,
    );
  });

  it('fails (exit 1) and says why when the master key is malformed', async () => {
    const run = captureIo({ ...fileStoreEnv(), SITEDESK_MASTER_KEY: 'too-short' });
    expect(await runCli(['doctor'], run.io)).toBe(1);
    expect(run.out()).toMatch(/secret store\s+fail/);
    expect(run.out()).toContain('Some checks failed');
    expect(run.out()).not.toContain('too-short');
  });
});
