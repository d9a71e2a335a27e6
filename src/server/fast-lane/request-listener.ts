import type { RequestListener } from 'node:http';
import type { Express } from 'express';
import type { TaskListLane } from './task-list-lane.js';

/**
 * The Node request listener of a sitedesk app, for `http.createServer`: the task-list fast lane
 * (when createApp made one, see task-list-lane.ts) answers first, before express swaps the
 * request's prototypes, parses the URL and walks its router; whatever the lane leaves goes to
 * express unchanged. (As the first `app.use` middleware the same lane still cost ~120 µs of
 * server CPU per cached page in bench:api; in front of express, ~30 µs.) Without a lane this is
 * the express app itself. An app used directly (`app.listen`, supertest) answers the same bytes,
 * all through express.
 */
export function requestListener(
  app: Express & { locals: { lane?: TaskListLane } },
): RequestListener {
  const lane = app.locals.lane;
  if (!lane) return app;
  return (req, res) => lane.handle(req, res, () => app(req, res));
}
