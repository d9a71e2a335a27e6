/**
 * The region journey every remote site kind must pass (issue 23), against a real site: the
 * test names how to read a page's raw content and count its revisions through the site's own
 * API (never through the connector), and how "someone" breaks the markers.
 */
import { expect } from 'vitest';
import type { Connector } from '../../../src/connectors/types.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import type { Store } from '../../../src/store/index.js';
import { createRunner, createTaskService, type Site } from '../../../src/tasks/index.js';
import { discoverRegions, type Region } from '../../../src/tasks/regions/index.js';

const who = { actor: 'anna' };

/** What the journey needs from one site kind. */
export interface RegionSite {
  kind: 'wordpress' | 'ghost';
  url: string;
  settings: Record<string, unknown>;
  connectorFor(site: Site): Connector | Promise<Connector>;
  /** The id of the page holding region `opening-hours`, and of one with broken markers. */
  pageRef: string;
  brokenRef: string;
  /** The page's raw stored content, read through the site's own API. */
  raw(ref: string): Promise<string>;
  /** How many revisions (or edits, as the site counts them) the page has. */
  revisions(ref: string): Promise<number>;
  /** Someone removes the region's closing marker in the site's own editor. */
  breakMarkers(ref: string): Promise<void>;
}

/** The parts of `text` before the region's opening marker ends and from its closing marker on. */
export function outside(text: string, name: string): [string, string] {
  const open = `<!-- sitedesk:${name} -->`;
  const close = `<!-- /sitedesk:${name} -->`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  expect(a).toBeGreaterThanOrEqual(0);
  expect(b).toBeGreaterThan(a);
  return [text.slice(0, a + open.length), text.slice(b)];
}

/** Discovery, an update, the same text again, and broken markers, with every check. */
export async function regionJourney(store: Store, s: RegionSite): Promise<void> {
  const tasks = createTaskService({ store, clock: systemClock });
  const client = await tasks.createClient({ name: 'Pekárna', timezone: 'Europe/Prague' }, who);
  const site = await tasks.createSite(
    { clientId: client.id, name: 'Bakery website', kind: s.kind, url: s.url, settings: s.settings },
    who,
  );
  const deps = { ...tasks.deps, logger: createSilentLogger(), connectorFor: s.connectorFor };

  const found = await discoverRegions(tasks.deps, site.id, s.connectorFor, who);
  const hours = found.regions.find(
    (r: Region) => r.name === 'opening-hours' && r.page.ref === s.pageRef,
  );
  expect(hours).toMatchObject({
    status: 'ok',
    siteKind: s.kind,
    siteName: 'Bakery website',
    label: 'Opening hours',
    page: { ref: s.pageRef, kind: 'page', title: 'Otevírací doba' },
    content: 'Po–Pá **7–18**',
  });
  expect(found.regions.find((r) => r.page.ref === s.brokenRef)).toMatchObject({
    name: 'menu',
    status: 'broken',
    problem: { code: 'region_broken' },
  });
  expect(found.problems).toContainEqual(
    expect.objectContaining({ pageRef: s.brokenRef, code: 'region_broken' }),
  );
  if (!hours) throw new Error('region not found');

  const before = await s.raw(s.pageRef);
  const revisions = await s.revisions(s.pageRef);

  // A real change: only the region changes, one revision.
  const text = '**Po–Pá** 7–18\n\nSobota: zavřeno';
  const update = await tasks.requestRegionUpdate({ regionIds: [hours.id], content: text }, who);
  expect(update.unchanged).toEqual([]);
  await createRunner({}, deps).runDue();
  const done = await tasks.getTask(update.taskId);
  expect(done.task.status).toBe('done');
  expect(done.publications).toMatchObject([{ state: 'published', remoteId: s.pageRef }]);
  const after = await s.raw(s.pageRef);
  expect(outside(after, 'opening-hours')).toEqual(outside(before, 'opening-hours'));
  expect(after).toContain('<p><strong>Po–Pá</strong> 7–18</p>');
  expect(after).not.toContain('7–18</strong>');
  expect(await s.revisions(s.pageRef)).toBe(revisions + 1);

  // A crash right after the site took the change, before the result was recorded: the row is
  // left in flight without a lease (its process is gone); a restarted runner takes it over,
  // writes nothing twice and records it once.
  await store.db
    .updateTable('publications')
    .set({ state: 'publishing', owner: null, lease_until: null })
    .where('task_id', '=', update.taskId)
    .execute();
  const controller = new AbortController();
  const restarted = createRunner({ pollMs: 50 }, deps).run(controller.signal);
  let resumed = await tasks.getTask(update.taskId);
  for (let i = 0; i < 400 && resumed.publications[0]?.state !== 'published'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    resumed = await tasks.getTask(update.taskId);
  }
  controller.abort();
  await restarted;
  expect(resumed.publications).toMatchObject([{ state: 'published', attempts: 2 }]);
  expect(await s.raw(s.pageRef)).toBe(after);
  expect(await s.revisions(s.pageRef)).toBe(revisions + 1);

  // The same text again: nothing written, no revision.
  const again = await tasks.requestRegionUpdate({ regionIds: [hours.id], content: text }, who);
  expect(again.unchanged).toEqual([hours.id]);
  await createRunner({}, deps).runDue();
  expect((await tasks.getTask(again.taskId)).task.status).toBe('done');
  expect(await s.raw(s.pageRef)).toBe(after);
  expect(await s.revisions(s.pageRef)).toBe(revisions + 1);

  // Someone breaks the markers: the publication fails saying how to mend them, the page stays.
  await s.breakMarkers(s.pageRef);
  const edited = await s.raw(s.pageRef);
  const editedRevisions = await s.revisions(s.pageRef);
  const failing = await tasks.requestRegionUpdate(
    { regionIds: [hours.id], content: 'Po–Ne 8–20' },
    who,
  );
  await createRunner({}, deps).runDue();
  const failed = await tasks.getTask(failing.taskId);
  expect(failed.task.status).toBe('failed');
  const hint = s.kind === 'wordpress' ? 'Custom HTML block' : 'HTML card';
  expect(failed.publications[0]?.lastError).toContain(hint);
  expect(failed.publications[0]?.lastError).toMatch(/\[region_broken\]$/);
  expect(await s.raw(s.pageRef)).toBe(edited);
  expect(await s.revisions(s.pageRef)).toBe(editedRevisions);
  const region = await tasks.deps.db
    .selectFrom('site_regions')
    .select(['status', 'problem'])
    .where('id', '=', hours.id)
    .executeTakeFirstOrThrow();
  expect(region.status).toBe('broken');
}
