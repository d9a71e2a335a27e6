import type { z } from 'zod';
import type { Clock } from '../shared/clock.js';
import { createIdGenerator, type IdGenerator, type Store } from '../store/index.js';
import { createClient, getClient, listClients, updateClient } from './clients/clients.js';
import type { Actor, ServiceDeps } from './context.js';
import {
  createContentItem,
  createContentItemFromUploads,
  getContentItem,
  listContentItems,
} from './content-items/items.js';
import { createTaskEvents, type TaskEvents } from './events.js';
import { decideConflict, getConflict, type DecideConflictInput } from './publishing/conflicts.js';
import {
  listPublications,
  listPublicationsPage,
  requestPublish,
} from './publishing/publications.js';
import { listLivePromotions } from './publishing/live-promotions.js';
import { archiveClient } from './clients/removal.js';
import { updateContentItem } from './content-items/update.js';
import { listHistory, type ListHistoryInput } from './task-list/history-queries.js';
import { removeSite, updateSite } from './sites/changes.js';
import {
  deleteSchedule,
  updateSchedule,
  type UpdateScheduleInput,
} from './schedules/schedule-changes.js';
import type { UpdateContentItemInput } from './schemas/content.js';
import type { SecretStore } from '../secrets/types.js';
import type {
  CreateClientInput,
  CreateContentItemInput,
  CreateSiteInput,
  UpdateClientInput,
  UpdateSiteInput,
} from './schemas/entities.js';
import type { CreateTaskInput, RequestPublishInput, UpdateTaskInput } from './schemas/tasks.js';
import type { ApiContentItemInput, ListContentItemsInput } from './schemas/content.js';
import { createSite, getSite, listSites } from './sites/sites.js';
import { getTaskAttachment, type AttachmentRoots } from './content-items/attachments.js';
import { getUploadFile, recordUploads, type savedImageSchema } from './content-items/uploads.js';
import { getTask, listTasks, type ListTasksInput } from './task-list/queries.js';
import { createTask, transitionTask, updateTask } from './task-list/tasks.js';
import {
  decideOnThread,
  sendForApproval,
  startTextForRequest,
  type requestTextSchema,
  type SendForApprovalInput,
  type threadDecisionSchema,
} from './thread/thread.js';
import { getThread } from './thread/queries.js';
import { uploadFromAttachment, type UploadRoots } from './content-items/attachment-upload.js';
import type { TaskStatus } from './task-list/transitions.js';
import { dispatchDue, type DispatchOptions } from './schedules/dispatch.js';
import {
  createSchedule,
  getSchedule,
  listSchedules,
  setScheduleEnabled,
} from './schedules/schedules.js';
import { supplyScheduleText } from './schedules/schedule-text.js';
import type { CreateScheduleInput, ScheduleTextInput } from './schedules/schemas.js';
import { requestRegionUpdate, type RegionUpdateInput } from './regions/update.js';

/** What the task service needs: the open store and a clock; events and ids may be shared. */
export interface TaskServiceDeps {
  store: Pick<Store, 'db'> & Partial<Pick<Store, 'fast'>>;
  clock: Clock;
  events?: TaskEvents;
  newId?: IdGenerator;
}

/**
 * The one place where tasks, clients, sites, content items and publications change. The CLI
 * and the HTTP API both call these functions; every input is validated here, every change
 * and its history entry commit in one transaction, and `events` hears about it afterwards.
 */
export function createTaskService(deps: TaskServiceDeps) {
  const inner: ServiceDeps = {
    db: deps.store.db,
    clock: deps.clock,
    newId: deps.newId ?? createIdGenerator(deps.clock),
    events: deps.events ?? createTaskEvents(),
    fast: deps.store.fast,
  };
  return {
    /** The internals the scheduler and the runner share (same ids, same event stream). */
    deps: inner,
    events: inner.events,
    createClient: (input: CreateClientInput, who: Actor) => createClient(inner, input, who),
    updateClient: (id: string, input: UpdateClientInput, who: Actor) =>
      updateClient(inner, id, input, who),
    getClient: (id: string) => getClient(inner, id),
    /** Archives a client with its sites and pauses its schedules (see removeClient for the rest). */
    archiveClient: (id: string, who: Actor) => archiveClient(inner, id, who),
    listClients: () => listClients(inner),
    createSite: (input: CreateSiteInput, who: Actor) => createSite(inner, input, who),
    getSite: (id: string) => getSite(inner, id),
    listSites: (filter?: { clientId?: string }) => listSites(inner, filter),
    /** Changes a site's name, address or settings; kind stays. */
    updateSite: (id: string, input: UpdateSiteInput, who: Actor) =>
      updateSite(inner, id, input, who),
    /** Removes (deletes or archives) a site, then deletes its secret from `secrets`. */
    removeSite: (id: string, who: Actor, secrets: Pick<SecretStore, 'delete'>) =>
      removeSite(inner, id, who, secrets),
    createContentItem: (input: CreateContentItemInput, who: Actor) =>
      createContentItem(inner, input, who),
    getContentItem: (id: string) => getContentItem(inner, id),
    /** A content item whose images are agency uploads, named by upload id (the API's way). */
    createContentItemFromUploads: (input: ApiContentItemInput, who: Actor) =>
      createContentItemFromUploads(inner, input, who),
    /** Changes a content item; refused while one of its publications is being published. */
    updateContentItem: (id: string, input: UpdateContentItemInput, who: Actor) =>
      updateContentItem(inner, id, input, who),
    /** Content items, newest first, paged by `cursor`. */
    listContentItems: (filter?: ListContentItemsInput) => listContentItems(inner, filter),
    /** Records images already saved in the upload folder; answers them without their paths. */
    recordUploads: (files: z.input<typeof savedImageSchema>[], who: Actor) =>
      recordUploads(inner, files, who),
    /** One upload with its path (for serving its bytes). */
    getUploadFile: (id: string) => getUploadFile(inner, id),
    /** Attachment `n` of a task, with its file confined to `roots`; NotFoundError otherwise. */
    getTaskAttachment: (taskId: string, n: number, roots: AttachmentRoots) =>
      getTaskAttachment(inner, taskId, n, roots),
    createTask: (input: CreateTaskInput, who: Actor) => createTask(inner, input, who),
    updateTask: (id: string, input: UpdateTaskInput, who: Actor) =>
      updateTask(inner, id, input, who),
    transitionTask: (
      id: string,
      to: TaskStatus,
      who: Actor & { note?: string; expectedVersion?: number },
    ) =>
      transitionTask(
        inner,
        id,
        { to, note: who.note, expectedVersion: who.expectedVersion },
        { actor: who.actor },
      ),
    listTasks: (filter?: ListTasksInput) => listTasks(inner, filter),
    /**
     * A token that changes with every change to the database (by any process), undefined
     * when none can be given (inside a transaction, or a store without one): answers read
     * after taking it may be reused for as long as it stays the same.
     */
    dataVersion: (): string | undefined => inner.fast?.version(),
    getTask: (id: string) => getTask(inner, id),
    /** Starts the text of a client's request (the request's client, linked to it). */
    startTextForRequest: (
      requestId: string,
      input: z.input<typeof requestTextSchema>,
      who: Actor,
    ) => startTextForRequest(inner, requestId, input, who),
    /** Sends a text to its client for approval (a new round of its one publish task). */
    sendForApproval: (contentItemId: string, input: SendForApprovalInput, who: Actor) =>
      sendForApproval(inner, contentItemId, input, who),
    /** The client's decision on what waits for her (through her private link). */
    decideOnThread: (
      clientId: string,
      taskId: string,
      input: z.input<typeof threadDecisionSchema>,
      who: Actor,
    ) => decideOnThread(inner, clientId, taskId, input, who),
    /** The request and the publish task of a text, where they exist. */
    getThread: (contentItemId: string) => getThread(inner, contentItemId),
    /** A client's image of a task, copied into a new upload (to put it into a text). */
    uploadFromAttachment: (taskId: string, n: number, roots: UploadRoots, who: Actor) =>
      uploadFromAttachment(inner, taskId, n, roots, who),
    requestPublish: (input: RequestPublishInput, who: Actor) => requestPublish(inner, input, who),
    /** One text into regions of a client's sites: one task, one publication per site (issue 23). */
    requestRegionUpdate: (input: RegionUpdateInput, who: Actor) =>
      requestRegionUpdate(inner, input, who),
    listPublications: (filter?: Parameters<typeof listPublications>[1]) =>
      listPublications(inner, filter),
    /** Publications paged by `cursor` (oldest first); `limit` defaults to 100. */
    /** Promotions live on a site now ("live until …"), of one client or all. */
    listLivePromotions: (filter?: { clientId?: string | undefined }) =>
      listLivePromotions(inner, filter),
    listPublicationsPage: (filter: Parameters<typeof listPublicationsPage>[1]) =>
      listPublicationsPage(inner, filter),
    /** The open git conflict of a publication: both versions side by side. */
    getPublicationConflict: (publicationId: string) => getConflict(inner, publicationId),
    /** Stores the secretary's choice on a conflict; then make the publication due (retry). */
    decidePublicationConflict: (publicationId: string, input: DecideConflictInput, who: Actor) =>
      decideConflict(inner, publicationId, input, who),
    /** The history of everything, newest first, by client, task and time. */
    listHistory: (filter?: ListHistoryInput) => listHistory(inner, filter),
    createSchedule: (input: CreateScheduleInput, who: Actor) => createSchedule(inner, input, who),
    /** Changes a schedule; its next run is recomputed from now. */
    updateSchedule: (id: string, input: UpdateScheduleInput, who: Actor) =>
      updateSchedule(inner, id, input, who),
    /** Deletes a schedule; the tasks it made stay. */
    deleteSchedule: (id: string, who: Actor) => deleteSchedule(inner, id, who),
    listSchedules: (filter?: { clientId?: string }) => listSchedules(inner, filter),
    /** A schedule with its next `n` runs (default 5) in the client's time. */
    getSchedule: (id: string, n?: number) => getSchedule(inner, id, n),
    supplyScheduleText: (input: ScheduleTextInput, who: Actor) =>
      supplyScheduleText(inner, input, who),
    /** Switches a schedule off or on (on: next run from now, no catch-up of the pause). */
    setScheduleEnabled: (id: string, enabled: boolean, who: Actor) =>
      setScheduleEnabled(inner, id, enabled, who),
    /** One scheduler pass at the clock's current time (the scheduler loop calls this). */
    dispatchDueSchedules: (options?: DispatchOptions) => dispatchDue(inner, options),
  };
}

/** The task service (see createTaskService). */
export type TaskService = ReturnType<typeof createTaskService>;
