/** English words of page regions (issue 23): a page's marked part that sitedesk updates. */
export const enRegions = {
  // on a client
  'regions.title': 'Parts of pages updated often',
  'regions.intro':
    'Today’s menu, this week’s opening hours: a marked part of a page that you update from here. sitedesk changes only that part and leaves the rest of the page as it is.',
  'regions.lookFor': 'Look for marked parts',
  'regions.looking': 'Looking…',
  'regions.foundOn': 'Marked parts found on {site}: {count}.',
  'regions.noneOnSite': 'No marked parts found on {site} yet.',
  'regions.pageProblems': 'Pages on {site} whose markers need a look:',
  'regions.place': '{label} — {site} ({kind}), {page}',
  'regions.pageUntitled': 'a page without a title',
  'regions.kind.wordpress': 'WordPress',
  'regions.kind.ghost': 'Ghost',
  'regions.kind.git': 'static site',
  'regions.kind.gitWith': 'static site, {generator}',
  'regions.status.ok': 'Ready',
  'regions.status.missing': 'Markers gone',
  'regions.status.broken': 'Markers broken',
  'regions.update': 'Update',
  'regions.updateLabel': 'Update {label}',
  'regions.rename': 'Rename',
  'regions.labelField': 'Name shown in sitedesk',
  'regions.checkedAt': 'Text read from the site {when}.',
  'regions.changedAt': 'Last changed by sitedesk {when}.',
  'regions.openPage': 'Open the page',
  'regions.howToFix': 'How to put it right: {fix}',
  // what went wrong, by code
  'regions.problem.region_missing':
    'The markers of “{label}” are no longer on {page}: someone removed them, so sitedesk changes nothing there.',
  'regions.fix.region_missing':
    'Put {open} back on the page before the text and {close} after it, save the page, then press “Look for marked parts”.',
  'regions.problem.region_unclosed':
    'On {page}, “{label}” has its start marker but the end marker is gone, so sitedesk changes nothing there.',
  'regions.fix.region_unclosed':
    'Add {close} after the text, save the page, then press “Look for marked parts”.',
  'regions.problem.region_unopened':
    'On {page}, “{label}” has its end marker but the start marker is gone, so sitedesk changes nothing there.',
  'regions.fix.region_unopened':
    'Add {open} before the text, save the page, then press “Look for marked parts”.',
  'regions.problem.region_duplicated':
    'On {page}, “{label}” is marked more than once, so sitedesk does not know which part to change and changes nothing.',
  'regions.fix.region_duplicated':
    'Keep one {open} and one {close} around the text, delete the extra copies, save the page, then press “Look for marked parts”.',
  'regions.problem.region_overlap':
    'On {page}, “{label}” crosses another marked part, so sitedesk changes nothing there.',
  'regions.fix.region_overlap':
    'Move the markers so that one part ends before the next starts (or lies wholly inside it), save the page, then press “Look for marked parts”.',
  'regions.problem.region_content_invalid':
    'The new text for “{label}” contains a marker or an unfinished HTML comment, which would break the page.',
  'regions.fix.region_content_invalid':
    'Remove anything that starts with <!-- from the text and publish again.',
  'regions.problem.region_name_invalid':
    'On {page}, a marker’s name has letters sitedesk cannot use.',
  'regions.fix.region_name_invalid':
    'Use only small letters without accents, digits and hyphens in the marker, e.g. {open}.',
  'regions.problem.page_missing':
    'The page {page} with “{label}” is no longer on the site (deleted or moved).',
  'regions.fix.page_missing':
    'If the page moved, mark the part on its new page and press “Look for marked parts” again.',
  'regions.problem.broken':
    'The markers of “{label}” on {page} are not right, so sitedesk changes nothing there.',
  'regions.fix.broken':
    'Check that the page has exactly one {open} before the text and one {close} after it, save the page, then press “Look for marked parts”.',
  // a publication that found the markers gone or broken
  'cause.region_missing':
    'The marked part of the page is no longer there (someone removed its markers); nothing on the page was changed. Put the markers back (see Clients and sites), then try again.',
  'cause.region_broken':
    'The markers of the marked part on the page are broken; nothing on the page was changed. Put them right (see Clients and sites), then try again.',
  'regions.updateTitle': 'Update {label}',
  'regions.backToClients': 'Back to clients and sites',
  'regions.text': 'New text',
  'regions.readFailed':
    'The site could not be read just now: this is the text sitedesk saw {when}.',
  'regions.alsoOn': 'Put the same text on',
  'regions.alsoOnHelp': 'The same part on the client’s other sites and pages.',
  'regions.thisOne': 'This one: {place}',
  'regions.preview': 'Preview the page',
  'regions.previewTitle': 'Preview',
  'regions.previewOf': '{page} on {site}',
  'regions.previewImage': '[Image: {alt}]',
  'regions.publish': 'Publish',
  'regions.publishing': 'Publishing…',
  'regions.sameText': 'Already this text: there is nothing to publish.',
  'regions.textEmpty': 'Please write the new text.',
  'regions.notReady': 'This part cannot be updated until its markers are put right:',
  'regions.againTitle': 'The text of this part',
  'regions.again': 'Change the text again',
  'regions.lastUpdate': 'See the last update',
  'regions.taskTitle': 'Update {label} on {sites}',
  // marking help
  'regions.helpTitle': 'How to mark a part of a page',
  'regions.helpFor': 'On {site} ({kind})',
  'regions.helpName': 'What do you call the part?',
  'regions.helpNameExample': 'e.g. {example}',
  'regions.exampleName': 'Opening hours',
  'regions.markerLines': 'Lines to paste',
  'regions.helpSampleText': 'The text sitedesk will replace',
  'regions.help.wordpress':
    'In WordPress, open the page, add a “Custom HTML” block where the text should be, paste this into it and update the page:',
  'regions.help.ghost':
    'In Ghost, open the page or post, add an “HTML” card (type /html) where the text should be, paste this into it and update the page:',
  'regions.help.git':
    'In the site’s repository, open the page’s Markdown or HTML file, put these lines where the text should be, then commit and push:',
  'regions.helpNameMissing': 'Type a name with at least one letter or digit.',
  'regions.copy': 'Copy',
  'regions.copied': 'Copied.',
  'regions.copyFailed': 'Select the text above and copy it (Ctrl+C).',
  'regions.check': 'Check',
  'regions.checking': 'Checking…',
  'regions.checkFound': 'Found: {place}. You can update it now.',
  'regions.checkNotFound':
    'Not found on {site} yet. Is the page saved, and are both lines exactly as above?',
};
