import { UsageError, type CliIo } from './command.js';

/**
 * Reads a secret without it ever being on the command line (where `ps` and shell history would
 * show it): from a hidden prompt when stdin is a terminal, else all of stdin (one trailing
 * newline removed, so `echo secret | sitedesk secrets set …` works).
 */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  const secret = io.stdin.isTTY ? await hiddenPrompt(io, prompt) : await readAll(io.stdin);
  if (secret.length === 0) throw new UsageError('The secret is empty; nothing was stored.');
  return secret;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** A prompt that echoes nothing; Enter ends it, Backspace edits, Ctrl-C or Ctrl-D aborts. */
function hiddenPrompt(io: CliIo, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin } = io;
    let value = '';
    io.stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer): void => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004')
          return finish(new UsageError('Cancelled; nothing was stored.'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
