import { z } from 'zod';
import {
  MailError,
  clientMailRulesSchema,
  mailboxSecretAccount,
} from '../../connectors/mail/index.js';
import {
  removeMailbox,
  updateMailbox,
  updateMailboxSchema,
} from '../../tasks/mail/mailbox-changes.js';
import { addMailboxSchema } from '../../tasks/mail/mailboxes.js';
import { replyInputSchema } from '../../tasks/mail/reply.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { HttpError } from '../http-errors.js';
import { mailboxParams, requireMail } from './mail-common.js';
import { mailboxHealthAnswer } from '../answers/schedules.js';
import { answers, listOf } from '../answers/page.js';
import {
  changedMailboxAnswer,
  mailboxAnswer,
  mailboxCheckAnswer,
  mailRulesAnswer,
  mailThreadAnswer,
  replyAnswer,
  savedMailRulesAnswer,
} from '../answers/mail.js';

/** The mailbox password: write-only, kept in the secret store, never answered back. */
const passwordSchema = z.string().min(1, 'must not be empty').max(4096);

/** Mailboxes (settings, write-only password, check, health), client mail rules, replies, threads. */
export function mailRoutes(deps: RouteDeps): ApiRoute[] {
  const { secrets } = deps;
  const mail = () => requireMail(deps.mail);
  const withPasswordFlag = async <T extends { id: string }>(boxes: T[]) => {
    const accounts = new Set(await secrets.list());
    return boxes.map((box) => ({
      ...box,
      hasPassword: accounts.has(mailboxSecretAccount(box.id)),
    }));
  };
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/mailboxes',
        access: 'agency',
        tag: 'mail',
        summary: 'Mailboxes with their last health',
        responses: answers(200, 'The mailboxes', listOf(mailboxAnswer)),
      },
      async () => ({ json: { items: await withPasswordFlag(await mail().listMailboxes()) } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/mailboxes',
        access: 'agency',
        tag: 'mail',
        summary: 'Add a mailbox; `password` goes to the secret store only (mailbox:<id>)',
        body: addMailboxSchema.extend({ password: passwordSchema.optional() }),
        success: 201,
        responses: answers(201, 'The new mailbox', mailboxAnswer),
      },
      async ({ body }) => {
        const { password, ...input } = body;
        const box = await mail().addMailbox(input);
        if (password !== undefined) await secrets.set(mailboxSecretAccount(box.id), password);
        await mail().syncIntakes();
        return { json: { ...box, hasPassword: password !== undefined } };
      },
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/mailboxes/:id/password',
        access: 'agency',
        tag: 'mail',
        summary: 'Set or replace the mailbox password (write-only)',
        params: mailboxParams,
        body: z.strictObject({ password: passwordSchema }),
        success: 204,
      },
      async ({ params, body }) => {
        await mail().getMailbox(params.id);
        await secrets.set(mailboxSecretAccount(params.id), body.password);
        deps.logger.info({ mailbox: params.id }, 'mailbox password replaced');
        return {};
      },
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/mailboxes/:id',
        access: 'agency',
        tag: 'mail',
        summary:
          'Change a mailbox (client, settings replaced whole, password write-only); a new server or login deletes the old password',
        params: mailboxParams,
        body: updateMailboxSchema,
        responses: answers(200, 'The changed mailbox', changedMailboxAnswer),
      },
      async ({ params, body }) => {
        const box = await updateMailbox(deps.tasks.deps, secrets, params.id, body);
        deps.logger.info({ mailbox: params.id }, 'mailbox changed');
        // The running intake of this mailbox restarts with the new settings, or stops when archived.
        await deps.mail?.syncIntakes();
        return { json: box };
      },
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/mailboxes/:id',
        access: 'agency',
        tag: 'mail',
        summary:
          'Remove a mailbox and its password (503 and nothing removed when the secret store fails; 409 when tasks keep its mails: archive it instead)',
        params: mailboxParams,
        responses: answers(
          200,
          'The removed mailbox and whether its password was deleted',
          z.object({ id: z.string(), passwordDeleted: z.boolean() }),
        ),
      },
      async ({ params }) => {
        const removed = await removeMailbox(deps.tasks.deps, secrets, params.id);
        await deps.mail?.syncIntakes();
        return { json: removed };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/mailboxes/:id/check',
        access: 'agency',
        tag: 'mail',
        summary: 'Log in to the IMAP and SMTP servers of a mailbox and answer in words',
        params: mailboxParams,
        responses: answers(200, 'What each server said', mailboxCheckAnswer),
      },
      async ({ params }) => {
        const check = await mail().checkMailbox(params.id);
        return { json: { mailboxId: params.id, ok: check.imap.ok && check.smtp.ok, ...check } };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/mail/health',
        access: 'agency',
        tag: 'mail',
        summary:
          'Health of every mailbox (for Today): healthy, unhealthy with the reason, since when',
        responses: answers(200, 'Each mailbox’s health', listOf(mailboxHealthAnswer)),
      },
      async () => ({ json: { items: await mail().health() } }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/mail-rules',
        access: 'agency',
        tag: 'mail',
        summary: 'A client’s urgent-mail rules',
        params: idParams,
        responses: answers(200, 'The rules', z.object({ rules: mailRulesAnswer })),
      },
      async ({ params }) => {
        await deps.tasks.getClient(params.id);
        return { json: { rules: await mail().getClientMailRules(params.id) } };
      },
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/clients/:id/mail-rules',
        access: 'agency',
        tag: 'mail',
        summary: 'Save a client’s urgent-mail rules; answers rules that can never match',
        params: idParams,
        body: z.strictObject(clientMailRulesSchema.shape),
        responses: answers(200, 'The saved rules and those that cannot work', savedMailRulesAnswer),
      },
      async ({ params, body }) => ({ json: await mail().setClientMailRules(params.id, body) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/tasks/:id/reply',
        access: 'agency',
        tag: 'mail',
        summary:
          'Reply to the e-mail of a mail task from the client’s mailbox (threaded, Sent copy); 202 with `message` when the mail server does not answer: the reply is kept and sent by itself when it answers again',
        params: idParams,
        body: replyInputSchema,
        responses: {
          ...answers(200, 'The reply went out', replyAnswer),
          ...answers(202, 'The reply waits for the mail server', replyAnswer),
        },
      },
      async ({ params, body, who }) => {
        let outcome;
        try {
          outcome = await mail().replyFromTask(params.id, body, actorOf(who));
        } catch (error) {
          // A missing password or a refused login before anything was queued: the mailbox's state.
          if (!(error instanceof MailError)) throw error;
          throw new HttpError(
            503,
            error.code,
            `The reply was not sent: ${error.message}. Nothing went out; send it again when the mail server answers.`,
          );
        }
        if (outcome.state === 'failed')
          throw new HttpError(
            503,
            'mail_send_failed',
            `The reply was not sent: the mail server refused it (${outcome.detail}).`,
          );
        if (outcome.state === 'waiting')
          return {
            status: 202,
            json: {
              ...outcome,
              message: `The mail server does not answer (${outcome.detail}). The reply is kept and will be sent by itself when the server answers again; nothing else to do.`,
            },
          };
        return { json: outcome };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/tasks/:id/reply-again',
        access: 'agency',
        tag: 'mail',
        summary:
          'Send a waiting (or refused) reply of a mail task again now instead of at its next try',
        params: idParams,
        responses: answers(200, 'Queued again', z.object({ queued: z.literal(true) })),
      },
      async ({ params }) => {
        await deps.tasks.getTask(params.id);
        if (!(await mail().replyAgain(params.id)))
          throw new HttpError(409, 'nothing_to_send', 'This task has no reply waiting to be sent.');
        return { json: { queued: true } };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/tasks/:id/forward-again',
        access: 'agency',
        tag: 'mail',
        summary:
          'Send the urgent forward of a mail task again now (it failed, or waits for its next attempt)',
        params: idParams,
        responses: answers(200, 'Queued again', z.object({ queued: z.literal(true) })),
      },
      async ({ params }) => {
        await deps.tasks.getTask(params.id);
        if (!(await mail().forwardAgain(params.id)))
          throw new HttpError(
            409,
            'nothing_to_forward',
            'This task has no forward waiting to be sent.',
          );
        return { json: { queued: true } };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/tasks/:id/thread',
        access: 'agency',
        tag: 'mail',
        summary: 'The tasks of the conversation a mail task belongs to, oldest first',
        params: idParams,
        responses: answers(200, 'The conversation’s tasks', mailThreadAnswer),
      },
      async ({ params }) => {
        const { task } = await deps.tasks.getTask(params.id);
        const key = task.kind === 'mail' ? task.details.threadKey : undefined;
        return {
          json: {
            threadKey: key ?? null,
            taskIds: key ? await mail().threadTaskIds(key) : [task.id],
          },
        };
      },
    ),
  ];
}
