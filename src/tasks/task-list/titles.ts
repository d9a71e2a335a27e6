import type { ParsedCreateTask } from '../schemas/tasks.js';

/** A readable title when none was given. */
export function defaultTitle(data: ParsedCreateTask): string {
  switch (data.kind) {
    case 'call':
      return `Call from ${data.details.caller}${data.details.callbackWanted ? ' (call back)' : ''}`;
    case 'mail':
      return data.details.subject || `Mail from ${data.details.from}`;
    case 'site-edit':
      return truncate(data.details.request, 80);
    case 'letter':
      return `Letter to ${data.details.recipient.name}: ${truncate(data.details.subject, 60)}`;
    case 'publish':
      return `Publish to ${data.details.siteIds.length} site${data.details.siteIds.length === 1 ? '' : 's'}`;
  }
}

function truncate(text: string, max: number): string {
  const line = text.split('\n')[0] ?? '';
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
