/** What the mail and call services share: the task service internals, secrets, a logger, the files folder, senders. */
import {
  createMailSender,
  type MailSender,
  type MailboxSettings,
} from '../../connectors/mail/index.js';
import type { SecretStore } from '../../secrets/types.js';
import type { Logger } from '../../shared/logger.js';
import type { ServiceDeps } from '../context.js';

/** Shared by the mail and call services of one process. */
export interface MailContext {
  deps: ServiceDeps;
  secrets: SecretStore;
  logger: Logger;
  /** Folder where taken messages and their attachments are kept (inside the data folder). */
  mailDir: string;
  /** The (pooled) sender of a mailbox; one per mailbox per process. */
  senderFor(settings: MailboxSettings): MailSender;
  /** Closes every sender. */
  closeSenders(): void;
}

/** Builds the shared context; senders are made on first use and kept until closeSenders(). */
export function createMailContext(input: {
  deps: ServiceDeps;
  secrets: SecretStore;
  logger: Logger;
  mailDir: string;
}): MailContext {
  const senders = new Map<string, { key: string; sender: MailSender }>();
  return {
    ...input,
    senderFor(settings) {
      // Settings may change between sends (a fixed host): a new key makes a new sender.
      const key = JSON.stringify(settings);
      const known = senders.get(settings.id);
      if (known?.key === key) return known.sender;
      known?.sender.close();
      const sender = createMailSender(settings, {
        secrets: input.secrets,
        logger: input.logger,
        clock: input.deps.clock,
      });
      senders.set(settings.id, { key, sender });
      return sender;
    },
    closeSenders() {
      for (const { sender } of senders.values()) sender.close();
      senders.clear();
    },
  };
}
