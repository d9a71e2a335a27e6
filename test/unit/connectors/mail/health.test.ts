import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../../src/shared/clock.js';
import { createHealthTracker, type MailboxHealth } from '../../../../src/connectors/mail/health.js';

describe('mailbox health', () => {
  it('reports each change once, keeps since-when across repeated checks, and the last answer', async () => {
    const clock = createFakeClock(1_000);
    const changes: MailboxHealth[] = [];
    const health = createHealthTracker(clock, (h) => changes.push(h));
    expect(health.get()).toMatchObject({ state: 'starting', since: 1_000 });

    health.ok(true);
    await clock.advance(500);
    health.ok(true);
    expect(health.get()).toMatchObject({
      state: 'healthy',
      since: 1_000,
      lastOkAt: 1_500,
      push: true,
    });

    await clock.advance(500);
    health.fail('connection closed by the server');
    await clock.advance(500);
    health.fail('connection closed by the server');
    health.fail('connect ECONNREFUSED 127.0.0.1:993');
    expect(health.get()).toMatchObject({
      state: 'unhealthy',
      since: 2_000, // the outage started at the first failure, whatever the later reasons
      reason: 'connect ECONNREFUSED 127.0.0.1:993',
      lastOkAt: 1_500,
    });

    await clock.advance(500);
    health.ok(false);
    expect(health.get()).toMatchObject({
      state: 'healthy',
      since: 3_000,
      reason: undefined,
      push: false,
    });
    expect(changes.map((c) => [c.state, c.reason])).toEqual([
      ['healthy', undefined],
      ['unhealthy', 'connection closed by the server'],
      ['unhealthy', 'connect ECONNREFUSED 127.0.0.1:993'],
      ['healthy', undefined],
    ]);
  });
});
