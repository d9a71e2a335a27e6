// The API's answers the mailings screens read, from the generated schema (../api/schema.ts): what
// the mailing routes send, as their answer schemas say (the API tests hold them to it).
import type { Answer } from '../api/schema.js';

/** A mailing with counts per recipient state. */
export type MailingView = Answer<'/api/v1/clients/{id}/mailings', 'get'>['items'][number];

/** A mailing with each recipient's state (GET /api/v1/mailings/:id). */
export type MailingWithRecipients = Answer<'/api/v1/mailings/{id}', 'get'>;

/** One recipient and where it got to. */
export type RecipientView = MailingWithRecipients['recipients'][number];

/** POST /api/v1/clients/:id/mailings. */
export type CreatedMailing = Answer<'/api/v1/clients/{id}/mailings', 'post'>;

/** A line of the recipients that is not sent to. */
export type RecipientProblemView = CreatedMailing['problems'][number];

/** A mailbox as the list gives it. */
export type { Mailbox as MailboxChoice } from '../api/types.js';

/** An address on the suppression list. */
export type SuppressionView = Answer<'/api/v1/clients/{id}/suppressions', 'get'>['items'][number];
