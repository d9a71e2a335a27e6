// A WordPress Application Password revoked and replaced while sitedesk runs (issue 17): the
// new one, stored in the secret store, is used at the next attempt — no restart, no stale
// connector. Real WordPress, real runner, the real connector cache the service uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { startOneSiteRunner, type OneSiteRunner } from '../one-site-runner.js';

let wp: RunningWordPress;
let pipeline: OneSiteRunner;

beforeAll(async () => {
  wp = await startWordPress();
  pipeline = await startOneSiteRunner({
    kind: 'wordpress',
    url: wp.url,
    settings: { username: wp.username },
    secret: wp.appPassword,
  });
}, 120_000);
afterAll(async () => {
  await pipeline?.close();
  await wp?.stop();
});

// Revokes every Application Password of the admin in WordPress and makes a new one.
function replacePassword(): string {
  return wp.php(`
    $user = get_user_by('login', ${JSON.stringify(wp.username)});
    foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $p)
      WP_Application_Passwords::delete_application_password($user->ID, $p['uuid']);
    $made = WP_Application_Passwords::create_new_application_password($user->ID, array('name' => 'replaced'));
    echo $made[0];
  `);
}

describe('a WordPress password replaced while sitedesk runs', () => {
  it('is used at the next attempt: published once, without a restart', async () => {
    expect(await pipeline.publish('before-change')).toMatchObject({ state: 'published' });
    const fresh = replacePassword();
    expect(fresh).toMatch(/^[A-Za-z0-9]{24}$/);
    const refused = await pipeline.publish('after-change');
    expect(refused).toMatchObject({ state: 'failed' });
    // A revoked password makes WordPress treat the request as anonymous: depending on the
    // request, 401 or a 400 on `status=any` (which anonymous callers may not ask for).
    expect(refused?.lastError).toMatch(/\b401\b|rest_invalid_param.*status/);
    // Stored the way the web app, the API and the CLI store it.
    await pipeline.secrets.set(`site:${pipeline.siteId}`, fresh);
    expect(await pipeline.retry(refused)).toMatchObject({ state: 'published' });
    // Counted inside WordPress (the password the REST reader knew is revoked).
    const count = wp.php(
      "echo count(get_posts(array('name' => 'after-change', 'post_status' => 'any', 'post_type' => 'post')));",
    );
    expect(count).toBe('1');
  });
});
