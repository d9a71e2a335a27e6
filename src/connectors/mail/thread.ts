/**
 * Thread keys: messages of one conversation share the Message-ID of its first message.
 * References lists the chain oldest first (RFC 5322 §3.6.4), so its first entry is the root;
 * without References, In-Reply-To names the parent; a message with neither starts a thread.
 */

/** Message-IDs in a header value, without angle brackets, in order (`<a@x> <b@y>` → [a@x, b@y]). */
export function messageIds(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : (value as string);
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
  if (bracketed.length > 0) return bracketed.filter((id) => id !== '');
  // Some senders write ids without brackets.
  return text.split(/[\s,]+/).filter((id) => id.includes('@'));
}

/** The thread key of a message: the root Message-ID (lowercased), or its own id. */
export function threadKey(message: {
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: readonly string[];
}): string {
  const root = message.references[0] ?? message.inReplyTo ?? message.messageId;
  // Message-IDs are case-sensitive in the local part by the RFC, but real mail clients change
  // case when quoting them; grouping must survive that.
  return (root ?? '').toLowerCase();
}
