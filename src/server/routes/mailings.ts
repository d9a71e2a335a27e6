import { z } from 'zod';
import { MailError } from '../../connectors/mail/index.js';
import { testMailSchema } from '../../tasks/mail/mailing-list.js';
import { createMailingSchema } from '../../tasks/mail/mailings.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { HttpError } from '../http-errors.js';
import { requireMail, requestOrigin } from './mail-common.js';
import {
  createdMailingAnswer,
  mailingAnswer,
  mailingWithRecipientsAnswer,
} from '../answers/mailings.js';
import { answers, listOf } from '../answers/page.js';

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
          'Create a mailing of a promotion text (`contentItemId`) or of a `subject` and `markdown` written for it (kept as a promotion text); recipients as CSV text or one address a line in `csv`; answers CSV problems, how many are suppressed, and whether the client’s Ghost site could send its own newsletter instead',
        params: idParams,
        body: createMailingSchema,
        success: 201,
        responses: answers(201, 'The new mailing and what its CSV held', createdMailingAnswer),
      },
      async ({ params, body, req, who }) => {
        await deps.tasks.getClient(params.id);
        // Unless configured (SITEDESK_PUBLIC_URL), recipients reach sitedesk where she does.
        const created = await mail().createMailing(
          params.id,
          body,
          requestOrigin(req),
          actorOf(who),
        );
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
        path: '/api/v1/clients/:id/mailings',
        access: 'agency',
        tag: 'mail',
        summary: 'A client’s mailings, newest first (at most 50), with counts per state',
        params: idParams,
        responses: answers(200, 'The mailings, newest first', listOf(mailingAnswer)),
      },
      async ({ params }) => {
        await deps.tasks.getClient(params.id);
        return { json: { items: await mail().listMailings(params.id) } };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/mailings/:id/test',
        access: 'agency',
        tag: 'mail',
        summary:
          'Send the mailing’s mail once to `to` (her own address) as a recipient gets it; 503 with the cause when the mail server does not take it',
        params: idParams,
        body: testMailSchema,
        responses: answers(
          200,
          'Where it went and its Message-ID',
          z.object({ to: z.string(), messageId: z.string() }),
        ),
      },
      async ({ params, body }) => {
        try {
          return { json: await mail().sendTestMail(params.id, body) };
        } catch (error) {
          if (!(error instanceof MailError)) throw error;
          throw new HttpError(
            503,
            error.code,
            `The test mail was not sent: ${error.message}. Try again when the mail server answers.`,
          );
        }
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
        responses: answers(200, 'The mailing and its recipients', mailingWithRecipientsAnswer),
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
        responses: answers(202, 'The mailing, now running', mailingAnswer),
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
        responses: answers(
          200,
          'Whether a run of this process was stopped',
          z.object({ stopping: z.boolean() }),
        ),
      },
      async ({ params }) => {
        await mail().getMailing(params.id);
        return { json: { stopping: mail().stopMailing(params.id) } };
      },
    ),
  ];
}
