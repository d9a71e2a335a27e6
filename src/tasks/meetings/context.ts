/** What the meeting functions share: the task service internals, secrets, a logger, connectors. */
import type { CalendarConnector, CalendarSettings } from '../../connectors/calendar/index.js';
import type { MailSender, MailboxSettings } from '../../connectors/mail/index.js';
import type { SecretStore } from '../../secrets/types.js';
import type { Logger } from '../../shared/logger.js';
import type { ServiceDeps } from '../context.js';

/** Shared by the meeting service and its outbox worker in one process. */
export interface MeetingContext {
  deps: ServiceDeps;
  secrets: SecretStore;
  logger: Logger;
  /** The connector of a client calendar (tests may route it through a proxy). */
  calendarFor(settings: CalendarSettings): CalendarConnector;
  /** The sender of a mailbox (invitations go out from the client's mailbox). */
  senderFor(settings: MailboxSettings): MailSender;
  /** Asks the outbox worker to look now (after a booking, move or cancel). */
  wake(): void;
}
