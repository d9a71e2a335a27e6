import type { Publication, TaskWithHistory } from '../../tasks/index.js';
import { println, type CliIo } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable, localTime } from '../table.js';
import type { Workspace } from '../workspace.js';

/** One line per site: state, and the URL or the site's own error. */
export function publicationRows(
  publications: Publication[],
  siteNames: Map<string, string>,
): string[][] {
  return publications.map((p) => [
    siteNames.get(p.siteId) ?? p.siteId,
    p.state + (p.verifiedAt ? ' ✓' : ''),
    p.state === 'failed' || (p.state === 'pending' && p.lastError)
      ? (p.lastError ?? '')
      : p.state === 'publishing'
        ? held(p)
        : (p.url ?? '—'),
  ]);
}

// Who is publishing it, and until when its lease runs (past: its process is gone, and any
// running sitedesk takes it over).
function held(p: Publication): string {
  if (!p.leaseUntil) return `by ${p.owner ?? 'no one'} (no lease: taken over at once)`;
  const lapsed = Date.parse(p.leaseUntil) < Date.now();
  return `by ${p.owner ?? '?'}, lease ${lapsed ? 'ran out' : 'until'} ${p.leaseUntil}${lapsed ? ' (its process is gone; taken over shortly)' : ''}`;
}

/** Prints a task: fields, details, publications (publish tasks) and history, in the client's time. */
export async function showTask(
  ws: Workspace,
  id: string,
  io: CliIo,
  json: boolean,
): Promise<typeof ExitCode.ok> {
  const got: TaskWithHistory = await ws.tasks.getTask(id);
  if (json) {
    println(io.stdout, JSON.stringify(got, null, 2));
    return ExitCode.ok;
  }
  const { task, publications, history } = got;
  const client = await ws.tasks.getClient(task.clientId);
  const zone = client.timezone;
  const out = (text = ''): void => println(io.stdout, text);
  out(`${task.title}`);
  out(`  id        ${task.id}`);
  out(`  client    ${client.name} (${zone})`);
  out(`  kind      ${task.kind}    status ${task.status}    priority ${task.priority}`);
  out(
    `  due       ${localTime(task.dueAt, zone)}    assignee ${task.assignee ?? '—'}    source ${task.source}`,
  );
  for (const [key, value] of Object.entries(task.details)) {
    const shown = Array.isArray(value) ? value.join(', ') : String(value);
    out(`  ${key.padEnd(9)} ${shown}`);
  }
  if (publications.length) {
    const names = new Map(
      (await ws.tasks.listSites({ clientId: task.clientId })).map((s) => [s.id, s.name]),
    );
    out();
    out(formatTable(['SITE', 'STATE', 'URL / LAST ERROR'], publicationRows(publications, names)));
  }
  out();
  out('History:');
  for (const entry of history)
    out(
      `  ${localTime(entry.at, zone)}  ${entry.actor.padEnd(10)} ${entry.entity} ${entry.action}`,
    );
  return ExitCode.ok;
}
