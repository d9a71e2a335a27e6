/**
 * The processes integration tests start run the transpiled copy the tier's global set-up made
 * (test/env/node-scripts.ts), and that copy is sitedesk: it finds its package.json and answers.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, sitedeskArgs } from '../../env/node-scripts.js';

describe('processes started by integration tests', () => {
  it('run sitedesk as JavaScript transpiled for this run', () => {
    const args = sitedeskArgs('--version');
    expect(args[1]).toContain(join(REPO_ROOT, '.test-build'));
    expect(args[1]).toMatch(/src\/cli\/main\.js$/);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim()).toContain(version);
  });
});
