/** Page regions of a client's sites (issue 23): remembered, discovered, read and updated. */
export { regionFromRow, labelOf, type Region, type RegionStatus } from './model.js';
export { getRegion, listRegions, renameRegion } from './store.js';
export {
  discoverRegions,
  previewRegions,
  readLiveRegion,
  type ConnectorFor,
  type DiscoveryProblem,
  type RegionPreview,
} from './live.js';
export {
  regionUpdateSchema,
  requestRegionUpdate,
  type RegionUpdate,
  type RegionUpdateInput,
} from './update.js';
