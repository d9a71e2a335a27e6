/**
 * Exit codes scripts can trust (documented in docs/cli.md, "Exit codes").
 * 0 success · 1 the operation failed · 2 wrong usage · 3 configuration invalid ·
 * 4 not found · 5 a dependency (secret store, remote) is unavailable.
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  config: 3,
  notFound: 4,
  unavailable: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
