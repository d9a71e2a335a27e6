/**
 * Issue 21: a client who left is removed for good through the web app. Two archived clients
 * are seeded (one exported with the export the command line makes, one never exported); an
 * administrator opens "Archived clients" on the Clients screen, sees which was exported, types
 * the name to confirm, must tick "without an export" for the one never exported, and each is
 * gone afterwards. Screens in English, in Czech and on a 390 px phone (no sideways scroll).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportClient } from '../../src/tasks/clients/export.js';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { buildUi, startUiServer, type UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
const EXPORTED = 'Kavárna Modrá';
const NEVER = 'Salon Lenka';
const DOCS = join(import.meta.dirname, '../../docs/screenshots');
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

let server: UiServer;
let b: TestBrowser;
let phone: TestBrowser;
let outDir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startUiServer(await buildUi());
  outDir = mkdtempSync(join(tmpdir(), 'sitedesk-e2e-export-'));
  await server.accounts.addUser({ username: 'eva', password: PASSWORD, role: 'admin' });
  const who = { actor: 'eva' };
  for (const name of [EXPORTED, NEVER]) {
    const client = await server.tasks.createClient({ name, timezone: 'Europe/Prague' }, who);
    ids[name] = client.id;
    await server.tasks.createTask(
      {
        clientId: client.id,
        kind: 'call',
        title: `Call back ${name}`,
        details: { caller: 'Owner', number: '+420123456789', at: new Date().toISOString() },
      },
      who,
    );
    await server.tasks.archiveClient(client.id, who);
  }
  await exportClient(
    server.tasks.deps,
    ids[EXPORTED] ?? '',
    { uploadDir: join(server.dataDir, 'uploads') },
    join(outDir, 'kavarna.tar.gz'),
    who,
  );
  b = await launch();
  phone = await launch({ width: 390, height: 844 });
}, 300_000);

afterAll(async () => {
  await b?.close();
  await phone?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function openArchived(t: TestBrowser, words: { navClients: string }) {
  const { page } = t;
  await page.getByRole('link', { name: words.navClients }).click();
  const box = page.locator('details.archived-clients');
  await box.locator(':scope > summary').click();
  return box;
}

async function signIn(t: TestBrowser) {
  await t.page.goto(server.url + '/');
  await t.page.getByLabel(en.username).fill('eva');
  await t.page.getByLabel(en.password).fill(PASSWORD);
  await t.page.getByRole('button', { name: en.signIn }).click();
}

describe('removing a client for good in the web app', () => {
  it('asks for the name and, without an export, for an explicit tick; then it is gone', async () => {
    await signIn(b);
    const box = await openArchived(b, en);
    const never = box.getByRole('region', { name: NEVER });
    await never.getByText(en['rm.notExported']).waitFor();
    await box
      .getByRole('region', { name: EXPORTED })
      .getByText(/^Exported on .* by eva\.$/)
      .waitFor();
    await never.getByRole('button', { name: en['rm.open'] }).click();
    const form = never.getByRole('form', { name: en['rm.confirm'] });
    const confirm = form.getByRole('button', { name: en['rm.confirm'] });
    await form.getByLabel(en['rm.typeName']).fill(NEVER);
    expect(await confirm.isDisabled()).toBe(true);
    await form.getByLabel(en['rm.withoutExport']).check();
    expect(await confirm.isDisabled()).toBe(false);
    await b.page.screenshot({ path: join(DOCS, 'client-removal-en.png'), fullPage: true });
    await confirm.click();
    await box
      .getByRole('status')
      .getByText(fill(en['rm.done'], { name: NEVER }))
      .waitFor();
    await never.waitFor({ state: 'detached' });
    const gone = await b.page.request.get(`${server.url}/api/v1/clients/${ids[NEVER]}`);
    expect(gone.status()).toBe(404);
  });

  it('in Czech: the exported client needs only its name', async () => {
    const { page } = b;
    await page.getByLabel(en.language).selectOption('cs');
    await page.reload();
    const box = await openArchived(b, cs);
    const exported = box.getByRole('region', { name: EXPORTED });
    await exported.getByRole('button', { name: cs['rm.open'] }).click();
    const form = exported.getByRole('form', { name: cs['rm.confirm'] });
    await form.getByText(fill(cs['rm.what'], { name: EXPORTED })).waitFor();
    expect(await form.getByLabel(cs['rm.withoutExport']).count()).toBe(0);
    await form.getByLabel(cs['rm.typeName']).fill(EXPORTED);
    await page.screenshot({ path: join(DOCS, 'client-removal-cs.png'), fullPage: true });
    await page.getByLabel(cs.language).selectOption('en');
  });

  it('fits a 390 px phone, and removes the exported client there', async () => {
    await signIn(phone);
    const { page } = phone;
    const box = await openArchived(phone, en);
    const exported = box.getByRole('region', { name: EXPORTED });
    await exported.getByRole('button', { name: en['rm.open'] }).click();
    const form = exported.getByRole('form', { name: en['rm.confirm'] });
    await form.getByLabel(en['rm.typeName']).fill(EXPORTED);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(DOCS, 'client-removal-390.png'), fullPage: true });
    await form.getByRole('button', { name: en['rm.confirm'] }).click();
    await box
      .getByRole('status')
      .getByText(fill(en['rm.done'], { name: EXPORTED }))
      .waitFor();
    const gone = await page.request.get(`${server.url}/api/v1/clients/${ids[EXPORTED]}`);
    expect(gone.status()).toBe(404);
  });
});
