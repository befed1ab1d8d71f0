export type { BeckonEvent, PageInfo, Problem, Profile, SessionRecord, VisitorRecord } from './types.js';
export { SESSION_TIMEOUT_MS, isUnsafeKey, mergeTraits, touchSession, type Hit } from './session.js';
export { createId } from './visitorId.js';
export { deriveProfile, type ProfileInputs } from './deriveProfile.js';
export { coerceVisitorRecord } from './coerceVisitorRecord.js';
export { MAX_EVENTS, appendEvent } from './eventLog.js';
export { parseConfig, formatProblem, describe, type Config, type ParsedConfig } from './parseConfig.js';
export { toPlainData, toPlainObject, isPlainObject } from './plainData.js';
