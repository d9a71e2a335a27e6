import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTokenSource, signAdminToken } from '../../../../src/connectors/ghost/token.js';
import { createFakeClock } from '../../../../src/shared/clock.js';

const key = {
  id: '5c7e3b2a1f0e4d3c2b1a0f9e',
  secret: '8a5f3c1e9b7d2a4f6e8c0b3d5a7f9e1c2b4d6f8a0c3e5b7d9f1a3c5e7b9d2f4a',
};

// The official SDK's token function (devDependency), to check our token byte for byte.
const officialToken = createRequire(import.meta.url)('@tryghost/admin-api/lib/token.js') as (
  key: string,
  audience: string,
) => string;

function decode(part: string | undefined): unknown {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
}

describe('signAdminToken', () => {
  it('has the header and payload Ghost documents', () => {
    const [header, payload] = signAdminToken(key, 1_700_000_000).split('.');
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT', kid: key.id });
    expect(decode(payload)).toEqual({ iat: 1_700_000_000, exp: 1_700_000_300, aud: '/admin/' });
  });

  it('equals the official @tryghost/admin-api token made in the same second', () => {
    for (let tries = 0; tries < 3; tries++) {
      const iat = Math.floor(Date.now() / 1000);
      const theirs = officialToken(`${key.id}:${key.secret}`, '/admin/');
      if (Math.floor(Date.now() / 1000) !== iat) continue; // crossed a second boundary; try again
      expect(signAdminToken(key, iat)).toBe(theirs);
      return;
    }
    throw new Error('could not make both tokens within one second');
  });
});

describe('createTokenSource', () => {
  it('reuses a token until a minute before it expires, then signs a new one', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const token = createTokenSource(key, clock);
    const first = token();
    await clock.advance(239_000);
    expect(token()).toBe(first);
    await clock.advance(1_000);
    const second = token();
    expect(second).not.toBe(first);
    expect(decode(second.split('.')[1])).toMatchObject({ iat: Date.UTC(2026, 0, 1) / 1000 + 240 });
  });
});
