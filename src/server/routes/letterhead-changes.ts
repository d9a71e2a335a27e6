/**
 * Editing and removing a client's letterheads and letter templates (issue 20). What a removal
 * means for letters that used them is decided in src/tasks/letters/letterhead-changes.ts and
 * told in docs/letters.md; the PDFs that went out never change (they are kept in the register).
 */
import { z } from 'zod';
import { removeLetterhead, updateLetterhead } from '../../tasks/letters/letterhead-changes.js';
import { letterheadChangeSchema } from '../../tasks/letters/letterhead-schema.js';
import {
  letterTemplateChangeSchema,
  removeLetterTemplate,
  updateLetterTemplate,
} from '../../tasks/letters/templates.js';
import { idSchema } from '../../tasks/schemas/common.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import {
  letterheadAnswer,
  letterheadRemovalAnswer,
  letterTemplateAnswer,
} from '../answers/letters.js';
import { answers } from '../answers/page.js';

const headParams = z.strictObject({ id: idSchema, letterheadId: idSchema });
const templateParams = z.strictObject({ id: idSchema, templateId: idSchema });

/** PATCH and DELETE of letterheads and templates (agency users only). */
export function letterheadChangeRoutes(deps: RouteDeps): ApiRoute[] {
  const inner = deps.tasks.deps;
  return [
    route(
      {
        method: 'patch',
        path: '/api/v1/clients/:id/letterheads/:letterheadId',
        access: 'agency',
        tag: 'letters',
        summary:
          'Change a letterhead (only the fields given; `null` clears logo, signature.image, role, closing, dateFormat). Letters not sent yet follow it; sent ones keep their PDF',
        params: headParams,
        body: letterheadChangeSchema,
        responses: answers(200, 'The changed letterhead', letterheadAnswer),
      },
      async ({ params, body, who }) => ({
        json: await updateLetterhead(inner, params.id, params.letterheadId, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/clients/:id/letterheads/:letterheadId',
        access: 'agency',
        tag: 'letters',
        summary:
          'Remove a letterhead: refused (409 letterhead_in_use) while a letter not sent yet uses it; archived when letters went out on it, else deleted',
        params: headParams,
        responses: answers(200, 'What the removal did', letterheadRemovalAnswer),
      },
      async ({ params, who }) => ({
        json: await removeLetterhead(inner, params.id, params.letterheadId, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/clients/:id/letter-templates/:templateId',
        access: 'agency',
        tag: 'letters',
        summary:
          'Change a letter template (only the fields given); letters already written from it keep their words',
        params: templateParams,
        body: letterTemplateChangeSchema,
        responses: answers(200, 'The changed template', letterTemplateAnswer),
      },
      async ({ params, body, who }) => ({
        json: await updateLetterTemplate(inner, params.id, params.templateId, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/clients/:id/letter-templates/:templateId',
        access: 'agency',
        tag: 'letters',
        summary: 'Delete a letter template; letters already written from it keep their words',
        params: templateParams,
        responses: answers(200, 'The deleted template', z.object({ id: z.string() })),
      },
      async ({ params, who }) => ({
        json: await removeLetterTemplate(inner, params.id, params.templateId, actorOf(who)),
      }),
    ),
  ];
}
