/**
 * soak:scale (issue 22): the fleet scenario at the issue's size — three `sitedesk serve`
 * instances on one real PostgreSQL publish 300 items to 12 real sites (4 WordPress, 4 Ghost,
 * 4 git) while the third instance is killed with SIGKILL every few seconds and started again —
 * then counts the copies of every item on every site through the sites' own APIs and prints
 * the figures. Exits 1 unless every publication is published and every site holds exactly one
 * copy of every item. The CI-sized run of the same scenario is
 * test/integration/postgres/fleet-kill.test.ts.
 * Settings (environment): SOAK_ITEMS (default 300), SOAK_WORDPRESS, SOAK_GHOST, SOAK_GIT
 * (default 4 each), SOAK_KILL_EVERY_MS (default 5000: the victim's life between starts, ±50 %),
 * SOAK_SETTLE_MINUTES (default 90: it gives up and prints what it has after that).
 */
import { runFleetScenario } from '../test/integration/postgres/fleet-scenario.js';

const whole = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};

const started = Date.now();
const stamp = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s`;
const figures = await runFleetScenario({
  items: whole('SOAK_ITEMS', 300),
  sites: {
    wordpress: whole('SOAK_WORDPRESS', 4),
    ghost: whole('SOAK_GHOST', 4),
    git: whole('SOAK_GIT', 4),
  },
  killEveryMs: whole('SOAK_KILL_EVERY_MS', 5_000),
  settleMs: whole('SOAK_SETTLE_MINUTES', 90) * 60_000,
  log: (line) => console.log(`${stamp()}  ${line}`),
});

const perSite = Object.entries(figures.copies).sort(([a], [b]) => a.localeCompare(b));
const published = figures.states.published ?? 0;
console.log(`
items                 ${figures.items}
sites                 ${figures.sites}
publications          ${figures.publications} (${JSON.stringify(figures.states)})
kills (SIGKILL)       ${figures.kills}, ${figures.killsMidPublish} of them while it held a publication
ended by itself       ${figures.exitedAlone.length}${figures.exitedAlone.map((e) => `\n  ${e}`).join('')}
taken over            ${figures.takenOver} publications
attempts by instance  a ${figures.attemptsBy.a}, b ${figures.attemptsBy.b}, killed one ${figures.attemptsBy.victim}
start (fleet + 3)     ${(figures.startMs / 1000).toFixed(1)} s
publishing            ${(figures.publishMs / 1000).toFixed(1)} s, ${((published / figures.publishMs) * 1000).toFixed(2)} publications/s
copies per site       (items with 0 / 1 / more than 1 copy)
${perSite.map(([site, c]) => `  ${site.padEnd(16)} ${c.none} / ${c.one} / ${c.more}`).join('\n')}
${figures.wrong.length ? `missing or doubled:\n  ${figures.wrong.join('\n  ')}` : 'every item exactly once on every site'}
${figures.failed.length ? `failed: ${JSON.stringify(figures.failed.slice(0, 10))}` : ''}`);

const ok =
  published === figures.publications &&
  figures.wrong.length === 0 &&
  figures.failed.length === 0 &&
  figures.exitedAlone.length === 0;
process.exit(ok ? 0 : 1);
