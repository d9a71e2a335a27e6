import { z } from 'zod';
import { WebhookError } from '../../connectors/calls/index.js';
import { SitedeskError } from '../../shared/errors.js';
import { createCallSchema } from '../../tasks/calls/create-call.js';
import { callSettingsSchema } from '../../tasks/calls/settings.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { HttpError } from '../http-errors.js';
import { rawBodyOf } from '../raw-body.js';
import { requireMail } from './mail-common.js';
import {
  callAnswer,
  callDecisionAnswer,
  callSettingsAnswer,
  savedCallSettingsAnswer,
} from '../answers/calls.js';
import { answers } from '../answers/page.js';

/** Call settings, call tasks with the forward-or-message decision, and the telephony webhook. */
export function callRoutes(deps: RouteDeps): ApiRoute[] {
  const mail = () => requireMail(deps.mail);
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/call-settings',
        access: 'agency',
        tag: 'calls',
        summary:
          'A client’s call settings (hours, forwarding rules, delivery of messages); null when none',
        params: idParams,
        responses: answers(
          200,
          'The settings, null when none',
          z.object({ settings: callSettingsAnswer.nullable() }),
        ),
      },
      async ({ params }) => {
        await deps.tasks.getClient(params.id);
        return { json: { settings: (await mail().getCallSettings(params.id)) ?? null } };
      },
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/clients/:id/call-settings',
        access: 'agency',
        tag: 'calls',
        summary: 'Save a client’s call settings; answers forwarding rules that can never match',
        params: idParams,
        body: callSettingsSchema,
        responses: answers(
          200,
          'The saved settings and rules that cannot work',
          savedCallSettingsAnswer,
        ),
      },
      async ({ params, body }) => ({ json: await mail().setCallSettings(params.id, body) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/calls',
        access: 'agency',
        tag: 'calls',
        summary:
          'Record a call: the task and the decision (forward now or take a message) with its reason',
        body: createCallSchema,
        success: 201,
        responses: answers(201, 'The call task and the decision', callAnswer),
      },
      async ({ body, who }) => ({ json: await mail().createCallTask(body, actorOf(who)) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/webhooks/calls',
        access: 'public',
        tag: 'calls',
        summary:
          'Telephony events (signed: X-Sitedesk-Timestamp, X-Sitedesk-Signature sha256=HMAC(secret, "<ts>.<body>")); 401 bad signature, 409 replay, 400 bad event',
        success: 201,
        responses: answers(
          201,
          'The call task made and the decision',
          z.object({ taskId: z.string(), decision: callDecisionAnswer }),
        ),
      },
      async ({ req, res }) => {
        const rawBody = rawBodyOf(res);
        if (rawBody === undefined)
          throw new HttpError(400, 'validation_failed', 'Send the call event as JSON.', {
            details: [{ path: 'body', message: 'Content-Type must be application/json' }],
          });
        try {
          const outcome = await mail().receiveCallWebhook({ headers: req.headers, rawBody });
          return { json: { taskId: outcome.task.id, decision: outcome.decision } };
        } catch (error) {
          if (error instanceof WebhookError)
            throw new HttpError(error.httpStatus, error.code, error.message, {
              details: [...(error.details ?? [])],
            });
          if (error instanceof SitedeskError && error.code === 'webhook_not_configured')
            throw new HttpError(503, error.code, error.message);
          throw error;
        }
      },
    ),
  ];
}
