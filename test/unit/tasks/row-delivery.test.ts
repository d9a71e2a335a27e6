// How the mail and meeting outboxes ask the job queue for their waiting rows on PostgreSQL
// (src/tasks/queue/row-delivery.ts): a row at its time, a lost one under the take-over's slot.
import { expect, it } from 'vitest';
import { askForRows, dueNow } from '../../../src/tasks/queue/row-delivery.js';
import { LOST_AFTER_MS, takeOverSlot } from '../../../src/tasks/publishing/runner/queue-mode.js';

const NOW = Date.parse('2026-12-06T10:00:47Z');

it('asks for a waiting row at its time and for a lost one under the slot of now', async () => {
  const asked: { id: string; at: number }[] = [];
  const delivery = { enqueue: async (id: string, at: number) => void asked.push({ id, at }) };
  const rows = [
    { id: 'later', at: NOW + 60_000 },
    { id: 'due', at: NOW - 1_000 },
    { id: 'just-in-time', at: NOW - LOST_AFTER_MS + 1 },
    { id: 'lost', at: NOW - LOST_AFTER_MS },
    { id: 'long-lost', at: NOW - 3_600_000 },
  ];
  expect(await askForRows(delivery, rows, NOW)).toBe(5);
  const slot = Date.parse('2026-12-06T10:00:30Z');
  expect(takeOverSlot(NOW)).toBe(slot);
  expect(asked).toEqual([
    { id: 'later', at: NOW + 60_000 },
    { id: 'due', at: NOW - 1_000 },
    { id: 'just-in-time', at: NOW - LOST_AFTER_MS + 1 },
    { id: 'lost', at: slot },
    { id: 'long-lost', at: slot },
  ]);
});

it('a lost row asked for in the next slot gets a key of its own (a new job)', async () => {
  const asked: number[] = [];
  const delivery = { enqueue: async (_id: string, at: number) => void asked.push(at) };
  const row = { id: 'lost', at: NOW - 120_000 };
  await askForRows(delivery, [row], NOW);
  await askForRows(delivery, [row], NOW + 5_000);
  await askForRows(delivery, [row], NOW + LOST_AFTER_MS);
  expect(asked[0]).toBe(asked[1]);
  expect(asked[2]).toBe(asked[0]! + LOST_AFTER_MS);
});

it('a delivery finds its row due up to a second early, not a later retry', () => {
  expect(dueNow(NOW, NOW)).toBe(true);
  expect(dueNow(NOW + 1_000, NOW)).toBe(true);
  expect(dueNow(NOW + 1_001, NOW)).toBe(false);
});
