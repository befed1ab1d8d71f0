import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTime, type TimeOfDay } from '../../../sdk/core/readTime.js';

// Saturday 2024-03-02 at 02:30 UTC: still Friday evening in Los Angeles.
const SATURDAY_EARLY = Date.UTC(2024, 2, 2, 2, 30);
// Tuesday 2024-12-31 at 23:30 UTC: already New Year's Day in Rome.
const NEW_YEARS_EVE = Date.UTC(2024, 11, 31, 23, 30);
// Summer time: Rome is UTC+2, Los Angeles UTC−7.
const JULY_NOON = Date.UTC(2025, 6, 14, 12, 0);

describe('readTime', () => {
  it.each<[string, number, string, TimeOfDay]>([
    ['UTC on a Saturday', SATURDAY_EARLY, 'UTC', { hour: 2, dayOfWeek: 6, weekend: true, month: 3, date: '2024-03-02' }],
    ['Rome on a Saturday', SATURDAY_EARLY, 'Europe/Rome', { hour: 3, dayOfWeek: 6, weekend: true, month: 3, date: '2024-03-02' }],
    ['Los Angeles, still Friday', SATURDAY_EARLY, 'America/Los_Angeles', { hour: 18, dayOfWeek: 5, weekend: false, month: 3, date: '2024-03-01' }],
    ['UTC on New Year’s Eve', NEW_YEARS_EVE, 'UTC', { hour: 23, dayOfWeek: 2, weekend: false, month: 12, date: '2024-12-31' }],
    ['Rome, already in the new year', NEW_YEARS_EVE, 'Europe/Rome', { hour: 0, dayOfWeek: 3, weekend: false, month: 1, date: '2025-01-01' }],
    ['Los Angeles on New Year’s Eve', NEW_YEARS_EVE, 'America/Los_Angeles', { hour: 15, dayOfWeek: 2, weekend: false, month: 12, date: '2024-12-31' }],
    ['Rome in summer time', JULY_NOON, 'Europe/Rome', { hour: 14, dayOfWeek: 1, weekend: false, month: 7, date: '2025-07-14' }],
    ['Los Angeles in summer time', JULY_NOON, 'America/Los_Angeles', { hour: 5, dayOfWeek: 1, weekend: false, month: 7, date: '2025-07-14' }],
    ['Tokyo on a Sunday morning', Date.UTC(2024, 2, 2, 16, 0), 'Asia/Tokyo', { hour: 1, dayOfWeek: 0, weekend: true, month: 3, date: '2024-03-03' }],
    ['midnight as hour 0', Date.UTC(2024, 5, 10, 0, 0), 'UTC', { hour: 0, dayOfWeek: 1, weekend: false, month: 6, date: '2024-06-10' }],
    ['a CLDR alias', NEW_YEARS_EVE, 'Asia/Calcutta', { hour: 5, dayOfWeek: 3, weekend: false, month: 1, date: '2025-01-01' }],
  ])('reads %s', (_name, now, timezone, expected) => {
    expect(readTime(now, timezone)).toEqual(expected);
  });

  describe('without a usable zone', () => {
    // A zone far from UTC, so that falling back to UTC by mistake would show.
    const savedTz = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'Pacific/Kiritimati';
    });
    afterAll(() => {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    });

    it.each<[string, string | undefined]>([
      ['no zone', undefined],
      ['an empty zone', ''],
      ['an invalid zone', 'Mars/Olympus'],
      ['a malformed zone', 'not a zone!'],
    ])('uses the runtime’s local time with %s', (_name, timezone) => {
      expect(readTime(NEW_YEARS_EVE, timezone)).toEqual({ hour: 13, dayOfWeek: 3, weekend: false, month: 1, date: '2025-01-01' });
      // Twice, so the remembered failure is exercised as well.
      expect(readTime(SATURDAY_EARLY, timezone)).toEqual({ hour: 16, dayOfWeek: 6, weekend: true, month: 3, date: '2024-03-02' });
    });
  });

  it('answers with a well-formed time for an invalid instant', () => {
    expect(readTime(Number.NaN, 'Europe/Rome')).toEqual({ hour: 1, dayOfWeek: 4, weekend: false, month: 1, date: '1970-01-01' });
  });
});
