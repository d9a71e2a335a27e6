// Issue 22, CI-sized: three `sitedesk serve` instances on one real PostgreSQL publish to real
// sites of every kind (WordPress, Ghost, git repositories) while the third instance is killed with
// SIGKILL every few seconds and started again. Every publication ends `published` and every site
// holds exactly one copy of every item, counted through the sites' own APIs. The same scenario
// at the size (300 items to 12 sites) is `npm run soak:scale` (bench/soak-scale.ts).
//
// CI size: 3 items × 6 sites (1 WordPress, 1 Ghost, 4 git; 18 publications). 4 items × 12 sites
// took 141 s on the shared 2-core machine at load 10–12 (83 s of it publishing), 2 × 12 took 96 s;
// the integration tier's lane 2 is meant to stay short. Every kind of site, the kills
// mid-publish and the count per site are kept.
import { expect, it } from 'vitest';
import { runFleetScenario } from './fleet-scenario.js';

const ITEMS = 3;
const SITES = { wordpress: 1, ghost: 1, git: 4 };
const SITE_COUNT = SITES.wordpress + SITES.ghost + SITES.git;

it('three instances, one killed every few seconds: every item on every site exactly once', async () => {
  const lines: string[] = [];
  const figures = await runFleetScenario({
    items: ITEMS,
    sites: SITES,
    killEveryMs: 4_000,
    settleMs: 180_000,
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
  // No life of the killed instance ended by itself (only our SIGKILLs end it).
  expect(figures.exitedAlone, context).toEqual([]);
  expect(figures.states, context).toEqual({ published: ITEMS * SITE_COUNT });
  expect(figures.wrong, context).toEqual([]);
  expect(Object.values(figures.copies), context).toEqual(
    Array.from({ length: SITE_COUNT }, () => ({ none: 0, one: ITEMS, more: 0 })),
  );
  // The victim was really killed in the middle of publishing, and it worked between its deaths.
  expect(figures.killsMidPublish, context).toBeGreaterThanOrEqual(1);
  expect(figures.attemptsBy.victim, context).toBeGreaterThan(0);
}, 600_000);
