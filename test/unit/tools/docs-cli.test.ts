import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { captureIo } from '../cli/cli-io.js';

// docs/cli.md is checked against the real `--help` of every command and action, run in-process
// through runCli as test/unit/cli does: a command, action or option in --help that the page
// lacks fails, and so does one the page names that no longer exists.

const root = join(import.meta.dirname, '../../..');
// An option as written in help and docs; `"--quiet"` inside a JSON value is not one.
const OPTION = /(?<![\w"'-])--[a-z][a-z0-9-]*/g;

/** `sitedesk <argv> --help` as a person would see it (stdout), failing on a non-zero exit. */
async function help(argv: string[]): Promise<string> {
  const { io, out, err } = captureIo({});
  const code = await runCli([...argv, '--help'], io);
  await new Promise((resolve) => setImmediate(resolve));
  if (code !== 0) throw new Error(`sitedesk ${argv.join(' ')} --help exited ${code}: ${err()}`);
  return out();
}

/** Every command ("client") and action ("client add") with the options its --help names. */
async function helpOfEverything(): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const top = await help([]);
  found.set('', new Set(top.match(OPTION)));
  const commands = [...top.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1] ?? '');
  for (const command of commands) {
    const text = await help([command]);
    const actions = /^Usage: sitedesk [a-z-]+ <([a-z|-]+)>/m.exec(text)?.[1]?.split('|') ?? [];
    found.set(command, new Set(actions.length > 0 ? [] : text.match(OPTION)));
    for (const action of actions) {
      found.set(`${command} ${action}`, new Set((await help([command, action])).match(OPTION)));
    }
  }
  for (const options of found.values()) options.delete('--help');
  return found;
}

interface Section {
  key: string;
  heading: string;
  text: string;
}

/** The page cut at its `sitedesk …` headings; text before the first one belongs to key ''. */
function sectionsOf(page: string): Section[] {
  const sections: Section[] = [{ key: '', heading: '(top of the page)', text: '' }];
  for (const line of page.split('\n')) {
    const heading = /^#{2,4} `sitedesk(?: ([a-z-]+))?(?: ([a-z]+))?`\s*$/.exec(line);
    if (heading) {
      const key = [heading[1], heading[2]].filter(Boolean).join(' ');
      sections.push({ key, heading: line, text: '' });
    } else {
      const current = sections[sections.length - 1];
      if (current) current.text += line + '\n';
    }
  }
  return sections;
}

/** The code of a section: fenced blocks and inline `spans`, where commands are written. */
function codeOf(text: string): string[] {
  const fenced = [...text.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
  const prose = text.replace(/^```[a-z]*\n[\s\S]*?^```/gm, '');
  const inline = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
  return [...fenced.flatMap((block) => block.split('\n')), ...inline];
}

interface Invocation {
  /** What was written, e.g. `sitedesk serve --no-runner`. */
  written: string;
  command: string;
  action: string | undefined;
  options: string[];
}

/** Each `sitedesk <command> [<action>] …` written in code, up to a pipe, `;`, `&&` or `#`. */
function invocationsIn(code: string): Invocation[] {
  return [...code.matchAll(/(?:^|[\s(])sitedesk ([a-z][a-z-]*)([^|;&#]*)/g)].map((m) => {
    const [written, command = '', rest = ''] = m;
    const words = rest.trim().split(/\s+/);
    const action = words[0] && /^[a-z]+$/.test(words[0]) ? words[0] : undefined;
    return { written: written.trim(), command, action, options: rest.match(OPTION) ?? [] };
  });
}

describe('docs/cli.md', () => {
  let helpTexts: Map<string, Set<string>>;
  let sections: Section[];
  beforeAll(async () => {
    helpTexts = await helpOfEverything();
    sections = sectionsOf(readFileSync(join(root, 'docs/cli.md'), 'utf8'));
  }, 60_000);

  it('has a section for every command and action of --help, and none for one that is gone', () => {
    const documented = sections.map((s) => s.key).filter((k) => k !== '');
    const commandsWithActions = new Set(
      [...helpTexts.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]),
    );
    const expected = [...helpTexts.keys()].filter((k) => k !== '');
    expect(documented.filter((k) => !helpTexts.has(k))).toEqual([]);
    expect(expected.filter((k) => !documented.includes(k))).toEqual([]);
    expect(commandsWithActions.size).toBeGreaterThan(5);
  });

  it('names every option of each command in its section', () => {
    const missing: string[] = [];
    for (const [key, options] of helpTexts) {
      const named = new Set(sections.find((s) => s.key === key)?.text.match(OPTION));
      for (const option of options) {
        if (!named.has(option)) missing.push(`sitedesk ${key} ${option}`.trim());
      }
    }
    expect(missing).toEqual([]);
  });

  it('names no command, action or option that does not exist', () => {
    const wrong: string[] = [];
    const hasActions = (command: string) =>
      [...helpTexts.keys()].some((k) => k.startsWith(`${command} `));
    for (const section of sections) {
      let rest = section.text;
      // Options inside a `sitedesk <command> …` example belong to that command.
      for (const code of codeOf(section.text)) {
        for (const call of invocationsIn(code)) {
          let key = call.command;
          if (!helpTexts.has(key)) {
            wrong.push(`${section.heading}: "${call.written}": no command "${key}"`);
            continue;
          }
          if (hasActions(key) && call.action !== undefined) {
            key = `${call.command} ${call.action}`;
            if (!helpTexts.has(key))
              wrong.push(`${section.heading}: "${call.written}": no action "${key}"`);
          }
          for (const option of call.options) {
            if (option !== '--help' && !helpTexts.get(key)?.has(option))
              wrong.push(`${section.heading}: "${call.written}": sitedesk ${key} has no ${option}`);
          }
          rest = rest.replace(call.written, '');
        }
      }
      const own = helpTexts.get(section.key) ?? new Set<string>();
      for (const option of rest.match(OPTION) ?? []) {
        if (option !== '--help' && !own.has(option))
          wrong.push(`${section.heading}: ${option} is not an option of sitedesk ${section.key}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
