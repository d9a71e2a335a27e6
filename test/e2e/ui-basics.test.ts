/**
 * Real Chromium against the real app (temp SQLite, built UI): first-run set-up, sign-in, Today
 * with its sections and actions, the Czech switch on every main screen, a phone-sized layout,
 * keyboard-only quick add.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { DOCS_SCREENSHOTS, shotForDocs } from './helpers/docs-shots.js';
import { buildUi, startUiServer, type UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
// A 3×2 PNG, dropped on the editor's image box.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGM4UaEBQQxwFgBYNAhxWdzeRAAAAABJRU5ErkJggg==';
let server: UiServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startUiServer(await buildUi());
  const who = { actor: 'seed' };
  const bakery = await server.tasks.createClient(
    { name: 'Pekárna Nováková', timezone: 'Europe/Prague' },
    who,
  );
  const hour = 3_600_000;
  await server.tasks.createTask(
    {
      clientId: bakery.id,
      kind: 'call',
      priority: 'urgent',
      dueAt: new Date(Date.now() - 2 * hour).toISOString(),
      details: {
        caller: 'Jana Nováková',
        number: '+420 601 234 567',
        at: new Date().toISOString(),
        message: 'Zavolejte zpět',
      },
    },
    who,
  );
  await server.tasks.createTask(
    {
      clientId: bakery.id,
      kind: 'site-edit',
      source: 'client',
      details: { request: 'Please change the opening hours on the home page' },
    },
    who,
  );
  const site = await server.tasks.createSite(
    {
      clientId: bakery.id,
      name: 'Web pekárny',
      kind: 'wordpress',
      url: 'https://pekarna.example',
      settings: { username: 'editor' },
    },
    who,
  );
  await server.tasks.createSchedule(
    {
      clientId: bakery.id,
      name: 'Weekly menu',
      rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=0' },
      siteIds: [site.id],
      template: { title: 'Menu {{date}}', slug: 'menu-{{date}}', markdown: 'This week: {{text}}' },
    },
    who,
  );
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the secretary web app in Chromium', () => {
  it('creates the first admin with the set-up token, then signs in', async () => {
    const { page } = browser;
    expect(server.setupToken).toMatch(/^sds_/);
    await page.goto(server.url + '/');
    // A fresh install opens on the set-up screen by itself (issue 13).
    await page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();
    await page.getByLabel('Set-up token').fill(server.setupToken ?? '');
    await page.getByLabel('User name').fill('owner');
    await page.getByLabel('Password').fill('short');
    // The browser's own minLength check keeps a short password from being sent.
    await page.getByRole('button', { name: 'Create administrator' }).click();
    expect(
      await page
        .getByLabel('Password')
        .evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    await page.getByLabel('Password').fill(PASSWORD);
    await browser.shot('02-setup');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    // Set-up signs her in; signing out leads to Sign in, which has no "First start?" link.
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await browser.shot('01-sign-in');
    await page.getByLabel('User name').fill('owner');
    await page.getByLabel('Password').fill('wrong password!!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('wrong');
    // What was typed stays after the error.
    expect(await page.getByLabel('User name').inputValue()).toBe('owner');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  });

  it('Today shows the overdue urgent call and the client request, each with its action', async () => {
    const { page } = browser;
    const due = page.getByRole('region', { name: /Due today and overdue/ });
    await due.getByText('Jana Nováková', { exact: false }).waitFor();
    await expect(due.getByText('(overdue)', { exact: false }).count()).resolves.toBe(1);
    const requests = page.getByRole('region', { name: /New requests from clients/ });
    await requests.getByText('opening hours', { exact: false }).waitFor();
    await shotForDocs(browser, '03-today', 'today');
    await due.getByRole('button', { name: 'Start' }).click();
    await due.getByText('In progress').waitFor();
    await due.getByRole('button', { name: 'Mark done' }).waitFor();
    expect(browser.pageErrors).toEqual([]);
  });

  it('switches every visible string of the main screens to Czech', async () => {
    const { page } = browser;
    const [someTask] = (await server.tasks.listTasks({ kind: ['call'] })).items;
    const screens = [
      'today',
      'tasks',
      'clients',
      'write',
      'schedules',
      `tasks/${someTask?.id ?? ''}`,
    ];
    await page.getByLabel('Language').selectOption('cs');
    await page.getByRole('heading', { name: 'Dnes', level: 1 }).waitFor();
    // Every English message that differs in Czech (longer than 3 letters, so "Open" inside a
    // client's text cannot be the cause) must be gone from each main screen.
    const english = (Object.keys(en) as (keyof typeof en)[])
      .filter((k) => en[k] !== cs[k] && en[k].length > 3)
      .map((k) => en[k].replace(/\{\w+\}.*$/, '').trim())
      .filter((s) => s.length > 3);
    for (const screen of screens) {
      await page.goto(`${server.url}/#/${screen}`);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(300);
      const text = await page.locator('body').innerText();
      const left = english.filter((s) =>
        new RegExp(`(^|\\W)${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\W|$)`).test(text),
      );
      expect(left, `English left on ${screen}`).toEqual([]);
      await browser.shot(`04-cs-${screen.replace(/\/.*/, '-detail')}`);
    }
    // Saved on the user, not in this browser: a reload keeps Czech; the sign-in screen keeps
    // the browser's English; signing in again (here and in a fresh browser) brings Czech back.
    await page.reload();
    await page.getByRole('heading', { name: 'Historie' }).waitFor();
    const saved = await page.evaluate(() =>
      (
        globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
      ).localStorage.getItem('sitedesk.lang'),
    );
    expect(saved).toBeNull();
    await page.getByRole('button', { name: 'Odhlásit se' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const other = await launch();
    try {
      for (const p of [page, other.page]) {
        if (p !== page) await p.goto(server.url + '/');
        await p.getByLabel('User name').fill('owner');
        await p.getByLabel('Password').fill(PASSWORD);
        await p.getByRole('button', { name: 'Sign in' }).click();
        // Signed in, in Czech (the first page stays on the task it showed before).
        await p.getByRole('button', { name: 'Odhlásit se' }).waitFor();
      }
    } finally {
      await other.close();
    }
    await page.getByLabel('Jazyk').selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const [owner] = (await server.accounts.listUsers()).filter((u) => u.username === 'owner');
    await expect.poll(() => server.accounts.getUserLanguage(owner?.id ?? '')).toBe('en');
  });

  it('changes a task’s fields with the keyboard; a wrong one is named next to it, nothing typed is lost', async () => {
    const { page } = browser;
    const [call] = (await server.tasks.listTasks({ kind: ['call'] })).items;
    await page.goto(`${server.url}/#/tasks/${call?.id ?? ''}`);
    await page.locator('summary', { hasText: 'Change the task' }).focus();
    await page.keyboard.press('Enter'); // opens the form
    const form = page.getByRole('form', { name: 'Change the task' });
    await form.getByLabel('Title').fill('Call Jana back about the cake order');
    await form.getByLabel('Priority').selectOption('high');
    // The due time is typed as the app writes it, in the client's time (Prague).
    await form.getByLabel('Due').focus();
    await page.keyboard.type('12/03/2031 09:30');
    await form.getByLabel('Phone number').fill('not a number');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const err = form.locator('.field-error .error');
    await expect(err.textContent()).resolves.toContain('phone number');
    expect(await form.getByLabel('Title').inputValue()).toBe('Call Jana back about the cake order');
    expect(await form.getByLabel('Due').inputValue()).toBe('12/03/2031 09:30');
    await shotForDocs(browser, '17-task-edit-error', 'task-edit');
    await form.getByLabel('Phone number').fill('+420 601 234 999');
    await form.getByLabel('Phone number').press('Enter');
    await form.getByRole('status').getByText('Changes saved.').waitFor();
    const saved = (await server.tasks.getTask(call?.id ?? '')).task;
    expect(saved).toMatchObject({
      title: 'Call Jana back about the cake order',
      priority: 'high',
      dueAt: '2031-03-12T08:30:00.000Z', // 09:30 in Prague (CET, UTC+1)
    });
    expect(saved.kind === 'call' && saved.details.number).toBe('+420 601 234 999');
    await page.getByRole('heading', { name: /Call Jana back about the cake order/ }).waitFor();
  });

  it('adds a call message with the keyboard only, and shows the API error next to the field', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/#/tasks`);
    // After a reload the CSRF token comes from its cookie: the write below proves it is sent.
    await page.reload();
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    await page.getByLabel('Who called').focus();
    await page.keyboard.type('Petr Malý');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not a number');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Prosí o cenovou nabídku');
    await page.keyboard.press('Tab'); // the "wants a call back" box
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // the Add button
    expect(await page.locator(':focus').textContent()).toBe('Add');
    await page.keyboard.press('Enter');
    const err = page.locator('.field-error .error');
    await err.first().waitFor();
    await expect(err.first().textContent()).resolves.toContain('phone number');
    expect(await page.getByLabel('Who called').inputValue()).toBe('Petr Malý');
    await browser.shot('05-quick-add-error');
    await page.getByLabel('Phone number').fill('+420 777 123 456');
    await page.getByLabel('Phone number').press('Enter');
    await page.getByRole('status').getByText('Added:', { exact: false }).waitFor();
    await page
      .getByRole('list', { name: 'Tasks' })
      .getByText('Petr Malý', { exact: false })
      .waitFor();
    await browser.shot('06-tasks');
  });

  it('pages the task list with "Show more" and filters by client', async () => {
    const { page } = browser;
    const who = { actor: 'seed' };
    const busy = await server.tasks.createClient(
      { name: 'Květinářství Růže', timezone: 'Europe/Prague' },
      who,
    );
    for (let i = 0; i < 105; i++)
      await server.tasks.createTask(
        {
          clientId: busy.id,
          kind: 'mail',
          details: {
            from: `k${i}@ruze.example`,
            subject: `Objednávka ${i}`,
            receivedAt: new Date().toISOString(),
          },
        },
        who,
      );
    await page.goto(`${server.url}/#/tasks`);
    await page.reload();
    await page
      .getByLabel('Client', { exact: true })
      .last()
      .selectOption({ label: 'Květinářství Růže' });
    const rows = page.getByRole('list', { name: 'Tasks' }).locator('li');
    await expect.poll(() => rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => rows.count()).toBe(105);
    await expect(page.getByRole('button', { name: 'Show more' }).count()).resolves.toBe(0);
    await page.getByLabel('Search').fill('Objednávka 104');
    await expect.poll(() => rows.count()).toBe(1);
  });

  it('shows schedules in plain words with the next five runs, and adds one from the form', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/#/schedules`);
    const card = page.getByRole('region', { name: 'Weekly menu' });
    await card.getByText('Every week on Monday at 8:00, Europe/Prague time').waitFor();
    await expect.poll(() => card.locator('.runs li').count()).toBe(5);
    // Each run is a Monday, 08:00 in Prague, whatever the browser's own zone.
    const runs = await card.locator('.runs li').allInnerTexts();
    for (const run of runs) expect(run).toMatch(/08:00/);
    // The template uses {{text}}: the text of the next run (a Monday in Prague) is supplied here.
    // Shown as the app writes dates (day/month/year); the field keeps the date it read.
    const runField = card.getByLabel('Date of the run (the client’s date)');
    await expect(runField.inputValue()).resolves.toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const runDate = (await runField.getAttribute('data-value')) ?? '';
    expect(runDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${runDate}T12:00:00Z`).getUTCDay()).toBe(1);
    await card.getByLabel('Text', { exact: true }).fill('Svíčková, knedlíky');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('status').getByText('Saved.', { exact: false }).waitFor();
    // Pause by mouse, resume by keyboard; the shown state and the stored one follow.
    const [weekly] = (await server.tasks.listSchedules({})).filter((x) => x.name === 'Weekly menu');
    await card.getByText('Active', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Pause' }).click();
    await card.getByText('Paused', { exact: true }).waitFor();
    await expect
      .poll(async () => (await server.tasks.getSchedule(weekly?.id ?? '')).schedule.enabled)
      .toBe(false);
    await card.getByRole('button', { name: 'Resume' }).focus();
    await page.keyboard.press('Enter');
    await card.getByText('Active', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Pause' }).waitFor();
    expect((await server.tasks.getSchedule(weekly?.id ?? '')).schedule.enabled).toBe(true);
    await page.getByRole('heading', { name: 'Add a recurring update' }).click();
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Pekárna Nováková' });
    await page.getByLabel('Name of the update').fill('Friday specials');
    await page.getByLabel('Monday').uncheck();
    await page.getByLabel('Friday').check();
    await page.getByLabel('At (the client’s time)').fill('16:30');
    await page.getByText('Every week on Friday at 16:30, Europe/Prague time').waitFor();
    await page.getByRole('checkbox', { name: 'Web pekárny' }).check();
    await page.getByLabel('Title').fill('Specials {{date}}');
    await page.getByLabel('Text (Markdown)').fill('Today: {{text}}');
    await browser.shot('08-schedules-form');
    await page.getByRole('button', { name: 'Save the recurring update' }).click();
    const added = page.getByRole('region', { name: 'Friday specials' });
    await added.getByText('Every week on Friday at 16:30').waitFor();
    // The new card fetches its runs after it appears: wait for them rather than count at once.
    await expect.poll(() => added.locator('.runs li').count()).toBe(5);
    await browser.shot('08-schedules');
  });

  it('reopens a saved draft in the editor, and saving it again changes it instead of copying it', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/#/write`);
    await page.getByLabel('Title').fill('Vánoční otevírací doba');
    await page.getByLabel('Text (Markdown)').fill('Open **24 December** until noon.');
    // Two files dropped on the image box, as a file manager drops them: the image goes up and
    // into the text, the text file is named as refused right next to the box.
    await page.evaluate((png) => {
      const g = globalThis as unknown as {
        DataTransfer: new () => { items: { add(f: unknown): void } };
        File: new (parts: unknown[], name: string, o: { type: string }) => unknown;
        DragEvent: new (t: string, o: { dataTransfer: unknown; bubbles: boolean }) => unknown;
        Uint8Array: { from(a: number[]): unknown };
        atob(s: string): string;
        document: { querySelector(s: string): { dispatchEvent(e: unknown): void } };
      };
      const bytes = g.Uint8Array.from([...g.atob(png)].map((c) => c.charCodeAt(0)));
      const data = new g.DataTransfer();
      data.items.add(new g.File([bytes], 'shop-front.png', { type: 'image/png' }));
      data.items.add(new g.File(['hello'], 'notes.txt', { type: 'text/plain' }));
      const zone = g.document.querySelector('.drop');
      for (const type of ['dragover', 'drop'])
        zone.dispatchEvent(new g.DragEvent(type, { dataTransfer: data, bubbles: true }));
    }, PNG_BASE64);
    await page
      .locator('.drop [role="alert"]')
      .getByText('notes.txt: it is not a JPEG, PNG, GIF or WebP image.')
      .waitFor();
    await expect
      .poll(() => page.getByLabel('Text (Markdown)').inputValue())
      .toMatch(/until noon\.\n\n!\[shop front\]\(shop-front[-\w]*\.png\)\n$/);
    await page.getByLabel(/^Description of shop-front/).waitFor();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.frameLocator('iframe.preview').getByText('until noon').first().waitFor();
    // The styled preview shows the uploaded image from the preview's own address.
    await expect
      .poll(() =>
        page
          .frameLocator('iframe.preview')
          .locator('img[alt="shop front"]')
          .first()
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(3);
    await page.goto(`${server.url}/#/today`);
    await page.goto(`${server.url}/#/write`);
    await page.getByText('Your texts').click();
    await page.getByRole('button', { name: 'Open: Vánoční otevírací doba' }).click();
    // The draft opens by its address and loads after the click: wait for its text.
    await expect
      .poll(() => page.getByLabel('Text (Markdown)').inputValue())
      .toMatch(/^Open \*\*24 December\*\* until noon\.\n\n!\[shop front\]/);
    // The draft's image came back with it.
    await page.getByLabel(/^Description of shop-front/).waitFor();
    expect(await page.getByLabel('Address part (slug)').inputValue()).toBe(
      'vanocni-oteviraci-doba',
    );
    const reopened = await page.getByLabel('Text (Markdown)').inputValue();
    await page.getByLabel('Text (Markdown)').fill(reopened.replace('until noon', 'until 13:00'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.frameLocator('iframe.preview').getByText('until 13:00').first().waitFor();
    const items = await server.tasks.listContentItems({});
    const mine = items.items.filter((i) => i.slug === 'vanocni-oteviraci-doba');
    expect(mine.map((i) => i.markdown.split('\n')[0])).toEqual([
      'Open **24 December** until 13:00.',
    ]);
    expect(mine[0]?.images.map((i) => i.alt)).toEqual(['shop front']);
    await browser.shot('16-editor-draft');
  });

  it('deletes schedules and removes a site only after asking; a refusal is shown where it was asked', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/#/clients`);
    const site = page.getByRole('region', { name: 'Pekárna Nováková' }).locator('li.site');
    await site.getByRole('button', { name: 'Remove the site' }).click();
    await site.getByText('Remove “Web pekárny” from sitedesk?', { exact: false }).waitFor();
    await site.getByRole('group').getByRole('button', { name: 'Remove the site' }).click();
    // Its schedules still publish to it: the API refuses, and the site stays.
    await site
      .getByRole('alert')
      .getByText('This site is still in use', { exact: false })
      .waitFor();
    await browser.shot('18-site-remove-refused');
    await site.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`${server.url}/#/schedules`);
    for (const name of ['Weekly menu', 'Friday specials']) {
      const card = page.getByRole('region', { name });
      // By keyboard: Delete, the question takes the focus, Tab to the confirming button, Enter.
      await card.getByRole('button', { name: 'Delete' }).focus();
      await page.keyboard.press('Enter');
      const question = card.getByText(`Delete the recurring update “${name}”?`, { exact: false });
      await expect
        .poll(() => question.evaluate((el) => el === el.ownerDocument.activeElement))
        .toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await card.waitFor({ state: 'detached' });
    }
    expect(await server.tasks.listSchedules({})).toEqual([]);

    await page.goto(`${server.url}/#/clients`);
    await site.getByRole('button', { name: 'Remove the site' }).click();
    await site.getByRole('group').getByRole('button', { name: 'Remove the site' }).click();
    await site.waitFor({ state: 'detached' });
    const left = await server.tasks.listSites({});
    expect(left.map((x) => x.name)).not.toContain('Web pekárny');
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 375, height: 740 });
    const [call] = (await server.tasks.listTasks({ kind: ['call'] })).items;
    for (const screen of ['today', 'tasks', 'clients', 'write', `tasks/${call?.id ?? ''}`]) {
      await page.goto(`${server.url}/#/${screen}`);
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => {
        // Runs in the page (the test's own tsconfig has no DOM types).
        const g = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        return g.document.documentElement.scrollWidth - g.innerWidth;
      });
      expect(overflow, screen).toBeLessThanOrEqual(0);
      const name = `07-phone-${screen.replace(/\/.*/, '-detail')}`;
      await browser.shot(name);
      // The docs show the top of the screen as a phone holds it: the whole page also lists the
      // 105 mails of the paging test above.
      if (screen === 'today') {
        await page.evaluate(() =>
          (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
        );
        await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'phone-today.png') });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
