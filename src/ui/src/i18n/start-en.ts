/** English words of first start, sign-in and private links. */
export const enStart = {
  // First start: the set-up screen opens by itself while no account exists.
  setupIntro:
    'Welcome! This sitedesk is new: nobody has an account yet. Create the first administrator (that is you). You are signed in straight away.',
  setupTokenHelp:
    'sitedesk printed it once, in the window or log where it was started: a line that begins with sds_. It works for 24 hours; if it is older, restart sitedesk and it prints a new one.',
  setupUsernameHelp: 'Small letters, digits, dot, dash or underscore, for example jana.',
  setupCreating: 'Creating…',
  setupRefused:
    'This set-up token does not work: it is mistyped, already used, or older than 24 hours. Restart sitedesk and use the new token it prints.',
  setupClosed: 'An administrator already exists, so there is nothing to set up. Please sign in.',
  setupGoSignIn: 'Go to sign in',
  // Private links on the Clients screen.
  linksExplain:
    'The client opens their own page with a private link: no account, no password. You can make a new link at any time. An older link keeps working until you revoke it.',
  linksLive: 'Links that work now',
  linksNoneLive:
    'No link works now, so the client cannot open their page. Make a new link and send it to them.',
  linkMadeOn: 'made {date}',
  linkNewMark: 'new',
  linkForWhom: 'Who gets the link? (optional; the client does not see this)',
  linkLastOpened: 'last opened {date}',
  linkNotOpened: 'not opened yet',
  linkMakeAnother: 'Make a new link',
  linkOlderStillWork:
    'Your earlier links still work as well. Revoke one below if it should stop working.',
  linkCopied: 'Copied. Paste the link into your message to the client.',
  linkSelectedToCopy: 'The link is selected: press Ctrl+C (⌘+C on a Mac) to copy it.',
};
