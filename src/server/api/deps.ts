import type { Connector } from '../../connectors/types.js';
import type { SecretStore } from '../../secrets/types.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Accounts } from '../../tasks/accounts/index.js';
import type { MailDesk } from '../../tasks/mail/index.js';
import type { MeetingDesk } from '../../tasks/meetings/index.js';
import type { Actor, Publication, Site, TaskService } from '../../tasks/index.js';
import type { LoginLimiter } from '../auth/rate-limit.js';
import type { EventHub } from '../events/hub.js';
import type { ListCache } from '../list-cache.js';
import type { UploadLimits } from '../multipart.js';

/** Cancel and retry-now of one publication (the runner has them; structurally `Runner`). */
export interface PublicationControl {
  cancel(publicationId: string, who: Actor): Promise<Publication>;
  retryNow(publicationId: string, who: Actor): Promise<Publication>;
}

/** Builds the connector of a site (for `site check`); tests may inject the real WordPress one. */
export type ConnectorFactory = (site: Site) => Connector | Promise<Connector>;

/** What the route factories receive. */
export interface RouteDeps {
  tasks: TaskService;
  accounts: Accounts;
  secrets: SecretStore;
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  connectorFor: ConnectorFactory | undefined;
  publications: PublicationControl | undefined;
  /** Mail and calls; undefined when the server runs without them (their routes answer 503). */
  mail: MailDesk | undefined;
  /** Meetings; undefined when the server runs without them (their routes answer 503). */
  meetings: MeetingDesk | undefined;
  /** Folder where files clients upload with a request are kept. */
  uploadDir: string;
  /** The data folder (mail and git clones in it), when known: for a client's final removal. */
  dataDir: string | undefined;
  uploadLimits: UploadLimits;
  hub: EventHub;
  /** Micro-cache of the task list; undefined when switched off. */
  listCache: ListCache | undefined;
  limiter: LoginLimiter;
}
