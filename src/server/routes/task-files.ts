import { z } from 'zod';
import { idSchema } from '../../tasks/schemas/common.js';
import { route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { queryInt } from '../api/params.js';
import { sendStoredFile } from '../send-file.js';

/** The files of tasks (a client's images, a mail's attachments) for the agency to download. */
export function taskFileRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/tasks/:id/attachments/:n',
        access: 'agency',
        tag: 'tasks',
        summary:
          'Attachment `n` (0-based, the `url` of each attachment in the task) — images inline, anything else as a download',
        params: z.strictObject({ id: idSchema, n: queryInt(0, 999) }),
        produces: '*/*',
      },
      async ({ params, res }) => {
        const file = await deps.tasks.getTaskAttachment(params.id, params.n, {
          uploadDir: deps.uploadDir,
          ...(deps.mail ? { mailDir: deps.mail.mailDir } : {}),
        });
        // Not immutable: an edit of the task's details may put another file at index n.
        await sendStoredFile(res, file, 'private, no-cache');
        return undefined;
      },
    ),
  ];
}
