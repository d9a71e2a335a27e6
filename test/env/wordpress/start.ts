/**
 * Starts and stops a real WordPress for the tests: MariaDB (own data folder and socket, no TCP)
 * and `php -S` with four workers on a free loopback port, both in their own process group.
 * The pristine install comes from prepare.sh (built on demand, once per machine); each site
 * copies the 27 MB data folder and shares the code, so several sites run at once and one
 * starts in about a second.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePort } from '../ports.js';
import { killGroups, spawnGroup, stopGroup, waitFor } from './processes.js';

const here = resolve(import.meta.dirname);
/** Where prepare.sh keeps the pristine copy (override with SITEDESK_WP_CACHE). */
export const wordpressCacheDir = process.env.SITEDESK_WP_CACHE ?? '/tmp/sitedesk-cache/wordpress';

/** A user of the test site and its Application Password. */
export interface WordPressUser {
  username: string;
  appPassword: string;
}

/** A running test WordPress. */
export interface RunningWordPress {
  /** Home URL without trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The administrator (may publish posts and pages, upload media). */
  username: string;
  /** As WordPress shows it on the profile page (groups of four, spaces), the way users copy it. */
  appPassword: string;
  /** A user with the `author` role: may publish posts and upload, but not edit pages. */
  author: WordPressUser;
  /** Runs PHP with WordPress loaded (after wp-load.php) and returns its standard output. */
  php(code: string): string;
  /** Installs a must-use plugin (PHP code without `<?php`) that applies from the next request. */
  addMuPlugin(name: string, code: string): Promise<void>;
  /**
   * Switches to plain permalinks (`?p=123`) and, like a server without rewrite rules, answers
   * 404 for every pretty path such as /wp-json/ — or back to `/%postname%/`.
   */
  setPlainPermalinks(plain: boolean): Promise<void>;
  /** Stops PHP and MariaDB (process-group kill) and removes the site's files. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Parent folder for the site's files; default the OS temp folder (a short path: socket limit). */
  baseDir?: string;
}

/** Starts a fresh WordPress (about 1–2 s once the pristine copy exists). */
export async function startWordPress(options: StartOptions = {}): Promise<RunningWordPress> {
  prepare();
  const credentials = JSON.parse(
    await readFile(join(wordpressCacheDir, 'credentials.json'), 'utf8'),
  ) as {
    admin: WordPressUser;
    author: WordPressUser;
  };
  const base = await mkdtemp(join(options.baseDir ?? '/tmp', 'sdwp-'));
  const instanceId = base.split('/').pop() ?? 'site';
  const uploadsRel = `wp-content/uploads/${instanceId}`;
  const uploadsAbs = join(wordpressCacheDir, 'wp', uploadsRel);
  const groups: ChildProcess[] = [];
  const env = { ...process.env, SITEDESK_WP_INSTANCE: base };
  const exitGuard = (): void => killGroups(groups, 'SIGKILL');
  process.once('exit', exitGuard);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', exitGuard);
    await Promise.all(groups.map((child) => stopGroup(child)));
    await rm(base, { recursive: true, force: true });
    await rm(uploadsAbs, { recursive: true, force: true });
  };

  try {
    await cp(join(wordpressCacheDir, 'db'), join(base, 'db'), { recursive: true });
    await mkdir(join(base, 'mu-plugins'));
    await mkdir(uploadsAbs, { recursive: true });
    const socket = join(base, 'db.sock');
    groups.push(
      spawnGroup(
        'mariadbd',
        [
          '--no-defaults',
          `--datadir=${join(base, 'db')}`,
          `--socket=${socket}`,
          '--skip-networking',
          '--user=root',
          '--skip-name-resolve',
          '--innodb-log-file-size=8M',
          '--innodb-buffer-pool-size=32M',
          '--performance-schema=OFF',
          '--skip-log-bin',
          `--pid-file=${join(base, 'db.pid')}`,
        ],
        env,
        join(base, 'db.log'),
      ),
    );
    await waitFor(
      'MariaDB',
      () =>
        spawnSync('mariadb-admin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'])
          .status === 0,
    );

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    await writeFile(
      join(base, 'instance.php'),
      [
        '<?php',
        `define('DB_HOST', 'localhost:${socket}');`,
        `define('WP_HOME', '${url}');`,
        `define('WP_SITEURL', '${url}');`,
        `define('UPLOADS', '${uploadsRel}');`,
        `define('WPMU_PLUGIN_DIR', '${join(base, 'mu-plugins')}');`,
        '',
      ].join('\n'),
    );
    const docroot = join(wordpressCacheDir, 'wp');
    groups.push(
      // OPcache is off for the CLI by default; php -S is a CLI server, and compiling WordPress
      // anew for every request costs about a third of each REST call.
      spawnGroup(
        'php',
        [
          '-d',
          'opcache.enable_cli=1',
          '-S',
          `127.0.0.1:${port}`,
          '-t',
          docroot,
          join(docroot, 'router.php'),
        ],
        {
          ...env,
          PHP_CLI_SERVER_WORKERS: '4',
        },
        join(base, 'php.log'),
      ),
    );
    // If this process dies without stop() (a killed test worker), a watchdog kills the site.
    const groupIds = groups.map((child) => `-${child.pid}`).join(' ');
    const watchdog = spawn(
      'bash',
      [
        '-c',
        `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -KILL -- ${groupIds} 2>/dev/null; rm -rf '${base}' '${uploadsAbs}'`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
    groups.unshift(watchdog);
    await waitFor('php -S', async () => {
      const response = await fetch(`${url}/wp-json/`).catch(() => undefined);
      return response?.status === 200;
    });

    return {
      url,
      username: credentials.admin.username,
      appPassword: asShown(credentials.admin.appPassword),
      author: {
        username: credentials.author.username,
        appPassword: asShown(credentials.author.appPassword),
      },
      php: (code) => runPhp(docroot, env, code),
      setPlainPermalinks: async (plain) => {
        runPhp(
          docroot,
          env,
          `update_option('permalink_structure', '${plain ? '' : '/%postname%/'}'); flush_rewrite_rules(true);`,
        );
        if (plain) await writeFile(join(base, 'no-rewrites'), '');
        else await rm(join(base, 'no-rewrites'), { force: true });
      },
      addMuPlugin: (name, code) =>
        writeFile(join(base, 'mu-plugins', `${name}.php`), `<?php\n${code}\n`),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** WordPress shows a new Application Password in groups of four (WP_Application_Passwords::chunk_password). */
function asShown(password: string): string {
  return (password.match(/.{1,4}/g) ?? []).join(' ');
}

function prepare(): void {
  const result = spawnSync('bash', [join(here, 'prepare.sh')], { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`test/env/wordpress/prepare.sh failed:\n${result.stderr}`);
}

function runPhp(docroot: string, env: NodeJS.ProcessEnv, code: string): string {
  const script = `$_SERVER['HTTP_HOST']='127.0.0.1'; require '${docroot}/wp-load.php'; ${code}`;
  const result = spawnSync('php', ['-r', script], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`php failed: ${result.stderr}${result.stdout}`);
  return result.stdout;
}
