import { readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { databaseUrlSchema } from './database-url.js';
import { ConfigError, messageOf } from './errors.js';

/** Which secret store to use; `auto` tries the OS keychain, then the encrypted file (loudly). */
export const secretStoreChoices = ['auto', 'keychain', 'file', 'memory'] as const;
export type SecretStoreChoice = (typeof secretStoreChoices)[number];

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** `auto`: lines a person can read on a terminal, JSON when the output is a file or a pipe. */
export const logFormats = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof logFormats)[number];

/** The configuration schema; it is also the type (`Config`). Units are in the key names. */
export const configSchema = z.object({
  /** TCP port of the HTTP server; default 8080. */
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Address to listen on; default loopback only. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Folder for the database, warm git clones and the encrypted secret file. */
  dataDir: z.string().min(1).default(defaultDataDir()),
  /**
   * A PostgreSQL database instead of the SQLite file in `dataDir` (several instances on one
   * database, docs/operator/postgresql.md); unset: SQLite. Its password is never logged.
   */
  databaseUrl: databaseUrlSchema.optional(),
  /**
   * On PostgreSQL: how long a job the queue delivered may run before the queue hands it to
   * another worker, in seconds; longer than the slowest publish plus the 30 s lease
   * (docs/decisions/job-queue.md). pg-boss caps it below 24 hours.
   */
  queueExpireSeconds: z.coerce.number().int().min(60).max(86_399).default(900),
  secretStore: z.enum(secretStoreChoices).default('auto'),
  /** Key for the encrypted file store: 64 hex characters or 44 base64 characters (32 bytes). */
  masterKey: z.string().min(1).optional(),
  /** How long the keychain may take to answer before `auto` gives up on it, in ms. */
  keychainTimeoutMs: z.coerce.number().int().min(50).max(30_000).default(1000),
  logLevel: z.enum(logLevels).default('info'),
  logFormat: z.enum(logFormats).default('auto'),
  /**
   * Behind a reverse proxy (HTTPS in front of sitedesk): which hops to believe for the client's
   * address and scheme, as express's `trust proxy` reads it — `loopback`, a hop count, addresses
   * or subnets. Needed for the session cookie to be `Secure`; unset: no proxy is believed.
   */
  trustProxy: z
    .string()
    .trim()
    .min(1)
    .transform((value): boolean | number | string =>
      value === 'true'
        ? true
        : value === 'false'
          ? false
          : /^\d+$/.test(value)
            ? Number(value)
            : value,
    )
    .optional(),
  /** Other origins whose pages may call the API with a token (CORS), e.g. `https://intranet.example`. */
  corsOrigins: z
    .preprocess(
      (value) =>
        typeof value === 'string'
          ? value
              .split(',')
              .map((origin) => origin.trim())
              .filter(Boolean)
          : value,
      z.array(
        z
          .string()
          .regex(
            /^https?:\/\/[^/\s]+$/,
            'an origin is scheme and host only, like https://intranet.example',
          ),
      ),
    )
    .default([]),
  /** Where people outside reach this sitedesk (unsubscribe links in mailings); default: the address she uses. */
  publicUrl: z.url().optional(),
  /** Folder of backups (`sitedesk backup` and scheduled ones); default `<dataDir>/backups`. */
  backupDir: z.string().min(1).optional(),
  /** Hours between scheduled backups (the service and `sitedesk run` make them); 0 = none. */
  backupEveryHours: z.coerce
    .number()
    .min(0)
    .max(24 * 366)
    .default(0),
  /** How many scheduled backups to keep in backupDir; older ones are deleted. */
  backupKeep: z.coerce.number().int().min(1).max(10_000).default(14),
  /**
   * File holding the passphrase of scheduled backups; default: `backup-passphrase` in
   * systemd's $CREDENTIALS_DIRECTORY (LoadCredential=) when that exists.
   */
  backupPassphraseFile: z.string().min(1).optional(),
  /**
   * A second address for GET /metrics alone (e.g. `127.0.0.1:9464`), for a Prometheus that has
   * no API token; without it /metrics answers only an administrator's API token.
   */
  metricsListen: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'must be HOST:PORT, like 127.0.0.1:9464')
    .optional(),
});
export type Config = z.infer<typeof configSchema>;
type ConfigKey = keyof Config;

/** Environment variable of each key, and an example shown when the value is wrong. */
const keys: Record<ConfigKey, { env: string; example: string }> = {
  port: { env: 'SITEDESK_PORT', example: '8080' },
  host: { env: 'SITEDESK_HOST', example: '127.0.0.1' },
  dataDir: { env: 'SITEDESK_DATA_DIR', example: '/var/lib/sitedesk' },
  databaseUrl: {
    env: 'SITEDESK_DATABASE_URL',
    example: 'postgres://sitedesk:PASSWORD@127.0.0.1:5432/sitedesk',
  },
  queueExpireSeconds: { env: 'SITEDESK_QUEUE_EXPIRE_SECONDS', example: '900' },
  secretStore: { env: 'SITEDESK_SECRET_STORE', example: 'keychain' },
  masterKey: { env: 'SITEDESK_MASTER_KEY', example: '$(openssl rand -hex 32)' },
  keychainTimeoutMs: { env: 'SITEDESK_KEYCHAIN_TIMEOUT_MS', example: '1000' },
  logLevel: { env: 'SITEDESK_LOG_LEVEL', example: 'info' },
  logFormat: { env: 'SITEDESK_LOG_FORMAT', example: 'json' },
  trustProxy: { env: 'SITEDESK_TRUST_PROXY', example: 'loopback' },
  corsOrigins: { env: 'SITEDESK_CORS_ORIGINS', example: 'https://intranet.example' },
  publicUrl: { env: 'SITEDESK_PUBLIC_URL', example: 'https://desk.example.com' },
  backupDir: { env: 'SITEDESK_BACKUP_DIR', example: '/var/backups/sitedesk' },
  backupEveryHours: { env: 'SITEDESK_BACKUP_EVERY_HOURS', example: '24' },
  backupKeep: { env: 'SITEDESK_BACKUP_KEEP', example: '14' },
  backupPassphraseFile: {
    env: 'SITEDESK_BACKUP_PASSPHRASE_FILE',
    example: '/etc/sitedesk/backup-passphrase',
  },
  metricsListen: { env: 'SITEDESK_METRICS_LISTEN', example: '127.0.0.1:9464' },
};

/** Where sitedesk keeps its data when nothing says otherwise, per platform convention. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = homedir();
  if (platform() === 'darwin') return join(home, 'Library', 'Application Support', 'sitedesk');
  if (platform() === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'sitedesk');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'sitedesk');
}

/**
 * Reads the configuration: defaults, then the optional file named by SITEDESK_CONFIG
 * (JSON or YAML, camelCase keys), then SITEDESK_* environment variables.
 * A wrong value is a ConfigError naming the key and showing a correct example.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.SITEDESK_CONFIG ? readConfigFile(env.SITEDESK_CONFIG) : {};
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, { env: name }] of Object.entries(keys)) {
    const value = env[name];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  if (merged.dataDir === undefined) merged.dataDir = defaultDataDir(env);
  // systemd hands the key over as a credential file (LoadCredential=), never in the environment.
  if (merged.masterKey === undefined && env.SITEDESK_MASTER_KEY_FILE)
    merged.masterKey = readMasterKeyFile(env.SITEDESK_MASTER_KEY_FILE);

  const parsed = configSchema.strict().safeParse(merged);
  if (parsed.success) {
    return { ...parsed.data, dataDir: resolve(parsed.data.dataDir) };
  }
  const details = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const known = keys[key as ConfigKey];
    const where = known
      ? `${known.env} (or "${key}" in the config file)`
      : `"${key}" in the config file`;
    const example = known
      ? ` Example: ${known.env}=${known.example}`
      : ' It is not a known setting.';
    return { path: key, message: `${where}: ${issue.message}.${example}` };
  });
  throw new ConfigError(
    `Configuration is not valid:\n  ${details.map((d) => d.message).join('\n  ')}`,
    { details },
  );
}

/** The master key from SITEDESK_MASTER_KEY_FILE (e.g. `%d/master-key` in a systemd unit). */
function readMasterKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(
      `SITEDESK_MASTER_KEY_FILE names ${path}, which cannot be read (${messageOf(error)}). Example: SITEDESK_MASTER_KEY_FILE=$CREDENTIALS_DIRECTORY/master-key`,
      { cause: error },
    );
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!isAbsolute(path) && !path.startsWith('.')) path = resolve(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `SITEDESK_CONFIG names ${path}, which cannot be read (${messageOf(error)}). Example: SITEDESK_CONFIG=/etc/sitedesk/config.yaml`,
      { cause: error },
    );
  }
  let data: unknown;
  try {
    data = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `The config file ${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(
      `The config file ${path} must hold an object of settings, e.g. "port: 8080".`,
    );
  }
  return data as Record<string, unknown>;
}
