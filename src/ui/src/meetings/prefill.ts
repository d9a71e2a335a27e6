/** What a booking is filled in with from its task (the server defaults the same way). */
import type { Task } from '../api/types.js';

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Who the meeting is with, from the call (caller, number) or the mail (sender). */
export function fromTask(task: Task): {
  name: string;
  email: string;
  contact: string;
  note: string;
} {
  const d = task.details;
  if (task.kind === 'call')
    return {
      name: text(d.caller),
      email: '',
      contact: text(d.number),
      note: text(d.message) || text(d.topic),
    };
  const from = text(d.from);
  const email = /<([^>]+)>/.exec(from)?.[1] ?? (from.includes('@') ? from : '');
  const name =
    from
      .replace(/<[^>]*>/, '')
      .replace(/"/g, '')
      .trim() || email;
  return { name, email, contact: '', note: text(d.subject) };
}
