import type { z } from 'zod';
import type {
  callDetailsSchema,
  mailDetailsSchema,
  publishDetailsSchema,
  siteEditDetailsSchema,
} from './schemas/tasks.js';
import type { letterDetailsSchema } from './letters/schemas.js';
import type { availabilitySchema, imageRefSchema } from './schemas/entities.js';
import type { contentKinds, priorities, siteKinds, taskSources } from './schemas/common.js';
import type { TaskStatus } from './schemas/common.js';

export type Priority = (typeof priorities)[number];
export type TaskSource = (typeof taskSources)[number];
export type SiteKindName = (typeof siteKinds)[number];
export type ContentKindName = (typeof contentKinds)[number];

/** A business the secretary works for. Timestamps are ISO-8601 UTC. */
export interface Client {
  id: string;
  name: string;
  timezone: string;
  languages: string[];
  contact: { email?: string; phone?: string; note?: string; signature?: string };
  availability: z.output<typeof availabilitySchema>[];
  createdAt: string;
  updatedAt: string;
  /** When it was archived (removed, kept for the history); absent while in use. */
  archivedAt?: string;
}

/** One website of a client; its secret is in the SecretStore under `site:<id>`. */
export interface Site {
  id: string;
  clientId: string;
  name: string;
  kind: SiteKindName;
  url: string;
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** When it was archived (removed, kept for the history); absent while in use. */
  archivedAt?: string;
}

/** What gets published. */
export interface StoredContentItem {
  id: string;
  clientId: string;
  kind: ContentKindName;
  title: string;
  slug: string;
  markdown: string;
  excerpt: string | null;
  tags: string[];
  categories: string[];
  images: z.output<typeof imageRefSchema>[];
  language: string | null;
  startsAt: string | null;
  endsAt: string | null;
  /** Kind `region`: the regions (site_regions ids) it fills; empty for other kinds. */
  regionIds: string[];
  createdAt: string;
  updatedAt: string;
  /** Saved versions so far (1 when created): a change names it to be sure it changes this one. */
  revision: number;
  /** The sites chosen for the text while it is written (publishing names its own). */
  siteIds: string[];
  /** When she chose to publish it, kept with the draft (null: not chosen). */
  publishAt: string | null;
}

/** The kind of a task together with its details. */
export type TaskKindDetails =
  | { kind: 'call'; details: z.output<typeof callDetailsSchema> }
  | { kind: 'mail'; details: z.output<typeof mailDetailsSchema> }
  | { kind: 'site-edit'; details: z.output<typeof siteEditDetailsSchema> }
  | { kind: 'publish'; details: z.output<typeof publishDetailsSchema> }
  | { kind: 'letter'; details: z.output<typeof letterDetailsSchema> };

/** One unit of the secretary's work for one client. */
export type Task = TaskKindDetails & {
  id: string;
  clientId: string;
  status: TaskStatus;
  title: string;
  priority: Priority;
  dueAt: string | null;
  assignee: string | null;
  source: TaskSource;
  contentItemId: string | null;
  scheduleId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** State of one content item on one site. */
export type PublicationState =
  'pending' | 'publishing' | 'published' | 'scheduled' | 'failed' | 'cancelled' | 'unpublished';

/** One content item on one site. */
export interface Publication {
  id: string;
  taskId: string;
  contentItemId: string;
  siteId: string;
  state: PublicationState;
  remoteId: string | null;
  url: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  verifiedAt: string | null;
  /** When the live page is checked next; null when verified, given up, or not checked. */
  nextVerifyAt: string | null;
  /** While `publishing`: the runner working on it (`host:pid:random`). */
  owner?: string | null;
  /** While `publishing`: when the owner's lease runs out; after that any runner takes it over. */
  leaseUntil?: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One history entry: who did what, when. */
export interface HistoryEntry {
  id: string;
  entity: string;
  entityId: string;
  action: string;
  actor: string;
  at: string;
  changes: unknown;
}
