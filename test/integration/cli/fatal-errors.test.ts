// A real child process: an error nobody caught must be logged redacted, and the process must
// end with code 1 (the handler calls process.exit, so it cannot run inside the test runner).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SECRET = 'app-pass-Zq8v-31Kp-77xw';
const root = fileURLToPath(new URL('../../../', import.meta.url));

function child(code: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', code],
      { cwd: root, timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({ status: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

const prelude = `
  import { createLogger } from './src/shared/logger.ts';
  import { SecretRegistry } from './src/shared/redact.ts';
  import { exitOnFatalErrors } from './src/cli/fatal-errors.ts';
  const secrets = new SecretRegistry();
  secrets.add(${JSON.stringify(SECRET)});
  exitOnFatalErrors(createLogger({ secrets }));
`;

it.each([
  [
    'uncaught exception',
    `setTimeout(() => { throw new Error('site said: bad password ${SECRET}'); }, 5);`,
  ],
  [
    'unhandled promise rejection',
    `Promise.reject(new Error('site said: bad password ${SECRET}'));`,
  ],
])('%s is logged without the secret, and the process exits with 1', async (kind, crash) => {
  const result = await child(prelude + crash);
  expect(result.status).toBe(1);
  expect(result.stdout + result.stderr).not.toContain(SECRET);
  const line = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as {
    level: number;
    kind: string;
    msg: string;
    err: { message: string };
  };
  expect(line).toMatchObject({ level: 60, kind });
  expect(line.err.message).toBe('site said: bad password [redacted]');
});
