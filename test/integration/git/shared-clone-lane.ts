// One lane of shared-clone.test.ts, in a process of its own as each `sitedesk run` is: a git
// connector on the shared data folder publishes the posts named in LANE_SLUGS one after another
// and prints how many it published and the errors on the way.
import { createGitConnector } from '../../../src/connectors/git/connector.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { post } from './harness.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const secrets = createMemorySecretStore();
await secrets.set('site:shared', env('LANE_TOKEN'));
const connector = createGitConnector(
  {
    id: 'shared',
    url: 'https://shared.example.test',
    settings: {
      repoUrl: env('LANE_REPO_URL'),
      generator: 'hugo',
      author: { name: 'Sitedesk Test', email: 'sitedesk@example.test' },
      timeoutSeconds: 60,
    },
  },
  { secrets, logger: createSilentLogger(), clock: systemClock, dataDir: env('LANE_DATA_DIR') },
);
// As the runner does, a failed publish is tried again (a few times, at once); a publish that
// answered is counted as done, so a commit lost after a success shows as a missing file.
let published = 0;
const errors: string[] = [];
for (const slug of env('LANE_SLUGS').split(',')) {
  for (let attempt = 1; ; attempt++) {
    try {
      await connector.publish(post(slug));
      published++;
      break;
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      if (attempt >= 5) break;
    }
  }
}
console.log(JSON.stringify({ published, errors }));
