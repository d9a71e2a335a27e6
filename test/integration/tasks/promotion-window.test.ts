/**
 * A promotion's window on real sites (issue 23), through the task service and the runner the
 * app uses, on the real clock (the sites compare with theirs):
 * - WordPress with WP-Cron off (test/env/wordpress/wp-config.php sets DISABLE_WP_CRON, as on a
 *   host where the cron never runs): the post stays `future` past its start, sitedesk
 *   publishes it itself, and the REST API says `publish`; taken down at its end.
 * - Ghost: the address sitedesk hands out is never the `/p/<uuid>/` preview link, before the
 *   start nor after the end; at the start it is the public page.
 * WordPress refuses to schedule less than a minute ahead, so the WordPress case waits ~75 s; the
 * two sites' cases wait side by side (each has its own runner and database) to keep the suite short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Publication } from '../../../src/tasks/index.js';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { startOneSiteRunner, type OneSiteRunner } from '../one-site-runner.js';
import { rest } from '../wordpress/helpers.js';

const who = { actor: 'anna' };
let wp: RunningWordPress;
let ghost: GhostInstance;

beforeAll(async () => {
  [wp, ghost] = await Promise.all([startWordPress(), startGhost()]);
}, 180_000);
afterAll(async () => {
  await Promise.all([wp?.stop(), ghost?.stop()]);
});

const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/** Creates a promotion of the pipeline's client and asks to publish it; answers the task id. */
async function promote(
  pipeline: OneSiteRunner,
  slug: string,
  startsAt: number,
  endsAt: number,
): Promise<string> {
  const item = await pipeline.tasks.createContentItem(
    {
      clientId: pipeline.clientId,
      kind: 'promotion',
      title: `Easter offer ${slug}`,
      slug,
      markdown: 'Twenty per cent off all Easter bread.',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
    },
    who,
  );
  const { task } = await pipeline.tasks.requestPublish(
    { contentItemId: item.id, siteIds: [pipeline.siteId] },
    who,
  );
  return task.id;
}

/** The task's one publication and status, as the API answers them, and every URL in its history. */
async function seen(pipeline: OneSiteRunner, taskId: string) {
  const detail = await pipeline.tasks.getTask(taskId);
  const [publication] = await pipeline.tasks.listPublications({ taskId });
  const urls = JSON.stringify(detail.history).match(/https?:\/\/[^"\\]+/g) ?? [];
  return { publication: publication as Publication, status: detail.task.status, urls };
}

/** What a visitor without an account gets at `url`. */
async function visit(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

describe.concurrent('a promotion', () => {
  it('on WordPress whose WP-Cron never runs is live at its start anyway (REST says publish) and taken down at its end', async () => {
    expect(wp.php("echo (defined('DISABLE_WP_CRON') && DISABLE_WP_CRON) ? 'off' : 'on';")).toBe(
      'off',
    );
    const pipeline = await startOneSiteRunner({
      kind: 'wordpress',
      url: wp.url,
      settings: { username: wp.username },
      secret: wp.appPassword,
    });
    try {
      const startsAt = Date.now() + 75_000;
      const endsAt = startsAt + 15_000;
      const taskId = await promote(pipeline, 'easter-wp', startsAt, endsAt);

      await pipeline.runner.runDue();
      const before = await seen(pipeline, taskId);
      expect(before.publication).toMatchObject({ state: 'scheduled', url: null });
      expect(before.status).toBe('scheduled');
      const id = before.publication.remoteId;
      type WpPost = { status: string; link: string };
      expect((await rest<WpPost>(wp, `/wp/v2/posts/${id}`, { context: 'edit' })).status).toBe(
        'future',
      );
      expect((await visit(`${wp.url}/?p=${id}`)).status).toBe(404);

      await sleepUntil(startsAt + 3_000);
      // WordPress planned its own publish, but with WP-Cron off nothing runs it.
      expect((await rest<WpPost>(wp, `/wp/v2/posts/${id}`, { context: 'edit' })).status).toBe(
        'future',
      );
      expect(
        wp.php(`echo wp_next_scheduled('publish_future_post', array(${id})) ? 'yes' : 'no';`),
      ).toBe('yes');

      await pipeline.runner.runDue();
      const live = await seen(pipeline, taskId);
      const onSite = await rest<WpPost>(wp, `/wp/v2/posts/${id}`, { context: 'edit' });
      expect(onSite.status).toBe('publish');
      expect(live.publication).toMatchObject({ state: 'published', url: onSite.link });
      const page = await visit(onSite.link);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Twenty per cent off all Easter bread.');
      expect(live.status).toBe('scheduled'); // live until its end: not done

      await sleepUntil(endsAt + 1_000);
      await pipeline.runner.runDue();
      const ended = await seen(pipeline, taskId);
      expect(ended.publication).toMatchObject({ state: 'unpublished', url: null });
      expect(ended.status).toBe('done');
      expect((await rest<WpPost>(wp, `/wp/v2/posts/${id}`, { context: 'edit' })).status).toBe(
        'draft',
      );
      expect((await visit(onSite.link)).status).toBe(404);
    } finally {
      await pipeline.close();
    }
  }, 180_000);

  it('on Ghost never hands out a link that shows it outside its window', async () => {
    const pipeline = await startOneSiteRunner({
      kind: 'ghost',
      url: ghost.url,
      secret: ghost.adminKey,
    });
    try {
      // Room for the first publish and the checks below on a busy machine before the start.
      const startsAt = Date.now() + 30_000;
      const endsAt = startsAt + 15_000;
      const taskId = await promote(pipeline, 'easter-ghost', startsAt, endsAt);

      await pipeline.runner.runDue();
      const before = await seen(pipeline, taskId);
      expect(before.publication).toMatchObject({ state: 'scheduled', url: null });
      // Ghost itself offers the preview link, which shows the offer to anyone who has it.
      const remoteId = before.publication.remoteId ?? '';
      const adminPost = async () =>
        (
          await ghost.admin.request<{ posts: { status: string; url: string }[] }>(
            'GET',
            `/posts/${remoteId}/`,
          )
        ).posts[0];
      const waiting = await adminPost();
      expect(waiting?.status).toBe('scheduled');
      const preview = waiting?.url ?? '';
      expect(preview).toMatch(/\/p\/[0-9a-f-]+\/$/);
      expect((await visit(preview)).text).toContain('Twenty per cent off');
      expect(before.urls.filter((u) => u.includes('/p/'))).toEqual([]);
      expect((await visit(`${ghost.url}/easter-ghost/`)).status).toBe(404);
      expect(Date.now()).toBeLessThan(startsAt); // all of the above was before the start

      await sleepUntil(startsAt + 1_000);
      await pipeline.runner.runDue();
      const live = await seen(pipeline, taskId);
      expect(live.publication).toMatchObject({
        state: 'published',
        url: `${ghost.url}/easter-ghost/`,
      });
      expect((await adminPost())?.status).toBe('published');
      expect((await visit(`${ghost.url}/easter-ghost/`)).status).toBe(200);
      expect(live.status).toBe('scheduled');

      await sleepUntil(endsAt + 1_000);
      await pipeline.runner.runDue();
      const ended = await seen(pipeline, taskId);
      expect(ended.publication).toMatchObject({ state: 'unpublished', url: null });
      expect(ended.status).toBe('done');
      expect(ended.urls.filter((u) => u.includes('/p/'))).toEqual([]);
      expect((await visit(`${ghost.url}/easter-ghost/`)).status).toBe(404);
    } finally {
      await pipeline.close();
    }
  }, 120_000);
});
