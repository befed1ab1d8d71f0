export type { BeckonEvent, PageInfo, Problem, Profile, SessionRecord, VisitorRecord } from './types.js';
export { SESSION_TIMEOUT_MS, isUnsafeKey, mergeTraits, touchSession, type Hit } from './session.js';
export { createId } from './visitorId.js';
export { deriveProfile, type ProfileInputs } from './deriveProfile.js';
export { coerceVisitorRecord } from './coerceVisitorRecord.js';
export { MAX_EVENTS, appendEvent } from './eventLog.js';
export { parseConfig, formatProblem, describe, type Config, type ParsedConfig } from './parseConfig.js';
export { toPlainData, toPlainObject, isPlainObject } from './plainData.js';
export {
  compileCondition,
  evaluate,
  isOperatorObject,
  readPath,
  typeOf,
  OPERATOR_NAMES,
  type Condition,
  type CompileOptions,
  type Lists,
  type Operator,
  type Test,
} from './compileCondition.js';
export { compileRegex, hasNestedQuantifier, MAX_PATTERN_LENGTH } from './safeRegex.js';
export { paddedVersion } from './versionString.js';
export { explainCondition, type Clause } from './explainCondition.js';
export { compileSegments, referencedSegments, type CompiledSegment, type SegmentDefinition, type SegmentSet } from './compileSegments.js';
export { didYouMean } from './suggest.js';
