import type { EventContext } from './compileCondition.js';
import { matchGlob } from './matchGlob.js';
import type { Campaign } from './parseCampaigns.js';
import type { QuizRecord } from './quizFlow.js';

/** What the visitor's browser remembers about one campaign. */
export interface CampaignMemory {
  /** Impressions (or holdout exposures) ever. */
  n: number;
  /** The session of the latest impression, and how many it had. */
  sid?: string;
  sn?: number;
  /** Epoch ms of the latest impression or holdout exposure, where a goal event counts from. */
  at?: number;
  /** Variant of the latest impression; `null` for the holdout. */
  v?: string | null;
  dismissed?: number;
  converted?: number;
  /** The transaction_id of the order that converted last, so the same order converts once. */
  tx?: string;
  /** Epoch ms of the visitor's form submission: the form is not offered again, its gate stays open. */
  submitted?: number;
}

/** Why a campaign is not shown now; the order is the order of the checks. */
export const BLOCKS = ['schedule', 'pages', 'audience', 'converted', 'answered', 'frequency', 'cooldown'] as const;
export type Block = (typeof BLOCKS)[number];

export interface CampaignContext {
  path: string;
  now: number;
  /** The visitor's local day of the week (0 = Sunday) and hour. */
  day: number;
  hour: number;
  session: string;
  profile: unknown;
  events?: EventContext;
  memory: CampaignMemory | undefined;
  /** What the visitor did with the campaign's quiz, when it shows one. */
  quiz?: QuizRecord | undefined;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function inSchedule({ schedule }: Campaign, { now, day, hour }: CampaignContext): boolean {
  if (!schedule) return true;
  const { start, end, days, hours } = schedule;
  if ((start !== undefined && now < start) || (end !== undefined && now > end)) return false;
  const on = (d: number) => !days || days.includes(d);
  if (!hours) return on(day);
  const [from, to] = hours;
  // Hours past midnight ([22, 2]) belong to the day they start on: Friday's late sale runs
  // into Saturday's first hours, not Friday's.
  return from < to ? on(day) && hour >= from && hour < to : hour >= from ? on(day) : hour < to && on((day + 6) % 7);
}

function onPage({ pages }: Campaign, path: string): boolean {
  if (pages.include && !pages.include.some((glob) => matchGlob(glob, path))) return false;
  return !pages.exclude?.some((glob) => matchGlob(glob, path));
}

/** Whether the countdown of every variant (those that have one) has ended: the campaign is over. */
export function countdownOver(campaign: Campaign, now: number): boolean {
  const ends = campaign.variants.map((v) => (v.content.kind === 'message' ? v.content.countdown?.until : undefined));
  return ends.every((until) => until !== undefined && until <= now);
}

/**
 * Whether a campaign may show now, or the first reason it may not (DESIGN §5): its
 * schedule (and countdown), its pages, its audience, a conversion, its frequency caps,
 * a finished quiz, and the cooldown after a dismissal. A half-answered quiz comes back
 * whatever the caps say, so a reload resumes it. Triggers and slot conflicts are the
 * runtime's.
 */
export function campaignBlock(campaign: Campaign, ctx: CampaignContext): Block | undefined {
  const { frequency } = campaign;
  const { memory, quiz } = ctx;
  if (!inSchedule(campaign, ctx) || countdownOver(campaign, ctx.now)) return 'schedule';
  if (!onPage(campaign, ctx.path)) return 'pages';
  if (campaign.audience && !campaign.audience(ctx.profile, ctx.events)) return 'audience';
  if (quiz?.done !== undefined) {
    const repeat = campaign.quiz?.repeatAfterDays;
    if (repeat === undefined || ctx.now - quiz.done < repeat * DAY_MS) return 'answered';
  }
  if (!memory) return undefined;
  // A form sent is a conversion: a contact form with `stopAfterConversion: false` is offered again.
  if (frequency.stopAfterConversion && (memory.submitted !== undefined || memory.converted !== undefined)) return 'converted';
  // A quiz with answers, or past its first question (even one taken Back to it), resumes.
  const resuming = quiz !== undefined && quiz.done === undefined && (quiz.path.length > 1 || Object.keys(quiz.answers).length > 0);
  if (!resuming && frequency.maxImpressions !== undefined && memory.n >= frequency.maxImpressions) return 'frequency';
  if (!resuming && memory.sid === ctx.session && (memory.sn ?? 0) >= frequency.maxPerSession) return 'frequency';
  if (memory.dismissed !== undefined && ctx.now - memory.dismissed < frequency.cooldownHours * HOUR_MS) return 'cooldown';
  return undefined;
}

/** The memory after an impression (or a holdout exposure) in `session`. */
export function rememberImpression(memory: CampaignMemory | undefined, session: string, now: number, variant: string | null): CampaignMemory {
  const sameSession = memory?.sid === session;
  return { ...memory, n: (memory?.n ?? 0) + 1, sid: session, sn: (sameSession ? (memory?.sn ?? 0) : 0) + 1, at: now, v: variant };
}

/**
 * Whether `event` at `now` converts the latest exposure: the goal event within the
 * goal's window, once per exposure (a later impression can convert again).
 */
export function isConversion(campaign: Campaign, memory: CampaignMemory | undefined, event: string, now: number): boolean {
  const goal = campaign.goal;
  if (!goal || !memory || memory.at === undefined || goal.event !== event) return false;
  if (memory.converted !== undefined && memory.converted >= memory.at) return false;
  return now >= memory.at && now - memory.at <= goal.withinMs;
}
