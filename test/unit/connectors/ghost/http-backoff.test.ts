import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../../src/connectors/ghost/http.js';

const options = { retryBaseDelayMs: 100, retryMaxDelayMs: 1000 };

describe('backoffMs', () => {
  it('doubles from the base with jitter between half and the full delay, capped', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const full = Math.min(100 * 2 ** attempt, 1000);
      const delay = backoffMs(attempt, undefined, options);
      expect(delay).toBeGreaterThanOrEqual(full / 2);
      expect(delay).toBeLessThanOrEqual(full);
    }
  });

  it("uses the server's Retry-After, capped by the maximum", () => {
    expect(backoffMs(0, 700, options)).toBe(700);
    expect(backoffMs(0, 120_000, options)).toBe(1000);
  });
});
