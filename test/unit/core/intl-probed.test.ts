import { describe, expect, test } from 'vitest';
import { parseAmount } from '../../../sdk/core/ecommerce.js';
import { fillTemplate } from '../../../sdk/core/richText.js';
import { readTime } from '../../../sdk/core/readTime.js';
import { readGeo } from '../../../sdk/core/readGeo.js';

// Probes for international stores: prices as stores in other countries write them,
// templates with other scripts, time zones with odd offsets.

describe('prices written with a currency abbreviation that ends in a dot', () => {
  test.each([
    ['kr. 1.299,00', 1299], // Danish / Norwegian krone, prefix
    ['1.299,00 kr.', 1299], // Danish krone, suffix
    ['Rs. 1,299.00', 1299], // Indian / Pakistani rupee
    ['S/. 45.90', 45.9], // Peruvian sol (older form)
    ['Bs. 100,00', 100], // Venezuelan bolívar
    ['kr. 49,95', 49.95],
  ])('%s is %d', (text, amount) => {
    expect(parseAmount(text)).toBe(amount);
  });

  // Controls that already hold (README: "129,00", "¥1,299", "₩1,299,000").
  test.each([
    ['1.299,00 €', 1299],
    ['1 299,00 €', 1299], // narrow no-break space, as Intl writes fr-FR
    ["CHF 1'299.50", 1299.5],
    ['₹1,29,999.00', 129999], // Indian lakh grouping
    ['R$ 1.299,90', 1299.9],
  ])('control: %s is %d', (text, amount) => {
    expect(parseAmount(text)).toBe(amount);
  });
});

describe('template values cut at 200 characters keep whole characters as people see them', () => {
  const cut = (tail: string) => fillTemplate('{{traits.nick}}', { traits: { nick: 'x'.repeat(199) + tail } });
  test('a flag (two regional indicators) is not cut to one letter-in-a-box', () => {
    const out = cut('🇩🇪');
    expect(out.endsWith('🇩🇪') || out.endsWith('x')).toBe(true);
  });
  test('a letter with a combining accent is not cut from its accent', () => {
    // "é" written as e + U+0301: cutting between them shows a bare "e" — the name changes.
    const out = cut('e\u0301');
    expect(out.endsWith('e\u0301') || out.endsWith('x')).toBe(true);
  });
});

describe('time and place in half- and three-quarter-hour zones', () => {
  test('Asia/Kolkata (+5:30): 2026-12-07T18:45Z is 00:15 on Tuesday the 8th', () => {
    expect(readTime(Date.parse('2026-12-07T18:45:00Z'), 'Asia/Kolkata')).toMatchObject({ hour: 0, dayOfWeek: 2, date: '2026-12-08' });
  });
  test('Pacific/Chatham (+13:45 in December): 2026-12-07T10:20Z is 00:05 on Tuesday the 8th', () => {
    expect(readTime(Date.parse('2026-12-07T10:20:00Z'), 'Pacific/Chatham')).toMatchObject({ hour: 0, dayOfWeek: 2, date: '2026-12-08' });
  });
  test('Asia/Kolkata is India, Asia/Calcutta (the old name some browsers report) too; Pacific/Chatham is New Zealand', () => {
    const g = (timezone: string) => readGeo({ timezone, locale: 'en-US' } as never) as { country?: string };
    expect([g('Asia/Kolkata').country, g('Asia/Calcutta').country, g('Pacific/Chatham').country]).toEqual(['IN', 'IN', 'NZ']);
  });
});
