import { join } from 'node:path';
import { z } from 'zod';
import { listArchivedClients, removeClientForGood } from '../../tasks/clients/final/index.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { finalRemovalAnswer, removalStateAnswer } from '../answers/clients.js';
import { answers, listOf } from '../answers/page.js';

/** Body of a final removal: the client's name typed again, and whether no export is fine. */
const finalRemovalSchema = z.strictObject({
  confirmName: z.string().min(1).max(200),
  withoutExport: z.boolean().default(false),
});

/** Archived clients and their final removal (issue 21, docs/operator/client-removal.md). */
export function clientRemovalRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/archived-clients',
        access: 'agency',
        tag: 'clients',
        summary:
          'Archived clients by name, each with its newest export (`lastExport`: when, by whom, file, size, SHA-256), its last change and whether an export newer than that exists (`exportCurrent`)',
        responses: answers(200, 'The archived clients', listOf(removalStateAnswer)),
      },
      async () => ({ json: { items: await listArchivedClients(tasks.deps.db) } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/clients/:id/final-removal',
        access: 'admin',
        tag: 'clients',
        summary:
          "Remove an archived client's data for good (cannot be undone): tasks, threads, texts, publications, mail, letters register, meetings, mailings, suppression lists, its files, the secrets of its sites, mailboxes and calendars, its private links; the history keeps one anonymous line. `confirmName` must be the client's name; 409 unless it is archived and exported after its last change (or `withoutExport: true`), or while one of its mailboxes serves another client",
        params: idParams,
        body: finalRemovalSchema,
        responses: answers(200, 'What was removed', finalRemovalAnswer),
      },
      async ({ params, body, who }) => {
        const { dataDir } = deps;
        const roots = {
          uploadDir: deps.uploadDir,
          ...(dataDir ? { mailDir: join(dataDir, 'mail'), gitDir: join(dataDir, 'git') } : {}),
        };
        const done = await removeClientForGood(
          tasks.deps,
          deps.secrets,
          params.id,
          actorOf(who),
          roots,
          body,
        );
        if (done.filesLeft.length || !done.compacted)
          deps.logger.warn(
            { clientId: done.clientId, filesLeft: done.filesLeft, compacted: done.compacted },
            'a client was removed for good, but not everything on disk could be cleaned',
          );
        return { json: done };
      },
    ),
  ];
}
