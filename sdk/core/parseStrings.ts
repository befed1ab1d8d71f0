import { checkKeys, describe, isRecord, type Report } from './configReport.js';

/**
 * The words widgets say of their own (buttons, labels read to screen readers, validation
 * messages), which a store in another language replaces under `strings`. The English
 * defaults stay in the widgets that use them, so a page loads only its own.
 */
export const STRINGS = [
  'close',
  'announcement',
  'message',
  'copy',
  'copied',
  'copyHint',
  'days',
  'choose',
  'required',
  'tickRequired',
  'email',
  'phone',
  'failed',
  'submit',
  'success',
  'start',
  'result',
  'progress',
  'next',
  'finish',
  'back',
  'thanks',
  'answerRequired',
  'chooseAtLeast',
  'chooseAtMost',
  'stars',
  'notLikely',
  'veryLikely',
] as const;

export type StringKey = (typeof STRINGS)[number];
export type Strings = Partial<Record<StringKey, string>>;

/**
 * `strings` over `base` (the config's, for a campaign's own). A value that is not text, is
 * longer than 300 characters or holds a placeholder Beckon never fills (`{num}` for `{n}`)
 * is dropped with a warning, and the widget says it in English.
 */
export function parseStrings(raw: unknown, path: string, report: Report, base: Strings = {}): Strings {
  const strings: Strings = { ...base };
  if (raw === undefined) return strings;
  if (!isRecord(raw)) {
    report.warn(path, `expected an object of texts, got ${describe(raw)}; ignored`);
    return strings;
  }
  checkKeys(raw, STRINGS, path, report);
  for (const key of STRINGS) {
    const value = raw[key];
    const at = `${path}.${key}`;
    const stray = typeof value == 'string' && /\{(?!(n|total|key)\})\w+\}/.exec(value);
    if (value === undefined) continue;
    if (typeof value != 'string' || !value.trim()) report.warn(at, `expected text, got ${describe(value)}; ignored`);
    else if (value.length > 300) report.warn(at, `text is ${value.length} characters long; at most 300; ignored`);
    else if (stray) report.warn(at, `Beckon fills only {n}, {total} and {key}, not "${stray[0]}"; ignored`);
    else strings[key] = value;
  }
  return strings;
}
