/** Calls: forward-or-message decisions, the daily digest, the telephony webhook (pure logic). */
export {
  availabilitySchema,
  forwardingRuleSchema,
  callProfileSchema,
  parseCallProfile,
  checkForwardingRules,
  type Availability,
  type ForwardingRule,
  type CallProfile,
} from './schemas.js';
export { reachability, nextAvailable, formatLocal, type Reachability } from './availability.js';
export {
  decideCall,
  sameNumber,
  callReasonCodes,
  type IncomingCall,
  type CallDecision,
  type CallReason,
  type CallReasonCode,
} from './decide.js';
export { reasonForClient } from './reason-words.js';
export {
  digestSettingsSchema,
  parseDigestSettings,
  nextDigestDue,
  previousDigestDue,
  digestDueNow,
  composeDailyDigest,
  composeCallMessageMail,
  type DigestSettings,
  type CallMessage,
  type DigestAddressing,
} from './digest.js';
export {
  createWebhookVerifier,
  signWebhook,
  toCallRecord,
  callEventSchema,
  WebhookError,
  type WebhookErrorCode,
  type WebhookVerifier,
  type NonceStore,
  type CallEvent,
  type CallRecord,
} from './webhook.js';
