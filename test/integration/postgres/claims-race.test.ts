/**
 * Two sitedesk instances on one PostgreSQL database (two stores, each with its own connection
 * pool, as two processes would have) racing for the same work. On SQLite `begin immediate`
 * makes write transactions take turns; on PostgreSQL the store's advisory write lock must give
 * the same: one claimer wins each publication, every post goes out once, and each task settles
 * from the final state of all its publications.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, ContentItem, PublishResult } from '../../../src/connectors/types.js';
import { createFakeClock, type FakeClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import type { Store } from '../../../src/store/index.js';
import { inTransaction } from '../../../src/tasks/context.js';
import {
  createRunner,
  createTaskService,
  type Site,
  type TaskService,
} from '../../../src/tasks/index.js';
import { changePublication } from '../../../src/tasks/publishing/runner/outbox.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
const anna = { actor: 'anna' };

let clock: FakeClock;
let stores: Store[];
let a: TaskService;
let b: TaskService;
beforeEach(async () => {
  clock = createFakeClock(Date.UTC(2026, 2, 2, 8));
  const url = await postgres.freshDatabase();
  stores = [await postgres.open(url), await postgres.open(url)];
  [a, b] = stores.map((store) => createTaskService({ store, clock })) as [TaskService, TaskService];
});
afterEach(async () => {
  for (const store of stores) await store.close();
});

// An in-memory remote that counts posts per site and slug (a second create is a duplicate);
// the real sites' idempotence is tested in test/integration/crash against real servers.
function remote() {
  const posts = new Map<string, number>();
  const connectorFor = (site: Site): Connector =>
    ({
      kind: site.kind,
      capabilities: new Set(),
      publish: async (
        item: ContentItem,
        options: { remoteId?: string },
      ): Promise<PublishResult> => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        const key = `${site.id}/${item.slug}`;
        posts.set(key, (posts.get(key) ?? 0) + 1);
        return {
          remoteId: key,
          url: `https://x/${key}`,
          status: 'published',
          created: !options.remoteId,
        };
      },
    }) as unknown as Connector;
  return { posts, connectorFor };
}

async function queue(items: number, siteCount: number): Promise<void> {
  const client = await a.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, anna);
  const siteIds: string[] = [];
  for (let i = 0; i < siteCount; i++)
    siteIds.push(
      (
        await a.createSite(
          { clientId: client.id, name: `S${i}`, kind: 'git', url: `https://s${i}.example.cz` },
          anna,
        )
      ).id,
    );
  for (let i = 0; i < items; i++) {
    const item = await a.createContentItem(
      { clientId: client.id, title: `T${i}`, slug: `t-${i}`, markdown: 'x' },
      anna,
    );
    await a.requestPublish({ contentItemId: item.id, siteIds }, anna);
  }
}

describe('two instances on one PostgreSQL database', () => {
  it('racing runners publish 25 items to 3 sites: one attempt and one post each, every task done', async () => {
    await queue(25, 3);
    const { posts, connectorFor } = remote();
    const runners = [a, b].map((service, i) =>
      createRunner(
        { owner: `host:${i + 1}:r`, concurrency: 3, maxAttempts: 2, baseDelayMs: 1 },
        { ...service.deps, logger: createSilentLogger(), connectorFor },
      ),
    );
    const [one, two] = runners as [(typeof runners)[0], (typeof runners)[0]];
    await Promise.all([one.runDue(), two.runDue(), one.runDue(), two.runDue()]);
    const all = await b.listPublications();
    expect(all).toHaveLength(75);
    expect(all.filter((p) => p.state !== 'published')).toEqual([]);
    expect(all.every((p) => p.attempts === 1)).toBe(true);
    expect(posts.size).toBe(75);
    expect([...posts.values()].filter((n) => n !== 1)).toEqual([]);
    // Both instances took part (otherwise this raced nothing).
    const attempts = await stores[0]!.db
      .selectFrom('history')
      .select('changes')
      .where('action', '=', 'attempt')
      .execute();
    expect(attempts).toHaveLength(75);
    const owners = new Set(attempts.map((r) => (JSON.parse(r.changes) as { owner: string }).owner));
    expect([...owners].sort()).toEqual(['host:1:r', 'host:2:r']);
    const tasks = await a.listTasks({ kind: 'publish', limit: 500 });
    expect(tasks.items).toHaveLength(25);
    expect(tasks.items.filter((t) => t.status !== 'done').map((t) => t.status)).toEqual([]);
  });

  it('two claimers of the same pending publication: exactly one wins, every time', async () => {
    await queue(30, 1);
    const pending = await a.listPublications();
    expect(pending).toHaveLength(30);
    for (const publication of pending) {
      const claims = [a, b].map((service, i) =>
        inTransaction(service.deps, anna, async (unit) => {
          const row = await unit.trx
            .selectFrom('publications')
            .selectAll()
            .where('id', '=', publication.id)
            .executeTakeFirstOrThrow();
          return changePublication(
            service.deps,
            unit,
            row,
            ['pending'],
            {
              state: 'publishing',
              attempts: row.attempts + 1,
              owner: `claimer-${i}`,
              lease_until: new Date(clock.now() + 30_000).toISOString(),
            },
            'attempt',
          );
        }),
      );
      const won = (await Promise.all(claims)).filter((claimed) => claimed !== undefined);
      expect(won).toHaveLength(1);
    }
    const after = await b.listPublications();
    expect(after.every((p) => p.state === 'publishing' && p.attempts === 1)).toBe(true);
  });

  it('write transactions take turns, as with SQLite begin immediate: the second waits for the first to commit', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    let entered!: () => void;
    const firstIn = new Promise<void>((resolve) => (entered = resolve));
    const first = stores[0]!.db.transaction().execute(async (trx) => {
      await trx.selectFrom('clients').select('id').execute();
      entered();
      await held;
      order.push('first commits');
    });
    await firstIn;
    const second = stores[1]!.db.transaction().execute(async (trx) => {
      order.push('second begins');
      await trx.selectFrom('clients').select('id').execute();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first commits', 'second begins']);
  });
});
