/**
 * A formatted reply from the mail task page (issue 15), real Chromium against the real app with a
 * real dovecot and SMTP server: she saves the client's signature on the Clients screen, writes
 * the reply in the same rich editor as the Write screen (bold from the toolbar, a link with
 * Ctrl+K), and the mail that reaches the SMTP server has an HTML part with <strong> and <a>, a
 * plain-text part, the signature in both, the original quoted in the client's time and nothing
 * scriptable; files picked and dropped in the reply box arrive with the same bytes (issue 24). The
 * reply box is looked at in English, Czech and on a 390 px phone.
 */
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { startMailUiServer, type MailUiServer } from './helpers/mail-server.js';

const PASSWORD = 'a long enough password';
// What she attaches: bytes that must arrive unchanged (a PDF head, then every byte value).
const OFFER = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)),
]);
const PRICES = Buffer.from('Dort;Cena\nMakový;450\n', 'utf8');
const DOCS_SHOTS = join(import.meta.dirname, '../../docs/screenshots');
let mail: MailUiServer;
let browser: TestBrowser;
let address: string;

// 09:15 UTC on 2 Dec is 10:15 at the bakery in Prague. The body tries to get a script through.
const ORIGINAL = (to: string): string =>
  [
    'From: Jana Klientová <jana@zakaznik.example>',
    `To: ${to}`,
    'Subject: Objednávka dortu',
    'Date: Wed, 02 Dec 2026 09:15:00 +0000',
    'Message-ID: <order-7@zakaznik.example>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Dobrý den, chtěla bych dort na sobotu. <script>alert(1)</script>',
    '',
  ].join('\r\n');

beforeAll(async () => {
  mail = await startMailUiServer();
  const bakery = await mail.server.tasks.createClient(
    { name: 'Pekárna Nováková', timezone: 'Europe/Prague', languages: ['cs'] },
    { actor: 'seed' },
  );
  address = await mail.addMailbox(bakery.id);
  await mail.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  await mail.desk.start();
  browser = await launch(undefined, { richEditor: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mail?.stop();
});

describe('a formatted reply from the mail task page, in Chromium', () => {
  it('sends HTML and plain text with the signature and the quote; EN, CS and 390 px', async () => {
    const { page } = browser;
    await page.goto(mail.server.url + '/');
    await page.getByLabel(en.username).fill('jana');
    await page.getByLabel(en.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.signIn }).click();
    await page.getByRole('heading', { name: en.todayTitle, level: 1 }).waitFor();

    // The client's signature, saved on the Clients screen.
    await page.goto(mail.server.url + '/#/clients');
    const card = page.getByRole('region', { name: 'Pekárna Nováková' });
    await card.getByText(en.signatureTitle).click();
    await card
      .getByLabel(en.signatureText, { exact: true })
      .fill('Pekárna Nováková\nHlavní 1, Brno');
    await card.getByRole('button', { name: en.signatureSave }).click();
    await card.getByText(en.signatureSaved).waitFor();

    // A mail arrives; she opens its task from Today.
    await mail.imap.deliver(mail.imap.users[0]!.user, ORIGINAL(address));
    await page.goto(mail.server.url + '/#/');
    const newMail = page.locator('section[aria-labelledby="today-new-mail"]');
    await newMail.getByRole('link', { name: 'Objednávka dortu' }).click({ timeout: 20_000 });
    await page.getByRole('heading', { name: en.replyTitle }).waitFor();
    const taskUrl = page.url();

    // The reply is written as on the Write screen: the toolbar, the keyboard, a link.
    const box = page.getByRole('textbox', { name: en.replyText, exact: true });
    await page.getByRole('toolbar', { name: en.editorToolbar }).waitFor();
    await box.click();
    await page.keyboard.type('Dobrý den, dort bude ');
    await page.getByRole('button', { name: en.editorBold, exact: true }).click();
    await page.keyboard.type('hotový v sobotu');
    await page.getByRole('button', { name: en.editorBold, exact: true }).click();
    await page.keyboard.type(' v 9. Menu je na webu');
    for (let i = 0; i < 'na webu'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+k');
    await page.getByLabel(en.editorLinkAddress).fill('https://pekarna.example/menu');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.type('.');
    await box.locator('strong, b, .rt-bold', { hasText: 'hotový v sobotu' }).first().waitFor();
    // What goes below her text: the signature, then the original in the client's time.
    await page.getByText('Hlavní 1, Brno').waitFor();
    await page.getByText(/10:15/).first().waitFor();
    const reply = page.locator('section.mail-reply');

    // Files: one chosen with the button (with an empty one, refused by name), one dropped on the box.
    await reply.locator('input[type="file"][name="files"]').setInputFiles([
      { name: 'Nabídka dortů.pdf', mimeType: 'application/pdf', buffer: OFFER },
      { name: 'prázdný.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    ]);
    await reply
      .getByRole('alert')
      .getByText(
        en.rfRefused.replace('{name}', 'prázdný.txt').replace('{reason}', en['rfReason.empty']),
      )
      .waitFor();
    // A file dragged in from the desktop: the browser's own DataTransfer (the page's types).
    const drop = await page.evaluateHandle(
      `(() => { const data = new DataTransfer(); data.items.add(new File([${JSON.stringify(
        PRICES.toString('utf8'),
      )}], 'ceník.csv', { type: 'text/csv' })); return data; })()`,
    );
    await reply.dispatchEvent('drop', { dataTransfer: drop });
    const attached = reply.getByRole('list', { name: en.rfTitle });
    await attached.getByRole('link', { name: 'ceník.csv' }).waitFor();
    await attached.getByRole('link', { name: 'Nabídka dortů.pdf' }).waitFor();
    await reply.screenshot({ path: join(DOCS_SHOTS, 'mail-reply-en.png') });
    await browser.shot('mail-reply-en');

    await page.getByRole('button', { name: en.replySend }).click();
    await page.getByText('The reply went to jana@zakaznik.example', { exact: false }).waitFor({
      timeout: 20_000,
    });
    const arrived = mail.smtp.messages.find((m) => m.raw.includes('order-7@zakaznik.example'));
    expect(arrived?.to).toEqual(['jana@zakaznik.example']);
    const sent = await simpleParser(arrived!.raw);
    expect(sent.attachments.map((a) => [a.filename, a.content])).toEqual([
      ['Nabídka dortů.pdf', OFFER],
      ['ceník.csv', PRICES],
    ]);
    // The task says what went with the reply, each file a download; the box is empty again.
    await page
      .locator('.reply-attached')
      .getByRole('link', { name: 'Nabídka dortů.pdf' })
      .waitFor();
    expect(await attached.count()).toBe(0);
    const html = String(sent.html);
    expect(html).toContain('<strong>hotový v sobotu</strong>');
    expect(html).toContain('<a href="https://pekarna.example/menu">na webu</a>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Pekárna Nováková<br>');
    expect(html).toMatch(/Dne [^<]*10:15[^<]* napsal\(a\) Jana Klientová/);
    const text = sent.text ?? '';
    expect(text).toContain('Dobrý den, dort bude hotový v sobotu v 9. Menu je na webu');
    expect(text).toContain('(https://pekarna.example/menu)');
    expect(text).toContain('-- \nPekárna Nováková\nHlavní 1, Brno');
    expect(text).toMatch(/Dne .*10:15.* napsal\(a\) Jana Klientová <jana@zakaznik\.example>:/);
    expect(text).not.toContain('**');

    // The same box in Czech, and with the Markdown switch.
    await page.goto(taskUrl);
    await page.getByLabel(en.language).selectOption('cs');
    await page.getByRole('heading', { name: cs.replyTitle }).waitFor();
    await page.getByRole('toolbar', { name: cs.editorToolbar }).waitFor();
    // A file too large for a mail, refused in her language with its name; a good one kept.
    await page.locator('section.mail-reply input[type="file"][name="files"]').setInputFiles([
      {
        name: 'fotky.zip',
        mimeType: 'application/zip',
        buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
      },
      { name: 'Nabídka dortů.pdf', mimeType: 'application/pdf', buffer: OFFER },
    ]);
    await page
      .getByText(
        cs.rfRefused
          .replace('{name}', 'fotky.zip')
          .replace('{reason}', cs['rfReason.too_big'].replace('{each}', '10')),
      )
      .waitFor();
    await page
      .getByRole('list', { name: cs.rfTitle })
      .getByRole('link', { name: 'Nabídka dortů.pdf' })
      .waitFor();
    await page.locator('section.mail-reply').screenshot({
      path: join(DOCS_SHOTS, 'mail-reply-cs.png'),
    });
    await browser.shot('mail-reply-cs');
    await page.getByRole('switch', { name: cs.editorMarkdownSwitch }).check();
    await page
      .getByLabel(cs.editorMarkdownLabel.replace('{label}', cs.replyText))
      .fill('Ještě **jednou**.');
    await page.getByRole('switch', { name: cs.editorMarkdownSwitch }).uncheck();
    await page
      .getByRole('textbox', { name: cs.replyText, exact: true })
      .locator('strong, b, .rt-bold', { hasText: 'jednou' })
      .first()
      .waitFor();

    // A phone: no sideways scrolling, the toolbar and the send button on screen.
    await page.getByLabel(cs.language).selectOption('en');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(taskUrl);
    await page.getByRole('toolbar', { name: en.editorToolbar }).waitFor();
    expect(
      await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    ).toBeLessThanOrEqual(0);
    await page.locator('section.mail-reply').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(DOCS_SHOTS, 'mail-reply-390.png'), fullPage: false });
    await browser.shot('mail-reply-390');
    expect(browser.pageErrors).toEqual([]);
  }, 180_000);
});
