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
import { ConflictError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { Actor } from '../context.js';
import type { TaskService } from '../service.js';
import { createCallTask, type CreateCallInput } from '../calls/create-call.js';
import { runCallDeliveries, startCallDeliveryLoop } from '../calls/deliver.js';
import { getCallSettings, setCallSettings } from '../calls/settings.js';
import { receiveCallWebhook } from '../calls/webhook.js';
import { createMailContext } from './context.js';
import { createMailIntakeService, type IntakeLocks } from './intake-service.js';
import type { RowDelivery } from '../queue/row-delivery.js';
import { createMailOutbox, forwardAgain, type OutboxOptions } from './outbox.js';
import { createLetterSending } from '../letters/desk.js';
import { recordLetterOutcome } from '../letters/send.js';
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
  type CreateMailingInput,
} from './mailings.js';
import { listMailings, sendTestMail } from './mailing-list.js';
import { resumableMailings, runMailingById, type MailingRunOptions } from './mailing-run.js';
import { newOwnerId } from '../publishing/runner/leases.js';
import { replyFromTask, type ReplyFromTaskInput } from './reply.js';
import { threadTaskIds } from './take.js';
import {
  exportSuppressions,
  importSuppressions,
  listSuppressions,
  suppress,
  unsuppress,
} from './suppressions.js';
import { unsubscribe, unsubscribeInfo } from './unsubscribe.js';

export type { Mailbox, AddMailboxInput } from './mailboxes.js';
export type { MailboxHealthLine, IntakeLocks } from './intake-service.js';
export type { Mailing, MailingRecipient, CreateMailingInput } from './mailings.js';
export type { ReplyOutcome, ReplyFromTaskInput } from './reply.js';
export type { Suppression } from './suppressions.js';
export type { UnsubscribeInfo } from './unsubscribe.js';
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
  /** Outbox timing (retry backoff, lease, how often it looks). */
  outbox?: OutboxOptions;
  /** Mailing lease and the wait after a mail-server failure (`leaseMs`, `retryMs`). */
  mailings?: Pick<MailingRunOptions, 'leaseMs' | 'retryMs'>;
  /** Where recipients reach this sitedesk (its unsubscribe links), e.g. https://desk.example. */
  publicUrl?: string;
  /**
   * How often the intakes are matched to the mailboxes in the database (changes made by
   * another process, e.g. the CLI), in ms. Default 30 000; the API's own changes apply at once.
   */
  syncIntervalMs?: number;
}

/** What the mail desk needs. */
export interface MailDeskDeps {
  tasks: TaskService;
  secrets: SecretStore;
  logger: Logger;
  /**
   * Several instances on PostgreSQL (docs/operator/scaling.md): the outbox's rows go through
   * the job queue (`delivery`) and each mailbox is read by the one instance that holds it
   * (`intakeLocks`). Absent (SQLite): this process sends and reads everything itself.
   */
  shared?: { delivery: RowDelivery; intakeLocks: IntakeLocks };
}

/** Creates the mail desk; nothing runs in the background until start(). */
export function createMailDesk(config: MailDeskConfig, deps: MailDeskDeps) {
  const ctx = createMailContext({
    deps: deps.tasks.deps,
    secrets: deps.secrets,
    logger: deps.logger.child({ area: 'mail' }),
    mailDir: join(config.dataDir, 'mail'),
  });
  const shared = deps.shared;
  const outbox = createMailOutbox(
    ctx,
    { ...config.outbox, ...(shared ? { delivery: shared.delivery } : {}) },
    { onLetter: (row, outcome) => recordLetterOutcome(ctx.deps, row, outcome) },
  );
  const intake = createMailIntakeService(ctx, config.intake, outbox, shared?.intakeLocks);
  const mailingRuns = new Map<string, AbortController>();
  let delivery: { stop(): Promise<void> } | undefined;
  let syncTimer: NodeJS.Timeout | undefined;
  const self = newOwnerId();

  /** Starts or resumes a mailing in this process's background (once per mailing). */
  const launch = (id: string, options: { resendUnknown?: boolean } = {}): Promise<void> => {
    if (mailingRuns.has(id)) return Promise.resolve();
    const controller = new AbortController();
    mailingRuns.set(id, controller);
    return runMailingById(ctx, id, {
      ...config.mailings,
      ...options,
      owner: self,
      signal: controller.signal,
    })
      .then(() => undefined)
      .catch((err: unknown) => ctx.logger.warn({ err, mailing: id }, 'mailing stopped'))
      .finally(() => mailingRuns.delete(id));
  };
  /** Resumes every mailing left by a dead process or waiting for the mail server. */
  const resumeMailings = async (): Promise<void> => {
    for (const id of await resumableMailings(ctx)) void launch(id);
  };

  return {
    /** Folder of taken messages; mail tasks' attachment paths are relative to it. */
    mailDir: ctx.mailDir,
    /** Letters by e-mail through the outbox, or posted (issue 20). */
    letters: createLetterSending(ctx, outbox),
    /** Starts the intake of every mailbox and the call delivery loop; releases mailings a dead process left running. */
    async start(): Promise<void> {
      await intake.sync();
      await resumeMailings();
      delivery ??= startCallDeliveryLoop(ctx, { intervalMs: config.deliveryIntervalMs });
      syncTimer ??= setInterval(
        () => {
          intake.sync().catch((err: unknown) => ctx.logger.error({ err }, 'mailbox sync failed'));
          resumeMailings().catch((err: unknown) =>
            ctx.logger.error({ err }, 'mailing resume failed'),
          );
          // Sharing mailboxes, look often: a dead holder's mailboxes are taken over at the next look.
        },
        config.syncIntervalMs ?? (shared ? 5_000 : 30_000),
      );
      syncTimer.unref();
    },
    /** Stops everything started here (intakes, the loop, mailings of this process). */
    async stop(): Promise<void> {
      for (const controller of mailingRuns.values()) controller.abort();
      clearInterval(syncTimer);
      syncTimer = undefined;
      await delivery?.stop();
      delivery = undefined;
      await intake.stop();
    },
    /** Adds a mailbox (the password goes to the SecretStore separately: `mailbox:<id>`). */
    addMailbox: async (input: unknown) => {
      const mailbox = await addMailbox(ctx.deps, input);
      return mailbox;
    },
    /** Matches the intakes to mailboxes added, changed, archived or removed (only when the desk is started). */
    syncIntakes: () => (delivery ? intake.sync() : Promise.resolve()),
    /** Queues the urgent forward of a mail task again now; false when it has none to send. */
    forwardAgain: async (taskId: string) => {
      const queued = await forwardAgain(ctx, taskId);
      outbox.wake();
      return queued;
    },
    listMailboxes: () => listMailboxes(ctx.deps),
    getMailbox: (id: string) => getMailbox(ctx.deps, id),
    /** Logs in to both servers of a mailbox and answers in words; never throws for a server problem. */
    checkMailbox: async (id: string, timeoutMs?: number): Promise<MailboxCheck> =>
      checkMailbox((await getMailbox(ctx.deps, id)).settings, { secrets: ctx.secrets }, timeoutMs),
    /** Health of every mailbox (live where the intake runs in this process, else the last recorded). */
    health: () => intake.health(),
    /** Looks for new mail now. */
    wake: (mailboxId?: string) => intake.wake(mailboxId),
    /** Sends outbox row `id` the job queue handed this worker (see MailOutbox.deliver). */
    deliver: (id: string) => outbox.deliver(id),
    setClientMailRules: (clientId: string, input: unknown) =>
      setClientMailRules(ctx.deps, clientId, input),
    getClientMailRules: (clientId: string) => getClientMailRules(ctx.deps, clientId),
    /** Sends a reply now, or queues it when the server does not answer (state `waiting`). */
    replyFromTask: (taskId: string, input: ReplyFromTaskInput, who: Actor) =>
      replyFromTask(ctx, outbox, taskId, input, who),
    /** Queues a task's waiting or failed reply again now; false when it has none. */
    replyAgain: async (taskId: string) => {
      const queued = await forwardAgain(ctx, taskId, 'reply');
      outbox.wake();
      return queued;
    },
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
    /** Creates a mailing; `publicUrl` (else the desk's) is where recipients reach sitedesk. */
    createMailing: (
      clientId: string,
      input: CreateMailingInput,
      publicUrl?: string,
      who: Actor = { actor: 'mail' },
    ) =>
      createMailing(
        ctx,
        clientId,
        input,
        {
          ...((config.publicUrl ?? publicUrl) ? { publicUrl: config.publicUrl ?? publicUrl } : {}),
        },
        who,
      ),
    /** A client's mailings, newest first. */
    listMailings: (clientId: string) => listMailings(ctx, clientId),
    /** Sends a mailing's mail once to `{ to }` (her own address), as a recipient gets it. */
    sendTestMail: (id: string, input: unknown) => sendTestMail(ctx, id, input),
    getMailing: (id: string) => getMailing(ctx, id),
    listMailingRecipients: (id: string) => listMailingRecipients(ctx, id),
    /**
     * Starts or resumes a mailing in the background of this process; answers at once (409 when
     * another live process runs it). `done` settles when the run ends (for tests and the CLI).
     */
    async startMailing(id: string, options: { resendUnknown?: boolean } = {}) {
      const mailing = await getMailing(ctx, id);
      if (
        mailing.state === 'running' &&
        !mailingRuns.has(id) &&
        !(await resumableMailings(ctx)).includes(id)
      )
        throw new ConflictError(`mailing ${id} is already being sent by another sitedesk process`);
      const done = launch(id, options);
      return { mailing: await getMailing(ctx, id), done };
    },
    /** What the unsubscribe page of `token` shows (changes nothing). */
    unsubscribeInfo: (token: string) => unsubscribeInfo(ctx, token),
    /** Puts the address of `token` on its client's suppression list. */
    unsubscribe: (token: string) => unsubscribe(ctx, token),
    listSuppressions: (clientId: string) => listSuppressions(ctx.deps, clientId),
    /** Adds one address by hand. */
    suppress: (clientId: string, email: string) => suppress(ctx.deps, clientId, email, 'manual'),
    /** Takes one address off the list (NotFoundError when it is not there). */
    unsuppress: (clientId: string, email: string) => unsuppress(ctx.deps, clientId, email),
    importSuppressions: (clientId: string, input: unknown) =>
      importSuppressions(ctx.deps, clientId, input),
    exportSuppressions: (clientId: string) => exportSuppressions(ctx.deps, clientId),
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
