// The demo server's config: its sale dates roll on a year at a time, so `npm start` shows
// the sale bar and its countdown whenever it runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rollDates } from '../../demo-site/server.mjs';

const demo = readFileSync(new URL('../../demo-site/beckon.config.json', import.meta.url), 'utf8');
const sale = (text: string) => {
  const config = JSON.parse(text) as { campaigns: { id: string; schedule?: { end: string }; content?: { countdown?: { until: string } } }[] };
  const campaign = config.campaigns.find((c) => c.id === 'winter-sale')!;
  return [campaign.content!.countdown!.until, campaign.schedule!.end];
};

describe('the demo config as served', () => {
  it('is the file itself while its dates are ahead', () => {
    const [until] = sale(demo);
    expect(rollDates(demo, Date.parse(until!) - 1000)).toBe(JSON.stringify(JSON.parse(demo), null, 2));
  });

  it('moves every date on by the whole years it takes for all of them to be ahead', () => {
    const [until, end] = sale(demo);
    const year = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
    // The countdown has ended, the schedule has not: both move, and keep their distance.
    expect(sale(rollDates(demo, Date.parse(until!) + 1000))).toEqual([year(until!, 1), year(end!, 1)]);
    expect(sale(rollDates(demo, Date.parse(year(until!, 5)) + 1000))).toEqual([year(until!, 6), year(end!, 6)]);
  });

  it('leaves a config without dates as it is', () => {
    expect(rollDates('{"version":1}')).toBe('{"version":1}');
  });
});
