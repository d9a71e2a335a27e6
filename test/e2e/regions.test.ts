/**
 * Page regions (issue 23), walked only through the web app against the real WordPress, Ghost
 * and git (Hugo) sites of test/env. Fixture set-up only: the client, her sites, the secretary's
 * account, and the pages with marked regions as the site's owner made them (through each site's
 * own API or a git push). Then, as the secretary: Look for marked parts on each site → the regions
 * read "Opening hours — Bakery website (WordPress), Home" → mark a new one with the help, Copy
 * and Check → update Opening hours on the WordPress site and the Ghost page from one text, with
 * a preview → the task page shows it done → each site's raw content has the new text in the
 * region and every byte outside it as before. A page whose markers someone broke says what
 * happened and how to put them back. Then the git site in Czech, and the screens at 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { REAL_SITE_NAMES, startRealSites, type RealSites } from './helpers/real-sites.js';
import { ghostPages, gitFiles, inside, outside, wordpressPages } from './helpers/region-pages.js';
import { buildUi } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
const PHONE = { width: 390, height: 844 };
const HOURS = 'opening-hours';
const block = (name: string, html: string): string =>
  `<!-- sitedesk:${name} -->\n${html}\n<!-- /sitedesk:${name} -->`;

// The owner's pages: Czech text, a table, an image, a shortcode around the marked part.
const WP_HOME = [
  '<!-- wp:paragraph --><p>Vítejte v pekárně U Jany — čerstvý chléb každé ráno.</p><!-- /wp:paragraph -->',
  '<!-- wp:table --><figure class="wp-block-table"><table><tbody><tr><td>Rohlík</td><td>3 Kč</td></tr></tbody></table></figure><!-- /wp:table -->',
  `<!-- wp:html -->\n${block(HOURS, '<p>Mon–Fri 7–18</p>')}\n<!-- /wp:html -->`,
  '<!-- wp:shortcode -->[gallery ids="1,2"]<!-- /wp:shortcode -->',
  '<!-- wp:image --><figure class="wp-block-image"><img src="https://example.test/chleb.jpg" alt="Chléb"/></figure><!-- /wp:image -->',
].join('\n\n');
const WP_MENU = `<!-- wp:paragraph --><p>Dnešní polévka:</p><!-- /wp:paragraph -->\n\n<!-- wp:html -->\n${block('daily-menu', '<p>Gulášová</p>')}\n<!-- /wp:html -->`;
const GHOST_PAGE = {
  before: 'Přijďte k nám, rádi vás uvidíme.',
  cardHtml: block(HOURS, '<p>Mon–Fri 7–18</p>'),
  after: 'Outro, unchanged — žluťoučký kůň.',
};
const GIT_PAGE = 'content/contact.md';
const GIT_ADDITION = `\n## Otevírací doba\n\n${block(HOURS, 'Mon–Fri 7–18')}\n\n| Pečivo | Cena |\n|---|---|\n| Rohlík | 3 Kč |\n`;

let rs: RealSites;
const running = new AbortController();
let runnerDone: Promise<void> | undefined;
let wp: ReturnType<typeof wordpressPages>;
let ghost: ReturnType<typeof ghostPages>;
let git: ReturnType<typeof gitFiles>;
const ids = { home: 0, menu: 0, ghost: '' };
const before = { home: '', menu: '', ghost: '', git: '' };

beforeAll(async () => {
  rs = await startRealSites({ clientName: 'Pekárna U Jany', uiDir: await buildUi() });
  await rs.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  wp = wordpressPages(rs.remotes.wordpress);
  ghost = ghostPages(rs.remotes.ghost);
  git = gitFiles(rs.remotes.gitRepoPath);
  [ids.home, ids.menu, ids.ghost] = await Promise.all([
    wp.create('Home', WP_HOME),
    wp.create('Daily menu', WP_MENU),
    ghost.create('Visit us', 'visit-us', GHOST_PAGE),
    git.edit(GIT_PAGE, (text) => text + GIT_ADDITION, 'Opening hours on the contact page'),
  ]);
  [before.home, before.menu, before.ghost, before.git] = await Promise.all([
    wp.raw(ids.home),
    wp.raw(ids.menu),
    ghost.lexical(ids.ghost),
    git.read(GIT_PAGE),
  ]);
  runnerDone = rs.runner.run(running.signal);
}, 300_000);

afterAll(async () => {
  // A 500 says only "it has been logged" on screen: the logged error, for whoever reads the run.
  const errors = rs?.server.logs.filter((line) => /"level":(50|60)/.test(line)) ?? [];
  if (errors.length) console.error(`server errors during the walk:\n${errors.join('')}`);
  running.abort();
  await runnerDone;
  await rs?.stop();
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fill = (message: string, values: Record<string, string>): string =>
  message.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

async function signIn(b: TestBrowser, lang: 'en' | 'cs'): Promise<void> {
  const w = lang === 'cs' ? cs : en;
  const { page } = b;
  await page.goto(rs.server.url + '/');
  await page.getByLabel(en.language).selectOption(lang);
  await page.getByLabel(w.username).fill('jana');
  await page.getByLabel(w.password).fill(PASSWORD);
  await page.getByRole('button', { name: w.signIn }).click();
  await page.getByRole('heading', { name: w.todayTitle, level: 1 }).waitFor();
}

/** A site's block in the client's regions. */
const siteBlock = (b: TestBrowser, site: string) =>
  b.page.locator(`.site-regions[data-site="${site}"]`);

/**
 * A full-page screenshot with the preview frames painted: Chromium paints a sandboxed frame
 * (its own process) only some time after the page grows to full height, so the shot waits a
 * moment. For the picture only; every assertion waits for the frames' text itself.
 */
async function shotWithFrames(b: TestBrowser, name: string): Promise<void> {
  const height = await b.page.evaluate<number>('document.documentElement.scrollHeight');
  const before = b.page.viewportSize();
  if (before) await b.page.setViewportSize({ width: before.width, height });
  await b.page.waitForTimeout(800);
  await b.shot(name);
  if (before) await b.page.setViewportSize(before);
}

/** Waits until the page shows no horizontal scroll at its width. */
async function noSidewaysScroll(b: TestBrowser): Promise<void> {
  // Run in the page (a string: the test's own types have no DOM).
  const { scroll, width } = await b.page.evaluate<{ scroll: number; width: number }>(
    '({ scroll: document.scrollingElement?.scrollWidth ?? 0, width: window.innerWidth })',
  );
  expect(scroll).toBeLessThanOrEqual(width);
}

describe('page regions in English, only through the web app', () => {
  const w = en;
  let b: TestBrowser;
  beforeAll(async () => {
    b = await launch();
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: rs.server.url,
    });
    await signIn(b, 'en');
  }, 60_000);
  afterAll(async () => b?.close());

  it('looks for regions on each site and lists them in words', async () => {
    const { page } = b;
    await page.getByRole('link', { name: w.navClients, exact: true }).click();
    for (const site of Object.values(REAL_SITE_NAMES)) {
      const s = siteBlock(b, site);
      await s.getByRole('button', { name: w['regions.lookFor'] }).click();
      // The answer: how many were found (a status), or why looking failed (an alert).
      const answer = s.locator('[role=status], [role=alert]').first();
      await answer.waitFor({ timeout: 60_000 });
      expect(await answer.innerText(), site).toMatch(
        new RegExp(
          `^${escape(fill(w['regions.foundOn'], { site, count: '@' })).replace('@', '[1-9]\\d*')}$`,
        ),
      );
    }
    const place = (site: string, kind: string, pageTitle: string) =>
      fill(w['regions.place'], { label: 'Opening hours', site, kind, page: pageTitle });
    await page.getByText(place(REAL_SITE_NAMES.wordpress, 'WordPress', 'Home')).waitFor();
    await page.getByText(place(REAL_SITE_NAMES.ghost, 'Ghost', 'Visit us')).waitFor();
    await page.getByText(place(REAL_SITE_NAMES.git, 'static site, Hugo', 'Contact')).waitFor();
    await b.shot('regions-en-client');
    const words = await page.locator('main').innerText();
    expect(words).not.toMatch(/region_\w+|\d{4}-\d{2}-\d{2}T/);
    // Looking changed nothing on the sites.
    expect(await wp.raw(ids.home)).toBe(before.home);
    expect(await ghost.lexical(ids.ghost)).toBe(before.ghost);
  });

  it('helps mark a new region: Copy gives the lines, Check finds them once on the page', async () => {
    const { page } = b;
    const s = siteBlock(b, REAL_SITE_NAMES.wordpress);
    const help = s.locator('details.region-marking');
    await help.locator('summary').click();
    await help.getByLabel(w['regions.helpName']).fill('Specials');
    await help.getByRole('button', { name: w['regions.copy'] }).click();
    await help.getByText(w['regions.copied']).waitFor();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toBe(block('specials', w['regions.helpSampleText']));
    await help.getByRole('button', { name: w['regions.check'] }).click();
    await help
      .getByText(fill(w['regions.checkNotFound'], { site: REAL_SITE_NAMES.wordpress }))
      .waitFor({ timeout: 60_000 });
    // The owner pastes the copied lines into a Custom HTML block of a page.
    await wp.create('Specials', `<!-- wp:html -->\n${copied}\n<!-- /wp:html -->`);
    await help.getByRole('button', { name: w['regions.check'] }).click();
    await help.getByText(/^Found: Specials — Bakery website \(WordPress\), Specials\./).waitFor({
      timeout: 60_000,
    });
    await b.shot('regions-en-marking-help');
  });

  it('updates opening hours on the WordPress site and the Ghost page from one text', async () => {
    const { page } = b;
    const row = siteBlock(b, REAL_SITE_NAMES.wordpress)
      .locator('li.region')
      .filter({ hasText: 'Opening hours' });
    await row
      .getByRole('link', { name: fill(w['regions.updateLabel'], { label: 'Opening hours' }) })
      .click();
    await page
      .getByRole('heading', { name: fill(w['regions.updateTitle'], { label: 'Opening hours' }) })
      .waitFor();
    const text = page.getByLabel(w['regions.text']);
    await expect.poll(() => text.inputValue(), { timeout: 30_000 }).toContain('Mon–Fri 7–18');
    // The same text again: nothing to publish.
    await page.getByRole('button', { name: w['regions.publish'] }).click();
    await page.getByText(w['regions.sameText']).waitFor();
    await text.fill('Mon–Fri 7–19\n\nSat 8–12');
    await page.getByRole('checkbox', { name: new RegExp(escape(REAL_SITE_NAMES.ghost)) }).check();
    await page.getByRole('button', { name: w['regions.preview'] }).click();
    const frames = page.locator('iframe.preview');
    await expect.poll(() => frames.count(), { timeout: 30_000 }).toBe(2);
    // Each chosen page, with the new text in it.
    for (const n of [0, 1])
      await page.frameLocator('iframe.preview').nth(n).getByText('Sat 8–12').waitFor();
    await shotWithFrames(b, 'regions-en-update');
    await page.getByRole('button', { name: w['regions.publish'] }).click();
    // The task page: the existing publishing UI shows each site until both are live.
    const title =
      /Update opening hours on (Bakery website, Bakery newsletter|Bakery newsletter, Bakery website)$/;
    await page.getByRole('heading', { name: title }).waitFor({ timeout: 30_000 });
    const lines = page.locator('li[data-state="published"]');
    await expect.poll(() => lines.count(), { timeout: 120_000 }).toBe(2);
    await b.shot('regions-en-task');
    // Changed again on its own screen, not in the editor of posts.
    expect(await page.getByRole('link', { name: w.reviseText }).count()).toBe(0);
    await page.getByRole('link', { name: w['regions.again'] }).waitFor();
    // The task list says what it was, too (done by now, so under Done).
    await page.getByRole('link', { name: w.navTasks, exact: true }).click();
    await page.getByLabel(w.filterStatus).selectOption(w['status.done']);
    await page.getByRole('link', { name: title }).waitFor({ timeout: 30_000 });
    const [home, lexical] = await Promise.all([wp.raw(ids.home), ghost.lexical(ids.ghost)]);
    for (const [after, was] of [
      [home, before.home],
      [lexical, before.ghost],
    ] as const) {
      expect(inside(after, HOURS)).toContain('Sat 8–12');
      expect(inside(after, HOURS)).not.toContain('7–18');
      expect(outside(after, HOURS)).toBe(outside(was, HOURS));
    }
    // The git page was not chosen: not a byte changed.
    expect(await git.read(GIT_PAGE)).toBe(before.git);
    expect(b.pageErrors).toEqual([]);
  });

  it('says what happened when someone broke the markers, and how to put them back', async () => {
    const { page } = b;
    // Someone deletes the end marker in WordPress.
    const broken = before.menu.replace('<!-- /sitedesk:daily-menu -->', '');
    await wp.setRaw(ids.menu, broken);
    await page.getByRole('link', { name: w.navClients, exact: true }).click();
    const s = siteBlock(b, REAL_SITE_NAMES.wordpress);
    await s.getByRole('button', { name: w['regions.lookFor'] }).click();
    const row = s.locator('li.region[data-region="daily-menu"]');
    const problem = row.locator('.region-problem');
    await problem.waitFor({ timeout: 60_000 });
    expect(await problem.innerText()).toContain('<!-- /sitedesk:daily-menu -->');
    expect(await problem.innerText()).toContain('sitedesk changes nothing there');
    expect(await row.getByRole('link', { name: /Update/ }).count()).toBe(0);
    await b.shot('regions-en-broken');
    expect(await wp.raw(ids.menu)).toBe(broken);
  });
});

describe('page regions in Czech', () => {
  const w = cs;
  let b: TestBrowser;
  beforeAll(async () => {
    b = await launch();
    await signIn(b, 'cs');
  }, 60_000);
  afterAll(async () => b?.close());

  it('updates the opening hours of the static site; every other byte of the file stays', async () => {
    const { page } = b;
    await page.getByRole('link', { name: w.navClients, exact: true }).click();
    const s = siteBlock(b, REAL_SITE_NAMES.git);
    await s
      .getByText(
        fill(w['regions.place'], {
          label: 'Opening hours',
          site: REAL_SITE_NAMES.git,
          kind: 'statický web, Hugo',
          page: 'Contact',
        }),
      )
      .waitFor({ timeout: 30_000 });
    await b.shot('regions-cs-client');
    const row = s.locator(`li.region[data-region="${HOURS}"]`);
    await row
      .getByRole('link', { name: fill(w['regions.updateLabel'], { label: 'Opening hours' }) })
      .click();
    const text = page.getByLabel(w['regions.text']);
    await expect.poll(() => text.inputValue(), { timeout: 30_000 }).toContain('Mon–Fri 7–18');
    await text.fill('Po–Pá 7–19\n\nSo 8–12 (nově i v sobotu)');
    await b.shot('regions-cs-update');
    await page.getByRole('button', { name: w['regions.publish'] }).click();
    await page
      .getByRole('heading', { name: /Opening hours: nový text na Bakery static site$/ })
      .waitFor({ timeout: 30_000 });
    const lines = page.locator('li[data-state="published"]');
    await expect.poll(() => lines.count(), { timeout: 120_000 }).toBe(1);
    const after = await git.read(GIT_PAGE);
    expect(inside(after, HOURS)).toContain('So 8–12 (nově i v sobotu)');
    expect(outside(after, HOURS)).toBe(outside(before.git, HOURS));
    const words = await page.locator('main').innerText();
    expect(words).not.toMatch(/region_\w+|Update /);
    expect(b.pageErrors).toEqual([]);
  });
});

describe('page regions on a 390 px phone', () => {
  let b: TestBrowser;
  beforeAll(async () => {
    b = await launch(PHONE);
    await signIn(b, 'en');
  }, 60_000);
  afterAll(async () => b?.close());

  it('shows the regions, the marking help and the update screen without sideways scroll', async () => {
    const { page } = b;
    await page.goto(rs.server.url + '/#/clients');
    const s = siteBlock(b, REAL_SITE_NAMES.ghost);
    await s.locator('li.region').first().waitFor({ timeout: 30_000 });
    await s.locator('details.region-marking summary').click();
    await noSidewaysScroll(b);
    await b.shot('regions-390-client');
    await s
      .getByRole('link', { name: fill(en['regions.updateLabel'], { label: 'Opening hours' }) })
      .click();
    await page.getByLabel(en['regions.text']).waitFor();
    await page.getByRole('button', { name: en['regions.preview'] }).click();
    await page.locator('iframe.preview').first().waitFor({ timeout: 30_000 });
    await noSidewaysScroll(b);
    await page.frameLocator('iframe.preview').first().getByText('Mon–Fri').first().waitFor();
    await shotWithFrames(b, 'regions-390-update');
    expect(b.pageErrors).toEqual([]);
  });
});
