/**
 * The server side of `npm run bench:api`, run by bench/api.ts in its own process (bundled to
 * plain JavaScript) so its RSS is the server's alone: opens the seeded SQLite file in
 * `argv[2]`, makes an API token, listens on 127.0.0.1 and reports its peak RSS over IPC.
 */
import type { AddressInfo } from 'node:net';
import { createMemorySecretStore } from '../src/secrets/memory-store.js';
import { createApp } from '../src/server/app.js';
import { systemClock } from '../src/shared/clock.js';
import { createSilentLogger } from '../src/shared/logger.js';
import { openStore } from '../src/store/index.js';
import { createAccounts } from '../src/tasks/accounts/index.js';
import { createTaskService } from '../src/tasks/index.js';

const dir = process.argv[2] ?? '';
const store = await openStore({ dataDir: dir });
const tasks = createTaskService({ store, clock: systemClock });
const accounts = await createAccounts({ store, clock: systemClock });
// Each start adds its own user: the bench starts the server twice on one database.
const user = await accounts.addUser({
  username: `bench-${process.pid}`,
  password: 'bench password long',
  role: 'secretary',
});
const { token } = await accounts.createApiToken(user, { name: 'bench' });

const app = createApp({
  version: 'bench',
  logger: createSilentLogger(),
  secrets: { store: createMemorySecretStore(), reason: 'bench' },
  api: {
    tasks,
    accounts,
    uploadDir: `${dir}/uploads`,
    listCache: process.env.BENCH_LIST_CACHE !== 'off',
  },
});
let peakRss = process.memoryUsage.rss();
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50).unref();
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', port, token, rssAtStart: process.memoryUsage.rss() });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    // maxRSS is in KiB and covers the whole life of the process.
    const { heapTotal, external, arrayBuffers } = process.memoryUsage();
    process.send?.({
      type: 'stats',
      peakRss,
      maxRssLifetime: process.resourceUsage().maxRSS * 1024,
      heapTotal,
      external,
      arrayBuffers,
      cpu: process.cpuUsage(),
    });
  }
  if (message.type === 'stop') {
    server.close();
    void store.close().then(() => process.exit(0));
  }
});
