// Issue 22, CI-sized: three `sitedesk serve` instances on one real PostgreSQL publish to 12 real
// sites (1 WordPress, 1 Ghost, 10 git repositories) while the third instance is killed with
// SIGKILL every few seconds and started again. Every publication ends `published` and every site
// holds exactly one copy of every item, counted through the sites' own APIs. The same scenario
// at the size (300 items) is `npm run soak:scale` (bench/soak-scale.ts).
import { expect, it } from 'vitest';
import { runFleetScenario } from './fleet-scenario.js';

const ITEMS = 4;

it('three instances, one killed every few seconds: every item on every site exactly once', async () => {
  const lines: string[] = [];
  const figures = await runFleetScenario({
    items: ITEMS,
    sites: { wordpress: 1, ghost: 1, git: 10 },
    killEveryMs: 4_000,
    settleMs: 240_000,
    // Also on the console: a run that times out still shows how far it came.
    log: (line) => {
      lines.push(line);
      console.log(`fleet-kill: ${line}`);
    },
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${lines.join('\n')}`);
  });
  const context = `${JSON.stringify(figures, null, 1)}\n${lines.join('\n')}`;
  expect(figures.failed, context).toEqual([]);
  expect(figures.states, context).toEqual({ published: ITEMS * 12 });
  expect(figures.wrong, context).toEqual([]);
  expect(Object.values(figures.copies), context).toEqual(
    Array.from({ length: 12 }, () => ({ none: 0, one: ITEMS, more: 0 })),
  );
  // The victim was really killed in the middle of publishing, and it worked between its deaths.
  expect(figures.killsMidPublish, context).toBeGreaterThanOrEqual(1);
  expect(figures.attemptsBy.victim, context).toBeGreaterThan(0);
}, 600_000);
