/**
 * Letters in the web app (issue 20), real Chromium against the real app with a real dovecot and
 * SMTP server. Seeded: the client, her mailbox, the secretary and the client's private link;
 * everything else goes through the screens as a person would: she adds a letterhead with a logo
 * and a signature and a template, a mail with the client's voice message arrives and she writes
 * a letter from its task (recipient, subject and voice message taken from the mail, the text
 * from the template), adds another recording, sees the real PDF, sends it to the
 * client, who approves it on her private page, sends it by e-mail — the recipient's mailbox
 * gets exactly one mail with the register's PDF — and finds it in the register, searched and
 * exported as CSV. Screens looked at in English, Czech and at 390 px.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { csLetters } from '../../src/ui/src/i18n/letters-cs.js';
import { enLetters } from '../../src/ui/src/i18n/letters-en.js';
import { logoPng, signaturePng } from '../unit/tasks/letters/png.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { startMailUiServer, type MailUiServer } from './helpers/mail-server.js';

const PASSWORD = 'a long enough password';
const CLIENT = 'Pekárna Nováková';
const DOCS_SHOTS = join(import.meta.dirname, '../../docs/screenshots');
const w = enLetters;
const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
let mail: MailUiServer;
let browser: TestBrowser;
let clientId: string;
let linkUrl: string;
let address: string;
/** The letter sent by e-mail in the first test, and its register PDF as it went out. */
let sentLetterId = '';
const files = mkdtempSync(join(tmpdir(), 'sitedesk-e2e-letters-'));

/** A WAV header and a second of silence: what a phone's recorder saves. */
function wav(bytes = 16_000): Buffer {
  const out = Buffer.alloc(44 + bytes);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + bytes, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(8000, 24);
  out.writeUInt32LE(16000, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(bytes, 40);
  return out;
}

// The client's mail asks for a written confirmation and carries her voice message (a WAV).
const VOICE_BY_MAIL = wav(4_000);
const ORIGINAL = (to: string): string =>
  [
    'From: Jana Klientová <jana@zakaznik.example>',
    `To: ${to}`,
    'Subject: Objednávka dortu',
    'Date: Wed, 02 Dec 2026 09:15:00 +0000',
    'Message-ID: <order-9@zakaznik.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Dobrý den, potvrdíte mi prosím objednávku písemně? Posílám hlasovou zprávu.',
    '--b1',
    'Content-Type: audio/wav; name="vzkaz.wav"',
    'Content-Disposition: attachment; filename="vzkaz.wav"',
    'Content-Transfer-Encoding: base64',
    '',
    ...(VOICE_BY_MAIL.toString('base64').match(/.{1,76}/g) ?? []),
    '--b1--',
    '',
  ].join('\r\n');

/** The bytes at `path`, fetched in the page with its own sign-in (as the PDF preview is). */
async function fetchBytes(page: Page, path: string): Promise<Buffer> {
  const base64 = await page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, path);
  return Buffer.from(base64, 'base64');
}

/** The text of a PDF as pdftotext (poppler) reads it. */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(files, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/**
 * A screenshot of a page with the PDF viewer in it: the whole page in one tall window (a
 * full-page capture leaves the viewer's own frame blank), after the viewer has drawn the page.
 */
async function shotWithPdf(page: Page, path: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  // Twice: the taller window may make the page itself taller.
  for (let i = 0; i < 2; i++) {
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    await page.setViewportSize({ width: before.width, height: Math.min(height, 4000) });
  }
  await page.evaluate('window.scrollTo(0, 0)');
  // The viewer draws after the resize, in a process of its own: no event tells when it is done.
  await page.waitForTimeout(5000);
  await page.screenshot({ path });
  await page.setViewportSize(before);
}

const noSideways = (page: Page) =>
  page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );

beforeAll(async () => {
  mail = await startMailUiServer();
  const client = await mail.server.tasks.createClient(
    { name: CLIENT, timezone: 'Europe/Prague', languages: ['cs'] },
    { actor: 'seed' },
  );
  clientId = client.id;
  address = await mail.addMailbox(client.id);
  await mail.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  const link = await mail.server.accounts.createClientLink(client.id, {}, 'seed');
  linkUrl = `${mail.server.url}/#/c/${link.token}`;
  await mail.desk.start();
  writeFileSync(join(files, 'logo.png'), logoPng());
  writeFileSync(join(files, 'podpis.png'), signaturePng());
  writeFileSync(join(files, 'vzkaz.wav'), wav());
  // The full browser: the letter's PDF is drawn in its frame, as she and the client see it.
  browser = await launch(undefined, { pdfViewer: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mail?.stop();
  rmSync(files, { recursive: true, force: true });
});

describe('a letter from a mail task to the recipient’s mailbox, in Chromium', () => {
  it('letterhead, letter, dictation, PDF, client approval, e-mail, register and CSV', async () => {
    const { page } = browser;
    await page.goto(mail.server.url + '/');
    await page.getByLabel(en.username).fill('jana');
    await page.getByLabel(en.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.signIn }).click();
    await page.getByRole('heading', { name: en.todayTitle, level: 1 }).waitFor();

    // The client's letterhead, from her card.
    await page.goto(mail.server.url + '/#/clients');
    await page
      .getByRole('region', { name: CLIENT })
      .getByRole('link', { name: en.ltrLetters })
      .click();
    await page
      .getByRole('heading', { name: fill(w.title, { client: CLIENT }), exact: true })
      .waitFor();
    await page.getByText(w.headsNone).waitFor();
    const form = page.locator('form.letterhead-form');
    await form.getByLabel(w.headName, { exact: true }).fill('Česká hlavička');
    await form.getByLabel(w.headSender).fill('Pekárna Nováková s.r.o.\nHlavní 1\n602 00 Brno');
    await form.getByLabel(w.headFooter).fill('IČO 12345678 · Účet 123456789/0100');
    await form.getByLabel(w.headLogo).setInputFiles(join(files, 'logo.png'));
    await form.getByLabel(w.headSignImage).setInputFiles(join(files, 'podpis.png'));
    await form.getByLabel(w.headSignName).fill('Marie Nováková');
    await form.getByLabel(w.headSignRole).fill('jednatelka');
    await form.getByRole('button', { name: w.headAdd }).click();
    await page.getByText(fill(w.signedBy, { name: 'Marie Nováková' }), { exact: false }).waitFor();
    expect(await page.getByText(w.withLogo, { exact: false }).count()).toBe(1);

    // A template of a recurring letter, with a field filled per letter.
    await page.getByText(w.templateAdd, { exact: true }).first().click();
    const templateForm = page.locator('form.template-form');
    await templateForm.getByLabel(w.templateName).fill('Potvrzení objednávky');
    await templateForm.getByLabel(w.subject).fill('Potvrzení objednávky');
    await templateForm
      .getByLabel(w.templateBody)
      .fill(
        'Vážená paní {{name}},\n\npotvrzujeme objednávku **dortu** na {{day}}.\n\nDěkujeme za důvěru.',
      );
    await templateForm.getByRole('button', { name: w.templateAdd }).click();
    await page
      .getByText(fill(w.templateFields, { fields: 'name, day' }), { exact: false })
      .waitFor();

    // A mail asks for a written confirmation; she writes the letter from its task.
    await mail.imap.deliver(mail.imap.users[0]!.user, ORIGINAL(address));
    await page.goto(mail.server.url + '/#/');
    await page
      .locator('section[aria-labelledby="today-new-mail"]')
      .getByRole('link', { name: 'Objednávka dortu' })
      .click({ timeout: 20_000 });
    await page.getByRole('link', { name: en.ltrWrite }).click();
    await page
      .getByRole('heading', { name: fill(w.titleNew, { client: CLIENT }), exact: true })
      .waitFor();
    await expect.poll(() => page.getByLabel(w.recipientName).inputValue()).toBe('Jana Klientová');
    expect(await page.getByLabel(w.recipientEmail).inputValue()).toBe('jana@zakaznik.example');
    expect(await page.getByLabel(w.subject).inputValue()).toBe('Re: Objednávka dortu');
    await page.getByLabel(w.recipientAddress).fill('Květinová 881/7\n602 00 Brno');
    // The text comes from the template, its field filled here; the subject stays the mail's.
    await page.getByLabel(w.template).selectOption({ label: 'Potvrzení objednávky' });
    await page.getByLabel('day', { exact: true }).fill('sobotu 12. 12. 2026');
    await page.getByLabel(w.approvalWanted).check();
    await page.getByRole('button', { name: w.saveLetter }).click();
    await page
      .getByRole('heading', { name: fill(w.titleLetter, { client: CLIENT }), exact: true })
      .waitFor();
    const letterId = /\/l\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    expect(letterId).not.toBe('');
    sentLetterId = letterId;
    const letterUrl = page.url();
    // She goes on in the same editor as the Write screen.
    const body = page.getByLabel(fill(en.editorMarkdownLabel, { label: w.body }));
    expect(await body.inputValue()).toBe(
      'Vážená paní Jana Klientová,\n\npotvrzujeme objednávku **dortu** na sobotu 12. 12. 2026.\n\nDěkujeme za důvěru.',
    );
    await body.fill(
      (await body.inputValue()).replace('Děkujeme', 'Dort si vyzvedněte do 10:00.\n\nDěkujeme'),
    );
    await page.getByRole('button', { name: w.saveChanges }).click();
    await page.getByText(w.saved).waitFor();

    // The voice message that came with the mail is there to play while typing; she adds one
    // the client sent another way.
    await page.getByText(fill(w.voiceMessage, { n: 1 })).waitFor();
    await page.locator('input[name="audio"]').setInputFiles(join(files, 'vzkaz.wav'));
    await page.getByText(fill(w.voiceMessage, { n: 2 })).waitFor();
    const players = page.locator('section.dictation audio');
    const sources = await players.evaluateAll((all) => all.map((a) => a.getAttribute('src') ?? ''));
    expect(sources).toHaveLength(2);
    expect(Buffer.compare(await fetchBytes(page, sources[0]!), VOICE_BY_MAIL)).toBe(0);
    expect(Buffer.compare(await fetchBytes(page, sources[1]!), wav())).toBe(0);
    // The browser can play them: it reads the length of the recording.
    await expect
      .poll(() => players.first().evaluate((a) => (a as unknown as { duration: number }).duration))
      .toBeCloseTo(0.25, 2);

    // The real PDF is in the page; its words are the letter's.
    await page.locator('iframe.pdf-frame').waitFor();
    const draft = pdfText(await fetchBytes(page, `/api/v1/letters/${letterId}/pdf`), 'draft.pdf');
    for (const words of [
      'Jana Klientová',
      'na sobotu 12. 12. 2026.',
      'Dort si vyzvedněte do 10:00.',
      'Květinová 881/7',
      'Re: Objednávka dortu',
      'Marie Nováková',
    ])
      expect(draft).toContain(words);

    // She wants to see it first: it cannot go yet; it goes to her private page.
    const byMail = page.getByRole('button', {
      name: fill(w.sendByMail, { email: 'jana@zakaznik.example' }),
    });
    expect(await byMail.isDisabled()).toBe(true);
    await page.getByLabel(w.noteToClient).fill('Prosím o kontrolu, než to pošlu.');
    await page.getByRole('button', { name: w.askApproval }).click();
    await page.getByText('waiting for her answer', { exact: false }).waitFor();
    await shotWithPdf(page, join(DOCS_SHOTS, 'letters-letter-en.png'));

    // The client's page: the PDF, and her approval.
    const client = await browser.context.newPage();
    await client.goto(linkUrl);
    await client.getByRole('heading', { name: en.clientLettersWaiting }).waitFor();
    await client.getByText('Prosím o kontrolu, než to pošlu.').waitFor();
    await client.locator('iframe.pdf-frame').waitFor();
    await shotWithPdf(client, join(DOCS_SHOTS, 'letters-client-en.png'));
    await client.getByRole('button', { name: w.clientApprove }).click();
    await client
      .getByRole('heading', { name: en.clientLettersWaiting })
      .waitFor({ state: 'detached' });
    await client.close();

    // Approved: it goes by e-mail from the client's mailbox.
    await page
      .getByText(fill(w['approval.approved'], { client: CLIENT, round: 1 }))
      .waitFor({ timeout: 15_000 });
    await byMail.click();
    const year = new Date().getFullYear();
    const number = `${year}/001`;
    // "Letter 2026/001 was sent to … on <time>": the words up to the time.
    const sentWords = fill(w['delivery.sent'], { number, email: 'jana@zakaznik.example' });
    await page
      .getByText(sentWords.slice(0, sentWords.indexOf(' on ')), { exact: false })
      .waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800); // room for a second mail to show
    const arrived = mail.smtp.messages.filter((m) => m.to.includes('jana@zakaznik.example'));
    expect(arrived).toHaveLength(1);
    const sent = await simpleParser(arrived[0]!.raw);
    expect(sent.subject).toBe('Re: Objednávka dortu');
    expect(sent.inReplyTo).toBe('<order-9@zakaznik.example>');
    const pdfs = sent.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdfs.map((a) => a.filename)).toEqual([`dopis-${year}-001.pdf`]);
    const kept = await fetchBytes(page, `/api/v1/letters/${letterId}/pdf`);
    expect(Buffer.compare(pdfs[0]!.content, kept)).toBe(0);
    expect(pdfText(kept, 'sent.pdf')).toContain(number);

    // A second letter, written on the letters page, is printed and posted.
    await page.goto(`${mail.server.url}/#/letters/${clientId}`);
    await page.getByRole('link', { name: w.writeLetter }).click();
    await page
      .getByRole('heading', { name: fill(w.titleNew, { client: CLIENT }), exact: true })
      .waitFor();
    await page.getByLabel(w.recipientName).fill('Obecní úřad Kníničky');
    await page.getByLabel(w.recipientAddress).fill('Náves 1\n635 00 Brno');
    await page.getByLabel(w.subject).fill('Poděkování za spolupráci');
    await page
      .getByLabel(fill(en.editorMarkdownLabel, { label: w.body }))
      .fill('Děkujeme za spolupráci při jarmarku.');
    await page.getByRole('button', { name: w.saveLetter }).click();
    await page
      .getByRole('heading', { name: fill(w.titleLetter, { client: CLIENT }), exact: true })
      .waitFor();
    // The posting day as the app writes dates (day first), not the browser's native
    // month-first field ("12/06/2026").
    const posted = page.getByLabel(w.postedOn);
    await expect(posted.getAttribute('type')).resolves.toBe('text');
    expect(await posted.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await posted.fill('04/12/2026');
    await page.getByRole('button', { name: w.markPosted }).click();
    await page
      .getByText(fill(w['delivery.posted'], { number: `${year}/002`, at: '04/12/2026' }))
      .waitFor();

    // The register: the letter, found by a word of its subject, and as CSV.
    await page.goto(`${mail.server.url}/#/letters/${clientId}`);
    const register = page.locator('section.register');
    await register.getByText(number).waitFor();
    await register.getByText(`${year}/002`).waitFor();
    await register.getByLabel(w.registerSearch).fill('dortu');
    await register.getByText('Re: Objednávka dortu').waitFor();
    await register.getByLabel(w.registerSearch).fill('výpověď');
    await register.getByText(w.registerNoMatch).waitFor();
    await register.getByLabel(w.registerSearch).fill('');
    await register.getByText(number).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      register.getByRole('link', { name: w.registerCsv }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('number,date,method,recipient,email,subject');
    expect(csv).toContain(`${number},`);
    expect(csv).toContain('Jana Klientová,jana@zakaznik.example,Re: Objednávka dortu');
    // Dated the day it was made (the letter's date), posted on the day she gave.
    expect(csv).toMatch(
      new RegExp(
        `${year}/002,\\d{4}-\\d{2}-\\d{2},post,Obecní úřad Kníničky,,Poděkování za spolupráci`,
      ),
    );
    await page.screenshot({ path: join(DOCS_SHOTS, 'letters-overview-en.png'), fullPage: true });
    await browser.shot('letters-overview-en');

    // In Czech, and on a phone: no sideways scrolling.
    await page.getByLabel(en.language, { exact: true }).selectOption('cs');
    await page
      .getByRole('heading', { name: fill(csLetters.title, { client: CLIENT }), exact: true })
      .waitFor();
    await page.getByRole('heading', { name: csLetters.registerTitle }).waitFor();
    await page.screenshot({ path: join(DOCS_SHOTS, 'letters-overview-cs.png'), fullPage: true });
    await page.goto(letterUrl);
    await page
      .getByRole('heading', { name: fill(csLetters.titleLetter, { client: CLIENT }), exact: true })
      .waitFor();
    await page.getByText(fill(csLetters.pdfSent, { number })).waitFor();
    await shotWithPdf(page, join(DOCS_SHOTS, 'letters-letter-cs.png'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${mail.server.url}/#/letters/${clientId}/new`);
    await page
      .getByRole('heading', { name: fill(csLetters.titleNew, { client: CLIENT }), exact: true })
      .waitFor();
    expect(await noSideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(DOCS_SHOTS, 'letters-new-390.png'), fullPage: true });
    await page.goto(`${mail.server.url}/#/letters/${clientId}`);
    await page.getByRole('heading', { name: csLetters.registerTitle }).waitFor();
    expect(await noSideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(DOCS_SHOTS, 'letters-overview-390.png'), fullPage: true });
    await page.goto(letterUrl);
    await page.getByText(fill(csLetters.pdfSent, { number })).waitFor();
    expect(await noSideways(page)).toBeLessThanOrEqual(0);
    await shotWithPdf(page, join(DOCS_SHOTS, 'letters-letter-390.png'));
    await page.getByLabel(cs.language, { exact: true }).selectOption('en');
    expect(browser.pageErrors).toEqual([]);
  }, 240_000);

  it('changes and removes a template and a letterhead; the sent letter’s PDF stays as it went', async () => {
    // Goes on from the first test: its letterhead and template, two letters that went out.
    expect(sentLetterId).not.toBe('');
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 900 });
    const sentBefore = await fetchBytes(page, `/api/v1/letters/${sentLetterId}/pdf`);
    const HEAD = 'Česká hlavička';
    const TEMPLATE = 'Potvrzení objednávky';
    await page.goto(`${mail.server.url}/#/letters/${clientId}`);
    await page.getByRole('heading', { name: w.headsTitle }).waitFor();
    const heads = page.locator('section[aria-labelledby="letterheads"]');
    const templates = page.locator('section[aria-labelledby="letter-templates"]');

    // The forms and the question in Czech and on a phone, before anything changes.
    await page.getByLabel(en.language, { exact: true }).selectOption('cs');
    await heads
      .getByRole('button', { name: fill(csLetters.headEditNamed, { name: HEAD }) })
      .click();
    const csForm = heads.locator('li form.letterhead-form');
    expect(await csForm.getByLabel(csLetters.headName, { exact: true }).inputValue()).toBe(HEAD);
    await csForm.getByText(csLetters.headEditNote).waitFor();
    // The logo and signature fields in Czech: a button with her words, not the browser's
    // "Choose File / No file chosen" (its own field stays, hidden, for the label).
    await csForm.getByRole('button', { name: csLetters.fileChoose }).first().waitFor();
    await csForm.getByText(csLetters.fileNone).first().waitFor();
    const shownFileFields = await csForm
      .locator('input[type=file]')
      .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().width > 1).length);
    expect(shownFileFields).toBe(0);
    await heads.screenshot({ path: join(DOCS_SHOTS, 'letters-letterhead-edit-cs.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(DOCS_SHOTS, 'letters-letterhead-edit-390.png'),
      fullPage: true,
    });
    await csForm.getByRole('button', { name: csLetters.cancelEdit }).click();
    await heads.getByRole('button', { name: csLetters.headRemove }).click();
    const csQuestion = fill(csLetters.headRemoveQuestion, { name: HEAD });
    await heads.getByText(csQuestion).waitFor();
    expect(await noSideways(page)).toBeLessThanOrEqual(0);
    await heads.screenshot({ path: join(DOCS_SHOTS, 'letters-letterhead-remove-390.png') });
    await heads.getByRole('button', { name: cs.cancel, exact: true }).click();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel(cs.language, { exact: true }).selectOption('en');
    await page.getByRole('heading', { name: w.headsTitle }).waitFor();

    // The template: a new subject; then removed after the question.
    await templates
      .getByRole('button', { name: fill(w.templateEditNamed, { name: TEMPLATE }) })
      .click();
    const templateForm = templates.locator('li form.template-form');
    expect(await templateForm.getByLabel(w.subject).inputValue()).toBe(TEMPLATE);
    await templateForm.getByLabel(w.subject).fill('Potvrzení vaší objednávky');
    await templateForm.getByRole('button', { name: w.templateSave }).click();
    await templates.getByText(fill(w.templateSaved, { name: TEMPLATE })).waitFor();
    await templates.getByText('Potvrzení vaší objednávky', { exact: false }).waitFor();
    await templates.getByRole('button', { name: w.templateRemove }).click();
    await templates.getByText(fill(w.templateRemoveQuestion, { name: TEMPLATE })).waitFor();
    await templates
      .getByRole('group', { name: w.templateRemove })
      .getByRole('button', { name: w.templateRemove })
      .click();
    await templates.getByText(fill(w.templateRemoved, { name: TEMPLATE })).waitFor();
    await templates.getByText(w.templatesNone).waitFor();

    // The letterhead: a new street and no logo. Letters that went out keep their PDF.
    await heads.getByRole('button', { name: fill(w.headEditNamed, { name: HEAD }) }).click();
    const form = heads.locator('li form.letterhead-form');
    expect(await form.getByLabel(w.headSender).inputValue()).toBe(
      'Pekárna Nováková s.r.o.\nHlavní 1\n602 00 Brno',
    );
    await form.getByLabel(w.headSender).fill('Pekárna Nováková s.r.o.\nHlavní 2\n602 00 Brno');
    await form.getByLabel(w.headDropLogo).check();
    await heads.screenshot({ path: join(DOCS_SHOTS, 'letters-letterhead-edit-en.png') });
    await form.getByRole('button', { name: w.headSave }).click();
    await heads.getByText(fill(w.headSaved, { name: HEAD })).waitFor();
    await heads.getByText('Hlavní 2', { exact: false }).waitFor();
    expect(await heads.getByText(w.withLogo, { exact: false }).count()).toBe(0);
    const sentAfterEdit = await fetchBytes(page, `/api/v1/letters/${sentLetterId}/pdf`);
    expect(Buffer.compare(sentAfterEdit, sentBefore)).toBe(0);

    // Removed after the question: letters went out on it, so it is kept for them, unlisted.
    await heads.getByRole('button', { name: w.headRemove }).click();
    await heads.getByText(fill(w.headRemoveQuestion, { name: HEAD })).waitFor();
    await heads.screenshot({ path: join(DOCS_SHOTS, 'letters-letterhead-remove-en.png') });
    await heads
      .getByRole('group', { name: w.headRemove })
      .getByRole('button', { name: w.headRemove })
      .click();
    await heads.getByText(fill(w.headRemovedKept, { name: HEAD, count: 2 })).waitFor();
    await heads.getByText(w.headsNone).waitFor();
    const sentAfterRemoval = await fetchBytes(page, `/api/v1/letters/${sentLetterId}/pdf`);
    expect(Buffer.compare(sentAfterRemoval, sentBefore)).toBe(0);
    const text = pdfText(sentAfterRemoval, 'kept.pdf');
    expect(text).toContain('Hlavní 1');
    expect(text).not.toContain('Hlavní 2');
    // The register still lists both letters.
    await page.locator('section.register').getByText('Re: Objednávka dortu').waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 180_000);
});
