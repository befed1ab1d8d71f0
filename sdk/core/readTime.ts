export interface TimeOfDay {
  /** 0–23. */
  hour: number;
  /** 0 (Sunday) – 6 (Saturday). */
  dayOfWeek: number;
  /** Saturday or Sunday. */
  weekend: boolean;
  /** 1–12. */
  month: number;
  /** `YYYY-MM-DD`. */
  date: string;
}

/**
 * One formatter per zone, because building an `Intl.DateTimeFormat` costs far more than
 * formatting with it; `null` remembers a zone the runtime rejected.
 */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timezone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        // Not `hour12: false`, which Chromium renders as "24" at midnight in en-US.
        // See https://bugs.chromium.org/p/chromium/issues/detail?id=1045791
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
      });
    } catch {
      formatter = null;
    }
    formatters.set(timezone, formatter);
  }
  return formatter;
}

function fields(year: number, month: number, day: number, hour: number): TimeOfDay {
  // The weekday of a calendar date is the same everywhere, so UTC arithmetic gives it without
  // parsing a localised weekday name.
  const dayOfWeek = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    // An engine that ignores hourCycle may still say 24 for midnight.
    hour: hour % 24,
    dayOfWeek,
    weekend: dayOfWeek === 0 || dayOfWeek === 6,
    month,
    date: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`,
  };
}

/**
 * The visitor's local time at `now` (ms since the epoch): in `timezone` when given and known
 * to the runtime, else in the runtime's own zone.
 */
export function readTime(now: number, timezone?: string): TimeOfDay {
  let at = new Date(now);
  // Intl throws on an invalid date; the epoch is wrong but keeps the profile well-formed.
  if (Number.isNaN(at.getTime())) at = new Date(0);
  const formatter = timezone ? formatterFor(timezone) : null;
  if (formatter) {
    const parts: Record<string, number> = {};
    for (const { type, value } of formatter.formatToParts(at)) parts[type] = Number(value);
    const { year, month, day, hour } = parts;
    if (year !== undefined && month !== undefined && day !== undefined && hour !== undefined) {
      return fields(year, month, day, hour);
    }
  }
  return fields(at.getFullYear(), at.getMonth() + 1, at.getDate(), at.getHours());
}
