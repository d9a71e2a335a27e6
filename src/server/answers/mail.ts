/** The answers about mailboxes, a client's mail rules, replies and conversations (see tasks.ts for why). */
import { z } from 'zod';
import { taskAnswer } from './tasks.js';

/** How sitedesk reaches one of a mailbox's servers (the password is never in it). */
const mailServerAnswer = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  starttls: z.enum(['required', 'if-offered', 'never']),
  user: z.string().optional().describe('the login name; absent: the mailbox address'),
});

/** A mailbox with its last health; whether the secret store holds its password, never the password. */
export const mailboxAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  settings: z.object({
    id: z.string().describe('its password is the secret `mailbox:<id>`'),
    address: z.string(),
    displayName: z.string().optional(),
    imap: mailServerAnswer,
    smtp: mailServerAnswer,
    inbox: z.string(),
    sentFolder: z.string(),
  }),
  routes: z
    .array(
      z.object({
        clientId: z.string(),
        recipients: z.array(z.string()).optional(),
        senders: z.array(z.string()).optional(),
      }),
    )
    .describe('an agency mailbox: which client each mail goes to, in order'),
  startFrom: z.enum(['all', 'new']),
  health: z.object({
    state: z.string(),
    reason: z.string().optional(),
    since: z.string().optional(),
  }),
  archivedAt: z.string().optional(),
  createdAt: z.string(),
  hasPassword: z.boolean(),
});

/** A mailbox just changed: `passwordCleared` when a new server or login deleted its password. */
export const changedMailboxAnswer = mailboxAnswer.extend({ passwordCleared: z.boolean() });

const checkPart = z.object({
  ok: z.boolean(),
  detail: z.string().describe('what was found, or what is wrong and how to fix it'),
});

/** What logging in to a mailbox's servers found. */
export const mailboxCheckAnswer = z.object({
  mailboxId: z.string(),
  ok: z.boolean(),
  imap: checkPart,
  smtp: checkPart,
});

/** A client's urgent-mail rules. */
export const mailRulesAnswer = z.object({
  urgent: z.array(
    z.object({
      name: z.string(),
      senders: z.array(z.string()).optional(),
      words: z.array(z.string()).optional(),
      where: z.enum(['subject', 'body', 'anywhere']),
    }),
  ),
  forwardUrgentTo: z.string().optional(),
});

/** Saved rules and those that can never match (or match everything). */
export const savedMailRulesAnswer = z.object({
  rules: mailRulesAnswer,
  problems: z.array(
    z.object({
      path: z.string().describe('e.g. `urgent.1.senders.0`'),
      rule: z.string(),
      message: z.string(),
    }),
  ),
});

/** What a reply did; `waiting` (202): kept and sent by itself when the server answers. */
export const replyAnswer = z.object({
  task: taskAnswer,
  messageId: z.string(),
  to: z.array(z.string()),
  state: z.enum(['sent', 'waiting']),
  sentCopy: z.string().optional().describe('`saved to "Sent"`, or why the copy failed'),
  detail: z.string().optional().describe('the mail server’s answer (technical, English)'),
  next: z.string().optional().describe('waiting: the next try'),
  message: z.string().optional().describe('waiting: what it means, in words'),
});

/** The tasks of a conversation, oldest first. */
export const mailThreadAnswer = z.object({
  threadKey: z.string().nullable(),
  taskIds: z.array(z.string()),
});
