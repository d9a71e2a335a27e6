/** English words of archived clients and their removal for good (issue 21). */
export const enRemoval = {
  'rm.title': 'Archived clients',
  'rm.archivedOn': 'Archived on {date}',
  'rm.exported': 'Exported on {date} by {who}.',
  'rm.exportStale':
    'Changed after its last export ({date}): export it again before removing it for good.',
  'rm.notExported': 'Not exported yet.',
  'rm.howExport':
    'The export is made on the computer where sitedesk runs, with the command: sitedesk client export "{name}"',
  'rm.open': 'Remove for good…',
  'rm.what':
    'This deletes everything sitedesk keeps about {name}: tasks, messages, texts, letters, meetings, mailings, files, and the passwords of its websites, mailboxes and calendar. The history keeps one line: that a client was removed, when, and by whom. This cannot be undone.',
  'rm.backups': 'Older backups still hold the data until they are deleted.',
  'rm.typeName': 'Type the client’s name to confirm',
  'rm.withoutExport': 'Remove it without an export',
  'rm.confirm': 'Remove for good',
  'rm.done': '{name} was removed for good.',
  'rm.conflict':
    'It cannot be removed yet: something changed since this page was loaded, or one of its mailboxes also takes mail for another client. Reload the page; ask whoever runs sitedesk about the mailboxes.',
  'rm.adminOnly': 'Only an administrator can remove a client for good.',
  'history.client.removed': '{who} removed a client for good',
};
