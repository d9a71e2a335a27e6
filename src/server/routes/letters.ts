/**
 * Letters (issue 20): a client's letterheads and templates, letter tasks, their PDF, sending
 * by e-mail (through the mail outbox) or recording them as posted, and the register with its
 * CSV export. Sending needs the mail desk (503 without it); everything else works without.
 */
import { z } from 'zod';
import { createLetter, getLetter, letterPdf, updateLetter } from '../../tasks/letters/letters.js';
import { createLetterSchema, letterChangeSchema } from '../../tasks/letters/letter-input.js';
import { createLetterhead, listLetterheads } from '../../tasks/letters/letterheads.js';
import { letterheadInputSchema } from '../../tasks/letters/letterhead-schema.js';
import { listRegister, registerCsv, registerQuerySchema } from '../../tasks/letters/register.js';
import { postLetterSchema, resendSchema, sendLetterSchema } from '../../tasks/letters/send.js';
import {
  createLetterTemplate,
  letterTemplateSchema,
  listLetterTemplates,
} from '../../tasks/letters/templates.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { requireMail } from './mail-common.js';
import {
  letterAnswer,
  letterheadAnswer,
  letterTemplateAnswer,
  registerEntryAnswer,
} from '../answers/letters.js';
import { answers, listOf } from '../answers/page.js';

/** The letter routes (agency users only). */
export function letterRoutes(deps: RouteDeps): ApiRoute[] {
  const inner = deps.tasks.deps;
  const letters = () => requireMail(deps.mail).letters;
  return [
    route(
      {
        method: 'post',
        path: '/api/v1/clients/:id/letterheads',
        access: 'agency',
        tag: 'letters',
        summary:
          'Add a letterhead of the client (logo and signature as base64 PNG/JPEG, at most 300 KB each)',
        params: idParams,
        body: letterheadInputSchema,
        success: 201,
        responses: answers(201, 'The new letterhead', letterheadAnswer),
      },
      async ({ params, body, who }) => ({
        json: await createLetterhead(inner, params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/letterheads',
        access: 'agency',
        tag: 'letters',
        summary: 'The client’s letterheads (without image bytes)',
        params: idParams,
        responses: answers(200, 'The letterheads', listOf(letterheadAnswer)),
      },
      async ({ params }) => ({ json: { items: await listLetterheads(inner, params.id) } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/clients/:id/letter-templates',
        access: 'agency',
        tag: 'letters',
        summary: 'Add a letter template with {{field}} placeholders',
        params: idParams,
        body: letterTemplateSchema,
        success: 201,
        responses: answers(201, 'The new template', letterTemplateAnswer),
      },
      async ({ params, body, who }) => ({
        json: await createLetterTemplate(inner, params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/letter-templates',
        access: 'agency',
        tag: 'letters',
        summary: 'The client’s letter templates and their fields',
        params: idParams,
        responses: answers(200, 'The templates', listOf(letterTemplateAnswer)),
      },
      async ({ params }) => ({ json: { items: await listLetterTemplates(inner, params.id) } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/letters',
        access: 'agency',
        tag: 'letters',
        summary:
          'Write a letter (a task of kind letter); the address must fit the envelope window. Answering a mail task, the mail’s voice messages become its dictation',
        body: createLetterSchema,
        success: 201,
        responses: answers(201, 'The new letter task', letterAnswer),
      },
      async ({ body, who }) => {
        const letter = await createLetter(inner, body, actorOf(who));
        if (!letter.details.replyTo || !deps.mail) return { json: letter };
        // A voice message that came with the mail is there to play at once (docs/letters.md).
        try {
          return {
            json: await deps.mail.letters.dictationFromMail(letter.id, actorOf(who)),
          };
        } catch (error) {
          // The letter is saved; a recording that could not be copied is added by hand.
          deps.logger.warn({ err: error, taskId: letter.id }, 'voice message not taken from mail');
          return { json: letter };
        }
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/letters/:id',
        access: 'agency',
        tag: 'letters',
        summary: 'One letter task',
        params: idParams,
        responses: answers(200, 'The letter task', letterAnswer),
      },
      async ({ params }) => ({ json: await getLetter(inner, params.id) }),
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/letters/:id',
        access: 'agency',
        tag: 'letters',
        summary: 'Change what a letter says (refused once it went out)',
        params: idParams,
        body: letterChangeSchema.extend({
          expectedVersion: z.number().int().min(1).optional(),
        }),
        responses: answers(200, 'The changed letter task', letterAnswer),
      },
      async ({ params, body, who }) => ({
        json: await updateLetter(inner, params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/letters/:id/pdf',
        access: 'agency',
        tag: 'letters',
        summary: 'The letter’s PDF: what went out, else a fresh draft',
        params: idParams,
        produces: '*/*',
      },
      async ({ params, res }) => {
        const { pdf, final } = await letterPdf(inner, params.id);
        res
          .type('application/pdf')
          .setHeader('Content-Disposition', `inline; filename="${final ? 'letter' : 'draft'}.pdf"`);
        res.send(pdf);
        return undefined;
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/letters/:id/send',
        access: 'agency',
        tag: 'letters',
        summary:
          'Number the letter and send it by e-mail from the client’s mailbox (through the outbox)',
        params: idParams,
        body: sendLetterSchema,
        success: 202,
        responses: answers(202, 'The numbered letter, its mail queued', letterAnswer),
      },
      async ({ params, body, who }) => ({
        json: await letters().send(params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/letters/:id/posted',
        access: 'agency',
        tag: 'letters',
        summary: 'Record the letter as printed and posted on a day (numbered, PDF kept)',
        params: idParams,
        body: postLetterSchema,
        responses: answers(200, 'The numbered letter, recorded as posted', letterAnswer),
      },
      async ({ params, body, who }) => ({
        json: await letters().post(params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/letters/:id/resend',
        access: 'agency',
        tag: 'letters',
        summary:
          'A failed or unsure letter: send the same message again, or (arrived) keep only its Sent copy',
        params: idParams,
        body: resendSchema,
        success: 202,
        responses: answers(
          202,
          'Whether the mail was queued again',
          z.object({ queued: z.boolean() }),
        ),
      },
      async ({ params, body }) => ({ json: { queued: await letters().resend(params.id, body) } }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/letter-register',
        access: 'agency',
        tag: 'letters',
        summary:
          'Letters that went out, newest number first; `q` searches number, recipient, e-mail, subject',
        params: idParams,
        query: registerQuerySchema,
        responses: answers(200, 'The letters that went out', listOf(registerEntryAnswer)),
      },
      async ({ params, query }) => ({
        json: { items: await listRegister(inner, params.id, query) },
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/letter-register/export',
        access: 'agency',
        tag: 'letters',
        summary: 'The register as CSV (number, date, method, recipient, email, subject)',
        params: idParams,
        query: registerQuerySchema,
        produces: '*/*',
      },
      async ({ params, query, res }) => {
        const csv = registerCsv(await listRegister(inner, params.id, query));
        res.type('text/csv; charset=utf-8').attachment('letters.csv').send(csv);
        return undefined;
      },
    ),
  ];
}
