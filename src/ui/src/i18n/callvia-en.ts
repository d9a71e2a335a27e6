/** English words of how a call came (issue 24: said in words, not the phone system's). */
export const enCallVia = {
  'mdVia.missed': 'A missed call: nobody answered and no message was left.',
  'mdVia.voicemail': 'The caller left a voicemail.',
  'mdVia.incoming': 'The call was answered.',
  callWhyNoSettings:
    'this client has no call hours or forwarding rules yet (set them on the client), so calls are not put through.',
  callWhyNoEmail: 'the client has no e-mail address for messages; add one to the client’s contact.',
  callWhyNoMailbox: 'the client has no mailbox to send messages from; add one on the client.',
};
