/** The load client of the API benchmarks (bench:api, bench:scale): autocannon, every response time kept. */
import autocannon from 'autocannon';

/** What one load run gave: every response time (ms) and autocannon's totals. */
export interface Load {
  times: number[];
  result: autocannon.Result;
}

/**
 * autocannon against `path` on one or more servers (`origins`, e.g. `http://127.0.0.1:8080`):
 * its connections are spread over them round robin (connection i to origin i mod n), each
 * request with the API token. Every response time is kept so the percentiles are exact
 * (autocannon's own table has p90 and p97.5 but no p95).
 */
export async function hammer(
  origins: string[],
  path: string,
  token: string,
  load: { connections: number; duration: number },
): Promise<Load> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        // autocannon 9 takes several URLs (its types name one).
        url: (origins.length === 1
          ? `${origins[0]}${path}`
          : origins.map((o) => `${o}${path}`)) as string,
        connections: load.connections,
        duration: load.duration,
        headers: { authorization: `Bearer ${token}` },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
      times.push(ms),
    );
  });
  return { times, result };
}
