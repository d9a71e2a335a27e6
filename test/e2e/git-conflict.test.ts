/**
 * Issue 17: a git conflict, decided in the web app. The secretary publishes a text to the
 * client's static site (real git server, Hugo); someone else then changes the same paragraph
 * of that page in the repository (the only fixture step: a push from another clone); she
 * changes the text and publishes again → the site is not overwritten, the web app says why and
 * shows both versions side by side, and her choice (edit / keep the site's / use mine)
 * publishes through the outbox. Walked in English, in Czech and on a 390 px phone; the
 * assertions read the file on main of the repository.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { pushFromOtherClone } from '../env/git/other-clone.js';
import { launch, SCREENSHOTS, type TestBrowser } from './helpers/browser.js';
import { REAL_SITE_NAMES, startRealSites, type RealSites } from './helpers/real-sites.js';
import { buildUi } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const DOCS = join(import.meta.dirname, '../../docs/screenshots');

let rs: RealSites;
const running = new AbortController();
let runnerDone: Promise<void> | undefined;

beforeAll(async () => {
  rs = await startRealSites({ clientName: 'Pekárna U Jany', uiDir: await buildUi() });
  await rs.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  // The runner loops as in `sitedesk serve`: it publishes whatever the web app queued.
  runnerDone = rs.runner.run(running.signal);
}, 300_000);

afterAll(async () => {
  running.abort();
  await runnerDone;
  await rs?.stop();
});

interface Walk {
  name: string;
  lang: 'en' | 'cs';
  viewport: typeof DESKTOP;
  title: string;
  slug: string;
  choice: 'edit' | 'theirs' | 'ours';
}

const walks: Walk[] = [
  {
    name: 'in English',
    lang: 'en',
    viewport: DESKTOP,
    title: 'Weekday hours',
    slug: 'weekday-hours',
    choice: 'edit',
  },
  {
    name: 'in Czech',
    lang: 'cs',
    viewport: DESKTOP,
    title: 'Otevírací doba',
    slug: 'oteviraci-doba',
    choice: 'theirs',
  },
  {
    name: 'on a phone',
    lang: 'en',
    viewport: PHONE,
    title: 'Summer hours',
    slug: 'summer-hours',
    choice: 'ours',
  },
];

const FIRST = 'We open at seven every weekday.';
const OURS = 'We open at half past six every weekday.';
const THEIRS = 'We open at seven every weekday, and at eight on Saturdays.';
const REST = 'Fresh bread all day.';

describe.each(walks)('a git conflict decided in the web app $name', (walk) => {
  const w = walk.lang === 'cs' ? cs : en;
  const path = `content/posts/${walk.slug}.md`;
  let b: TestBrowser;
  let page: Page;
  const progress = () => page.getByRole('region', { name: w.progress });
  const siteLine = () => progress().getByRole('listitem').filter({ hasText: REAL_SITE_NAMES.git });
  const shot = async (step: string) => {
    const name = `git-conflict-${walk.lang}-${walk.viewport.width}-${step}`;
    await b.shot(name);
    await copyFile(join(SCREENSHOTS, `${name}.png`), join(DOCS, `${name}.png`));
  };

  beforeAll(async () => {
    b = await launch(walk.viewport);
    page = b.page;
  }, 60_000);
  afterAll(async () => b?.close());

  it('publishes a text to the static site', async () => {
    await page.goto(rs.server.url + '/');
    await page.getByLabel(en.language).selectOption(walk.lang);
    await page.getByLabel(w.username).fill('jana');
    await page.getByLabel(w.password).fill(PASSWORD);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.getByRole('link', { name: w.navEditor }).click();
    await page.getByLabel(w.title, { exact: true }).fill(walk.title);
    await page.getByLabel(w.markdown).fill(`${FIRST}\n\n${REST}\n`);
    await page.getByRole('checkbox', { name: new RegExp(REAL_SITE_NAMES.git) }).check();
    await page.getByRole('button', { name: w.publishNow }).click();
    await siteLine().getByText(w['pub.published'], { exact: true }).waitFor({ timeout: 60_000 });
    expect(await rs.repoFile(path)).toContain(FIRST);
  });

  it('stops without overwriting when someone else changed the same paragraph on the site', async () => {
    // The fixture: the client's web developer edits the page in the repository.
    await pushFromOtherClone(
      rs.gitRepoPath,
      async (dir) => {
        const file = join(dir, ...path.split('/'));
        await writeFile(file, (await readFile(file, 'utf8')).replace(FIRST, THEIRS));
      },
      'Saturday hours',
    );
    const theirs = await rs.repoFile(path);
    await page.getByLabel(w.markdown).fill(`${OURS}\n\n${REST}\n`);
    await page.getByRole('button', { name: w.publishNow }).click();
    await siteLine().getByText(w['cause.git_conflict']).waitFor({ timeout: 60_000 });
    expect(await rs.repoFile(path)).toBe(theirs);
    await shot('1-stopped');
    await siteLine().getByRole('button', { name: w.conflictCompare }).click();
    const theirSide = page.getByRole('figure', { name: w.conflictTheirs });
    const ourSide = page.getByRole('figure', { name: w.conflictOurs });
    await theirSide.getByText(THEIRS).waitFor();
    await ourSide.getByText(OURS).waitFor();
    // The lines that differ are marked on both sides; the shared ones are not.
    expect(await theirSide.locator('.differs').allInnerTexts()).toEqual([`${THEIRS}\n`]);
    expect(await ourSide.locator('.differs').allInnerTexts()).toEqual([`${OURS}\n`]);
    if (walk.viewport === PHONE) {
      // No sideways scrolling at 390 px, and the versions are one under the other.
      expect(
        await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      ).toBe(0);
      const [a, c] = [await theirSide.boundingBox(), await ourSide.boundingBox()];
      expect(c && a ? c.y >= a.y + a.height - 1 : false).toBe(true);
    }
    await shot('2-side-by-side');
    // The card alone, readable in the docs at any width.
    await progress().screenshot({
      path: join(DOCS, `git-conflict-${walk.lang}-${walk.viewport.width}-2-card.png`),
    });
  });

  it(`the choice "${walk.choice}" publishes again through the outbox`, async () => {
    const theirs = (await rs.repoFile(path)) ?? '';
    if (walk.choice === 'edit') {
      await page.getByRole('button', { name: w.conflictEdit }).click();
      const box = page.getByLabel(w.conflictEditLabel);
      expect(await box.inputValue()).toContain(OURS);
      const both = 'We open at half past six every weekday, and at eight on Saturdays.';
      await box.fill((await box.inputValue()).replace(OURS, both));
      await shot('3-edit');
      await page.getByRole('button', { name: w.conflictPublishEdit }).click();
      await siteLine().getByText(w['pub.published'], { exact: true }).waitFor({ timeout: 60_000 });
      const blob = await rs.repoFile(path);
      expect(blob).toContain(both);
      expect(blob).toContain(REST);
    } else {
      const button = walk.choice === 'theirs' ? w.conflictKeepTheirs : w.conflictUseOurs;
      await page.getByRole('button', { name: button }).click();
      await siteLine().getByText(w['pub.published'], { exact: true }).waitFor({ timeout: 60_000 });
      const blob = await rs.repoFile(path);
      if (walk.choice === 'theirs') expect(blob).toBe(theirs);
      else {
        expect(blob).toContain(OURS);
        expect(blob).not.toContain(THEIRS);
      }
    }
    await page.getByRole('figure').first().waitFor({ state: 'detached' });
    await shot('4-live');
    expect(b.pageErrors).toEqual([]);
  });
});
