import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../../src/cli/command.js';

/** Captured streams for runCli: `stdinText` is piped in (not a terminal), like `echo x | sitedesk`. */
export function captureIo(env: NodeJS.ProcessEnv, stdinText = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const io: CliIo = { stdout, stderr, stdin: Readable.from([Buffer.from(stdinText)]), env };
  return { io, out: () => out, err: () => err };
}
