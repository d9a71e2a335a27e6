import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { SecretStoreError, messageOf } from '../shared/errors.js';
import { SECRET_SERVICE } from './types.js';

/**
 * The script the gate runs in a child Node process: ask the Secret Service for sitedesk's items
 * through the same native module the store uses, print nothing secret, exit 0 on an answer.
 * CommonJS because `node -e` resolves nothing relative to this file; the module path comes in argv.
 */
const GATE_SCRIPT = `
const keyring = require(process.argv[1]);
keyring.findCredentialsAsync(process.argv[2]).then(
  () => process.exit(0),
  (error) => { process.stderr.write(String(error && error.message || error)); process.exit(3); },
);`;

/**
 * Resolves when a Secret Service answers on this process's D-Bus session bus within
 * `timeoutMs`; else throws SecretStoreError('secret_store_unavailable') with the cause.
 *
 * Why a child process: a bus that accepts a connection and never replies blocks whatever asks
 * it. Measured with @napi-rs/keyring 2.1: the Entry constructor then blocks the event loop for
 * over 40 s, and even findCredentialsAsync, which gives the event loop back, leaves a libuv
 * worker thread stuck for good — and Node joins those threads at exit, so the process could
 * never end. A child that does not answer in time is simply killed, and this process stays clean.
 * Its cost (~50–100 ms of Node start-up) is paid once, when the store is opened.
 */
export async function checkSecretServiceAnswers(
  timeoutMs: number,
  description: string,
): Promise<void> {
  let modulePath: string;
  try {
    modulePath = createRequire(import.meta.url).resolve('@napi-rs/keyring');
  } catch (error) {
    throw new SecretStoreError(
      'secret_store_unavailable',
      `The ${description} cannot be used: @napi-rs/keyring is not installed`,
      {
        cause: error,
      },
    );
  }
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', GATE_SCRIPT, modulePath, SECRET_SERVICE],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, windowsHide: true },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const why =
          error.killed || error.signal === 'SIGKILL'
            ? `did not answer within ${timeoutMs} ms`
            : `is not usable: ${firstLine(stderr) || messageOf(error)}`;
        reject(
          new SecretStoreError('secret_store_unavailable', `The ${description} ${why}`, {
            cause: error,
          }),
        );
      },
    );
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 300) ?? '';
}
