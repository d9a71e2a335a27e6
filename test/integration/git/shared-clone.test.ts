// Two `sitedesk run` processes on one data folder share each git site's warm clone; its lock
// file lets one operation in at a time. Two processes, each with a git connector of the same
// site (shared-clone-lane.ts), publish posts one after another, so the lock is let go and taken
// again constantly while the other waits for it: every post must reach the branch exactly
// once. Before the lock fix a waiter could remove the other's fresh lock; both then worked in
// the clone at once, and one's reset dropped the other's commit before its push — recorded as
// published, missing on the site (seen on a loaded machine in two-runners.test.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { nodeArgs } from '../../env/node-scripts.js';

const run = promisify(execFile);
const PER_LANE = Number(process.env.SHARED_CLONE_ITEMS ?? 15);

let h: Harness;
let repoPath: string;

beforeAll(async () => {
  h = await startHarness();
  ({ repoPath } = await h.site('shared', 'hugo'));
}, 60_000);
afterAll(async () => h?.stop());

it('two processes on one warm clone: every post on the branch exactly once', async () => {
  const lanes = [0, 1].map((lane) =>
    Array.from({ length: PER_LANE }, (_, i) => `lane-${lane}-item-${i}-post`),
  );
  const outputs = await Promise.all(
    lanes.map((slugs) =>
      run(process.execPath, nodeArgs('test/integration/git/shared-clone-lane.ts'), {
        env: {
          ...process.env,
          LANE_TOKEN: h.server.token,
          LANE_REPO_URL: `${h.server.url}/shared.git`,
          LANE_DATA_DIR: h.dataDir,
          LANE_SLUGS: slugs.join(','),
        },
      }),
    ),
  );
  const lanesSaid = outputs.map(
    (o) => JSON.parse(o.stdout) as { published: number; errors: string[] },
  );
  const { stdout } = await run('git', [
    '--git-dir',
    repoPath,
    'ls-tree',
    '-r',
    '--name-only',
    'main',
  ]);
  const files = stdout.split('\n');
  const wrong = Object.fromEntries(
    lanes
      .flat()
      .map((slug) => [slug, files.filter((path) => path.includes(`/${slug}`)).length] as const)
      .filter(([, copies]) => copies !== 1),
  );
  // Each operation had the clone to itself (no git of one process met the other's), and every
  // post is on the branch once: a failure names each one missing (0) or doubled (2 …).
  expect({ lanes: lanesSaid, wrong }).toEqual({
    lanes: [
      { published: PER_LANE, errors: [] },
      { published: PER_LANE, errors: [] },
    ],
    wrong: {},
  });
}, 600_000);
