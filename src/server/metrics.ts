/**
 * Prometheus metrics (issue 21) with prom-client: one Registry per app (no module-level
 * state), figures read from the database at scrape time (tasks/task-list/operational-figures.ts) and
 * the HTTP latency of every request express answers, labelled by route pattern (never the raw
 * URL: preview and link tokens are in paths). Task-list pages answered by the fast lane before
 * express are not timed here.
 */
import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from '../shared/clock.js';
import type { Database } from '../store/index.js';
import {
  readOperationalFigures,
  type OperationalFigures,
} from '../tasks/task-list/operational-figures.js';

/** The metrics of one app: the middleware that times requests, and the text a scrape gets. */
export interface Metrics {
  /** Times each request (add it before the routes). */
  timeRequests: RequestHandler;
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; text: string }>;
}

/** How long the figures of one scrape are reused by its collectors, in ms. */
const FIGURES_TTL_MS = 1000;

/** Builds the registry over `db`. */
export function createMetrics(deps: {
  db: Kysely<Database>;
  clock: Clock;
  /** Node's own metrics (memory, event-loop lag, GC) too: the service, not every test app. */
  processMetrics?: boolean;
}): Metrics {
  const registry = new Registry();
  if (deps.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'sitedesk_' });
  let cached: { at: number; figures: Promise<OperationalFigures> } | undefined;
  const figures = (): Promise<OperationalFigures> => {
    const now = deps.clock.now();
    if (!cached || now - cached.at > FIGURES_TTL_MS)
      cached = { at: now, figures: readOperationalFigures(deps.db, now) };
    return cached.figures;
  };
  const registers = [registry];

  new Gauge({
    name: 'sitedesk_publications',
    help: 'Publications (one text on one site) by state and site kind.',
    labelNames: ['state', 'site_kind'],
    registers,
    async collect() {
      this.reset();
      for (const p of (await figures()).publications)
        this.set({ state: p.state, site_kind: p.siteKind }, p.count);
    },
  });
  new Counter({
    name: 'sitedesk_publication_attempts_total',
    help: 'Publishing attempts by outcome (published, updated, retry_scheduled, failed), from the history.',
    labelNames: ['outcome'],
    registers,
    async collect() {
      this.reset();
      for (const a of (await figures()).attempts) this.inc({ outcome: a.outcome }, a.count);
    },
  });
  new Gauge({
    name: 'sitedesk_publish_queue_age_seconds',
    help: 'Age of the oldest publication that is due and waits to be published; 0 when none.',
    registers,
    async collect() {
      this.set((await figures()).queueAgeSeconds);
    },
  });
  new Gauge({
    name: 'sitedesk_schedule_lag_seconds',
    help: 'How far the most overdue enabled schedule is behind its next run; 0 when none is.',
    registers,
    async collect() {
      this.set((await figures()).scheduleLagSeconds);
    },
  });
  new Gauge({
    name: 'sitedesk_mail_intake_lag_seconds',
    help: 'Per mailbox: 0 while its intake is healthy, else seconds since it stopped being healthy.',
    labelNames: ['mailbox'],
    registers,
    async collect() {
      this.reset();
      for (const box of (await figures()).mailboxes)
        this.set({ mailbox: box.mailbox }, box.intakeLagSeconds);
    },
  });
  new Gauge({
    name: 'sitedesk_mailbox_healthy',
    help: 'Per mailbox: 1 when its intake is healthy, else 0.',
    labelNames: ['mailbox'],
    registers,
    async collect() {
      this.reset();
      for (const box of (await figures()).mailboxes)
        this.set({ mailbox: box.mailbox }, box.healthy ? 1 : 0);
    },
  });
  const latency = new Histogram({
    name: 'sitedesk_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  return {
    timeRequests(req, res, next) {
      const end = latency.startTimer();
      res.once('finish', () => {
        const route: unknown = req.route;
        const pattern =
          typeof route === 'object' && route && 'path' in route ? String(route.path) : 'unmatched';
        end({ method: req.method, route: pattern, status: String(res.statusCode) });
      });
      next();
    },
    async scrape() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}
