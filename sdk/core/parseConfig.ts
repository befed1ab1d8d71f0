import type { Lists } from './compileCondition.js';
import { compileSegmentSteps, type SegmentDefinition, type SegmentSet } from './compileSegments.js';
import { PAGE_TYPES, type PageType } from './pageType.js';
import { GLOBS_EXPECTED, checkKeys, createReport, describe, isGlobList, isRecord, section, type Report } from './configReport.js';
import { isUnsafeKey } from './session.js';
import { runSteps, runStepsInSlices, type Steps } from './steps.js';
import { didYouMean } from './suggest.js';
import type { Problem } from './types.js';

export interface SiteConfig {
  /** ISO 4217 code, used until the store's events name a currency. */
  currency?: string;
  /** Path globs per page type, stronger than URL conventions and dataLayer events. */
  pages?: Partial<Record<PageType, string[]>>;
}

export interface ConsentConfig {
  /** Store nothing until `consent('granted')`. Default false. */
  required: boolean;
  /** Treat `navigator.globalPrivacyControl` as a denial. Default true. */
  respectGPC: boolean;
}

export interface Config {
  version: 1;
  site: SiteConfig;
  consent: ConsentConfig;
  /** Read by the signals chunk when rfm.* is needed (see parseRfmConfig). */
  rfm?: unknown;
  /** Read by the intent chunk when intent is needed (see parseIntentConfig). */
  intent?: unknown;
  /** Read by the campaigns chunk when there are campaigns (see parseCampaignSection). */
  campaigns?: unknown;
  theme?: unknown;
  /** The widgets' own words, read with the campaigns (see parseStrings). */
  strings?: unknown;
  /** Read by the quizzes chunk when there are quizzes (see parseQuizzes). */
  quizzes?: unknown;
  lists: Lists;
  segments: SegmentDefinition[];
}

export interface ParsedConfig {
  config: Config;
  /** Compiled segments, in evaluation order. */
  segments: SegmentSet;
  problems: Problem[];
}

/** Sections this version reads. */
const SECTIONS = ['$schema', 'version', 'site', 'consent', 'rfm', 'intent', 'lists', 'segments', 'campaigns', 'theme', 'strings', 'quizzes'];
const SEGMENT_KEYS = ['id', 'name', 'description', 'when'];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;


/** A config with every default and nothing in it. */
export const emptyConfig = (): Config => ({
  version: 1,
  site: {},
  consent: { required: false, respectGPC: true },
  lists: {},
  segments: [],
});

function parseSite(raw: unknown, report: Report): SiteConfig {
  const site: SiteConfig = {};
  const input = section(raw, 'site', 'an object', report);
  if (!input) return site;
  checkKeys(input, ['currency', 'pages'], 'site', report);
  if (input.currency !== undefined) {
    if (typeof input.currency === 'string' && /^[A-Za-z]{3}$/.test(input.currency)) site.currency = input.currency.toUpperCase();
    else report.error('site.currency', `expected a 3-letter ISO 4217 code such as "EUR", got ${describe(input.currency)}`);
  }
  const pages = section(input.pages, 'site.pages', 'an object of page type → path globs', report);
  if (pages) {
    site.pages = {};
    for (const [type, globs] of Object.entries(pages)) {
      const path = `site.pages.${type}`;
      if (!(PAGE_TYPES as readonly string[]).includes(type)) {
        report.error(path, `unknown page type${didYouMean(type, PAGE_TYPES)}; expected one of ${PAGE_TYPES.join(', ')}`);
      } else if (!isGlobList(globs)) report.error(path, GLOBS_EXPECTED);
      else site.pages[type as PageType] = globs;
    }
  }
  return site;
}

function parseConsent(raw: unknown, report: Report): ConsentConfig {
  const consent: ConsentConfig = { required: false, respectGPC: true };
  const input = section(raw, 'consent', 'an object', report);
  if (!input) return consent;
  checkKeys(input, ['required', 'respectGPC'], 'consent', report);
  for (const key of ['required', 'respectGPC'] as const) {
    const value = input[key];
    if (typeof value === 'boolean') consent[key] = value;
    else if (value !== undefined) report.error(`consent.${key}`, `expected true or false, got ${describe(value)}`);
  }
  return consent;
}

function parseLists(raw: unknown, report: Report): Lists {
  const lists: Lists = {};
  const input = section(raw, 'lists', 'an object of named lists', report);
  for (const [name, values] of Object.entries(input ?? {})) {
    if (isUnsafeKey(name)) report.error(`lists.${name}`, 'this name is reserved');
    else if (!Array.isArray(values)) report.error(`lists.${name}`, `expected an array of values, got ${describe(values)}`);
    else lists[name] = values;
  }
  return lists;
}

function parseSegment(raw: unknown, path: string, seen: Map<string, string>, report: Report): (SegmentDefinition & { path: string }) | undefined {
  if (!isRecord(raw)) {
    report.error(path, `expected a segment object, got ${describe(raw)}`);
    return undefined;
  }
  const input = raw;
  checkKeys(input, SEGMENT_KEYS, path, report);
  const { id, when, name, description } = input;
  let valid = true;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    report.error(`${path}.id`, `expected an id of letters, digits, "-" and "_" (at most 64), got ${describe(id)}`);
    valid = false;
  } else if (seen.has(id)) {
    report.error(`${path}.id`, `duplicate id "${id}" (also ${seen.get(id)})`);
    valid = false;
  } else seen.set(id, path);
  if (!isRecord(when)) {
    report.error(`${path}.when`, `expected a condition object, got ${describe(when)}`);
    valid = false;
  }
  for (const [key, value] of [['name', name], ['description', description]] as const) {
    if (value !== undefined && typeof value !== 'string') report.error(`${path}.${key}`, `expected text, got ${describe(value)}`);
  }
  if (!valid) return undefined;
  const segment: SegmentDefinition & { path: string } = { id: id as string, when: when as Record<string, unknown>, path };
  if (typeof name === 'string') segment.name = name;
  if (typeof description === 'string') segment.description = description;
  return segment;
}

/**
 * Validates a config file and returns what can be used of it. Never throws: each
 * problem names its JSON path, an invalid segment is skipped with an error while the
 * rest works, and a segment whose condition has an error is dropped (see compileSegmentSteps).
 */
export function parseConfig(raw: unknown): ParsedConfig {
  return runSteps(parseConfigSteps(raw));
}

/**
 * parseConfig for the page: in slices of about 8 ms, awaiting `pause` (the page's timer)
 * between them, so thousands of segments make no long task (#8).
 */
export function parseConfigInSlices(raw: unknown, pause: () => Promise<unknown>, now: () => number): Promise<ParsedConfig> {
  return runStepsInSlices(parseConfigSteps(raw), pause, now);
}

/** parseConfig as steps, one per segment read and one per segment compiled. */
export function* parseConfigSteps(raw: unknown): Steps<ParsedConfig> {
  const problems: Problem[] = [];
  const report = createReport(problems);
  const config = emptyConfig();
  const input = section(raw, '(root)', 'an object', report) ?? (raw === undefined ? {} : undefined);
  if (!input) return { config, problems, segments: yield* compileSegmentSteps([], {}, problems) };
  checkKeys(input, SECTIONS, '', report);
  if (input.version !== undefined && input.version !== 1) {
    report.warn('version', `expected 1, got ${describe(input.version)}; reading the file as version 1`);
  }
  config.site = parseSite(input.site, report);
  config.consent = parseConsent(input.consent, report);
  config.rfm = input.rfm;
  config.intent = input.intent;
  config.campaigns = input.campaigns;
  config.theme = input.theme;
  config.strings = input.strings;
  config.quizzes = input.quizzes;
  config.lists = parseLists(input.lists, report);

  const definitions: (SegmentDefinition & { path: string })[] = [];
  const seen = new Map<string, string>();
  if (input.segments !== undefined && !Array.isArray(input.segments)) {
    report.error('segments', `expected an array of segments, got ${describe(input.segments)}`);
  } else {
    const items = (input.segments as unknown[] | undefined) ?? [];
    for (let i = 0; i < items.length; i++) {
      const segment = parseSegment(items[i], `segments[${i}]`, seen, report);
      if (segment) definitions.push(segment);
      yield;
    }
  }
  // Segments skipped for their own errors are known: those built on them are refused too.
  const skipped = [...seen.keys()].filter((id) => !definitions.some((d) => d.id === id));
  const segments = yield* compileSegmentSteps(definitions, config.lists, problems, skipped);
  config.segments = segments.ordered.map(({ test: _test, ...definition }) => definition);
  return { config, problems, segments };
}

export { describe };

export function formatProblem(problem: Problem): string {
  return `${problem.path}: ${problem.message}`;
}
