/** Final removal of a client's data after its export (issue 21); see docs/operator/client-removal.md. */
export {
  removeClientForGood,
  REMOVED,
  type FinalRemoval,
  type FinalRemovalOptions,
} from './remove.js';
export {
  listArchivedClients,
  recordExport,
  removalState,
  EXPORTED,
  type ExportRecord,
  type RemovalState,
} from './state.js';
export type { FileRoots } from './files.js';
export { REMOVAL_STEPS, TABLES_WITHOUT_CLIENT_DATA, tablesWithClientData } from './tables.js';
