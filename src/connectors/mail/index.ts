/**
 * The mail layer: mailboxes (IMAP in, SMTP out), intake exactly once, client urgency rules,
 * replies and forwards, promotional mailings. src/tasks wires these into `mail` tasks.
 */
export { MailError, type MailErrorCode } from './errors.js';
export {
  mailboxSettingsSchema,
  parseMailboxSettings,
  type MailboxSettings,
  type MailboxSettingsInput,
} from './settings.js';
export { mailboxSecretAccount } from '../../secrets/account.js';
export { parseMail, type ParsedMail, type MailAddress, type MailAttachment } from './parse.js';
export { threadKey, messageIds } from './thread.js';
export { permanentFailures, isDeliveryReport, type PermanentFailure } from './dsn.js';
export {
  createMailIntake,
  type Checkpoint,
  type CheckpointStore,
  type IncomingMail,
  type IntakeOptions,
  type IntakeDeps,
  type MailIntake,
} from './intake.js';
export type { MailboxHealth, MailboxHealthState } from './health.js';
export { createMailSender, type MailSender, type SendResult } from './sender.js';
export { checkMailbox, type MailboxCheck, type MailboxCheckPart } from './check.js';
export { buildRaw, newMessageId, type OutgoingMail, type OutgoingAttachment } from './outgoing.js';
export {
  composeReply,
  quotedSender,
  replySubject,
  replyReferences,
  type ReplyInput,
} from './reply.js';
export {
  clientMailRulesSchema,
  parseClientMailRules,
  checkMailRules,
  judgeUrgency,
  type ClientMailRules,
  type RuleProblem,
  type UrgencyVerdict,
} from './rules.js';
export { composeUrgentForward } from './forward.js';
export {
  compilePromotion,
  markdownToText,
  type PromotionContent,
  type PromotionOptions,
  type PromotionRecipient,
  type CompiledPromotion,
} from './promotion-mail.js';
export { parseRecipientsCsv, type RecipientList, type RecipientProblem } from './recipients-csv.js';
export {
  runMailing,
  type MailingOptions,
  type MailingReport,
  type RecipientRecord,
  type RecipientState,
  type RecipientStateStore,
} from './bulk-send.js';
export {
  mailRouteSchema,
  mailRoutesSchema,
  parseMailRoutes,
  checkMailRoutes,
  routeMail,
  type MailRoute,
} from './routing.js';
