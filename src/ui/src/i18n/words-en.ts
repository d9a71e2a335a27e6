/**
 * English words a secretary can act on (issue 14): why a publication failed and what to do,
 * the System page for administrators, the date and time fields.
 */
export const enWords = {
  // why a publication failed: one sentence each, then what to do
  'cause.site_busy':
    'The site was busy or did not answer. Check that it opens in a browser, then press Publish again.',
  causeBusyRetry:
    'The site was busy or did not answer; sitedesk tries again at {time} (attempt {attempt} of {max}).',
  causeBusyGaveUp:
    'The site was busy or did not answer, {max} times in a row. Check that it opens in a browser, then press Publish again.',
  'cause.password_rejected':
    'WordPress no longer accepts the saved Application Password (it was revoked, or the user changed). Create a new one in WordPress (Users → Profile → Application Passwords) and save it for this site under',
  'cause.ghost_key_rejected':
    'Ghost no longer accepts the saved Admin API key (the integration was deleted or its key renewed). Copy the Admin API key from Ghost (Settings → Integrations) and save it for this site under',
  'cause.ghost_key_wrong_kind':
    'The saved Ghost key is not an Admin API key (perhaps the Content API key, which can only read). Copy the Admin API key of the integration in Ghost and save it for this site under',
  'cause.secret_missing':
    'No password or key is saved for this site. Save one for the site, then press Publish again:',
  'cause.no_permission':
    'The site’s user may not publish this. Give the user the Editor role in WordPress (or use the key of a custom integration in Ghost), then press Publish again.',
  'cause.answered_with_page':
    'The site answered with a web page instead of its publishing interface — often a login page or a security plugin’s check. Ask whoever looks after the site to let sitedesk through, and check the site’s address under',
  'cause.remote_missing':
    'The site could not find this post or page (perhaps it was deleted there). Press Publish again; if it fails again, test the connection under Clients and sites.',
  'cause.content_refused':
    'The site refused the text as it was sent. The details below say which part; change the text and publish again.',
  'cause.git_auth_failed':
    'The repository no longer accepts the saved access token. Make a new token with write access and save it for this site under',
  'cause.git_forbidden':
    'The access token may read the repository but not write to it. Give it write access (or make a new one) and save it under',
  'cause.git_repo_missing':
    'There is no repository at the saved address, or the token cannot see it. Check the repository address under',
  'cause.git_branch_missing':
    'The branch set for this site does not exist in the repository. Check the branch under',
  'cause.git_branch_protected':
    'The branch is protected: the repository lets no one write to it directly. Ask whoever looks after the repository to let sitedesk’s token push to it, or choose another branch.',
  'cause.git_clone_damaged':
    'sitedesk’s working copy of the repository is damaged. Ask whoever runs sitedesk to repair it, then press Publish again.',
  'cause.image_unreadable':
    'An image of this text is no longer on the server. Open the text, add the image again and publish again.',
  'cause.settings_invalid':
    'The settings of this site are incomplete or not valid. Correct them and test the connection under',
  'cause.unknown': 'The site did not accept it. Try Test connection for this site under',
  // where passwords are kept (one sentence for the secretary)
  storeSentenceKeychain: 'Passwords and keys of the sites are kept in this computer’s keychain.',
  storeSentenceFile: 'Passwords and keys of the sites are kept in an encrypted file on the server.',
  storeSentenceMemory:
    'Passwords and keys of the sites are kept only until sitedesk stops. Ask whoever runs sitedesk.',
  // the System page (administrators)
  navSystem: 'System',
  systemTitle: 'System',
  systemIntro: 'How this sitedesk is set up. Only administrators see this page.',
  systemVersion: 'Version',
  systemSecretStore: 'Secret store',
  systemStoreKind: 'Kind',
  systemStoreWhere: 'Where',
  systemStoreWhy: 'Why this one',
  systemStoreWarning: 'Warning',
  systemDatabase: 'Database',
  systemEnv: 'Environment variables that change this',
  systemDoctor: 'For a full check on the server, run sitedesk doctor.',
  systemOnlyAdmins: 'Only administrators may open this page.',
  // date and time fields in the app's language
  dtHintDateTime: 'Date and time as day/month/year hours:minutes, e.g. {example}.',
  dtHintDate: 'Date as day/month/year, e.g. {example}.',
  dtHintTime: 'Time as hours:minutes (24-hour clock), e.g. {example}.',
  dtShapeDateTime: 'dd/mm/yyyy hh:mm',
  dtShapeDate: 'dd/mm/yyyy',
  dtShapeTime: 'hh:mm',
  dtWrong: 'sitedesk cannot read this. Type it like {example}.',
  // the schedule form's button (its heading says “Add a recurring update”)
  addScheduleSubmit: 'Save the recurring update',
  systemServerWords:
    'Where and why are in the server’s own words (English), as sitedesk doctor prints them.',
  systemEnvSet: 'set',
  systemEnvUnset: 'not set',
  // the server's field checks and error codes in words (parts/server-words.ts)
  'srv.empty': 'Please fill this in.',
  'srv.required': 'Please fill this in.',
  'srv.sayWhat': 'Say what should change.',
  'srv.pickSite': 'Choose at least one site.',
  'srv.password12': 'At least 12 characters.',
  'srv.phone': 'Type a phone number, e.g. +420 601 234 567.',
  'srv.timezone': 'Choose a timezone such as Europe/Prague.',
  'srv.endsAfterStart': 'The end must come after the start.',
  'srv.fromBeforeTo': 'The start must come before the end.',
  'srv.email': 'Type an e-mail address, e.g. jana@example.com.',
  'srv.url': 'Type a whole address starting with https://.',
  'srv.tooLong': 'This is too long (at most {n} characters).',
  'srv.dateTime': 'Type a date and a time.',
  'srv.fieldOther': '{message}',
  'srv.notFound': 'This is no longer here; someone may have removed it. Reload the page.',
  'srv.invalid': 'Some fields are not right yet; see the messages next to them.',
  'srv.tooLarge': 'This is too large to send.',
  'srv.forbidden': 'Your account may not do this. Ask an administrator.',
  'srv.internal':
    'Something went wrong on the server. Try again; if it happens again, tell whoever runs sitedesk.',
  'srv.generalOther': 'Something went wrong: {message}',
};
