import { describe, expect, it } from 'vitest';
import { backoffDelay, type BackoffOptions } from '../../../src/shared/backoff.js';

const at = (random: number) => () => random;
const base: Omit<BackoffOptions, 'jitter'> = { baseMs: 1000, capMs: 10_000 };

describe('backoffDelay', () => {
  it('doubles from the base per retry up to the cap (no jitter)', () => {
    const none = { ...base, jitter: 'none' } as const;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, none))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('with full jitter waits anywhere from 0 to the bound', () => {
    const full = (random: number) => ({ ...base, jitter: 'full' as const, random: at(random) });
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, full(0.999)))).toEqual([
      999, 1998, 3996, 7992, 9990, 9990,
    ]);
    expect(backoffDelay(3, full(0))).toBe(0);
    expect(backoffDelay(2, full(0.5))).toBe(1000);
  });

  it('with equal jitter waits between half the bound and the bound', () => {
    const equal = (random: number) => ({ ...base, jitter: 'equal' as const, random: at(random) });
    expect(backoffDelay(1, equal(0))).toBe(500);
    expect(backoffDelay(1, equal(0.999))).toBe(1000);
    expect(backoffDelay(6, equal(0))).toBe(5000);
  });

  it('with a spread waits within that share around the bound, also past the cap', () => {
    const spread = (random: number) => ({
      baseMs: 1000,
      capMs: 60_000,
      jitter: { spread: 0.2 },
      random: at(random),
    });
    expect([1, 2, 3, 4, 11].map((n) => backoffDelay(n, spread(0.5)))).toEqual([
      1000, 2000, 4000, 8000, 60_000,
    ]);
    expect(backoffDelay(1, spread(0))).toBe(800);
    expect(backoffDelay(1, spread(1))).toBe(1200);
    expect(backoffDelay(11, spread(1))).toBe(72_000);
  });

  it('stays at the cap after very many retries and treats retry 0 as the first', () => {
    const none = { ...base, jitter: 'none' } as const;
    expect(backoffDelay(10_000, none)).toBe(10_000);
    expect(backoffDelay(10_000, { ...none, baseMs: 0 })).toBe(0);
    expect(backoffDelay(0, none)).toBe(1000);
  });

  it('uses Math.random when no source is given', () => {
    for (let i = 0; i < 50; i++) {
      const wait = backoffDelay(3, { ...base, jitter: 'full' });
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(4000);
    }
  });
});
