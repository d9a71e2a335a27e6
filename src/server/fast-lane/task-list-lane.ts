import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { Accounts } from '../../tasks/accounts/index.js';
import type { ApiRoute } from '../api/define.js';
import { checkAccess } from '../api/mount.js';
import { findCaller } from '../auth/authenticate.js';
import type { ListCache } from '../list-cache.js';
import type { HeaderPairs } from '../security-headers.js';
import { taskListKey, taskListQuery } from '../routes/tasks.js';
import { createQueryKeys } from './query-keys.js';

/** The route the lane answers; requests for anything else go to express untouched. */
export const TASK_LIST_PATH = '/api/v1/tasks';

/** What the lane needs; all of it is what the express route uses too. */
export interface TaskListLaneDeps {
  /** The mounted `GET /api/v1/tasks` route: the lane applies its access rule. */
  route: ApiRoute;
  accounts: Accounts;
  listCache: ListCache;
  /** The security headers every answer carries (see createApp). */
  securityHeaders: HeaderPairs;
  /** True while every request must take the express way (debug logging of routes). */
  bypass(): boolean;
  /** True when CORS is on: a request with an Origin header then goes to express's CORS. */
  cors: boolean;
}

/** A connect-style handler: answers the request, or calls `next()` without having touched it. */
export type Lane = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The lane and what it did since it was made (tests and bench:api read the counts). */
export interface TaskListLane {
  handle: Lane;
  /** Task-list requests answered by the lane. */
  readonly answered: number;
  /** Task-list requests (GET of the path) sent on to express: misses, refusals, bad queries… */
  readonly passed: number;
}

/**
 * The task list's fast lane, in front of express: a `GET /api/v1/tasks` whose page is in the
 * list cache is answered here with the kept bytes and the same headers, after the same
 * authentication (findCaller), access rule (checkAccess) and query validation (the route's zod
 * schema) as the express route. Everything else — a miss, a bad query, a refused caller, HEAD,
 * a request with a body, conditional or CORS headers, debug logging on — goes on to express
 * unchanged, which then answers exactly as it always did.
 *
 * Why: bench:api (100k tasks, 100 connections) spent ~190 µs of server CPU per cached page, of
 * which the page itself was nothing: express's router and middleware chain, its req/res
 * prototype swaps and res.send were most of it. Through the lane a hit costs ~30 µs, about
 * what a bare node:http server needs to send the same 24 KB (docs/performance.md).
 */
export function createTaskListLane(deps: TaskListLaneDeps): TaskListLane {
  const { route, accounts, listCache } = deps;
  if (route.spec.method !== 'get' || route.spec.path !== TASK_LIST_PATH || route.spec.params)
    throw new Error(`the task-list lane needs GET ${TASK_LIST_PATH} without path parameters`);
  // The lane parses with the route's own schema and keys pages as its handler does.
  if (route.spec.query !== taskListQuery)
    throw new Error('the task-list lane parses with taskListQuery, the route now uses another');
  const keys = createQueryKeys(taskListQuery, taskListKey);
  // The header lines of every answer but Content-Length: the security headers, then what
  // res.type('json').send() adds. Node adds Date, Connection and Keep-Alive itself.
  const head: OutgoingHttpHeader[] = [
    ...deps.securityHeaders.flatMap(([name, value]) => [
      name,
      typeof value === 'object' ? [...value] : value,
    ]),
    'Content-Type',
    'application/json; charset=utf-8',
    'Content-Length',
  ];

  /** Writes the kept page when the caller may have it; false when express must answer. */
  async function answer(req: IncomingMessage, res: ServerResponse, key: string): Promise<boolean> {
    const auth = await findCaller(accounts, req.headers.authorization, req.headers.cookie);
    checkAccess(route.spec.access, 'GET', undefined, auth);
    // A page being read (the first request after a change started it through express) is
    // waited for, so a change sends one request the long way, not every one until it is read.
    const kept = listCache.peek(key);
    if (!kept) return false;
    const body = await kept;
    res.writeHead(200, [...head, String(body.length)]);
    res.end(body);
    return true;
  }

  let answered = 0;
  let passed = 0;
  const handle: Lane = (req, res, next) => {
    const { url = '', headers } = req;
    const end = TASK_LIST_PATH.length;
    if (
      req.method !== 'GET' ||
      !url.startsWith(TASK_LIST_PATH) ||
      (url.length > end && url.charCodeAt(end) !== 63) /* ? */
    )
      return next();
    const pass = (): void => {
      passed++;
      next();
    };
    if (
      // express's body parser, its fresh() check (If-None-Match: * answers 304) and CORS
      // look at these; leaving them to express keeps those answers as they were.
      headers['content-length'] !== undefined ||
      headers['transfer-encoding'] !== undefined ||
      headers['if-none-match'] !== undefined ||
      headers['if-modified-since'] !== undefined ||
      (deps.cors && headers.origin !== undefined) ||
      deps.bypass()
    )
      return pass();
    const key = keys.of(url.slice(end + 1));
    if (key === undefined) return pass();
    // A refusal or an error (e.g. the database) is express's to answer, in its one error handler.
    answer(req, res, key).then((done) => (done ? answered++ : pass()), pass);
  };
  return {
    handle,
    get answered() {
      return answered;
    },
    get passed() {
      return passed;
    },
  };
}
