import { taskStatuses, type Task, type TaskService, type TaskStatus } from '../../tasks/index.js';
import { asFlags, findClient, intFlag, listFlag } from '../cli-input.js';
import { parseCommandArgs, println, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { commandGroup, noPositionals, onePositional } from '../group.js';
import { formatTable, localTime } from '../table.js';
import { withWorkspace } from '../workspace.js';
import { buildTask, taskFlags } from './task-input.js';
import { showTask } from './task-show.js';

const addHelp = `Usage: sitedesk task add --client CLIENT --kind KIND [options]

Adds a task to the list and prints its id. Kinds and their options:
  call        --caller NAME --number PHONE [--message TEXT] [--at TIME] [--callback]
  mail        --from ADDRESS [--subject TEXT] [--body TEXT] [--received TIME]
  site-edit   --request TEXT [--site SITE]
(a publish task comes from "sitedesk publish"). Options of every kind:
  --client CLIENT     the client's id or exact name
  --title TEXT        a title (default: made from the details)
  --priority P        low | normal (default) | high | urgent
  --due TIME          when it is due, e.g. 2026-03-09T17:00:00+01:00
  --assignee NAME     who does it
TIME is ISO-8601 with an offset or Z, or "now" (the default for --at and --received).`;

const listHelp = `Usage: sitedesk task list [--client CLIENT] [--status S] [--kind K] [--assignee NAME] [--by-due] [--limit N] [--json]

Lists tasks, newest first (--by-due: soonest due first). --status and --kind may be repeated
or comma-separated (open,in_progress). Statuses: ${taskStatuses.join(', ')}.`;

const doneHelp = `Usage: sitedesk task done TASK [--note TEXT]

Marks a task done (from open, in progress, approved or scheduled). A finished task stays finished.`;

function statusList(values: string[] | undefined): TaskStatus[] | undefined {
  const list = listFlag(values);
  for (const s of list)
    if (!(taskStatuses as readonly string[]).includes(s))
      throw new UsageError(`--status "${s}" is not known; use one of ${taskStatuses.join(', ')}.`);
  return list.length ? (list as TaskStatus[]) : undefined;
}

async function taskRows(tasks: TaskService, list: Task[]): Promise<string[][]> {
  const names = new Map((await tasks.listClients()).map((c) => [c.id, c] as const));
  return list.map((t) => [
    t.id,
    t.status,
    t.kind,
    t.priority,
    localTime(t.dueAt, names.get(t.clientId)?.timezone),
    names.get(t.clientId)?.name ?? t.clientId,
    t.title,
  ]);
}

/** `sitedesk task add|list|show|done`. */
export const taskCommand = commandGroup('task', 'add, list, show or finish tasks', {
  add: {
    summary: 'add a call, mail or site-edit task',
    help: addHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        client: { type: 'string' },
        kind: { type: 'string' },
        title: { type: 'string' },
        priority: { type: 'string' },
        due: { type: 'string' },
        assignee: { type: 'string' },
        caller: { type: 'string' },
        number: { type: 'string' },
        message: { type: 'string' },
        at: { type: 'string' },
        callback: { type: 'boolean' },
        from: { type: 'string' },
        subject: { type: 'string' },
        body: { type: 'string' },
        received: { type: 'string' },
        request: { type: 'string' },
        site: { type: 'string' },
      });
      noPositionals(positionals, 'task add');
      return withWorkspace(io.env, async (ws) => {
        const input = await buildTask(ws, values);
        const task = await asFlags(taskFlags, () => ws.tasks.createTask(input, ws.actor));
        println(io.stdout, task.id);
        println(io.stderr, `Added ${task.kind} task "${task.title}" (${task.status}).`);
        return ExitCode.ok;
      });
    },
  },
  list: {
    summary: 'list tasks with filters',
    help: listHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, {
        client: { type: 'string' },
        status: { type: 'string', multiple: true },
        kind: { type: 'string', multiple: true },
        assignee: { type: 'string' },
        'by-due': { type: 'boolean' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      });
      noPositionals(positionals, 'task list');
      const status = statusList(values.status);
      const kind = listFlag(values.kind);
      const limit = intFlag(values.limit, '--limit', 1, 500) ?? 50;
      return withWorkspace(io.env, async (ws) => {
        const client =
          values.client === undefined
            ? undefined
            : await findClient(ws.tasks, values.client, '--client');
        const page = await asFlags({ kind: '--kind', assignee: '--assignee' }, () =>
          ws.tasks.listTasks({
            ...(client ? { clientId: client.id } : {}),
            ...(status ? { status } : {}),
            ...(kind.length ? { kind: kind as Task['kind'][] } : {}),
            ...(values.assignee !== undefined ? { assignee: values.assignee } : {}),
            order: values['by-due'] ? 'due' : 'created',
            limit,
          }),
        );
        if (values.json) {
          println(io.stdout, JSON.stringify(page.items, null, 2));
          return ExitCode.ok;
        }
        const rows = await taskRows(ws.tasks, page.items);
        println(
          io.stdout,
          formatTable(['ID', 'STATUS', 'KIND', 'PRIORITY', 'DUE', 'CLIENT', 'TITLE'], rows),
        );
        if (page.nextCursor)
          println(io.stderr, `(more than ${limit}; narrow the filters or raise --limit)`);
        return ExitCode.ok;
      });
    },
  },
  show: {
    summary: 'show a task with its publications and history',
    help: 'Usage: sitedesk task show TASK [--json]\n\nShows one task: its details, one line per site for a publish task, and its history.',
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
      const id = onePositional(
        positionals,
        'task show needs one TASK id, e.g. sitedesk task show 01JX…',
      );
      return withWorkspace(io.env, (ws) => showTask(ws, id, io, values.json === true));
    },
  },
  done: {
    summary: 'mark a task done',
    help: doneHelp,
    async run(argv, io) {
      const { values, positionals } = parseCommandArgs(argv, { note: { type: 'string' } });
      const id = onePositional(
        positionals,
        'task done needs one TASK id, e.g. sitedesk task done 01JX…',
      );
      return withWorkspace(io.env, async (ws) => {
        const task = await ws.tasks.transitionTask(id, 'done', {
          ...ws.actor,
          ...(values.note ? { note: values.note } : {}),
        });
        println(io.stdout, `Task ${task.id} "${task.title}" is done.`);
        return ExitCode.ok;
      });
    },
  },
});
