/** The Ghost connector's public surface: the factory, its types, and site/key validation. */
export {
  createGhostConnector,
  GHOST_CAPABILITIES,
  type GhostConnector,
  type GhostConnectorDeps,
} from './connector.js';
export { GhostRemoteError, type GhostRemoteCode } from './errors.js';
export {
  ADMIN_KEY_SHAPE,
  ghostSiteSchema,
  parseAdminKey,
  parseGhostSite,
  type GhostSite,
  type GhostSiteInput,
} from './settings.js';
