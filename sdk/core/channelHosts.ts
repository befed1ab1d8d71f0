/**
 * The lists behind GA4's "source matches a list of search / social / video sites", cut to
 * the well-known sites (GA4's own list has hundreds, and this ships in the script tag),
 * plus webmail hosts, so a click in Gmail's web client counts as email, not referral.
 * GA4's list: https://support.google.com/analytics/answer/9756891
 *
 * One space-separated string per kind keeps the table small after gzip. A token is
 * `[.]pattern[=name]`:
 * - `pattern` matches a host exactly (`t.co`), or the host without its country or generic
 *   ending (`google` matches google.com, google.it and google.co.uk, never
 *   googleblog.example or mail.google.com);
 * - a leading `.` also matches subdomains (`.facebook` matches web.facebook.com);
 * - `name` is the short source name; without it, the last label of the pattern.
 * A utm_source equal to a name (`yahoo`, `twitter`) matches too.
 * Kinds are tried in this order, so a host listed twice takes the first kind.
 */
export const CHANNEL_HOSTS = {
  search:
    'google .bing .search.yahoo .duckduckgo baidu yandex ya=yandex ecosia search.naver seznam .search.seznam ' +
    'qwant startpage .search.brave .search.aol sogou .search.daum',
  social:
    '.facebook fb=facebook .instagram ig=instagram .twitter x=twitter t.co=twitter .linkedin lnkd=linkedin ' +
    '.pinterest pin=pinterest .reddit .tiktok .snapchat .threads .vk ok .quora .discord .telegram t.me=telegram ' +
    '.whatsapp wa=whatsapp .tumblr .weibo line mastodon.social=mastodon bsky',
  video: '.youtube youtu=youtube .vimeo .twitch dailymotion dai=dailymotion .bilibili rumble',
  email:
    'mail.google .mail.yahoo outlook.live outlook.office outlook.office365 .mail.aol mail.proton .mail.zoho ' +
    'mail.yandex email.seznam .gmx .web.de .fastmail mail.qq',
} as const;

export type SiteKind = keyof typeof CHANNEL_HOSTS;

export interface Site {
  kind: SiteKind;
  /** Short source name, e.g. 'google' for www.google.co.uk. */
  name: string;
  pattern: string;
  subdomains: boolean;
}

/**
 * A country or generic ending: `.com`, `.it`, `.co.uk`, `.com.au`. Without a public-suffix
 * list (far too big to ship) two-level endings are limited to co./com., which covers the
 * search engines' country sites and keeps e.g. wa.gov.au from reading as wa.me.
 */
const TAIL = /\.(?:co\.|com\.)?[a-z]{2,3}$/;

function withoutTail(host: string): string {
  return host.replace(TAIL, '');
}

const SITES: Site[] = [];
for (const kind of Object.keys(CHANNEL_HOSTS) as SiteKind[]) {
  for (const token of CHANNEL_HOSTS[kind].split(' ')) {
    const [raw = '', alias] = token.split('=');
    const subdomains = raw[0] === '.';
    const pattern = subdomains ? raw.slice(1) : raw;
    SITES.push({ kind, pattern, subdomains, name: alias ?? withoutTail(pattern).split('.').pop() ?? pattern });
  }
}

/**
 * Lower-cases a host and drops the prefixes sites use for mobile pages and link shims
 * (`www.`, `m.`, and Facebook's `l.`/`lm.` redirectors), so m.facebook.com and
 * l.facebook.com read as facebook.com.
 */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '').replace(/^(?:www\d*|m|l|lm)\./, '');
}

/** The well-known site a host or a utm_source names, if any. */
export function siteOf(value: string): Site | undefined {
  const host = normalizeHost(value);
  if (!host) return undefined;
  const core = withoutTail(host);
  return SITES.find(
    ({ pattern, subdomains, name }) =>
      host === pattern ||
      core === pattern ||
      host === name ||
      (subdomains && (host.endsWith('.' + pattern) || core.endsWith('.' + pattern))),
  );
}
