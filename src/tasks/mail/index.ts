/**
 * Mail and calls in the task list (issue 9), as one object the server and the CLI share:
 * mailboxes and their health, the intake that turns mail into tasks, urgent forwards, replies,
 * client mail rules, call tasks with their forward-or-message decision, message delivery (at
 * once or a daily digest), the telephony webhook, and promotional mailings.
 *
 * Long-running parts (the intake of every mailbox, the call delivery loop) start with start();
 * `sitedesk serve` runs them, everything else works without them.
 */
import { join } from 'node:path';
import {
  checkMailbox,
  type IntakeOptions,
  type MailboxCheck,
} from '../../connectors/mail/index.js';
import type { SecretStore } from '../../secrets/types.js';
import type { Logger } from '../../shared/logger.js';
import type { Actor } from '../context.js';
import type { TaskService } from '../service.js';
import { createCallTask, type CreateCallInput } from '../calls/create-call.js';
import { runCallDeliveries, startCallDeliveryLoop } from '../calls/deliver.js';
import { getCallSettings, setCallSettings } from '../calls/settings.js';
import { receiveCallWebhook } from '../calls/webhook.js';
import { createMailContext } from './context.js';
import { createMailIntakeService } from './intake-service.js';
import {
  addMailbox,
  getClientMailRules,
  getMailbox,
  listMailboxes,
  setClientMailRules,
} from './mailboxes.js';
import {
  createMailing,
  getMailing,
  listMailingRecipients,
  releaseRunningMailings,
  runMailingById,
  type CreateMailingInput,
} from './mailings.js';
import { replyFromTask, type ReplyFromTaskInput } from './reply.js';
import { threadTaskIds } from './take.js';

export type { Mailbox, AddMailboxInput } from './mailboxes.js';
export type { MailboxHealthLine } from './intake-service.js';
export type { Mailing, MailingRecipient, CreateMailingInput } from './mailings.js';
export type { ReplyOutcome, ReplyFromTaskInput } from './reply.js';
export type { CallOutcome, CreateCallInput } from '../calls/create-call.js';
export type { CallSettings, CallSettingsInput } from '../calls/settings.js';
export { WEBHOOK_SECRET_ACCOUNT } from '../calls/webhook.js';
export { mailboxFindings, type MailboxFinding } from './doctor.js';

/** Settings of the mail desk. */
export interface MailDeskConfig {
  /** The data folder; taken messages and attachments go to `<dataDir>/mail`. */
  dataDir: string;
  /** Intake timing (health interval, polling, backoff). */
  intake?: IntakeOptions;
  /** How often the call delivery loop runs, in ms. Default 60 000. */
  deliveryIntervalMs?: number;
}

/** What the mail desk needs. */
export interface MailDeskDeps {
  tasks: TaskService;
  secrets: SecretStore;
  logger: Logger;
}

/** Creates the mail desk; nothing runs in the background until start(). */
export function createMailDesk(config: MailDeskConfig, deps: MailDeskDeps) {
  const ctx = createMailContext({
    deps: deps.tasks.deps,
    secrets: deps.secrets,
    logger: deps.logger.child({ area: 'mail' }),
    mailDir: join(config.dataDir, 'mail'),
  });
  const intake = createMailIntakeService(ctx, config.intake);
  const mailingRuns = new Map<string, AbortController>();
  let delivery: { stop(): Promise<void> } | undefined;

  return {
    /** Folder of taken messages; mail tasks' attachment paths are relative to it. */
    mailDir: ctx.mailDir,
    /** Starts the intake of every mailbox and the call delivery loop; releases mailings a dead process left running. */
    async start(): Promise<void> {
      await releaseRunningMailings(ctx);
      await intake.sync();
      delivery ??= startCallDeliveryLoop(ctx, { intervalMs: config.deliveryIntervalMs });
    },
    /** Stops everything started here (intakes, the loop, mailings of this process). */
    async stop(): Promise<void> {
      for (const controller of mailingRuns.values()) controller.abort();
      await delivery?.stop();
      delivery = undefined;
      await intake.stop();
    },
    /** Adds a mailbox (the password goes to the SecretStore separately: `mailbox:<id>`). */
    addMailbox: async (input: unknown) => {
      const mailbox = await addMailbox(ctx.deps, input);
      return mailbox;
    },
    /** Starts intakes of mailboxes added since start() (only when the desk is started). */
    syncIntakes: () => (delivery ? intake.sync() : Promise.resolve()),
    listMailboxes: () => listMailboxes(ctx.deps),
    getMailbox: (id: string) => getMailbox(ctx.deps, id),
    /** Logs in to both servers of a mailbox and answers in words; never throws for a server problem. */
    checkMailbox: async (id: string, timeoutMs?: number): Promise<MailboxCheck> =>
      checkMailbox((await getMailbox(ctx.deps, id)).settings, { secrets: ctx.secrets }, timeoutMs),
    /** Health of every mailbox (live where the intake runs in this process, else the last recorded). */
    health: () => intake.health(),
    /** Looks for new mail now. */
    wake: (mailboxId?: string) => intake.wake(mailboxId),
    setClientMailRules: (clientId: string, input: unknown) =>
      setClientMailRules(ctx.deps, clientId, input),
    getClientMailRules: (clientId: string) => getClientMailRules(ctx.deps, clientId),
    replyFromTask: (taskId: string, input: ReplyFromTaskInput, who: Actor) =>
      replyFromTask(ctx, taskId, input, who),
    /** Ids of the tasks of one conversation, oldest first. */
    threadTaskIds: (threadKey: string) => threadTaskIds(ctx, threadKey),
    createCallTask: (input: CreateCallInput, who: Actor) => createCallTask(ctx, input, who),
    setCallSettings: (clientId: string, input: unknown) =>
      setCallSettings(ctx.deps, clientId, input),
    getCallSettings: (clientId: string) => getCallSettings(ctx.deps, clientId),
    /** One pass of call message delivery (the loop runs this). */
    runCallDeliveries: () => runCallDeliveries(ctx),
    receiveCallWebhook: (request: Parameters<typeof receiveCallWebhook>[1]) =>
      receiveCallWebhook(ctx, request),
    createMailing: (clientId: string, input: CreateMailingInput) =>
      createMailing(ctx, clientId, input),
    getMailing: (id: string) => getMailing(ctx, id),
    listMailingRecipients: (id: string) => listMailingRecipients(ctx, id),
    /**
     * Starts or resumes a mailing in the background of this process; answers at once.
     * `done` settles when the run ends (for tests and the CLI).
     */
    async startMailing(id: string, options: { resendUnknown?: boolean } = {}) {
      if (mailingRuns.has(id))
        return { mailing: await getMailing(ctx, id), done: Promise.resolve() };
      const controller = new AbortController();
      mailingRuns.set(id, controller);
      // A mailing another live process runs is refused (409); one whose runner is gone is taken over.
      const done = runMailingById(ctx, id, { ...options, signal: controller.signal })
        .then(() => undefined)
        .catch((err: unknown) => ctx.logger.warn({ err, mailing: id }, 'mailing stopped'))
        .finally(() => mailingRuns.delete(id));
      return { mailing: await getMailing(ctx, id), done };
    },
    /** Stops a mailing of this process after its current recipient. */
    stopMailing(id: string): boolean {
      const controller = mailingRuns.get(id);
      controller?.abort();
      return controller !== undefined;
    },
  };
}

/** The mail desk (see createMailDesk). */
export type MailDesk = ReturnType<typeof createMailDesk>;
