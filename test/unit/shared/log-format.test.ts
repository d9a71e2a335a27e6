import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

// A child process, because the format depends on what the process's own stdout is.
const script = `
  import { createLogger, logDestination } from './src/shared/logger.ts';
  const format = process.argv.at(-1);
  const logger = createLogger({ destination: logDestination(format, 1, format === 'pretty') });
  logger.info({ site: 'Bakery', password: 'hunter22' }, 'published the menu');
`;

async function logWith(format: 'json' | 'pretty' | 'auto'): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, format],
    { cwd: root },
  );
  return stdout;
}

describe('log format', () => {
  it('writes JSON lines for files and pipes, redacted', async () => {
    const line = JSON.parse((await logWith('auto')).trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, site: 'Bakery', msg: 'published the menu' });
    expect(JSON.stringify(line)).not.toContain('hunter22');
  });

  it('writes lines a person reads when asked (or on a terminal), still redacted', async () => {
    // eslint-disable-next-line no-control-regex -- colour codes of the terminal output
    const text = (await logWith('pretty')).replace(/\u001b\[\d+m/g, '');
    expect(text).toMatch(/^\[?\d\d:\d\d:\d\d\]? INFO: published the menu/m);
    expect(text).toContain('site: "Bakery"');
    expect(text).not.toContain('hunter22');
    expect(() => JSON.parse(text.split('\n')[0] ?? '')).toThrow();
  });
});
