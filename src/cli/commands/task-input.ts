import type { CreateTaskInput } from '../../tasks/index.js';
import { findClient, findSite, instantFlag, required } from '../cli-input.js';
import { UsageError } from '../command.js';
import type { Workspace } from '../workspace.js';

/** Which command-line flag sets which task field (for error messages). */
export const taskFlags = {
  clientId: '--client',
  title: '--title',
  priority: '--priority',
  dueAt: '--due',
  assignee: '--assignee',
  'details.caller': '--caller',
  'details.number': '--number',
  'details.message': '--message',
  'details.at': '--at',
  'details.from': '--from',
  'details.subject': '--subject',
  'details.body': '--body',
  'details.receivedAt': '--received',
  'details.request': '--request',
  'details.siteId': '--site',
};

/** The createTask input of `sitedesk task add`, from its flags (ids and names resolved). */
export async function buildTask(
  ws: Workspace,
  values: Record<string, string | boolean | undefined>,
): Promise<CreateTaskInput> {
  const text = (key: string): string | undefined => {
    const v = values[key];
    return typeof v === 'string' ? v : undefined;
  };
  const client = await findClient(
    ws.tasks,
    required(text('client'), '--client', '"Bakery Novák"'),
    '--client',
  );
  const now = ws.clock.now();
  const common = {
    clientId: client.id,
    ...(text('title') !== undefined ? { title: text('title') } : {}),
    ...(text('priority') !== undefined ? { priority: text('priority') as 'normal' } : {}),
    ...(text('due') !== undefined ? { dueAt: instantFlag(text('due'), '--due', now) } : {}),
    ...(text('assignee') !== undefined ? { assignee: text('assignee') } : {}),
  };
  const kind = required(text('kind'), '--kind', 'call');
  if (kind === 'call') {
    return {
      ...common,
      kind,
      details: {
        caller: required(text('caller'), '--caller', '"Jana Dvořáková"'),
        number: required(text('number'), '--number', '"+420 601 234 567"'),
        at: instantFlag(text('at') ?? 'now', '--at', now) ?? '',
        message: text('message') ?? '',
        callbackWanted: values.callback === true,
      },
    };
  }
  if (kind === 'mail') {
    return {
      ...common,
      kind,
      details: {
        from: required(text('from'), '--from', 'jana@example.com'),
        subject: text('subject') ?? '',
        body: text('body') ?? '',
        receivedAt: instantFlag(text('received') ?? 'now', '--received', now) ?? '',
      },
    };
  }
  if (kind === 'site-edit') {
    const siteRef = text('site');
    const site =
      siteRef === undefined ? undefined : await findSite(ws.tasks, siteRef, '--site', client.id);
    return {
      ...common,
      kind,
      details: {
        request: required(text('request'), '--request', '"New opening hours"'),
        ...(site ? { siteId: site.id } : {}),
      },
    };
  }
  throw new UsageError(
    kind === 'publish'
      ? '--kind publish: use "sitedesk publish FILE.md --site SITE" to publish a text.'
      : `--kind "${kind}" is not known; use call, mail or site-edit.`,
  );
}
