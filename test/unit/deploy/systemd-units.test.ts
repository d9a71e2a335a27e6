// The systemd units in deploy/systemd are checked by systemd itself: `systemd-analyze verify`
// must print nothing (it exits 0 even for unknown keys, so its warnings are what fail), and
// the system unit's hardening must rate "OK" in `systemd-analyze security --offline`. A
// broken unit shows that the check can fail. Skipped only where systemd-analyze is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/shared/config.js';

const root = join(import.meta.dirname, '../../..');
const hasSystemd = spawnSync('systemd-analyze', ['--version']).status === 0;
const systemUnit = join(root, 'deploy/systemd/sitedesk.service');
const userUnit = join(root, 'deploy/systemd/user/sitedesk.service');

function verify(unit: string, user = false) {
  const runtime = mkdtempSync(join(tmpdir(), 'sitedesk-xdg-'));
  const run = spawnSync('systemd-analyze', [...(user ? ['--user'] : []), 'verify', unit], {
    encoding: 'utf8',
    env: { ...process.env, XDG_RUNTIME_DIR: runtime },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

describe.skipIf(!hasSystemd)('systemd units', () => {
  it('verify without a single warning (system and user variants)', () => {
    expect(verify(systemUnit)).toEqual({ status: 0, output: '' });
    expect(verify(userUnit, true)).toEqual({ status: 0, output: '' });
  });

  it('the check catches a unit with a wrong option', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'sitedesk-unit-')), 'sitedesk.service');
    writeFileSync(
      broken,
      readFileSync(systemUnit, 'utf8').replace('ProtectSystem=strict', 'ProtectSystem=stricter'),
    );
    expect(verify(broken).output).toMatch(/protect system value/i);
  });

  it('rates the system unit’s hardening OK (exposure at most 2.0 of 10)', () => {
    const run = spawnSync(
      'systemd-analyze',
      ['security', '--offline=true', '--threshold=20', '--no-pager', systemUnit],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stdout).toMatch(
      /Overall exposure level for sitedesk\.service: [0-1]\.\d OK|: 2\.0 OK/,
    );
    expect(run.status).toBe(0);
  });

  it('the key it hands over as a credential (SITEDESK_MASTER_KEY_FILE=%d/master-key) is what the file store uses', () => {
    const unit = readFileSync(systemUnit, 'utf8');
    expect(unit).toContain('LoadCredential=master-key:/etc/sitedesk/master-key');
    expect(unit).toContain('Environment=SITEDESK_MASTER_KEY_FILE=%d/master-key');
    const credentials = mkdtempSync(join(tmpdir(), 'sitedesk-credentials-'));
    const key = execFileSync('openssl', ['rand', '-hex', '32'], { encoding: 'utf8' });
    writeFileSync(join(credentials, 'master-key'), key, { mode: 0o600 });
    const config = loadConfig({
      SITEDESK_MASTER_KEY_FILE: join(credentials, 'master-key'),
      SITEDESK_SECRET_STORE: 'file',
    });
    expect(config.masterKey).toBe(key.trim());
    expect(() => loadConfig({ SITEDESK_MASTER_KEY_FILE: join(credentials, 'missing') })).toThrow(
      /SITEDESK_MASTER_KEY_FILE names .*missing, which cannot be read/,
    );
  });
});
