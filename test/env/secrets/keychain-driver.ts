/**
 * Runs secret-store steps in a process of its own and prints the results as one JSON line.
 *
 * Why a child process: the libdbus inside @napi-rs/keyring reads DBUS_SESSION_BUS_ADDRESS once,
 * at the first keychain call of a process, and keeps it (measured: after a first call with no
 * address, setting process.env.DBUS_SESSION_BUS_ADDRESS to a live bus still fails with the
 * "X11 autolaunch" error, and after a first call on a live bus, unsetting it changes nothing).
 * So "Secret Service present" and "absent" cannot be tested in one process, and a test process
 * that once reached the developer's real session bus would keep writing there. Each run here
 * gets exactly the environment the test gives it.
 *
 * Usage: node --import tsx keychain-driver.ts '<json DriverRequest>'
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { SitedeskError, messageOf } from '../../../src/shared/errors.js';
import { createLogger } from '../../../src/shared/logger.js';
import { openSecretStore, type SecretStoreConfig } from '../../../src/secrets/open.js';
import { probeSecretStore } from '../../../src/secrets/probe.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import type { DriverRequest, DriverStep, DriverStepResult } from './driver-types.js';

function runStep(store: SecretStore, step: Exclude<DriverStep, { op: 'open' }>): Promise<unknown> {
  switch (step.op) {
    case 'probe':
      return probeSecretStore(store);
    case 'set':
      return store.set(step.account, step.secret);
    case 'get':
      return store.get(step.account);
    case 'delete':
      return store.delete(step.account);
    case 'list':
      return store.list();
    case 'touch':
      return writeFile(step.path, '');
    case 'waitFor':
      return waitForFile(step.path);
  }
}

async function waitForFile(path: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} did not appear within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as DriverRequest;
  const logLines: unknown[] = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void logLines.push(JSON.parse(line)) },
  });
  const results: DriverStepResult[] = [];
  let store: SecretStore | undefined;

  for (const step of request.steps) {
    const started = performance.now();
    const millis = (): number => Math.round((performance.now() - started) * 10) / 10;
    try {
      if (step.op === 'open') {
        const opened = await openSecretStore(request.config as SecretStoreConfig, { logger });
        store = opened.store;
        results.push({
          op: step.op,
          millis: millis(),
          kind: store.kind,
          description: store.description,
          reason: opened.reason,
          warning: opened.warning,
        });
        continue;
      }
      if (!store) throw new Error('open the store first');
      const value = await runStep(store, step);
      results.push({ op: step.op, millis: millis(), value });
    } catch (error) {
      results.push({
        op: step.op,
        millis: millis(),
        error: {
          name: error instanceof Error ? error.name : 'unknown',
          code: error instanceof SitedeskError ? error.code : undefined,
          message: messageOf(error),
        },
      });
      if (step.op === 'open') break;
    }
  }
  process.stdout.write(`${JSON.stringify({ results, log: logLines })}\n`);
}

// exit() rather than waiting for the event loop: a keychain call that timed out may still hold a
// worker thread, which must not keep this process alive.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`driver failed: ${messageOf(error)}\n`);
    process.exit(2);
  },
);
