/**
 * bench:scale's settings: each a flag (`--tasks 100000` or `--tasks=100000`) or an environment
 * variable (BENCH_SCALE_TASKS=100000), the flag first; defaults are the sizes of issue 22.
 */

const defaults = {
  /** Tasks in the PostgreSQL database (the in-process list and the API read them). */
  tasks: 1_000_000,
  clients: 500,
  /** Timed runs of each in-process query. */
  samples: 500,
  /** Seconds of load per API case and instance count. */
  duration: 20,
  /** Open connections of the load client, spread round robin over the instances (a multiple of 6). */
  connections: 60,
  /** Items published per worker count (each to one site, in turn). */
  items: 120,
  /** Git sites (repositories) the items go to. */
  sites: 12,
  /** Publishes at once per worker (`sitedesk worker --concurrency`). */
  concurrency: 4,
  /** Added delay per request to a site, as across the internet (0: the sites answer at once). */
  siteLatencyMs: 100,
};

/** What one run does. */
export type ScaleOptions = typeof defaults & {
  /** Which parts run: `tasks` (1M in process), `api`, `publish`. */
  parts: Set<string>;
  /** The instance counts compared. */
  instances: number[];
};

const flagName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (key: string) => `BENCH_SCALE_${flagName(key).replace(/-/g, '_').toUpperCase()}`;

/** Reads the settings from `argv` and `env`; throws naming the setting on a bad value. */
export function scaleOptions(argv: string[], env: NodeJS.ProcessEnv): ScaleOptions {
  const raw = (key: string): string | undefined => {
    const flag = `--${flagName(key)}`;
    const at = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (at >= 0) return argv[at]?.includes('=') ? argv[at]?.split('=')[1] : argv[at + 1];
    return env[envName(key)];
  };
  const numbers = Object.fromEntries(
    Object.entries(defaults).map(([key, fallback]) => {
      const value = Number(raw(key) ?? fallback);
      if (!Number.isInteger(value) || value < 0)
        throw new Error(`--${flagName(key)} (${envName(key)}) must be a whole number`);
      return [key, value];
    }),
  ) as typeof defaults;
  const parts = new Set((raw('parts') ?? 'tasks,api,publish').split(','));
  for (const part of parts)
    if (!['tasks', 'api', 'publish'].includes(part))
      throw new Error(`--parts: unknown part ${part} (tasks, api, publish)`);
  const instances = (raw('instances') ?? '1,2,3').split(',').map(Number);
  if (instances.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--instances must be whole numbers ≥ 1, e.g. 1,2,3');
  return { ...numbers, parts, instances };
}
