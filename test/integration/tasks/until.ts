/**
 * Polls `read` every 50 ms until `ok` holds and answers that value; throws after `ms`, naming
 * `what` and the last value read (for the mail tests that wait on real servers).
 */
export async function until<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  ms: number,
  what?: string,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - started > ms)
      throw new Error(
        `timed out${what ? ` waiting for ${what}` : ''}: ${JSON.stringify(value).slice(0, 500)}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
