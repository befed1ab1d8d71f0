// Reading one part of a config (a campaign, a quiz): typed fields with defaults, every
// problem reported under the part's JSON path, and `failed` once an error means the part
// must be skipped.
import { referencedSegments } from './compileSegments.js';
import { GLOBS_EXPECTED, checkKeys, describe, isGlobList, isRecord, type Report } from './configReport.js';
import { parseRich } from './richText.js';
import { safeUrl } from './safeUrl.js';
import { didYouMean } from './suggest.js';
import type { Action } from './widgetTypes.js';

export const MAX_TEXT = 2000;
/** ECMAScript's date time format: a day, then optionally a time and an offset (without one, the visitor's time). */
export const DATE = /^(\d{4})-(\d\d)-(\d\d)(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)?)?$/;
const MAX_SELECTOR = 500;

/** Reads one part's fields, collecting problems under its path. */
export class Reader {
  failed = false;
  constructor(
    readonly path: string,
    readonly report: Report,
  ) {}
  error(at: string, message: string) {
    this.failed = true;
    this.report.error(`${this.path}${at}`, message);
  }
  warn(at: string, message: string) {
    this.report.warn(`${this.path}${at}`, message);
  }
  /** A list that must hold one item at least: the list, or none (reported). */
  list(value: unknown, at: string, what: string): unknown[] {
    if (Array.isArray(value) && value.length) return value;
    this.error(at, `expected an array of ${what}, got ${Array.isArray(value) ? 'an empty one' : describe(value)}`);
    return [];
  }
  object(value: unknown, at: string, keys: readonly string[]): Record<string, unknown> | undefined {
    if (value === undefined) return undefined;
    if (!isRecord(value)) return void this.error(at, `expected an object, got ${describe(value)}`);
    checkKeys(value, keys, `${this.path}${at}`, this.report);
    return value;
  }
  number(value: unknown, at: string, min: number, max = Infinity, integer = false): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'number' && value >= min && value <= max && (!integer || Number.isInteger(value))) return value;
    const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`;
    return void this.error(at, `expected ${integer ? 'a whole number' : 'a number'} ${range}, got ${describe(value)}`);
  }
  text(value: unknown, at: string, required = false): string | undefined {
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') return void this.error(at, `expected text, got ${describe(value)}`);
    // Counted in characters, as the schema does (an emoji is one, not two UTF-16 units).
    const length = value.length > MAX_TEXT ? [...value].length : 0;
    if (length > MAX_TEXT) return void this.error(at, `text is ${length} characters long; at most ${MAX_TEXT}`);
    return value;
  }
  oneOf<T extends string>(value: unknown, at: string, allowed: readonly T[], fallback?: T): T | undefined {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
    return void this.error(at, `expected one of ${allowed.join(', ')}, got ${describe(value)}${hint}`);
  }
  boolean(value: unknown, at: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.error(at, `expected true or false, got ${describe(value)}`);
    return fallback;
  }
  /**
   * A date and time, or a day alone ("2026-12-31"), which is the visitor's own day, as
   * `days` and `hours` are their own: from its first moment, or to its last with `end`.
   * Only ECMAScript's date time format: every browser reads it alike, where `Date.parse`
   * of other text ("2026-12-31 23:59", "12/31/2026") differs from one to another.
   */
  date(value: unknown, at: string, end = false): number | undefined {
    if (value === undefined) return undefined;
    const iso = typeof value === 'string' ? DATE.exec(value) : null;
    // A day the calendar lacks ("2026-02-30") is March 2nd to some browsers and no date to others.
    const real = iso && new Date(Date.UTC(+iso[1]!, +iso[2]! - 1, +iso[3]!)).toISOString().startsWith(iso[0].slice(0, 10));
    const ms = real ? Date.parse(iso[0]) : NaN;
    if (!iso || !Number.isFinite(ms)) return void this.error(at, `expected a date such as "2026-12-31T23:59:59Z" or "2026-12-31", got ${describe(value)}`);
    // With a time, the moment it names (without an offset, in the visitor's time); a day alone, the visitor's whole day.
    return iso[4] ? ms : new Date(+iso[1]!, +iso[2]! - 1, +iso[3]! + +end).getTime() - +end;
  }
  /** A URL on the allow-list; anything else is dropped with a warning (DESIGN §5), not an error. */
  url(value: unknown, at: string, web = false): string | undefined {
    if (value === undefined) return undefined;
    const url = safeUrl(value);
    if (url !== undefined && !(web && /^(mailto|tel):/i.test(url))) return url;
    return void this.warn(at, `${describe(value)} is not an http(s)${web ? '' : ', mailto, tel'} or relative URL; dropped`);
  }
  selector(value: unknown, at: string, selectors: { path: string; selector: string }[]): string | undefined {
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_SELECTOR) {
      return void this.error(at, `expected a CSS selector (at most ${MAX_SELECTOR} characters), got ${describe(value)}`);
    }
    selectors.push({ path: `${this.path}${at}`, selector: value });
    return value;
  }
  /**
   * Refuses a condition that names a segment not among `segments` (the config's valid
   * ones, when known): a `$nin` on a segment that is not there would match everyone.
   */
  segmentsKnown(condition: unknown, at: string, segments: readonly string[] | undefined) {
    if (!segments) return;
    let ids: string[] = [];
    try {
      ids = referencedSegments(condition, segments).ids;
    } catch {
      // Lists nested deeper than the call stack goes are data to the condition, which refuses them.
    }
    for (const id of ids) {
      if (!segments.includes(id)) this.error(at, `names no segment "${id}" (none in the config, or skipped for an error)${didYouMean(id, segments)}`);
    }
  }
  globs(value: unknown, at: string): string[] | undefined {
    if (value === undefined) return undefined;
    if (isGlobList(value)) return value;
    return void this.error(at, GLOBS_EXPECTED);
  }
}

export function parseAction(r: Reader, raw: unknown, at: string): Action | undefined {
  const input = r.object(raw, at, ['label', 'href']);
  if (!input) return undefined;
  const label = r.text(input.label, `${at}.label`, true);
  if (label === undefined) return undefined;
  const href = r.url(input.href, `${at}.href`);
  return href ? { label, href } : { label };
}

export function parseBody(r: Reader, raw: unknown, at: string) {
  const text = r.text(raw, at);
  return text === undefined ? undefined : parseRich(text, (url) => r.warn(at, `the link ${describe(url)} is not an http(s), mailto, tel or relative URL; its label is kept as text`));
}


/** An image with its alt text: required, so a screen reader says what it shows ("" marks it decorative). */
export function parseImage(r: Reader, raw: unknown, at: string): { src: string; alt: string } | undefined {
  const image = r.object(raw, at, ['src', 'alt']);
  if (!image) return undefined;
  if (typeof image.src !== 'string') r.error(`${at}.src`, `expected an image URL, got ${describe(image.src)}`);
  if (typeof image.alt !== 'string') r.error(`${at}.alt`, 'expected alt text ("" for a decorative image)');
  const src = r.url(image.src, `${at}.src`, true);
  return src && typeof image.alt === 'string' ? { src, alt: image.alt } : undefined;
}
