import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateTaskInput } from '../../../src/tasks/index.js';
import { anna, callInput, counts, createHarness, seedClient, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** Expects `call` to fail validation on exactly `paths` and to leave every table as it was. */
async function rejectsOn(call: () => Promise<unknown>, paths: string[]): Promise<void> {
  const before = await counts(h.store);
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'validation_failed' });
  const details = (error as { details: { path: string }[] }).details.map((d) => d.path).sort();
  expect(details).toEqual([...paths].sort());
  expect(await counts(h.store)).toEqual(before);
}

describe('clients', () => {
  it('accepts an IANA zone in any case and stores its canonical name', async () => {
    const client = await h.tasks.createClient({ name: 'Deli', timezone: 'america/new_york' }, anna);
    expect(client.timezone).toBe('America/New_York');
  });

  it('changes only the fields a change names (a new signature keeps the languages)', async () => {
    const client = await h.tasks.createClient(
      {
        name: 'Deli',
        timezone: 'Europe/Prague',
        languages: ['cs'],
        availability: [{ day: 'mon', from: '09:00', to: '17:00' }],
      },
      anna,
    );
    const changed = await h.tasks.updateClient(
      client.id,
      { contact: { signature: 'Deli Nowak\nMain Street 1' } },
      anna,
    );
    expect(changed.languages).toEqual(['cs']);
    expect(changed.availability).toEqual([{ day: 'mon', from: '09:00', to: '17:00' }]);
    expect((await h.tasks.getClient(client.id)).contact).toEqual({
      signature: 'Deli Nowak\nMain Street 1',
    });
  });

  it('names every wrong field and saves nothing', async () => {
    await rejectsOn(
      () =>
        h.tasks.createClient(
          {
            name: ' ',
            timezone: 'Mars/Olympus',
            languages: ['not a tag'],
            contact: { email: 'nope', phone: 'call me' },
            availability: [{ day: 'mon', from: '17:00', to: '09:00' }],
          },
          anna,
        ),
      ['name', 'timezone', 'languages.0', 'contact.email', 'contact.phone', 'availability.0.to'],
    );
    await rejectsOn(
      () => h.tasks.createClient({ name: 'X', timezone: '+01:00' }, anna),
      ['timezone'],
    );
    await rejectsOn(
      () => h.tasks.createClient({ name: 'X', timezone: 'UTC', vip: true } as never, anna),
      ['(input)'],
    );
  });

  it('needs an actor for the history', async () => {
    await rejectsOn(
      () => h.tasks.createClient({ name: 'X', timezone: 'UTC' }, { actor: '' }),
      ['(input)'],
    );
  });
});

describe('sites', () => {
  it('refuses anything secret-looking in settings, a URL with credentials, an unknown client', async () => {
    const { client } = await seedClient(h.tasks);
    await rejectsOn(
      () =>
        h.tasks.createSite(
          {
            clientId: client.id,
            name: 'Blog',
            kind: 'ghost',
            url: 'https://user:pw@blog.example.com',
            settings: { adminApiKey: 'id:secret', nested: { password: 'x' }, branch: 'main' },
          },
          anna,
        ),
      ['url', 'settings.adminApiKey', 'settings.nested', 'settings.nested.password'].filter(
        (p) => p !== 'settings.nested',
      ),
    );
    await rejectsOn(
      () =>
        h.tasks.createSite(
          { clientId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', name: 'B', kind: 'git', url: 'https://x.cz' },
          anna,
        ),
      ['clientId'],
    );
    await rejectsOn(
      () =>
        h.tasks.createSite(
          { clientId: client.id, name: 'B', kind: 'drupal' as never, url: 'ftp://x.cz' },
          anna,
        ),
      ['kind', 'url'],
    );
  });
});

describe('content items', () => {
  it('names a bad slug, an empty body and an end before the start', async () => {
    const { client } = await seedClient(h.tasks);
    await rejectsOn(
      () =>
        h.tasks.createContentItem(
          {
            clientId: client.id,
            title: 'Menu',
            slug: 'Weekly Menu!',
            markdown: '  ',
            startsAt: '2026-03-10T00:00:00Z',
            endsAt: '2026-03-09T00:00:00Z',
          },
          anna,
        ),
      ['slug', 'markdown', 'endsAt'],
    );
  });
});

describe('tasks', () => {
  it('validates the details of each kind', async () => {
    const { client } = await seedClient(h.tasks);
    const bad: [CreateTaskInput, string[]][] = [
      [
        {
          kind: 'call',
          clientId: client.id,
          details: { caller: '', number: 'abc', at: 'yesterday' },
        },
        ['details.caller', 'details.number', 'details.at'],
      ],
      [
        {
          kind: 'mail',
          clientId: client.id,
          details: { from: 'a', receivedAt: '2026-13-01T00:00:00Z' },
        },
        ['details.from', 'details.receivedAt'],
      ],
      [
        {
          kind: 'site-edit',
          clientId: client.id,
          details: { request: ' ', attachments: [{ filename: '', contentType: 'x', path: '' }] },
        },
        [
          'details.request',
          'details.attachments.0.filename',
          'details.attachments.0.contentType',
          'details.attachments.0.path',
        ],
      ],
      [
        { kind: 'publish', clientId: client.id, details: { contentItemId: 'x', siteIds: [] } },
        ['details.contentItemId', 'details.siteIds'],
      ],
      [
        {
          ...callInput(client.id),
          priority: 'asap' as never,
          dueAt: '2026-03-02',
          source: 'fax' as never,
        },
        ['priority', 'dueAt', 'source'],
      ],
      [{ kind: 'fax', clientId: client.id, details: {} } as never, ['kind']],
    ];
    for (const [input, paths] of bad) await rejectsOn(() => h.tasks.createTask(input, anna), paths);
  });

  it('refuses ids that do not exist or belong to another client, saving nothing', async () => {
    const { client, sites } = await seedClient(h.tasks);
    const other = await seedClient(h.tasks, 'Florist', 'Europe/Vienna');
    const item = await h.tasks.createContentItem(
      { clientId: other.client.id, title: 'T', slug: 't', markdown: 'Hi' },
      anna,
    );
    await rejectsOn(
      () =>
        h.tasks.createTask(
          {
            kind: 'publish',
            clientId: client.id,
            details: {
              contentItemId: item.id,
              siteIds: [sites[0]!.id, other.sites[0]!.id, '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
            },
          },
          anna,
        ),
      ['details.contentItemId', 'details.siteIds.1', 'details.siteIds.2'],
    );
    await rejectsOn(
      () =>
        h.tasks.createTask(
          {
            kind: 'site-edit',
            clientId: client.id,
            details: { siteId: other.sites[0]!.id, request: 'Fix' },
          },
          anna,
        ),
      ['details.siteId'],
    );
  });

  it('validates a change against the kind and saves nothing when it is wrong', async () => {
    const { client } = await seedClient(h.tasks);
    const task = await h.tasks.createTask(callInput(client.id), anna);
    await rejectsOn(
      () =>
        h.tasks.updateTask(task.id, { details: { number: 'x' }, priority: 'top' as never }, anna),
      ['priority'],
    );
    await rejectsOn(
      () => h.tasks.updateTask(task.id, { details: { number: 'x' } }, anna),
      ['number'],
    );
    expect((await h.tasks.getTask(task.id)).task).toEqual(task);
  });

  it('validates list filters and cursors', async () => {
    await expect(h.tasks.listTasks({ status: 'later' as never, limit: 0 })).rejects.toMatchObject({
      details: [{ path: 'status' }, { path: 'limit' }],
    });
    await expect(h.tasks.listTasks({ cursor: 'garbage' })).rejects.toMatchObject({
      details: [{ path: 'cursor' }],
    });
    await expect(h.tasks.listTasks({ cursor: 'abc', offset: 5 })).rejects.toMatchObject({
      details: [{ path: 'offset' }],
    });
  });
});
