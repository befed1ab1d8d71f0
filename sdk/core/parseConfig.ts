import type { Lists } from './compileCondition.js';
import { compileSegments, type SegmentDefinition, type SegmentSet } from './compileSegments.js';
import { PAGE_TYPES, type PageType } from './pageType.js';
import { DEFAULT_RFM_CUTS, type RfmCuts } from './rfmScore.js';
import { isUnsafeKey } from './session.js';
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
  rfm: RfmCuts;
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
const SECTIONS = ['$schema', 'version', 'site', 'consent', 'rfm', 'lists', 'segments'];
/** Sections of DESIGN §5 that later versions read: accepted, with a warning that they do nothing yet. */
const NOT_YET = ['intent', 'quizzes', 'campaigns', 'theme'];
const SEGMENT_KEYS = ['id', 'name', 'description', 'when'];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Describes a value the way a marketer reads it in an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function parseSite(raw: unknown, problems: Problem[]): SiteConfig {
  const site: SiteConfig = {};
  if (raw === undefined) return site;
  const error = (path: string, message: string) => problems.push({ path, message, severity: 'error' });
  if (!isRecord(raw)) {
    error('site', `expected an object, got ${describe(raw)}`);
    return site;
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'currency' && key !== 'pages') {
      problems.push({ path: `site.${key}`, message: `unknown key${didYouMean(key, ['currency', 'pages'])}`, severity: 'warning' });
    }
  }
  if (raw.currency !== undefined) {
    if (typeof raw.currency === 'string' && /^[A-Za-z]{3}$/.test(raw.currency)) site.currency = raw.currency.toUpperCase();
    else error('site.currency', `expected a 3-letter ISO 4217 code such as "EUR", got ${describe(raw.currency)}`);
  }
  if (raw.pages !== undefined) {
    if (!isRecord(raw.pages)) error('site.pages', `expected an object of page type → path globs, got ${describe(raw.pages)}`);
    else {
      const pages: Partial<Record<PageType, string[]>> = {};
      for (const [type, globs] of Object.entries(raw.pages)) {
        const path = `site.pages.${type}`;
        if (!(PAGE_TYPES as readonly string[]).includes(type)) {
          error(path, `unknown page type${didYouMean(type, PAGE_TYPES)}; expected one of ${PAGE_TYPES.join(', ')}`);
        } else if (!Array.isArray(globs) || !globs.every((glob) => typeof glob === 'string' && glob.startsWith('/'))) {
          error(path, 'expected an array of path globs starting with "/", such as ["/products/*"]');
        } else pages[type as PageType] = globs;
      }
      site.pages = pages;
    }
  }
  return site;
}

function parseConsent(raw: unknown, problems: Problem[]): ConsentConfig {
  const consent: ConsentConfig = { required: false, respectGPC: true };
  if (raw === undefined) return consent;
  if (!isRecord(raw)) {
    problems.push({ path: 'consent', message: `expected an object, got ${describe(raw)}`, severity: 'error' });
    return consent;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key !== 'required' && key !== 'respectGPC') {
      problems.push({ path: `consent.${key}`, message: `unknown key${didYouMean(key, ['required', 'respectGPC'])}`, severity: 'warning' });
    } else if (typeof value !== 'boolean') {
      problems.push({ path: `consent.${key}`, message: `expected true or false, got ${describe(value)}`, severity: 'error' });
    } else consent[key] = value;
  }
  return consent;
}

const RFM_KEYS = ['recencyDays', 'frequency', 'monetary'] as const;

function parseRfm(raw: unknown, problems: Problem[]): RfmCuts {
  const cuts: RfmCuts = { ...DEFAULT_RFM_CUTS };
  if (raw === undefined) return cuts;
  if (!isRecord(raw)) {
    problems.push({ path: 'rfm', message: `expected an object of cut points, got ${describe(raw)}`, severity: 'error' });
    return cuts;
  }
  for (const [key, value] of Object.entries(raw)) {
    const path = `rfm.${key}`;
    if (!(RFM_KEYS as readonly string[]).includes(key)) {
      problems.push({ path, message: `unknown key${didYouMean(key, RFM_KEYS)}`, severity: 'warning' });
    } else if (
      !Array.isArray(value) ||
      value.length === 0 ||
      value.length > 4 ||
      !value.every((n, i) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && (i === 0 || n > (value[i - 1] as number)))
    ) {
      problems.push({ path, message: `expected 1 to 4 ascending numbers ≥ 0, such as [7, 30, 90, 180]; using the default`, severity: 'error' });
    } else cuts[key as (typeof RFM_KEYS)[number]] = value as number[];
  }
  return cuts;
}

function parseLists(raw: unknown, problems: Problem[]): Lists {
  const lists: Lists = {};
  if (raw === undefined) return lists;
  if (!isRecord(raw)) {
    problems.push({ path: 'lists', message: `expected an object of named lists, got ${describe(raw)}`, severity: 'error' });
    return lists;
  }
  for (const [name, values] of Object.entries(raw)) {
    if (isUnsafeKey(name)) {
      problems.push({ path: `lists.${name}`, message: 'this name is reserved', severity: 'error' });
    } else if (!Array.isArray(values)) {
      problems.push({ path: `lists.${name}`, message: `expected an array of values, got ${describe(values)}`, severity: 'error' });
    } else lists[name] = values;
  }
  return lists;
}

function parseSegment(raw: unknown, path: string, seen: Map<string, string>, problems: Problem[]): (SegmentDefinition & { path: string }) | undefined {
  const error = (at: string, message: string) => problems.push({ path: at, message, severity: 'error' });
  if (!isRecord(raw)) {
    error(path, `expected a segment object, got ${describe(raw)}`);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!SEGMENT_KEYS.includes(key)) {
      problems.push({ path: `${path}.${key}`, message: `unknown key${didYouMean(key, SEGMENT_KEYS)}`, severity: 'warning' });
    }
  }
  const { id, when, name, description } = raw;
  let valid = true;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    error(`${path}.id`, `expected an id of letters, digits, "-" and "_" (at most 64), got ${describe(id)}`);
    valid = false;
  } else if (seen.has(id)) {
    error(`${path}.id`, `duplicate id "${id}" (also ${seen.get(id)})`);
    valid = false;
  } else seen.set(id, path);
  if (!isRecord(when)) {
    error(`${path}.when`, `expected a condition object, got ${describe(when)}`);
    valid = false;
  }
  for (const [key, value] of [['name', name], ['description', description]] as const) {
    if (value !== undefined && typeof value !== 'string') error(`${path}.${key}`, `expected text, got ${describe(value)}`);
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
 * rest works, and a segment whose condition has an error is kept but never matches.
 */
export function parseConfig(raw: unknown): ParsedConfig {
  const problems: Problem[] = [];
  const config: Config = { version: 1, site: {}, consent: { required: false, respectGPC: true }, rfm: DEFAULT_RFM_CUTS, lists: {}, segments: [] };
  if (!isRecord(raw)) {
    problems.push({ path: '(root)', message: `expected an object, got ${describe(raw)}`, severity: 'error' });
    return { config, problems, segments: compileSegments([], {}, problems) };
  }
  for (const key of Object.keys(raw)) {
    if (NOT_YET.includes(key)) {
      problems.push({ path: key, message: 'is not read by this version of Beckon yet, so it has no effect', severity: 'warning' });
    } else if (!SECTIONS.includes(key)) {
      problems.push({ path: key, message: `unknown key${didYouMean(key, [...SECTIONS, ...NOT_YET])}`, severity: 'warning' });
    }
  }
  if (raw.version !== undefined && raw.version !== 1) {
    problems.push({ path: 'version', message: `expected 1, got ${describe(raw.version)}; reading the file as version 1`, severity: 'warning' });
  }
  config.site = parseSite(raw.site, problems);
  config.consent = parseConsent(raw.consent, problems);
  config.rfm = parseRfm(raw.rfm, problems);
  config.lists = parseLists(raw.lists, problems);

  const definitions: (SegmentDefinition & { path: string })[] = [];
  if (raw.segments !== undefined && !Array.isArray(raw.segments)) {
    problems.push({ path: 'segments', message: `expected an array of segments, got ${describe(raw.segments)}`, severity: 'error' });
  } else {
    const seen = new Map<string, string>();
    (raw.segments ?? []).forEach((item: unknown, i: number) => {
      const segment = parseSegment(item, `segments[${i}]`, seen, problems);
      if (segment) definitions.push(segment);
    });
  }
  const segments = compileSegments(definitions, config.lists, problems);
  config.segments = segments.ordered.map(({ test: _test, ...definition }) => definition);
  return { config, problems, segments };
}

export function formatProblem(problem: Problem): string {
  return `${problem.path}: ${problem.message}`;
}
