import { compileCondition, parseDuration, type Lists, type Test } from './compileCondition.js';
import { Reader, parseAction, parseBody, parseImage } from './configReader.js';
import { checkKeys, createReport, describe, isRecord, type Report } from './configReport.js';
import type { Config } from './parseConfig.js';
import { templateReads } from './richText.js';
import { isUnsafeKey } from './session.js';
import { parseStrings, type Strings } from './parseStrings.js';
import { didYouMean } from './suggest.js';
import type { Problem } from './types.js';
import {
  BAR_POSITIONS,
  CAMPAIGN_TYPES,
  CORNERS,
  FIELD_TYPES,
  INLINE_MODES,
  type Action,
  type BarPosition,
  type CampaignType,
  type Corner,
  type FormContent,
  type FormField,
  type InlineMode,
  type MessageContent,
  type Theme,
  type WidgetContent,
} from './widgetTypes.js';

export const TRIGGERS = ['load', 'delay', 'scroll', 'exit', 'idle', 'click', 'event', 'pageviews'] as const;
export type Trigger =
  | { on: 'load' | 'exit' }
  | { on: 'delay' | 'idle'; seconds: number }
  | { on: 'scroll'; percent: number }
  | { on: 'click'; selector: string }
  | { on: 'event'; name: string }
  | { on: 'pageviews'; count: number };

export interface Frequency {
  maxImpressions?: number;
  maxPerSession: number;
  cooldownHours: number;
  stopAfterConversion: boolean;
}

export interface Schedule {
  start?: number;
  end?: number;
  /** Days of the week, 0 = Sunday, in the visitor's time. */
  days?: number[];
  /** `[from, to)` hours in the visitor's time; `from > to` wraps past midnight. */
  hours?: [number, number];
}

/** A variant showing a quiz names it; the runtime builds the quiz's screens when it shows. */
export interface QuizRef {
  kind: 'quiz';
  quiz: string;
}

export type VariantContent = MessageContent | FormContent | QuizRef;

export interface Variant extends FormSettings {
  id: string;
  weight: number;
  /** Content with `{{templates}}` still in its text (see fillContent). */
  content: VariantContent;
}

/** What a variant's form does on success, read by the runner rather than the widget. */
export interface FormSettings {
  /** Form submissions go here (checked URL), when the form says so. */
  endpoint?: string;
  /** Selector whose `hidden` is removed after a form submission. */
  unlock?: string;
  /** Form fields an `email` value may be remembered from (`remember: true`). */
  remember?: string[];
}

export interface Campaign {
  id: string;
  /** JSON path in the config, for messages. */
  path: string;
  type: CampaignType;
  position?: BarPosition | Corner;
  target?: string;
  mode?: InlineMode;
  priority: number;
  audience?: Test;
  /** The audience condition as written, for explanations. */
  when?: Record<string, unknown>;
  pages: { include?: string[]; exclude?: string[] };
  trigger: Trigger;
  frequency: Frequency;
  schedule?: Schedule;
  /** Percent of visitors kept as the control group. */
  holdout: number;
  goal?: { event: string; withinMs: number };
  variants: Variant[];
  theme: Theme;
  /** The widgets' own words where the store replaced them (`strings`, the config's then the campaign's). */
  strings: Strings;
  /** CSS selectors the browser must check (core has no DOM), with their paths. */
  selectors: { path: string; selector: string }[];
  /** The quiz its variants show, and after how many days a finished one is offered again (never without). */
  quiz?: { id: string; repeatAfterDays?: number };
}

const CAMPAIGN_KEYS = ['id', 'name', 'description', 'type', 'placement', 'priority', 'audience', 'pages', 'trigger', 'frequency', 'schedule', 'holdout', 'goal', 'variants', 'content', 'theme', 'strings'];
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
// Theme values go into a CSS declaration: allow only characters that cannot end it.
const SAFE_COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgba?|hsla?|hwb|(ok)?l(ab|ch))\([\w\s.,%/+-]{1,60}\))$/i;
// A family list, each name bare or in paired quotes: a lone quote would run to the sheet's end.
const FAMILY = `\\s*(?:"[\\w -]+"|'[\\w -]+'|[\\w -]+)\\s*`;
const SAFE_FONT = new RegExp(`^${FAMILY}(?:,${FAMILY})*$`);

function parseTrigger(r: Reader, raw: unknown, selectors: Campaign['selectors']): Trigger | undefined {
  const input = r.object(raw, '.trigger', ['on', 'seconds', 'percent', 'selector', 'name', 'count']) ?? {};
  const on = r.oneOf(input.on, '.trigger.on', TRIGGERS, 'load');
  switch (on) {
    case 'delay':
    case 'idle': {
      // Only a missing value takes the default: null is a mistake, as in the schema.
      const seconds = r.number(input.seconds === undefined && on === 'delay' ? 0 : input.seconds, '.trigger.seconds', on === 'idle' ? 1 : 0, 86_400);
      if (seconds === undefined && input.seconds === undefined) r.error('.trigger.seconds', 'expected a number of seconds');
      return seconds === undefined ? undefined : { on, seconds };
    }
    case 'scroll': {
      const percent = r.number(input.percent === undefined ? 50 : input.percent, '.trigger.percent', 0, 100);
      return percent === undefined ? undefined : { on, percent };
    }
    case 'click': {
      const selector = r.selector(input.selector, '.trigger.selector', selectors);
      return selector === undefined ? undefined : { on, selector };
    }
    case 'event': {
      const name = r.text(input.name, '.trigger.name', true);
      return name === undefined ? undefined : { on, name };
    }
    case 'pageviews': {
      const count = r.number(input.count, '.trigger.count', 1, 10_000, true);
      if (input.count === undefined) r.error('.trigger.count', 'expected the page view number, such as 3');
      return count === undefined ? undefined : { on, count };
    }
    case 'load':
    case 'exit':
      return { on };
    default:
      return undefined;
  }
}

function parseSchedule(r: Reader, raw: unknown): Schedule | undefined {
  const input = r.object(raw, '.schedule', ['start', 'end', 'days', 'hours']);
  if (!input) return undefined;
  const schedule: Schedule = {};
  const start = r.date(input.start, '.schedule.start');
  const end = r.date(input.end, '.schedule.end', true);
  if (start !== undefined) schedule.start = start;
  if (end !== undefined) schedule.end = end;
  if (start !== undefined && end !== undefined && end <= start) r.error('.schedule.end', 'ends before it starts');
  if (input.days !== undefined) {
    if (Array.isArray(input.days) && input.days.length > 0 && input.days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6)) schedule.days = input.days as number[];
    else r.error('.schedule.days', 'expected days of the week as numbers from 0 (Sunday) to 6, such as [1, 2, 3, 4, 5]');
  }
  if (input.hours !== undefined) {
    const hours = input.hours;
    const valid = Array.isArray(hours) && hours.length === 2 && hours.every((h) => Number.isInteger(h) && h >= 0 && h <= 24) && hours[0] < 24 && hours[0] !== hours[1];
    if (valid) schedule.hours = hours as [number, number];
    else r.error('.schedule.hours', 'expected [from, to) hours, from 0 to 23 and to 0 to 24 (not the same), such as [9, 17]');
  }
  return schedule;
}

function parseMessage(r: Reader, input: Record<string, unknown>, at: string): MessageContent {
  checkKeys(input, ['kind', 'title', 'body', 'image', 'cta', 'secondary', 'countdown', 'coupon'], `${r.path}${at}`, r.report);
  const content: MessageContent = { kind: 'message' };
  const title = r.text(input.title, `${at}.title`);
  const body = parseBody(r, input.body, `${at}.body`);
  if (title !== undefined) content.title = title;
  if (body !== undefined) content.body = body;
  if (input.title === undefined && input.body === undefined) r.error(at, 'a message needs a title or a body');
  const image = parseImage(r, input.image, `${at}.image`);
  if (image) content.image = image;
  const cta = parseAction(r, input.cta, `${at}.cta`);
  const secondary = parseAction(r, input.secondary, `${at}.secondary`);
  if (cta) content.cta = cta;
  if (secondary) content.secondary = secondary;
  const countdown = r.object(input.countdown, `${at}.countdown`, ['until', 'label']);
  if (countdown) {
    const until = r.date(countdown.until, `${at}.countdown.until`, true);
    if (countdown.until === undefined) r.error(`${at}.countdown.until`, 'expected the date the countdown ends');
    const label = r.text(countdown.label, `${at}.countdown.label`);
    if (until !== undefined) content.countdown = label === undefined ? { until } : { until, label };
  }
  const coupon = r.object(input.coupon, `${at}.coupon`, ['code', 'label']);
  if (coupon) {
    const code = r.text(coupon.code, `${at}.coupon.code`, true);
    const label = r.text(coupon.label, `${at}.coupon.label`);
    if (code !== undefined) content.coupon = label === undefined ? { code } : { code, label };
  }
  return content;
}

function parseForm(r: Reader, input: Record<string, unknown>, at: string, campaign: Pick<Campaign, 'selectors' | 'strings'>, into: FormSettings): FormContent {
  checkKeys(input, ['kind', 'title', 'body', 'fields', 'submit'], `${r.path}${at}`, r.report);
  const { submit: label = 'Submit', success: successMessage = 'Thank you!' } = campaign.strings;
  const content: FormContent = { kind: 'form', fields: [], submit: { label, successMessage } };
  const title = r.text(input.title, `${at}.title`);
  const body = parseBody(r, input.body, `${at}.body`);
  if (title !== undefined) content.title = title;
  if (body !== undefined) content.body = body;
  const names = new Set<string>();
  r.list(input.fields, `${at}.fields`, 'fields').forEach((raw, i) => {
    const fat = `${at}.fields[${i}]`;
    const field = r.object(raw, fat, ['name', 'type', 'label', 'required', 'options', 'remember']);
    if (!field) return void r.error(fat, `expected a field object, got ${describe(raw)}`);
    const { name } = field;
    if (typeof name !== 'string' || !FIELD_NAME.test(name)) return void r.error(`${fat}.name`, `expected a name of letters, digits and "_", starting with a letter, got ${describe(name)}`);
    if (isUnsafeKey(name)) return void r.error(`${fat}.name`, 'this name is reserved');
    if (names.has(name)) return void r.error(`${fat}.name`, `duplicate field name "${name}"`);
    names.add(name);
    const type = r.oneOf(field.type, `${fat}.type`, FIELD_TYPES);
    const label = r.text(field.label, `${fat}.label`, true);
    if (type === undefined || label === undefined) return;
    const parsed: FormField = { name, type, label, required: r.boolean(field.required, `${fat}.required`, false) };
    if (type === 'select') {
      const options = Array.isArray(field.options) ? field.options : [];
      if (options.length === 0) r.error(`${fat}.options`, 'a select needs options: [{ "value": "…", "label": "…" }]');
      parsed.options = options.flatMap((option, j) => {
        const value = isRecord(option) ? r.text(option.value, `${fat}.options[${j}].value`, true) : void r.error(`${fat}.options[${j}]`, `expected { value, label }, got ${describe(option)}`);
        const text = isRecord(option) ? (r.text(option.label, `${fat}.options[${j}].label`) ?? value) : undefined;
        return value !== undefined && text !== undefined ? [{ value, label: text }] : [];
      });
    } else if (field.options !== undefined) r.warn(`${fat}.options`, 'only a select has options; ignored');
    if (r.boolean(field.remember, `${fat}.remember`, false)) (into.remember ??= []).push(name);
    content.fields.push(parsed);
  });
  const submit = r.object(input.submit, `${at}.submit`, ['label', 'endpoint', 'successMessage', 'unlock']);
  if (submit) {
    content.submit.label = r.text(submit.label, `${at}.submit.label`) ?? content.submit.label;
    content.submit.successMessage = r.text(submit.successMessage, `${at}.submit.successMessage`) ?? content.submit.successMessage;
    const endpoint = r.url(submit.endpoint, `${at}.submit.endpoint`, true);
    if (endpoint) into.endpoint = endpoint;
    if (submit.unlock !== undefined) into.unlock = r.selector(submit.unlock, `${at}.submit.unlock`, campaign.selectors);
  }
  return content;
}

const CONTENT_KINDS = ['message', 'form', 'quiz'] as const;

/** Which quizzes the config has, valid or not, so a campaign showing a skipped one says why. */
export interface QuizIndex {
  valid: Map<string, { repeatAfterDays?: number }>;
  all: Set<string>;
}

function parseQuizRef(r: Reader, input: Record<string, unknown>, at: string, campaign: Pick<Campaign, 'quiz'>, quizzes: QuizIndex): QuizRef | undefined {
  checkKeys(input, ['kind', 'quiz'], `${r.path}${at}`, r.report);
  const id = input.quiz;
  if (typeof id !== 'string') return void r.error(`${at}.quiz`, `expected the id of a quiz in "quizzes", got ${describe(id)}`);
  const quiz = quizzes.valid.get(id);
  if (!quiz) return void r.error(`${at}.quiz`, quizzes.all.has(id) ? `the quiz "${id}" has errors, so it is skipped` : `no quiz "${id}" in "quizzes"${didYouMean(id, [...quizzes.all])}`);
  if (campaign.quiz && campaign.quiz.id !== id) return void r.error(`${at}.quiz`, `every variant of a campaign shows the same quiz ("${campaign.quiz.id}")`);
  campaign.quiz = { id, ...quiz };
  return { kind: 'quiz', quiz: id };
}

type ContentTarget = Pick<Campaign, 'selectors' | 'quiz' | 'strings'>;

function parseContent(r: Reader, raw: unknown, at: string, campaign: ContentTarget, quizzes: QuizIndex, into: FormSettings): VariantContent | undefined {
  if (!isRecord(raw)) return void r.error(at, `expected a content object with a "kind", got ${describe(raw)}`);
  const kind = r.oneOf(raw.kind, `${at}.kind`, CONTENT_KINDS);
  if (kind === 'message') return parseMessage(r, raw, at);
  if (kind === 'form') return parseForm(r, raw, at, campaign, into);
  if (kind === 'quiz') return parseQuizRef(r, raw, at, campaign, quizzes);
  return undefined;
}

function parseVariants(r: Reader, input: Record<string, unknown>, campaign: ContentTarget, quizzes: QuizIndex): Variant[] {
  if (input.variants === undefined) {
    if (input.content === undefined) r.error('', 'expected "content" or "variants"');
    const form: FormSettings = {};
    const content = parseContent(r, input.content, '.content', campaign, quizzes, form);
    return content ? [{ id: 'default', weight: 1, content, ...form }] : [];
  }
  if (input.content !== undefined) r.warn('.content', 'ignored: the campaign has "variants"');
  const seen = new Set<string>();
  return r.list(input.variants, '.variants', 'variants').flatMap((raw, i): Variant[] => {
    const at = `.variants[${i}]`;
    const variant = r.object(raw, at, ['id', 'name', 'weight', 'content']);
    if (!variant) {
      r.error(at, `expected a variant object, got ${describe(raw)}`);
      return [];
    }
    const { id } = variant;
    if (typeof id !== 'string' || !ID.test(id)) {
      r.error(`${at}.id`, `expected an id of letters, digits, "-" and "_", got ${describe(id)}`);
      return [];
    }
    if (seen.has(id)) {
      r.error(`${at}.id`, `duplicate variant id "${id}"`);
      return [];
    }
    seen.add(id);
    const weight = r.number(variant.weight === undefined ? 1 : variant.weight, `${at}.weight`, 0, 1e6);
    // Each variant's form sends, unlocks and remembers what it says, not what the last one did.
    const form: FormSettings = {};
    const content = parseContent(r, variant.content, `${at}.content`, campaign, quizzes, form);
    return weight !== undefined && content ? [{ id, weight, content, ...form }] : [];
  });
}

/** Theme values that are safe inside a CSS declaration; the rest are dropped with a warning each. */
export function parseTheme(raw: unknown, path: string, report: Report, base: Theme = {}): Theme {
  const theme: Theme = { ...base };
  if (raw === undefined) return theme;
  if (!isRecord(raw)) {
    report.warn(path, `expected an object, got ${describe(raw)}; ignored`);
    return theme;
  }
  checkKeys(raw, ['colors', 'radius', 'font'], path, report);
  const colors = isRecord(raw.colors) ? raw.colors : {};
  if (raw.colors !== undefined && !isRecord(raw.colors)) report.warn(`${path}.colors`, 'expected an object; ignored');
  checkKeys(colors, ['background', 'text', 'accent'], `${path}.colors`, report);
  for (const key of ['background', 'text', 'accent'] as const) {
    const value = colors[key];
    if (value === undefined) continue;
    if (typeof value === 'string' && SAFE_COLOR.test(value.trim())) theme[key] = value.trim();
    else report.warn(`${path}.colors.${key}`, `expected a CSS color such as "#1d4ed8", got ${describe(value)}; ignored`);
  }
  if (raw.radius !== undefined) {
    if (typeof raw.radius === 'number' && raw.radius >= 0 && raw.radius <= 64) theme.radius = raw.radius;
    else report.warn(`${path}.radius`, `expected pixels from 0 to 64, got ${describe(raw.radius)}; ignored`);
  }
  if (raw.font !== undefined) {
    if (typeof raw.font === 'string' && raw.font.length <= 200 && SAFE_FONT.test(raw.font)) theme.font = raw.font;
    else report.warn(`${path}.font`, `expected a font family list such as "Georgia, serif", got ${describe(raw.font)}; ignored`);
  }
  return theme;
}

function parseCampaign(raw: unknown, path: string, seen: Set<string>, lists: Lists, look: Look, quizzes: QuizIndex, report: Report, problems: Problem[], reads?: Set<string>, segments?: string[]): Campaign | undefined {
  const r = new Reader(path, report);
  if (!isRecord(raw)) return void r.error('', `expected a campaign object, got ${describe(raw)}`);
  checkKeys(raw, CAMPAIGN_KEYS, path, report);
  templateReads(raw, reads);
  const { id } = raw;
  if (typeof id !== 'string' || !ID.test(id)) r.error('.id', `expected an id of letters, digits, "-" and "_" (at most 64), got ${describe(id)}`);
  else if (seen.has(id)) r.error('.id', `duplicate campaign id "${id}"`);
  else seen.add(id);
  const type = r.oneOf(raw.type, '.type', CAMPAIGN_TYPES);
  const campaign: Campaign = {
    id: id as string,
    path,
    type: type ?? 'popup',
    priority: r.number(raw.priority, '.priority', -1e6, 1e6) ?? 0,
    pages: {},
    trigger: { on: 'load' },
    frequency: { maxPerSession: 1, cooldownHours: 168, stopAfterConversion: true },
    holdout: r.number(raw.holdout, '.holdout', 0, 99.99) ?? 0,
    variants: [],
    theme: parseTheme(raw.theme, `${path}.theme`, report, look.theme),
    strings: parseStrings(raw.strings, `${path}.strings`, report, look.strings),
    selectors: [],
  };
  const placement = r.object(raw.placement, '.placement', ['position', 'target', 'mode']) ?? {};
  if (type === 'bar') campaign.position = r.oneOf(placement.position, '.placement.position', BAR_POSITIONS, 'top');
  if (type === 'message') campaign.position = r.oneOf(placement.position, '.placement.position', CORNERS, 'bottom-right');
  if (type === 'inline') {
    campaign.target = r.selector(placement.target, '.placement.target', campaign.selectors);
    campaign.mode = r.oneOf(placement.mode, '.placement.mode', INLINE_MODES, 'append');
  }
  if (raw.audience !== undefined) {
    if (!isRecord(raw.audience)) r.error('.audience', `expected a condition object, got ${describe(raw.audience)}`);
    else {
      const own: Problem[] = [];
      campaign.audience = compileCondition(raw.audience, { lists, path: `${path}.audience`, problems: own, ...(reads && { reads }) });
      campaign.when = raw.audience;
      if (own.some((p) => p.severity === 'error')) r.failed = true;
      // A `$nin` on a segment that is not there would show the campaign to everyone.
      else r.segmentsKnown(raw.audience, '.audience', segments);
      problems.push(...own);
    }
  }
  const pages = r.object(raw.pages, '.pages', ['include', 'exclude']);
  if (pages) {
    const include = r.globs(pages.include, '.pages.include');
    const exclude = r.globs(pages.exclude, '.pages.exclude');
    if (include) campaign.pages.include = include;
    if (exclude) campaign.pages.exclude = exclude;
  }
  campaign.trigger = parseTrigger(r, raw.trigger, campaign.selectors) ?? campaign.trigger;
  const frequency = r.object(raw.frequency, '.frequency', ['maxImpressions', 'maxPerSession', 'cooldownHours', 'stopAfterConversion']);
  if (frequency) {
    const f = campaign.frequency;
    const max = r.number(frequency.maxImpressions, '.frequency.maxImpressions', 1, Infinity, true);
    if (max !== undefined) f.maxImpressions = max;
    f.maxPerSession = r.number(frequency.maxPerSession, '.frequency.maxPerSession', 1, Infinity, true) ?? f.maxPerSession;
    f.cooldownHours = r.number(frequency.cooldownHours, '.frequency.cooldownHours', 0) ?? f.cooldownHours;
    f.stopAfterConversion = r.boolean(frequency.stopAfterConversion, '.frequency.stopAfterConversion', true);
  }
  const schedule = parseSchedule(r, raw.schedule);
  if (schedule) campaign.schedule = schedule;
  const goal = r.object(raw.goal, '.goal', ['event', 'within']);
  if (goal) {
    const event = r.text(goal.event, '.goal.event', true);
    const withinMs = goal.within === undefined ? 7 * 86_400_000 : parseDuration(goal.within);
    if (withinMs === undefined) r.error('.goal.within', `expected a duration such as "7d", "12h" or "45m", got ${describe(goal.within)}`);
    if (event !== undefined && withinMs !== undefined) campaign.goal = { event, withinMs };
  }
  campaign.variants = parseVariants(r, raw, campaign, quizzes);
  if (campaign.variants.length > 0 && campaign.variants.every((v) => v.weight === 0)) r.error('.variants', 'every variant has weight 0');
  return r.failed ? undefined : campaign;
}

/**
 * Validates the `campaigns` section. Every problem names its JSON path; a campaign with
 * an error is skipped while the others work; a link outside the URL allow-list is
 * dropped with a warning and the campaign still shows.
 */
export function parseCampaigns(raw: unknown, rawLook: { theme?: unknown; strings?: unknown }, lists: Lists, report: Report, problems: Problem[], reads?: Set<string>, quizzes: QuizIndex = NO_QUIZZES, segments?: string[]): Campaign[] {
  const look: Look = { theme: parseTheme(rawLook.theme, 'theme', report), strings: parseStrings(rawLook.strings, 'strings', report) };
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    report.error('campaigns', `expected an array of campaigns, got ${describe(raw)}`);
    return [];
  }
  const seen = new Set<string>();
  return raw.flatMap((item, i) => parseCampaign(item, `campaigns[${i}]`, seen, lists, look, quizzes, report, problems, reads, segments) ?? []);
}

/** The config's theme and strings, which each campaign's own override. */
type Look = Pick<Campaign, 'theme' | 'strings'>;

const NO_QUIZZES: QuizIndex = { valid: new Map(), all: new Set() };

/**
 * The campaigns and theme of a parsed config, validated (the runtime and the CLI call
 * this). `quizzes` are the config's, parsed first (parseQuizzes, in its own chunk).
 */
export function parseCampaignSection(
  config: Pick<Config, 'campaigns' | 'theme' | 'strings' | 'lists'> & Partial<Pick<Config, 'segments'>>,
  quizzes?: { valid: { id: string; repeatAfterDays?: number }[]; all: unknown },
): { campaigns: Campaign[]; problems: Problem[]; reads: Set<string> } {
  const problems: Problem[] = [];
  const reads = new Set<string>();
  const index: QuizIndex = quizzes
    ? {
        valid: new Map(quizzes.valid.map(({ id, repeatAfterDays }) => [id, repeatAfterDays === undefined ? {} : { repeatAfterDays }])),
        all: new Set(Array.isArray(quizzes.all) ? quizzes.all.flatMap((q) => (isRecord(q) && typeof q.id === 'string' ? [q.id] : [])) : []),
      }
    : NO_QUIZZES;
  const segments = config.segments?.map((segment) => segment.id);
  const campaigns = parseCampaigns(config.campaigns, config, config.lists, createReport(problems), problems, reads, index, segments);
  return { campaigns, problems, reads };
}
