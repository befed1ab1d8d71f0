import { normalizeHost, siteOf } from './channelHosts.js';
import type { SiteKind } from './channelHosts.js';
import { CLICK_ID_NAMES, type ClickIdName, type Landing } from './landing.js';

export type Channel =
  | 'direct'
  | 'organic_search'
  | 'paid_search'
  | 'organic_social'
  | 'paid_social'
  | 'email'
  | 'referral'
  | 'display'
  | 'affiliate'
  | 'organic_video'
  | 'paid_video'
  | 'sms'
  | 'other';

/** Where a session came from: the `traffic.*` and `firstTouch.*` profile attributes. */
export interface Traffic {
  channel: Channel;
  /** Lower-cased: utm_source, the referring site's short name or host, or '(direct)'. */
  source: string;
  /** Lower-cased: utm_medium, 'organic', 'social', 'email', 'referral', 'cpc' or '(none)'. */
  medium: string;
  campaign: string;
  term: string;
  content: string;
  /** The referring host, never its path or query, which can carry search terms or tokens. */
  referrer: string;
  /** The name of the click-id parameter (e.g. 'gclid'), never its value, which identifies a person's click. */
  clickId: string;
}

/**
 * Click-id parameters in priority order, with the source/medium they stand for when the
 * URL has no utm. fbclid comes last and stands for nothing: Meta adds it to organic shares
 * as well as to ads, so it says nothing about the channel.
 */
const CLICK_IDS: Record<ClickIdName, string> = {
  gclid: 'google/cpc',
  gbraid: 'google/cpc',
  wbraid: 'google/cpc',
  // Campaign Manager 360 / DV360 clicks are display ads, not search.
  dclid: 'google/display',
  msclkid: 'bing/cpc',
  yclid: 'yandex/cpc',
  ttclid: 'tiktok/cpc',
  li_fat_id: 'linkedin/cpc',
  twclid: 'twitter/cpc',
  ScCid: 'snapchat/cpc',
  epik: 'pinterest/cpc',
  fbclid: '',
};

const MAX_LENGTH = 200;

interface Touch {
  source: string;
  medium: string;
  /** Lower-cased, for GA4's case-insensitive campaign rules. */
  campaign: string;
  site: SiteKind | undefined;
  paid: boolean;
}

/** GA4's ^(.*cp.*|ppc|retargeting|paid.*)$, written without the backtracking `.*`s. */
const PAID = /cp|^ppc$|^retargeting$|^paid/;
const DISPLAY = ['display', 'banner', 'expandable', 'interstitial', 'cpm'];
const SOCIAL = ['social', 'social-network', 'social-media', 'sm', 'social network', 'social media'];
const EMAIL = ['email', 'e-mail', 'e_mail', 'e mail'];
const REFERRAL = ['referral', 'app', 'link'];

/**
 * GA4's default channel group for manual traffic, in GA4's order: the first rule that holds
 * wins. https://support.google.com/analytics/answer/9756891
 *
 * GA4 channels we have no name for:
 * - Cross-network (Performance Max and the like) → 'other': GA4 rules it is not any one
 *   network's channel, so we don't pick one.
 * - Paid Shopping and Organic Shopping are skipped, so the visit takes the next rule that
 *   holds (google/cpc with a "shop" campaign → paid_search, an email about the shop →
 *   email, a paid shopping click from an unknown source → 'other' via Paid Other). Store
 *   campaigns are often named "shop…", and lumping them all into 'other' would hide the
 *   channel a marketer targets.
 * - Paid Other, Audio, Mobile Push Notifications and Unassigned → 'other'.
 */
const RULES: readonly (readonly [Channel, (t: Touch) => boolean])[] = [
  ['direct', (t) => t.source === '(direct)' && (t.medium === '(none)' || t.medium === '(not set)')],
  ['other', (t) => t.campaign.includes('cross-network')],
  ['paid_search', (t) => t.paid && t.site === 'search'],
  ['paid_social', (t) => t.paid && t.site === 'social'],
  ['paid_video', (t) => t.paid && t.site === 'video'],
  ['display', (t) => DISPLAY.includes(t.medium)],
  ['other', (t) => t.paid],
  ['organic_social', (t) => t.site === 'social' || SOCIAL.includes(t.medium)],
  ['organic_video', (t) => t.site === 'video' || t.medium.includes('video')],
  ['organic_search', (t) => t.site === 'search' || t.medium === 'organic'],
  ['referral', (t) => REFERRAL.includes(t.medium)],
  ['email', (t) => EMAIL.includes(t.source) || EMAIL.includes(t.medium)],
  ['affiliate', (t) => t.medium === 'affiliate'],
  ['sms', (t) => t.source === 'sms' || t.medium === 'sms'],
];

function channelOf(source: string, medium: string, campaign: string): Channel {
  const touch: Touch = {
    source,
    medium,
    campaign: campaign.toLowerCase(),
    site: siteOf(source)?.kind,
    paid: PAID.test(medium),
  };
  return RULES.find(([, holds]) => holds(touch))?.[0] ?? 'other';
}

/** Trimmed and cut, without leaving half a surrogate pair at the cut. */
function clean(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.trim().slice(0, MAX_LENGTH).replace(/[\uD800-\uDBFF]$/, '');
}

function param(query: Record<string, string>, name: string): string {
  return clean(query?.[name]);
}

/** The referring host, or '' when there is none, it is unparsable, or it is the store itself. */
function referrerHost(referrer: string, ownHost: string): string {
  let host: string;
  // No referrer is the common case: asked on every profile, it need not cost a thrown TypeError.
  if (!referrer) return '';
  try {
    host = clean(normalizeHost(new URL(referrer).hostname));
  } catch {
    return '';
  }
  const own = typeof ownHost === 'string' ? normalizeHost(ownHost.trim().replace(/:\d*$/, '')) : '';
  return own && (host === own || host.endsWith('.' + own)) ? '' : host;
}

/**
 * Classifies a landing page's traffic source into GA4's default channel grouping.
 * utm_source/utm_medium win; then an ad click id; then the referrer; else direct.
 */
export function classifyTraffic(input: { query: Record<string, string>; referrer: string; ownHost: string }): Traffic {
  const { query, referrer, ownHost } = input;
  const campaign = param(query, 'utm_campaign');
  const clickId = CLICK_ID_NAMES.find((name) => param(query, name)) ?? '';
  const host = referrerHost(referrer, ownHost);
  let source = param(query, 'utm_source').toLowerCase();
  let medium = param(query, 'utm_medium').toLowerCase();
  const ad = clickId && CLICK_IDS[clickId];
  if (source || medium) {
    // GA4 reports a missing half of the pair as (not set).
    source ||= '(not set)';
    medium ||= '(not set)';
  } else if (ad) {
    [source = '', medium = ''] = ad.split('/');
  } else if (host) {
    const site = siteOf(host);
    if (site?.kind === 'search') [source, medium] = [site.name, 'organic'];
    else if (site?.kind === 'social') [source, medium] = [site.name, 'social'];
    else if (site?.kind === 'video') [source, medium] = [site.name, 'referral'];
    else [source, medium] = [host, site?.kind === 'email' ? 'email' : 'referral'];
  } else {
    [source, medium] = ['(direct)', '(none)'];
  }
  return {
    channel: channelOf(source, medium, campaign),
    source,
    medium,
    campaign,
    term: param(query, 'utm_term'),
    content: param(query, 'utm_content'),
    referrer: host,
    clickId,
  };
}

/**
 * True when the query names a campaign source (utm_source / utm_medium / a click id), so a
 * new session should start when it differs from the current session's.
 */
export function hasCampaignParams(query: Record<string, string>): boolean {
  return !!(param(query, 'utm_source') || param(query, 'utm_medium') || CLICK_ID_NAMES.some((name) => param(query, name)));
}

/** `traffic.*` for a recorded landing (its referrer already excludes the store itself). */
export function classifyLanding(landing: Landing): Traffic {
  return classifyTraffic({ query: landing.query, referrer: landing.referrer, ownHost: '' });
}
