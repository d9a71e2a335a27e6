/** English words of mail that recovers (issue 24): archived mailboxes, forwards retried, unsubscribes. */
export const enMailRecover = {
  // archived mailboxes
  mbxArchive: 'Archive',
  mbxArchiveQuestion:
    'Archive the mailbox {address}? sitedesk stops reading it; its mails stay in the tasks and can still be answered.',
  mbxRestore: 'Read it again',
  mbxArchived: 'Archived: no longer read. Its mails stay in the tasks.',
  'mbxState.archived': 'archived, not read',
  mbxInUseArchive:
    'This mailbox cannot be removed: tasks keep its received mails. Archive it instead.',
  // urgent forwards
  'fwd.pending': 'It is being forwarded to {to}.',
  'fwd.retrying':
    'It has not reached {to} yet: {cause}. sitedesk tries again by itself (next try {next}).',
  'fwd.failed': 'It could not be forwarded to {to}: {cause}.',
  'fwdCause.down': 'the outgoing mail server does not answer',
  'fwdCause.login': 'the outgoing mail server refused the login name or the password',
  'fwdCause.noPassword': 'the mailbox has no password saved',
  'fwdCause.refused': 'the client’s mail server refused the address',
  'fwdCause.starttls':
    'the outgoing server does not offer encryption (STARTTLS); choose TLS and its port for the mailbox',
  'fwdCause.other': 'the outgoing mail server did not take it',
  fwdSendAgain: 'Send again now',
  replyWaitingLine:
    'Waiting to send to {to}: {cause}. sitedesk sends it by itself when the server answers (next try {next}).',
  replyRefusedLine: 'Not sent to {to}: {cause}.',
  replyQueued:
    'Not sent yet: {cause}. The reply is kept and will be sent by itself when the server answers again.',
  fwdQueued: 'Queued: it goes out as soon as the mail server takes it.',
  todayForwardsWaiting: 'Urgent mail not forwarded yet',
  // unsubscribe page (the recipient of a mailing)
  unsubTitle: 'Unsubscribe',
  unsubQuestion: 'Stop e-mails from {sender} to {email}?',
  unsubButton: 'Unsubscribe',
  unsubDone: 'Done: {sender} will not send e-mails to {email} any more.',
  unsubAlready: '{email} is unsubscribed from the e-mails of {sender}.',
  unsubInvalid: 'This unsubscribe link is not valid. Maybe it was copied only in part.',
  mailHintStarttls:
    'The server does not offer encryption (STARTTLS), so sitedesk does not send the password. On the client, change the mailbox to TLS and its port (usually 993 and 465).',
  mailHintTls:
    'The encrypted connection failed. Check the encryption and the port of the mailbox (TLS: 993 / 465, STARTTLS: 143 / 587).',
  // the task list
  listOrder: 'Order',
  listNewest: 'Newest first',
  listDue: 'Due soonest first',
  listPageSize: 'Per page',
  listAttachments: 'Attachments: {n}',
  // the client card's way to the mailings screen (its own words come with it)
  mlgOpen: 'Mailings and people who do not want them',
} as const;
