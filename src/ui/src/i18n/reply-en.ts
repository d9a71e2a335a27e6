/** English words of issue 15's later parts: the client's mail signature, screens loaded apart. */
export const enReply = {
  signatureTitle: 'Mail signature',
  signatureHelp:
    'Put under every reply sent from this client’s mailboxes, in both the formatted and the plain version.',
  signatureText: 'Signature',
  signatureSave: 'Save the signature',
  signatureSaved: 'Signature saved.',
  signatureNone: 'No signature yet.',
  // A screen whose part of the app could not be fetched (the connection dropped a moment).
  screenLoadFailed: 'This screen did not load; the connection may have dropped.',
  screenReload: 'Load the page again',
};
