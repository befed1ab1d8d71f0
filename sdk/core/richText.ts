import { readPath } from './readPath.js';
import { safeUrl } from './safeUrl.js';
import type { Rich } from './widgetTypes.js';

/**
 * The markdown subset of DESIGN §5: `**bold**`, `*italic*` and `[label](url)`, nested
 * as written. Everything else, HTML included, stays text. A link whose URL is not on the
 * allow-list keeps its label as text and is reported through `badUrl`.
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
    const bold = text.startsWith('**', i) ? text.indexOf('**', i + 2) : -1;
    if (bold > i + 2) {
      push({ b: parseRich(text.slice(i + 2, bold), badUrl) });
      i = bold + 2;
      continue;
    }
    const italic = text[i] === '*' && text[i + 1] !== '*' ? text.indexOf('*', i + 1) : -1;
    if (italic > i + 1) {
      push({ i: parseRich(text.slice(i + 1, italic), badUrl) });
      i = italic + 1;
      continue;
    }
    const link = text[i] === '[' ? /^\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/.exec(text.slice(i)) : null;
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
    plain += text[i++];
  }
  if (plain) out.push(plain);
  return out;
}

const TEMPLATE = /\{\{\s*([\w.-]+)\s*(?:\|([^}]*))?\}\}/g;
const MAX_VALUE = 200;

/**
 * Fills `{{path|fallback}}` from the profile. Values are text whatever they hold: a
 * string, number or boolean as written (cut at 200 characters), anything else, or a
 * missing value, as the fallback (or nothing).
 */
export function fillTemplate(text: string, profile: unknown): string {
  if (!text.includes('{{')) return text;
  return text.replace(TEMPLATE, (_match, path: string, fallback = '') => {
    // Own properties only: `{{constructor.name}}` must not reach into prototypes.
    const value = readPath(profile, path.split('.'));
    const type = typeof value;
    if ((type === 'string' && value !== '') || type === 'number' || type === 'boolean') return String(value).slice(0, MAX_VALUE);
    return fallback.trim();
  });
}

/**
 * Fills the templates of every marketer text in `content`; links, images and names stay as
 * validated. The profile is asked for at the first template: content without one costs
 * no profile.
 */
export function fillContent<T>(content: T, profileOf: () => unknown): T {
  let profile: unknown;
  const fill = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return NOT_TEXT.has(key) || !value.includes('{{') ? value : fillTemplate(value, (profile ??= profileOf()));
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
