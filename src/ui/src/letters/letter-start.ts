/**
 * What a letter written from a mail or a call task starts with: the sender of the mail (name
 * and address) and its subject, answered in the same conversation; the caller's name for a call.
 */
import type { Task } from '../api/types.js';
import type { LetterStart } from './letter-form.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `Jana Dvořáková <jana@example.cz>` → name and address; a bare address has no name. */
export function splitFrom(from: string): { name?: string; email?: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (m) return { ...(m[1] ? { name: m[1] } : {}), email: (m[2] ?? '').trim() };
  return from.includes('@') ? { email: from.trim() } : { name: from.trim() };
}

/** The start of a letter written from `task` (nothing for other kinds). */
export function startFrom(task: Task | undefined): LetterStart | undefined {
  if (!task) return undefined;
  if (task.kind === 'mail') {
    const who = splitFrom(text(task.details.from));
    const subject = text(task.details.subject);
    return {
      recipient: {
        ...(who.name ? { name: who.name } : {}),
        ...(who.email ? { email: who.email } : {}),
      },
      ...(subject ? { subject: /^re:/i.test(subject) ? subject : `Re: ${subject}` } : {}),
      replyTo: task.id,
    };
  }
  if (task.kind === 'call') return { recipient: { name: text(task.details.caller) } };
  return undefined;
}
