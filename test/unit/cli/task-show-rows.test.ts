// `sitedesk task show`: one line per site says what the secretary or operator needs next.
import { describe, expect, it } from 'vitest';
import { publicationRows } from '../../../src/cli/commands/task-show.js';
import type { Publication } from '../../../src/tasks/index.js';

const base: Publication = {
  id: 'p1',
  taskId: 't1',
  contentItemId: 'c1',
  siteId: 's1',
  state: 'pending',
  remoteId: null,
  url: null,
  attempts: 1,
  lastError: null,
  nextAttemptAt: null,
  verifiedAt: null,
  nextVerifyAt: null,
  createdAt: '2026-12-05T10:00:00.000Z',
  updatedAt: '2026-12-05T10:00:00.000Z',
};
const names = new Map([['s1', 'Blog']]);

describe('publicationRows', () => {
  it('shows the last error of a publication being tried again', () => {
    const row = publicationRows([{ ...base, lastError: 'POST … → 503 [site_busy 2/6]' }], names);
    expect(row).toEqual([['Blog', 'pending', 'POST … → 503 [site_busy 2/6]']]);
  });

  it('says who holds a publication being published, and when a lapsed lease is taken over', () => {
    const live = new Date(Date.now() + 20_000).toISOString();
    const [held] = publicationRows(
      [{ ...base, state: 'publishing', owner: 'desk:41:ab', leaseUntil: live }],
      names,
    );
    expect(held?.[2]).toBe(`by desk:41:ab, lease until ${live}`);
    const [gone] = publicationRows(
      [{ ...base, state: 'publishing', owner: 'desk:41:ab', leaseUntil: '2026-01-01T00:00:00Z' }],
      names,
    );
    expect(gone?.[2]).toContain('its process is gone; taken over shortly');
  });
});
