/** The web app's datetime fields hold the client's wall-clock time; these convert it. */
import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso } from '../../../src/ui/src/parts/zoned-time.js';
import { createSseParser, type StreamEvent } from '../../../src/ui/src/api/event-stream.js';

describe('zoned datetime fields', () => {
  it('reads a Prague wall-clock time in winter and in summer', () => {
    expect(localInputToIso('2026-01-15T08:00', 'Europe/Prague')).toBe('2026-01-15T07:00:00.000Z');
    expect(localInputToIso('2026-07-15T08:00', 'Europe/Prague')).toBe('2026-07-15T06:00:00.000Z');
    expect(localInputToIso('2026-07-15T08:00', 'America/New_York')).toBe(
      '2026-07-15T12:00:00.000Z',
    );
  });

  it('shows an instant on the client’s wall clock, and round-trips', () => {
    expect(isoToLocalInput('2026-07-15T06:00:00.000Z', 'Europe/Prague')).toBe('2026-07-15T08:00');
    expect(isoToLocalInput('2026-03-29T00:30:00.000Z', 'Europe/Prague')).toBe('2026-03-29T01:30');
    for (const iso of ['2026-10-25T03:00:00.000Z', '2026-12-31T23:00:00.000Z'])
      expect(localInputToIso(isoToLocalInput(iso, 'Europe/Prague'), 'Europe/Prague')).toBe(iso);
  });

  it('takes the time after the jump in the hour a clock skips; refuses what is not a date', () => {
    // 02:30 does not exist in Prague on 29 March 2026 (02:00 → 03:00).
    expect(localInputToIso('2026-03-29T02:30', 'Europe/Prague')).toBe('2026-03-29T01:30:00.000Z');
    expect(localInputToIso('', 'Europe/Prague')).toBeUndefined();
    expect(localInputToIso('tomorrow', 'Europe/Prague')).toBeUndefined();
    expect(isoToLocalInput(null, 'Europe/Prague')).toBe('');
  });
});

describe('the event-stream parser of the client page', () => {
  it('splits events across chunk borders, skips comments, keeps the last id and the retry', () => {
    const events: StreamEvent[] = [];
    const retries: number[] = [];
    const parser = createSseParser(
      (e) => events.push(e),
      (ms) => retries.push(ms),
    );
    parser.push('retry: 3000\n\n: keep-alive\n\nid: 7\nevent: task.updated\nda');
    parser.push('ta: {"id":"a"}\n\nid: 8\r\nevent: reset\r\ndata: x\r\ndata: y\r\n\r\n');
    expect(retries).toEqual([3000]);
    expect(events).toEqual([
      { id: '7', type: 'task.updated', data: '{"id":"a"}' },
      { id: '8', type: 'reset', data: 'x\ny' },
    ]);
    expect(parser.lastId()).toBe('8');
  });
});
