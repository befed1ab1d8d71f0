/**
 * Ad click-id parameters, in the priority `classifyTraffic` reads them. Only their
 * presence is kept, never their value, which identifies one person's click.
 */
export const CLICK_ID_NAMES = ['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid', 'yclid', 'ttclid', 'li_fat_id', 'twclid', 'ScCid', 'epik', 'fbclid'] as const;
export type ClickIdName = (typeof CLICK_ID_NAMES)[number];

const UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

/**
 * How a page load arrived, as raw facts: its campaign parameters and the referring
 * origin. Recorded at landing; `traffic.*` is derived from it when a condition or
 * `profile()` asks, so the channel tables need not load with every page.
 */
export interface Landing {
  /** utm_* values as given (cut to 200 characters), click ids as '1'. */
  query: Record<string, string>;
  /** The referring origin (`https://www.google.com`), '' for none or the store itself. */
  referrer: string;
}

/** The landing of a page load; the store's own host (and its subdomains) is never a referrer. */
export function readLanding(query: Record<string, string>, referrer: string, ownHost: string): Landing {
  const kept: Record<string, string> = {};
  for (const name of UTM) if (query[name]) kept[name] = query[name].slice(0, 200);
  for (const name of CLICK_ID_NAMES) if (query[name]) kept[name] = '1';
  let origin = '';
  try {
    const url = new URL(referrer);
    const own = ownHost.replace(/^www\./, '');
    const host = url.hostname.replace(/^www\./, '');
    // An app's referrer (`android-app://com.google.android.gm/`) has no web origin: its
    // scheme and host name the source.
    if (!own || (host !== own && !host.endsWith(`.${own}`))) origin = url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin;
  } catch {
    // No referrer, or not a URL: a direct visit.
  }
  return { query: kept, referrer: origin };
}

/** The landing names a campaign (utm source or medium, or an ad click): a different one starts a new session. */
export const isCampaign = (landing: Landing) =>
  Boolean(landing.query.utm_source || landing.query.utm_medium || CLICK_ID_NAMES.some((name) => landing.query[name]));

/** Two landings from the same campaign: same utm source, medium and campaign, and the same click ids. */
export function sameCampaign(a: Landing, b: Landing): boolean {
  const key = (l: Landing) =>
    [l.query.utm_source, l.query.utm_medium, l.query.utm_campaign, ...CLICK_ID_NAMES.filter((name) => l.query[name])].join('\u0000');
  return key(a) === key(b);
}
