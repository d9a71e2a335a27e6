import { readFile } from 'node:fs/promises';
import { slugify } from '../../content/index.js';
import { messageOf } from '../../shared/errors.js';
import type { CreateScheduleInput, TaskService } from '../../tasks/index.js';
import {
  asFlags,
  findClient,
  findSite,
  instantFlag,
  intFlag,
  listFlag,
  required,
} from '../cli-input.js';
import { parseCommandArgs, println, UsageError, type CliIo } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { commandGroup, noPositionals } from '../group.js';
import { withWorkspace } from '../workspace.js';
import {
  schedulePauseAction,
  scheduleRemoveAction,
  scheduleResumeAction,
} from './schedule-state.js';

const addHelp = `Usage: sitedesk schedule add --client CLIENT --name NAME (--rrule RULE | --cron LINE) --site SITE … --title TEXT (--body TEXT | --body-file FILE) [options]

Adds a recurring post for a client and shows its next five runs in the client's time. Times
of day in the rule are the client's local time, in summer and in winter.
  --rrule RULE       e.g. "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0" (Mondays 09:00)
  --cron LINE        e.g. "0 9 * * 1" (the same, as five cron fields)
  --site SITE        where each run publishes (repeat for more sites)
  --title TEXT       title of each post; may use {{date}} {{time}} {{weekday}} {{text}}
                     {{client.name}} {{client.email}} {{client.phone}}
  --slug TEXT        default "<name>-{{date}}" (a new post per run); a fixed slug updates one post
  --body TEXT        the Markdown of each post (or --body-file FILE)
  --excerpt TEXT     --tag TAG (repeat)   --kind post|page|promotion   --language TAG
  --starts TIME      no run before this (default now)    --ends TIME   no run after this
  --count N          at most N runs
  --catch-up MODE    after downtime: latest (default, the newest missed run once), all, none
  --disabled         add it switched off`;

const listHelp = `Usage: sitedesk schedule list [--client CLIENT] [--json]

Lists schedules with their rule and next five runs in each client's time.`;

const scheduleFlags = {
  clientId: '--client',
  name: '--name',
  'rule.expression': '--rrule / --cron',
  rule: '--rrule / --cron',
  startsAt: '--starts',
  endsAt: '--ends',
  count: '--count',
  siteIds: '--site',
  'template.title': '--title',
  'template.slug': '--slug',
  'template.markdown': '--body',
  'template.excerpt': '--excerpt',
  'template.kind': '--kind',
  'template.tags': '--tag',
  'template.language': '--language',
  catchUp: '--catch-up',
};

async function printSchedule(tasks: TaskService, id: string, io: CliIo): Promise<void> {
  const { schedule, upcoming } = await tasks.getSchedule(id, 5);
  const client = await tasks.getClient(schedule.clientId);
  const rule = `${schedule.rule.kind} ${schedule.rule.expression}`;
  println(
    io.stdout,
    `${schedule.name}  (${schedule.id}, ${client.name}, ${schedule.enabled ? 'on' : 'off'})`,
  );
  println(
    io.stdout,
    `  rule   ${rule}   catch-up ${schedule.catchUp}   runs so far ${schedule.fired}`,
  );
  if (upcoming.length === 0) println(io.stdout, '  no more runs');
  for (const run of upcoming) println(io.stdout, `  next   ${run.local}  (${client.timezone})`);
}

async function body(values: {
  body?: string | undefined;
  'body-file'?: string | undefined;
}): Promise<string> {
  if (values.body !== undefined && values['body-file'] !== undefined)
    throw new UsageError('Use --body or --body-file, not both.');
  if (values['body-file'] !== undefined) {
    try {
      return await readFile(values['body-file'], 'utf8');
    } catch (error) {
      throw new UsageError(
        `--body-file ${values['body-file']} cannot be read: ${messageOf(error)}`,
      );
    }
  }
  return required(values.body, '--body', '"Today: {{text}}"');
}

/** `sitedesk schedule add|list`. */
export const scheduleCommand = commandGroup(
  'schedule',
  'add, list, pause, resume or remove recurring posts',
  {
    add: {
      summary: 'add a recurring post',
      help: addHelp,
      async run(argv, io) {
        const { values, positionals } = parseCommandArgs(argv, {
          client: { type: 'string' },
          name: { type: 'string' },
          rrule: { type: 'string' },
          cron: { type: 'string' },
          site: { type: 'string', multiple: true },
          title: { type: 'string' },
          slug: { type: 'string' },
          body: { type: 'string' },
          'body-file': { type: 'string' },
          excerpt: { type: 'string' },
          tag: { type: 'string', multiple: true },
          kind: { type: 'string' },
          language: { type: 'string' },
          starts: { type: 'string' },
          ends: { type: 'string' },
          count: { type: 'string' },
          'catch-up': { type: 'string' },
          disabled: { type: 'boolean' },
        });
        noPositionals(positionals, 'schedule add');
        const clientRef = required(values.client, '--client', '"Bakery Novák"');
        const name = required(values.name, '--name', '"Weekly menu"');
        if ((values.rrule === undefined) === (values.cron === undefined))
          throw new UsageError(
            'Give exactly one of --rrule "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0" or --cron "0 9 * * 1".',
          );
        const rule =
          values.rrule !== undefined
            ? { kind: 'rrule' as const, expression: values.rrule }
            : { kind: 'cron' as const, expression: values.cron ?? '' };
        const refs = values.site ?? [];
        if (refs.length === 0)
          throw new UsageError(
            '--site is required, e.g. --site "Bakery blog" (repeat for more sites).',
          );
        const markdown = await body(values);
        const count = intFlag(values.count, '--count', 1, 100_000);
        return withWorkspace(io.env, async (ws) => {
          const client = await findClient(ws.tasks, clientRef, '--client');
          const siteIds: string[] = [];
          for (const ref of refs)
            siteIds.push((await findSite(ws.tasks, ref, '--site', client.id)).id);
          const now = ws.clock.now();
          // 185 leaves room for "-{{date}}" within the 200 characters a slug may have.
          const slugBase = slugify(name, 185);
          const input: CreateScheduleInput = {
            clientId: client.id,
            name,
            rule,
            siteIds,
            template: {
              title: required(values.title, '--title', '"Menu for {{weekday}} {{date}}"'),
              slug: values.slug ?? `${slugBase || 'post'}-{{date}}`,
              markdown,
              ...(values.excerpt !== undefined ? { excerpt: values.excerpt } : {}),
              ...(values.kind !== undefined ? { kind: values.kind as 'post' } : {}),
              tags: listFlag(values.tag),
              ...(values.language !== undefined ? { language: values.language } : {}),
            },
            ...(values.starts !== undefined
              ? { startsAt: instantFlag(values.starts, '--starts', now) }
              : {}),
            ...(values.ends !== undefined
              ? { endsAt: instantFlag(values.ends, '--ends', now) }
              : {}),
            ...(count !== undefined ? { count } : {}),
            ...(values['catch-up'] !== undefined
              ? { catchUp: values['catch-up'] as 'latest' }
              : {}),
            enabled: values.disabled !== true,
          };
          const schedule = await asFlags(scheduleFlags, () =>
            ws.tasks.createSchedule(input, ws.actor),
          );
          println(
            io.stderr,
            `Added schedule "${schedule.name}"; "sitedesk run" publishes its runs.`,
          );
          await printSchedule(ws.tasks, schedule.id, io);
          return ExitCode.ok;
        });
      },
    },
    list: {
      summary: 'list schedules and their next five runs',
      help: listHelp,
      async run(argv, io) {
        const { values, positionals } = parseCommandArgs(argv, {
          client: { type: 'string' },
          json: { type: 'boolean' },
        });
        noPositionals(positionals, 'schedule list');
        return withWorkspace(io.env, async (ws) => {
          const client =
            values.client === undefined
              ? undefined
              : await findClient(ws.tasks, values.client, '--client');
          const schedules = await ws.tasks.listSchedules(client ? { clientId: client.id } : {});
          if (values.json) {
            const all = await Promise.all(schedules.map((s) => ws.tasks.getSchedule(s.id, 5)));
            println(io.stdout, JSON.stringify(all, null, 2));
            return ExitCode.ok;
          }
          if (schedules.length === 0)
            println(io.stderr, 'No schedules yet; add one with "sitedesk schedule add".');
          for (const s of schedules) await printSchedule(ws.tasks, s.id, io);
          return ExitCode.ok;
        });
      },
    },
    pause: schedulePauseAction,
    resume: scheduleResumeAction,
    remove: scheduleRemoveAction,
  },
);
