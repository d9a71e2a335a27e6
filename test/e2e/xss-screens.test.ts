/**
 * The payload corpus (test/fixtures/xss-corpus.ts, issue 16) through the ways text enters
 * sitedesk that reach no remote site — the client's private link (requests) and the agency API
 * (a text's title, summary and tags) — and then every screen that shows it, in Chromium: the
 * client's page, Today, the task list, each request, the editor with each text and its live
 * preview, and each styled preview page. A dialog listener and the corpus's `window.__xn`
 * globals count what ran: nothing may, and the words of the payloads stay readable as text.
 * Fixtures only (client, account, link, token); the texts arrive over HTTP like any caller's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batches, XSS_CORPUS } from '../fixtures/xss-corpus.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { markersSet, recordDialogs } from './helpers/markers.js';
import { buildUi, startUiServer, type UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
let server: UiServer;
let browser: TestBrowser;
let link: string;
let token: string;
const requestIds: string[] = [];
const itemIds: string[] = [];
const previews: string[] = [];
let dialogs: string[] = [];

async function api<T>(method: string, path: string, auth: string, body?: unknown): Promise<T> {
  const res = await fetch(server.url + path, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  server = await startUiServer(await buildUi());
  const client = await server.tasks.createClient(
    { name: 'Pekárna U Jany', timezone: 'Europe/Prague' },
    { actor: 'seed' },
  );
  const jana = await server.accounts.addUser({
    username: 'jana',
    password: PASSWORD,
    role: 'secretary',
  });
  link = (await server.accounts.createClientLink(client.id, {}, 'seed')).token;
  token = (await server.accounts.createApiToken(jana, { name: 'corpus' })).token;
  // The client's requests: every payload, several to a request.
  for (const batch of batches(1500)) {
    const sent = await api<{ id: string }>('POST', '/api/v1/client/requests', `Bearer ${link}`, {
      request: `Corpus ${batch[0]?.n}: ${batch.map((p) => p.text).join(' ')}`,
    });
    requestIds.push(sent.id);
  }
  // The agency's texts: payloads in the title, the summary and the tags.
  for (const batch of batches(450)) {
    const text = batch.map((p) => p.text).join(' ');
    const item = await api<{ id: string }>('POST', '/api/v1/content-items', `Bearer ${token}`, {
      clientId: client.id,
      title: text,
      slug: `corpus-${batch[0]?.n}`,
      markdown: `Body of ${batch[0]?.n}\n\n${text}`,
      excerpt: text.slice(0, 2000),
      // Each tag has words besides its payload (a tag of markup only is refused, by design).
      tags: batch.map((p) => `tag ${p.n} ${p.text}`.slice(0, 100)),
    });
    itemIds.push(item.id);
    const preview = await api<{ url: string }>(
      'POST',
      `/api/v1/content-items/${item.id}/previews`,
      `Bearer ${token}`,
      {},
    );
    previews.push(preview.url);
  }
  browser = await launch();
  dialogs = recordDialogs(browser.page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// The corpus's globals set in any frame of the page.

async function visit(hash: string, wait: () => Promise<unknown>): Promise<string> {
  await browser.page.goto(`${server.url}/${hash}`);
  await wait();
  await browser.page.waitForTimeout(200); // autofocus, animations, image errors
  expect(await markersSet(browser.page), hash).toEqual([]);
  return browser.page.locator('body').innerText();
}

describe(`the corpus of ${XSS_CORPUS.length} payloads on every screen that shows it`, () => {
  it('the client’s own page shows her requests as text', async () => {
    const text = await visit(`#/c/${link}`, () =>
      browser.page.getByText('Corpus 101', { exact: false }).first().waitFor(),
    );
    expect(text).toContain('<script>alert(101)</script>');
    expect(requestIds.length).toBeGreaterThan(1);
  });

  it('Today, the task list and each request, signed in', async () => {
    await browser.page.goto(`${server.url}/`);
    await browser.page.getByLabel('User name').fill('jana');
    await browser.page.getByLabel('Password').fill(PASSWORD);
    await browser.page.getByRole('button', { name: 'Sign in' }).click();
    await browser.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await visit('#/today', () =>
      browser.page.getByText('Corpus 101', { exact: false }).first().waitFor(),
    );
    await visit('#/tasks', () =>
      browser.page.getByText('Corpus 101', { exact: false }).first().waitFor(),
    );
    for (const id of requestIds) {
      const text = await visit(`#/tasks/${id}`, () =>
        browser.page.getByRole('heading', { name: /Corpus/ }).waitFor(),
      );
      expect(text).toMatch(/<(script|img|svg)/);
    }
  });

  it('the editor with each text (fields and live preview) and each styled preview page', async () => {
    for (const id of itemIds) {
      await visit(`#/write/item/${id}`, async () => {
        const body = browser.page.getByLabel('Text (Markdown)');
        await body.waitFor();
        for (let i = 0; i < 50 && !(await body.inputValue()).startsWith('Body of'); i++)
          await browser.page.waitForTimeout(50);
      });
    }
    for (const url of previews) {
      const text = await visit(url.replace(/^\//, ''), () =>
        browser.page.getByText('Body of', { exact: false }).first().waitFor(),
      );
      expect(text).toContain('Body of');
    }
    expect(dialogs).toEqual([]);
    expect(browser.pageErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
  });
});
