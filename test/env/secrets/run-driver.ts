import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DriverRequest, DriverResponse } from './driver-types.js';
import { nodeArgs } from '../node-scripts.js';

const run = promisify(execFile);
const driver = join(import.meta.dirname, 'keychain-driver.ts');

/**
 * Runs keychain-driver.ts in a fresh Node process whose environment is this process's minus any
 * D-Bus address, plus `env` (so the developer's own session bus is never reached by accident).
 */
export async function runDriver(
  env: Record<string, string>,
  request: DriverRequest,
): Promise<DriverResponse> {
  const base = { ...process.env };
  delete base.DBUS_SESSION_BUS_ADDRESS;
  const { stdout } = await run(process.execPath, nodeArgs(driver, JSON.stringify(request)), {
    env: { ...base, ...env },
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as DriverResponse;
}
