import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.js';
import { SecretRegistry } from '../../../src/shared/redact.js';
import { RemoteError } from '../../../src/shared/errors.js';

/** A logger writing into an array of lines, with its own registry of secret values. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: 'debug', destination, secrets });
  return { logger, lines, secrets, text: () => lines.join('\n') };
}

const APP_PASSWORD = 'abcd EFGH ijkl MNOP qrst UVWX';

describe('logger redaction', () => {
  it('removes authorization headers, passwords, tokens and keys at any depth', () => {
    const { logger, text } = capture();
    logger.info(
      {
        request: { headers: { Authorization: 'Basic YWRtaW46c2VjcmV0', 'x-api-key': 'k-123456' } },
        site: { settings: { password: 'hunter22', nested: [{ token: 't0ps3cret' }] } },
        masterKey: 'deadbeefdeadbeef',
      },
      'calling site',
    );
    const out = text();
    for (const secret of [
      'YWRtaW46c2VjcmV0',
      'k-123456',
      'hunter22',
      't0ps3cret',
      'deadbeefdeadbeef',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('calling site');
  });

  it('removes registered secret values from messages, strings and errors', () => {
    const { logger, text, secrets } = capture();
    secrets.add(APP_PASSWORD);
    logger.warn(`publishing with ${APP_PASSWORD}`);
    logger.error(
      { err: new Error(`rejected: ${APP_PASSWORD}`), note: `x${APP_PASSWORD}y` },
      'failed',
    );
    expect(text()).not.toContain(APP_PASSWORD);
    expect(text().match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('hides a secret that contains another secret completely', () => {
    const { logger, text, secrets } = capture();
    secrets.add('aye-secret');
    secrets.add('aye-secret-2');
    logger.info('value aye-secret-2 here');
    expect(text()).not.toContain('-2 here');
    expect(text()).toContain('value [redacted] here');
  });

  it('removes credentials from URLs and scheme-prefixed header values inside strings', () => {
    const { logger, text } = capture();
    logger.info('pushing to https://user:ghp_tok3n@git.example/repo.git with Bearer abcdefghijkl');
    expect(text()).not.toContain('ghp_tok3n');
    expect(text()).not.toContain('abcdefghijkl');
    expect(text()).toContain('https://git.example/repo.git');
  });

  it('logs RemoteError with its code and a credential-free URL', () => {
    const { logger, text } = capture();
    const error = new RemoteError(
      'remote_rejected',
      {
        method: 'PUT',
        url: 'https://admin:pw1234@site.test/wp-json/wp/v2/pages/12?token=zzz999',
        status: 403,
        remoteCode: 'rest_cannot_edit',
      },
      'Sorry',
    );
    logger.error({ err: error }, 'publish failed');
    const out = text();
    expect(out).toContain('rest_cannot_edit');
    expect(out).toContain('remote_rejected');
    expect(out).not.toContain('pw1234');
    expect(out).not.toContain('zzz999');
  });
});
