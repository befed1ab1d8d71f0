import { readPath } from './readPath.js';
import { safeUrl } from './safeUrl.js';
import type { Rich } from './widgetTypes.js';

const LINK = /^\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/;

/** How long the piece at `i` that emphasis never splits is: a `{{template}}` or a link; 0 for none. */
function wholeAt(text: string, i: number): number {
  if (text.startsWith('{{', i)) {
    const end = text.indexOf('}}', i + 2);
    return end < 0 ? 0 : end + 2 - i;
  }
  return text[i] === '[' ? (LINK.exec(text.slice(i))?.[0].length ?? 0) : 0;
}

/** Where the `*` that closes an italic is, from `from`: a bold, a template or a link inside it is passed over whole. */
function italicEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const whole = wholeAt(text, j);
    const bold = text.startsWith('**', j) ? text.indexOf('**', j + 2) : -1;
    if (whole > 0) j += whole - 1;
    else if (bold > 0) j = bold + 1;
    else if (text.startsWith('**', j)) j++;
    else if (text[j] === '*') return j;
  }
  return -1;
}

/**
 * The markdown subset of DESIGN §5: `**bold**`, `*italic*` (`***both***`) and
 * `[label](url)`, nested as written. Everything else, HTML included, stays text, and a
 * `{{template}}` is one piece of it whatever its fallback holds. A link whose URL is not
 * on the allow-list keeps its label as text and is reported through `badUrl`.
 */
export function parseRich(text: string, badUrl: (url: string) => void): Rich {
  const out: Rich = [];
  let plain = '';
  const push = (node: Rich[number]) => {
    if (plain) out.push(plain);
    plain = '';
    out.push(node);
  };
  for (let i = 0; i < text.length; ) {
    const both = text.startsWith('***', i) ? text.indexOf('***', i + 3) : -1;
    if (both > i + 3) {
      push({ b: [{ i: parseRich(text.slice(i + 3, both), badUrl) }] });
      i = both + 3;
      continue;
    }
    const bold = text.startsWith('**', i) ? text.indexOf('**', i + 2) : -1;
    if (bold > i + 2) {
      push({ b: parseRich(text.slice(i + 2, bold), badUrl) });
      i = bold + 2;
      continue;
    }
    const italic = text[i] === '*' && text[i + 1] !== '*' ? italicEnd(text, i + 1) : -1;
    if (italic > i + 1) {
      push({ i: parseRich(text.slice(i + 1, italic), badUrl) });
      i = italic + 1;
      continue;
    }
    const link = text[i] === '[' ? LINK.exec(text.slice(i)) : null;
    if (link) {
      const label = parseRich(link[1] as string, badUrl);
      const href = safeUrl(link[2]);
      if (href) push({ a: label, href });
      else {
        badUrl(link[2] as string);
        for (const node of label) typeof node === 'string' ? (plain += node) : push(node);
      }
      i += link[0].length;
      continue;
    }
    // A template stays whole here too (a link here would have been read above).
    const piece = Math.max(1, wholeAt(text, i));
    plain += text.slice(i, i + piece);
    i += piece;
  }
  if (plain) out.push(plain);
  return out;
}

// Paths in any script: a trait may be called `größe`.
const TEMPLATE = /\{\{\s*([\p{L}\p{N}_.-]+)\s*(?:\|([^}]*))?\}\}/gu;
const MAX_VALUE = 200;

/**
 * Fills `{{path|fallback}}` from the profile. Values are text whatever they hold: a
 * string, number or boolean as written (cut at 200 characters), anything else, or a
 * missing value, as the fallback (or nothing).
 */
export function fillTemplate(text: string, profile: unknown, isolate?: boolean): string {
  if (!text.includes('{{')) return text;
  return text.replace(TEMPLATE, (_match, path: string, fallback = '') => {
    // Own properties only: `{{constructor.name}}` must not reach into prototypes.
    const value = readPath(profile, path.split('.'));
    const type = typeof value;
    if ((type === 'string' && value !== '') || type === 'number' || type === 'boolean') {
      // Direction overrides go (a link's `?code=%E2%80%AE…` would turn the marketer's text
      // round); a value in a right-to-left script is isolated, so a name in Arabic keeps
      // the sentence around it in its order; on a right-to-left page (`isolate`) every value
      // is, so a phone number or "J. Smith Jr." keeps its own. Cut by whole characters, not half an emoji.
      const clean = String(value).replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
      // By characters as people see them (a flag, a letter and its accent), where the browser can tell.
      const text = (typeof Intl.Segmenter == 'function' ? Array.from(new Intl.Segmenter().segment(clean), (g) => g.segment) : [...clean]).slice(0, MAX_VALUE).join('');
      return isolate || /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u.test(text) ? `\u2068${text}\u2069` : text;
    }
    return fallback.trim();
  });
}

/**
 * Fills the templates of every marketer text in `content`; links, images and names stay as
 * validated. The profile is asked for at the first template: content without one costs
 * no profile.
 */
export function fillContent<T>(content: T, profileOf: () => unknown, isolate?: boolean): T {
  let profile: unknown;
  const fill = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return NOT_TEXT.has(key) || !value.includes('{{') ? value : fillTemplate(value, (profile ??= profileOf()), isolate);
    if (Array.isArray(value)) return value.map((item) => fill(item, key));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, k)]));
    }
    return value;
  };
  return fill(content, '') as T;
}
// Filling a URL could turn a checked relative link into `javascript:`; names and kinds are code.
const NOT_TEXT = new Set(['href', 'src', 'kind', 'type', 'name', 'value']);

/**
 * Adds to `reads` the root of each `{{path}}` in `raw` (a campaign or a quiz as written),
 * so the readers its templates need (`geo`, `traffic`…) load with it, as an audience's do.
 */
export function templateReads(raw: unknown, reads: Set<string> | undefined) {
  try {
    for (const [, root] of JSON.stringify(raw).matchAll(/\{\{\s*(\w+)/g)) reads?.add(root!);
  } catch {
    // A config given as an object may not serialize (a cycle): its templates read what is loaded.
  }
}
