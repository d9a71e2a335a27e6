import express, { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.js';
import type { MailDesk } from '../../tasks/mail/index.js';
import { importSuppressionsSchema } from '../../tasks/mail/suppressions.js';
import { route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { requireMail } from './mail-common.js';
import { csvProblemAnswer, suppressionAnswer, unsubscribeAnswer } from '../answers/mailings.js';
import { answers, listOf } from '../answers/page.js';

/** `:token` of an unsubscribe link: two base64url parts. */
const tokenParams = z.strictObject({
  token: z
    .string()
    .max(1000)
    .regex(/^[\w-]+\.[\w-]+$/, 'an unsubscribe link token'),
});

/**
 * The unsubscribe links in mailings (public: the recipient has no account) and each client's
 * suppression list (agency): list, add by hand, import and export as CSV.
 */
export function suppressionRoutes(deps: RouteDeps): ApiRoute[] {
  const mail = () => requireMail(deps.mail);
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/unsubscribe/:token',
        access: 'public',
        tag: 'mail',
        summary: 'What an unsubscribe link is about (sender, address, language); changes nothing',
        params: tokenParams,
        responses: answers(200, 'What the link is about', unsubscribeAnswer),
      },
      async ({ params }) => ({ json: await mail().unsubscribeInfo(params.token) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/unsubscribe/:token',
        access: 'public',
        tag: 'mail',
        summary: 'Unsubscribe the address of a link from its client’s mailings',
        params: tokenParams,
        responses: answers(200, 'The address, now unsubscribed', unsubscribeAnswer),
      },
      async ({ params }) => ({ json: await mail().unsubscribe(params.token) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/suppressions',
        access: 'agency',
        tag: 'mail',
        summary: 'The addresses no mailing of the client reaches (unsubscribed, bounced, by hand)',
        params: idParams,
        responses: answers(
          200,
          'The suppressed addresses, newest first',
          listOf(suppressionAnswer),
        ),
      },
      async ({ params }) => ({ json: { items: await mail().listSuppressions(params.id) } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/clients/:id/suppressions',
        access: 'agency',
        tag: 'mail',
        summary: 'Add an address to the client’s suppression list by hand',
        params: idParams,
        body: z.strictObject({ email: z.email().max(320) }),
        success: 201,
        responses: answers(201, 'The address as kept', z.object({ email: z.string() })),
      },
      async ({ params, body }) => {
        await deps.tasks.getClient(params.id);
        await mail().suppress(params.id, body.email);
        return { json: { email: body.email.toLowerCase() } };
      },
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/clients/:id/suppressions/:email',
        access: 'agency',
        tag: 'mail',
        summary:
          'Take an address off the client’s suppression list (e.g. added by mistake); 404 when it is not there',
        params: z.strictObject({ id: idParams.shape.id, email: z.email().max(320) }),
        responses: answers(
          200,
          'The address taken off',
          z.object({ email: z.string(), removed: z.literal(true) }),
        ),
      },
      async ({ params }) => {
        await deps.tasks.getClient(params.id);
        await mail().unsuppress(params.id, params.email);
        return { json: { email: params.email.toLowerCase(), removed: true } };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/clients/:id/suppressions/import',
        access: 'agency',
        tag: 'mail',
        summary: 'Add every address of a CSV (an `email` column) to the client’s suppression list',
        params: idParams,
        body: importSuppressionsSchema,
        responses: answers(
          200,
          'How many were added, and the lines not used',
          z.object({ added: z.number().int(), problems: z.array(csvProblemAnswer) }),
        ),
      },
      async ({ params, body }) => ({ json: await mail().importSuppressions(params.id, body) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/suppressions/export',
        access: 'agency',
        tag: 'mail',
        summary: 'The client’s suppression list as CSV (email, reason, at)',
        params: idParams,
        produces: '*/*',
      },
      async ({ params, res }) => {
        const csv = await mail().exportSuppressions(params.id);
        res.type('text/csv').attachment('suppressions.csv').send(csv);
        return undefined;
      },
    ),
  ];
}

/**
 * The address in the List-Unsubscribe header and the mail's link: `POST /u/:token` is the
 * RFC 8058 one-click (a mail program posts `List-Unsubscribe=One-Click`, no cookie, no page);
 * `GET /u/:token` (a person clicking, or a scanner) only leads to the web app's page, which
 * asks before unsubscribing.
 */
export function unsubscribeRouter(mail: MailDesk | undefined): Router {
  const router = Router();
  const valid = (token: string) => tokenParams.safeParse({ token }).success;
  router.get('/u/:token', (req, res) => {
    if (!valid(req.params.token)) throw new NotFoundError('This unsubscribe link is not valid.');
    res.redirect(303, `/#/u/${req.params.token}`);
  });
  router.post(
    '/u/:token',
    express.urlencoded({ extended: false, limit: '2kb' }),
    async (req, res) => {
      if (!valid(req.params.token)) throw new NotFoundError('This unsubscribe link is not valid.');
      const info = await requireMail(mail).unsubscribe(req.params.token);
      res.json({ unsubscribed: info.unsubscribed });
    },
  );
  return router;
}
