export type { BeckonEvent, PageInfo, Problem, Profile, SessionRecord, VisitorRecord } from './types.js';
export { SESSION_TIMEOUT_MS, addEngagedTime, isUnsafeKey, mergeTraits, touchSession, type Hit } from './session.js';
export { createId } from './visitorId.js';
export { deriveProfile, type ProfileInputs } from './deriveProfile.js';
export { coerceVisitorRecord } from './coerceVisitorRecord.js';
export { parseConfig, parseConfigInSlices, parseConfigSteps, emptyConfig, formatProblem, describe, type Config, type ParsedConfig, type SiteConfig, type ConsentConfig } from './parseConfig.js';
export { toPlainData, toPlainObject, isPlainObject } from './plainData.js';
export {
  compileCondition,
  evaluate,
  parseDuration,
  isOperatorObject,
  typeOf,
  OPERATOR_NAMES,
  type Condition,
  type CompileOptions,
  type EventContext,
  type Lists,
  type Operator,
  type Test,
} from './compileCondition.js';
export { readPath } from './readPath.js';
export { lintSegmentsEquality, selectorProblems, selectorSlip } from './configLint.js';
export { compileRegex, hasNestedQuantifier, MAX_PATTERN_LENGTH } from './safeRegex.js';
export { paddedVersion } from './versionString.js';
export { explainCondition, type Clause } from './explainCondition.js';
export { compileSegmentSteps, referencedSegments, type CompiledSegment, type SegmentDefinition, type SegmentSet } from './compileSegments.js';
export { didYouMean } from './suggest.js';
export { runSteps, runStepsInSlices, type Steps } from './steps.js';
export { mergePending } from './mergePending.js';
export { ECOMMERCE_EVENTS, isEcommerceEvent, normalizeEcommerce, parseAmount, type EcommerceEventName, type EcommercePayload, type Item } from './ecommerce.js';
export { deriveCart, deriveOrders, type Cart, type Orders } from './deriveCommerce.js';
export { matchGlob } from './matchGlob.js';
export { PAGE_TYPES, pageType, type PageType, type PageTypeSignals } from './pageType.js';
export type { PageProduct } from './types.js';
export { productFromJsonLd } from './productFromJsonLd.js';
export { deriveBehavior, type Behavior, type PageEngagement } from './deriveBehavior.js';
export {
  DAY_PREFIX,
  DEFAULT_HISTORY_LIMITS,
  appendToDay,
  coerceDayRecord,
  dayKey,
  daysToCompact,
  PART_SIZE,
  recordKeyFor,
  flattenHistory,
  summarizeDay,
  type DayRecord,
  type DaySummary,
  type HistoryLimits,
} from './history.js';
export { classifyLanding, classifyTraffic, hasCampaignParams, type Channel, type Traffic } from './classifyTraffic.js';
export { CLICK_ID_NAMES, isCampaign, readLanding, sameCampaign, type ClickIdName, type Landing } from './landing.js';
export { readDevice, type Browser, type Device, type DeviceOs, type DeviceSignals, type DeviceType } from './readDevice.js';
export { readGeo, CONTINENTS, type Continent, type Geo, type GeoSignals } from './readGeo.js';
export { readTime, type TimeOfDay } from './readTime.js';
export { DEFAULT_RFM_CUTS, RFM_SEGMENTS, parseRfmConfig, rfmScore, type Rfm, type RfmCuts, type RfmSegment } from './rfmScore.js';
export { FUNNEL_STAGES, checkoutBegun, funnelStage, type FunnelStage } from './funnelStage.js';
export {
  DEFAULT_INTENT_BUCKETS,
  MONTHS,
  intentBucket,
  intentFeatures,
  intentOf,
  parseIntentConfig,
  scoreIntent,
  sessionForIntent,
  type IntentBucket,
  type IntentBuckets,
  type IntentModel,
  type IntentSession,
  type IntentSettings,
  type TreeNode,
} from './intent.js';
export { INTENT_MODEL, INTENT_MODEL_WITH_PAGE_VALUES } from './intentModel.js';
export {
  BAR_POSITIONS,
  CAMPAIGN_TYPES,
  CORNERS,
  FIELD_TYPES,
  INLINE_MODES,
  QUESTION_TYPES,
  type Action,
  type Answer,
  type BarPosition,
  type CampaignType,
  type ContentKind,
  type Corner,
  type FieldType,
  type FormContent,
  type FormField,
  type FormValues,
  type InlineMode,
  type MessageContent,
  type MountedWidget,
  type QuestionType,
  type QuizContent,
  type QuizOption,
  type QuizQuestion,
  type QuizResult,
  type QuizStep,
  type Rich,
  type RichNode,
  type Theme,
  type WidgetCallbacks,
  type WidgetContent,
  type WidgetView,
  type DebugHost,
} from './widgetTypes.js';
export { STRINGS, parseStrings, type StringKey, type Strings } from './parseStrings.js';
export { safeUrl } from './safeUrl.js';
export { fillContent, fillTemplate, parseRich, templateReads } from './richText.js';
export { assignVariant, bucketOf } from './bucket.js';
export {
  TRIGGERS,
  parseCampaignSection,
  parseCampaigns,
  parseTheme,
  type Campaign,
  type Frequency,
  type Schedule,
  type Trigger,
  type Variant,
  type VariantContent,
  type QuizRef,
} from './parseCampaigns.js';
export {
  BLOCKS,
  campaignBlock,
  countdownOver,
  isConversion,
  rememberImpression,
  type Block,
  type CampaignContext,
  type CampaignMemory,
} from './campaignStatus.js';
export { parseQuizzes, END, type Quiz, type QuestionDef, type QuizOptionDef } from './parseQuizzes.js';
export {
  answerQuiz,
  answersOnPath,
  backQuiz,
  checkAnswer,
  coerceQuizRecord,
  nextOf,
  questionView,
  quizAttributes,
  quizTraits,
  resultOf,
  startQuiz,
  stepOf,
  type QuizRecord,
} from './quizFlow.js';
export { MAX_TEXT, Reader, parseAction, parseBody, parseImage } from './configReader.js';
export { checkKeys, createReport, isRecord } from './configReport.js';
export { HOLDOUT_ROW, NO_SEGMENT, buildReport, liftOver, type Lift, type Report, type ReportOptions, type ReportRow, type Revenue } from './report.js';
