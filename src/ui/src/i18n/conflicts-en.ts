/** English words of git conflicts: someone else changed the page on the site too (issue 17). */
export const enConflicts = {
  'cause.git_conflict':
    'Someone else changed this page on the site at the same place as your text, so nothing was published and nothing of theirs was overwritten. Compare the two versions and choose which to keep.',
  conflictCompare: 'Compare the two versions',
  conflictTitle: 'Two versions of this page',
  conflictExplain:
    'Changes in different places of a page are combined on their own; these overlap, so you choose.',
  conflictTheirs: 'On the site now (changed by someone else)',
  conflictOurs: 'Your version from sitedesk',
  conflictMarked: 'Lines that are different in the two versions are marked.',
  conflictKeepTheirs: 'Keep the site’s version',
  conflictUseOurs: 'Use my version',
  conflictEdit: 'Edit it myself',
  conflictEditLabel: 'The page as it should be',
  conflictEditHelp:
    'It starts as your version: copy in what the other person changed, then publish. The first lines, between the two marker lines (--- or +++), are the page’s settings.',
  conflictPublishEdit: 'Publish this version',
  conflictBack: 'Back to the two versions',
  conflictGone:
    'These versions are no longer waiting for a choice (perhaps someone already chose). The list above shows where the page stands.',
  'history.pub.conflictTheirs': '{who} kept the version on {site} that someone else had changed',
  'history.pub.conflictOurs':
    '{who} chose the sitedesk version for {site} over someone else’s change',
  'history.pub.conflictEdit': '{who} combined the two versions for {site} by hand',
};
