/**
 * English words of a call message that did not reach the client (issue 24): what happened,
 * why in her words, and what she can do; the mail server's own answer stays folded below.
 */
export const enCallDelivery = {
  'cd.retrying':
    'The message has not reached the client yet: {cause}. sitedesk tries again by itself every minute.',
  'cd.digestFailed':
    'The daily summary with this message could not be sent to the client: {cause}. It is not sent again by itself.',
  'cd.failed':
    'The message could not be sent to the client: {cause}. It is not sent again by itself.',
  'cd.passOn': 'Pass the message on to the client another way: call or write to them.',
  'cd.do.down':
    'On Clients and sites, test the client’s mailbox (the Test button). If the mail server is down, wait for it or ask whoever runs it.',
  'cd.do.login':
    'On Clients and sites, save the mailbox’s current password (Change under Mailboxes), then test it.',
  'cd.do.noPassword':
    'On Clients and sites, save the mailbox’s password (Change under Mailboxes), then test it.',
  'cd.do.refused':
    'Check the client’s e-mail address for messages (the client’s contact on Clients and sites).',
  'cd.do.starttls':
    'On Clients and sites, change the mailbox to TLS and its port (usually 465), or ask whoever runs the mail server.',
  'cd.do.other':
    'On Clients and sites, test the client’s mailbox (the Test button). The technical details below say what the mail server answered.',
  'history.task.deliveryWaiting': 'The message has not reached the client yet: {reason}',
  // An urgent mail's forward, the same kind of notice (the history said "changed other details").
  'history.task.urgentAgain': '{who} had the urgent e-mail sent on to {to} again',
  'history.task.urgentRetrying':
    'The urgent e-mail has not been forwarded yet: {reason}; sitedesk tries again by itself',
};
