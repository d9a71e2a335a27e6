/**
 * A real SMTP server in-process for the mail tests (the smtp-server package). It accepts any
 * login and keeps every message it receives, with its envelope, in `messages`.
 */
import { SMTPServer } from 'smtp-server';

/** One message as it arrived. */
export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: string;
}

/** A running SMTP server. */
export interface SmtpTestServer {
  port: number;
  messages: ReceivedMessage[];
  /** Closes the server (open connections are ended). */
  stop(): Promise<void>;
}

/** Options of startSmtpServer. */
export interface SmtpServerOptions {
  /** Accounts that may log in; default: any login is accepted. */
  users?: { user: string; password: string }[];
  /** How long stop() waits for open connections before closing them, in ms. Default 30 000. */
  closeTimeoutMs?: number;
  /** Recipients refused with 550 (no such user). */
  refuse?: string[];
  /** Listen on this port (to bring a stopped server back where senders look); default: any free one. */
  port?: number;
  /** Keep received messages here (a server brought back keeps counting into the same list). */
  messages?: ReceivedMessage[];
  /**
   * Keep each message but never answer its DATA (the sender waits for the "250 OK"): to kill a
   * sender in the middle of the hand-over, when the server has the mail and the sender cannot know.
   */
  neverAnswer?: boolean;
}

/** Starts an SMTP server on 127.0.0.1 and a port picked by the OS (or `options.port`). */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpTestServer> {
  const messages: ReceivedMessage[] = options.messages ?? [];
  const server = new SMTPServer({
    // Without this it asks the system resolver for every connecting address.
    disableReverseLookup: true,
    ...(options.closeTimeoutMs !== undefined ? { closeTimeout: options.closeTimeoutMs } : {}),
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      const known = options.users;
      if (known && !known.some((u) => u.user === auth.username && u.password === auth.password)) {
        callback(new Error('Invalid username or password'));
        return;
      }
      callback(null, { user: auth.username ?? 'test' });
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address.toLowerCase())) {
        callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push({
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        if (!options.neverAnswer) callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
