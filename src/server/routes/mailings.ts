import { z } from 'zod';
import { createMailingSchema } from '../../tasks/mail/mailings.js';
import { route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { requireMail, requestOrigin } from './mail-common.js';

/** Promotional mailings: create from a content item and a CSV, start/resume, stop, progress per recipient. */
export function mailingRoutes(deps: RouteDeps): ApiRoute[] {
  const mail = () => requireMail(deps.mail);
  return [
    route(
      {
        method: 'post',
        path: '/api/v1/clients/:id/mailings',
        access: 'agency',
        tag: 'mail',
        summary:
          'Create a mailing (CSV text in `csv`); answers CSV problems and whether the client’s Ghost site could send its own newsletter instead',
        params: idParams,
        body: createMailingSchema,
        success: 201,
      },
      async ({ params, body, req }) => {
        await deps.tasks.getClient(params.id);
        // Unless configured (SITEDESK_PUBLIC_URL), recipients reach sitedesk where she does.
        const created = await mail().createMailing(params.id, body, requestOrigin(req));
        const ghost = (await deps.tasks.listSites({ clientId: params.id })).filter(
          (s) => s.kind === 'ghost',
        );
        return {
          json: {
            ...created,
            ghostNewsletter: { available: ghost.length > 0, siteIds: ghost.map((s) => s.id) },
          },
        };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/mailings/:id',
        access: 'agency',
        tag: 'mail',
        summary: 'A mailing with counts per state and each recipient’s state',
        params: idParams,
      },
      async ({ params }) => ({
        json: {
          ...(await mail().getMailing(params.id)),
          recipients: await mail().listMailingRecipients(params.id),
        },
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/mailings/:id/start',
        access: 'agency',
        tag: 'mail',
        summary:
          'Start or resume a mailing in the background (recipients already sent are skipped)',
        params: idParams,
        body: z.strictObject({ resendUnknown: z.boolean().default(false) }),
        success: 202,
      },
      async ({ params, body }) => {
        const { mailing } = await mail().startMailing(params.id, body);
        return { json: mailing };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/mailings/:id/stop',
        access: 'agency',
        tag: 'mail',
        summary: 'Stop a running mailing after its current recipient (resume with start)',
        params: idParams,
      },
      async ({ params }) => {
        await mail().getMailing(params.id);
        return { json: { stopping: mail().stopMailing(params.id) } };
      },
    ),
  ];
}
