import { describe, expect, it } from 'vitest';
import { classifyTraffic, hasCampaignParams } from '../../../sdk/core/classifyTraffic.js';
import type { Channel, Traffic } from '../../../sdk/core/classifyTraffic.js';

const OWN_HOST = 'www.shop.example';
const long = 'x'.repeat(10_000);

type Case = [name: string, query: Record<string, string>, referrer: string, expected: Partial<Traffic>];

const CASES: Case[] = [
  // Direct and the store's own host
  ['no referrer and no utm', {}, '', { channel: 'direct', source: '(direct)', medium: '(none)', referrer: '', clickId: '' }],
  ['the own host', {}, 'https://www.shop.example/cart', { channel: 'direct', source: '(direct)', referrer: '' }],
  ['the own host without www.', {}, 'https://shop.example/', { channel: 'direct', referrer: '' }],
  ['a subdomain of the own host', {}, 'https://checkout.shop.example/pay', { channel: 'direct', referrer: '' }],
  ['the own host with utm', { utm_source: 'newsletter', utm_medium: 'email' }, 'https://www.shop.example/', { channel: 'email', referrer: '' }],
  ['a host that merely ends like the own host', {}, 'https://myshop.example/', { channel: 'referral', source: 'myshop.example' }],

  // Referrers without utm
  ['google.com', {}, 'https://www.google.com/', { channel: 'organic_search', source: 'google', medium: 'organic', referrer: 'google.com' }],
  ['google.co.uk', {}, 'https://www.google.co.uk/', { channel: 'organic_search', source: 'google', referrer: 'google.co.uk' }],
  ['google.it', {}, 'https://google.it/search?q=bici', { channel: 'organic_search', source: 'google', referrer: 'google.it' }],
  ['bing', {}, 'https://www.bing.com/search?q=x', { channel: 'organic_search', source: 'bing', medium: 'organic' }],
  ['yahoo search', {}, 'https://search.yahoo.co.jp/', { channel: 'organic_search', source: 'yahoo' }],
  ['duckduckgo', {}, 'https://duckduckgo.com/', { channel: 'organic_search', source: 'duckduckgo' }],
  ['brave search', {}, 'https://search.brave.com/search?q=x', { channel: 'organic_search', source: 'brave' }],
  ['naver on mobile', {}, 'https://m.search.naver.com/', { channel: 'organic_search', source: 'naver' }],
  ['yandex', {}, 'https://yandex.com.tr/', { channel: 'organic_search', source: 'yandex' }],
  ['m.facebook.com', {}, 'https://m.facebook.com/', { channel: 'organic_social', source: 'facebook', medium: 'social', referrer: 'facebook.com' }],
  ['lm.facebook.com', {}, 'https://lm.facebook.com/l.php?u=x', { channel: 'organic_social', source: 'facebook', referrer: 'facebook.com' }],
  ['t.co', {}, 'https://t.co/abc', { channel: 'organic_social', source: 'twitter', referrer: 't.co' }],
  ['lnkd.in', {}, 'https://lnkd.in/abc', { channel: 'organic_social', source: 'linkedin' }],
  ['instagram', {}, 'https://l.instagram.com/', { channel: 'organic_social', source: 'instagram' }],
  ['t.me is telegram, not twitter', {}, 'https://t.me/shop', { channel: 'organic_social', source: 'telegram' }],
  ['youtube', {}, 'https://www.youtube.com/watch?v=1', { channel: 'organic_video', source: 'youtube', medium: 'referral' }],
  ['youtu.be', {}, 'https://youtu.be/1', { channel: 'organic_video', source: 'youtube' }],
  ['gmail on the web', {}, 'https://mail.google.com/mail/u/0/', { channel: 'email', source: 'mail.google.com', medium: 'email' }],
  ['outlook on the web', {}, 'https://outlook.live.com/', { channel: 'email', source: 'outlook.live.com', medium: 'email' }],
  ['yahoo mail is not yahoo search', {}, 'https://mail.yahoo.com/', { channel: 'email' }],
  ['a google lookalike', {}, 'https://googleblog.example/post', { channel: 'referral', source: 'googleblog.example', medium: 'referral' }],
  ['google as a subdomain elsewhere', {}, 'https://google.evil.io/', { channel: 'referral', source: 'google.evil.io' }],
  ['google docs', {}, 'https://docs.google.com/document/d/1', { channel: 'referral', source: 'docs.google.com' }],
  ['a blog, keeping only its host', {}, 'https://blog.example/post?email=a%40b.example', { channel: 'referral', source: 'blog.example', referrer: 'blog.example' }],

  // Click ids without utm
  ['gclid', { gclid: 'Cj0KCQ-secret' }, '', { channel: 'paid_search', source: 'google', medium: 'cpc', clickId: 'gclid' }],
  ['wbraid on a google referrer', { wbraid: 'abc' }, 'https://www.google.com/', { channel: 'paid_search', source: 'google', clickId: 'wbraid' }],
  ['msclkid', { msclkid: 'abc' }, 'https://www.bing.com/', { channel: 'paid_search', source: 'bing', medium: 'cpc', clickId: 'msclkid' }],
  ['yclid', { yclid: '123' }, '', { channel: 'paid_search', source: 'yandex', clickId: 'yclid' }],
  ['dclid', { dclid: 'abc' }, '', { channel: 'display', source: 'google', medium: 'display', clickId: 'dclid' }],
  ['ttclid', { ttclid: 'abc' }, '', { channel: 'paid_social', source: 'tiktok', medium: 'cpc', clickId: 'ttclid' }],
  ['li_fat_id', { li_fat_id: 'abc' }, '', { channel: 'paid_social', source: 'linkedin', clickId: 'li_fat_id' }],
  ['twclid', { twclid: 'abc' }, 'https://t.co/x', { channel: 'paid_social', source: 'twitter', clickId: 'twclid' }],
  ['ScCid', { ScCid: 'abc' }, '', { channel: 'paid_social', source: 'snapchat', clickId: 'ScCid' }],
  ['fbclid on a facebook referrer', { fbclid: 'IwAR-secret' }, 'https://l.facebook.com/', { channel: 'organic_social', source: 'facebook', clickId: 'fbclid' }],
  ['fbclid alone', { fbclid: 'IwAR-secret' }, '', { channel: 'direct', source: '(direct)', clickId: 'fbclid' }],
  ['gclid before fbclid', { fbclid: 'a', gclid: 'b' }, '', { channel: 'paid_search', clickId: 'gclid' }],
  ['an empty click id', { gclid: '' }, '', { channel: 'direct', clickId: '' }],

  // utm, which overrides the referrer and click ids
  ['google cpc', { utm_source: 'google', utm_medium: 'cpc' }, '', { channel: 'paid_search', source: 'google', medium: 'cpc' }],
  ['upper-case CPC', { utm_source: 'Google', utm_medium: 'CPC' }, '', { channel: 'paid_search', source: 'google', medium: 'cpc' }],
  ['utm over gclid', { utm_source: 'newsletter', utm_medium: 'email', gclid: 'x' }, '', { channel: 'email', source: 'newsletter', clickId: 'gclid' }],
  ['utm over the referrer', { utm_source: 'spring', utm_medium: 'Email' }, 'https://www.google.com/', { channel: 'email', source: 'spring', medium: 'email', referrer: 'google.com' }],
  ['retargeting on bing', { utm_source: 'bing', utm_medium: 'retargeting' }, '', { channel: 'paid_search' }],
  ['facebook paid_social', { utm_source: 'facebook', utm_medium: 'paid_social' }, '', { channel: 'paid_social' }],
  ['ig ppc', { utm_source: 'ig', utm_medium: 'ppc' }, '', { channel: 'paid_social' }],
  ['x paid', { utm_source: 'X', utm_medium: 'paid' }, '', { channel: 'paid_social', source: 'x' }],
  ['youtube cpv', { utm_source: 'youtube', utm_medium: 'cpv' }, '', { channel: 'paid_video' }],
  ['display', { utm_source: 'criteo', utm_medium: 'display' }, '', { channel: 'display' }],
  ['banner', { utm_source: 'partner', utm_medium: 'Banner' }, '', { channel: 'display' }],
  ['cpc from an unknown source', { utm_source: 'newsletter', utm_medium: 'cpc' }, '', { channel: 'other' }],
  ['a cross-network campaign', { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'PMax Cross-Network' }, '', { channel: 'other' }],
  ['a shop campaign by email', { utm_source: 'klaviyo', utm_medium: 'email', utm_campaign: 'shop-summer' }, '', { channel: 'email' }],
  ['facebook with no medium', { utm_source: 'facebook' }, '', { channel: 'organic_social', medium: '(not set)' }],
  ['medium social', { utm_source: 'buffer', utm_medium: 'social' }, '', { channel: 'organic_social' }],
  ['medium video', { utm_source: 'podcast', utm_medium: 'video-description' }, '', { channel: 'organic_video' }],
  ['medium organic', { utm_source: 'newsletter', utm_medium: 'organic' }, '', { channel: 'organic_search' }],
  ['source email', { utm_source: 'E-Mail' }, '', { channel: 'email', source: 'e-mail' }],
  ['affiliate', { utm_source: 'awin', utm_medium: 'affiliate' }, '', { channel: 'affiliate' }],
  ['medium referral', { utm_source: 'partner', utm_medium: 'referral' }, '', { channel: 'referral' }],
  ['medium app', { utm_source: 'partner', utm_medium: 'app' }, '', { channel: 'referral' }],
  ['medium sms', { utm_source: 'attentive', utm_medium: 'sms' }, '', { channel: 'sms' }],
  ['source sms', { utm_source: 'SMS', utm_medium: 'text' }, '', { channel: 'sms' }],
  ['an unknown medium', { utm_source: 'foo', utm_medium: 'bar' }, '', { channel: 'other', source: 'foo', medium: 'bar' }],
  ['an audio medium', { utm_source: 'spotify', utm_medium: 'audio' }, '', { channel: 'other' }],
  ['medium without source', { utm_medium: 'email' }, '', { channel: 'email', source: '(not set)' }],
  ['campaign, term and content as given', { utm_source: 'google', utm_medium: 'cpc', utm_campaign: '  Summer Sale ', utm_term: 'Red Bikes', utm_content: 'Ad B' }, '', { campaign: 'Summer Sale', term: 'Red Bikes', content: 'Ad B' }],
  ['utm_campaign alone keeps the referrer channel', { utm_campaign: 'spring' }, 'https://www.bing.com/', { channel: 'organic_search', campaign: 'spring' }],

  // Hostile input
  ['10 KB utm values, cut', { utm_source: long, utm_medium: long, utm_campaign: long, utm_term: long, utm_content: long }, '', { source: 'x'.repeat(200), medium: 'x'.repeat(200), campaign: 'x'.repeat(200), term: 'x'.repeat(200), content: 'x'.repeat(200), channel: 'other' }],
  ['a cut that would split a surrogate pair', { utm_campaign: 'a'.repeat(199) + '😀' }, '', { campaign: 'a'.repeat(199) }],
  ['HTML in utm, kept as text', { utm_source: 'mailer', utm_medium: 'email', utm_content: '<img src=x onerror=alert(1)>' }, '', { channel: 'email', content: '<img src=x onerror=alert(1)>' }],
  ['a garbage referrer', {}, 'not a url', { channel: 'direct', referrer: '' }],
  ['a javascript: referrer', {}, 'javascript:alert(1)', { channel: 'direct', referrer: '' }],
  ['a 10 KB referrer host', {}, `https://${'a'.repeat(10_000)}.example/`, { channel: 'referral' }],
];

describe('classifyTraffic', () => {
  it.each(CASES)('classifies %s', (_name, query, referrer, expected) => {
    expect(classifyTraffic({ query, referrer, ownHost: OWN_HOST })).toMatchObject(expected);
  });

  it('covers every channel in the table', () => {
    // A Record, so adding a Channel without a case here does not compile.
    const all: Record<Channel, true> = {
      direct: true, organic_search: true, paid_search: true, organic_social: true, paid_social: true, email: true,
      referral: true, display: true, affiliate: true, organic_video: true, paid_video: true, sms: true, other: true,
    };
    expect(new Set(CASES.map(([, , , expected]) => expected.channel).filter(Boolean))).toEqual(new Set(Object.keys(all)));
  });

  it('keeps strings within 200 characters', () => {
    const traffic = classifyTraffic({ query: {}, referrer: `https://${'a'.repeat(10_000)}.example/`, ownHost: OWN_HOST });
    expect([traffic.source.length, traffic.referrer.length]).toEqual([200, 200]);
  });

  it('never throws on inputs outside its types', () => {
    const hostile = [
      { query: null, referrer: null, ownHost: null },
      { query: { utm_source: 42, gclid: {} }, referrer: 42, ownHost: undefined },
      { query: Object.create(null), referrer: 'http://[::1', ownHost: 'shop.example:8080' },
    ] as unknown as Parameters<typeof classifyTraffic>[0][];
    expect(hostile.map((input) => classifyTraffic(input).channel)).toEqual(['direct', 'direct', 'direct']);
  });
});

describe('hasCampaignParams', () => {
  it.each<[Record<string, string>, boolean]>([
    [{}, false],
    [{ utm_source: 'newsletter' }, true],
    [{ utm_medium: 'email' }, true],
    [{ utm_source: '   ' }, false],
    [{ utm_campaign: 'spring' }, false],
    [{ utm_term: 'bikes', utm_content: 'a' }, false],
    [{ gclid: 'x' }, true],
    [{ fbclid: 'x' }, true],
    [{ ScCid: 'x' }, true],
    [{ sccid: 'x' }, false],
    [{ gclid: '' }, false],
    [{ q: 'shoes', page: '2' }, false],
  ])('%o → %s', (query, expected) => {
    expect(hasCampaignParams(query)).toBe(expected);
  });
});
