import { matchGlob } from './matchGlob.js';

export const PAGE_TYPES = ['home', 'category', 'product', 'cart', 'checkout', 'account', 'info', 'other'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** The URL conventions of common store platforms (Shopify, WooCommerce, Magento…), tried last. */
const DEFAULT_PATTERNS: [PageType, RegExp][] = [
  ['product', /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:products?|p|item|shop\/p)\/[^/]+/i],
  ['category', /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:collections?|categor(?:y|ies)|c|shop|product-category)(?:\/|$)/i],
  ['cart', /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:cart|basket|bag)(?:\/|$)/i],
  ['checkout', /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:checkouts?|thank-?you|order-received)(?:\/|$)/i],
  ['account', /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:account|my-account|login|register|customer)(?:\/|$)/i],
  ['info', /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:pages|info|about|contact|faq|help|shipping|returns|privacy|terms|blogs?)(?:\/|$)/i],
];

/** What GA4 events on a page say about it. */
const EVENT_TYPES: Record<string, PageType> = {
  view_item: 'product',
  view_item_list: 'category',
  view_cart: 'cart',
  begin_checkout: 'checkout',
  add_payment_info: 'checkout',
  purchase: 'checkout',
};

export interface PageTypeSignals {
  path: string;
  /** The page carries schema.org Product JSON-LD. */
  hasProductJsonLd: boolean;
  /** `site.pages` from the config: page type → path globs. */
  sitePages?: Partial<Record<PageType, readonly string[]>>;
  /** Names of the events tracked on this page so far. */
  pageEvents?: readonly string[];
}

/**
 * The page's type, from the strongest signal: Product JSON-LD, then the store's own
 * `site.pages` globs, then GA4 events on the page (its first, or a checkout event), then
 * common URL conventions.
 */
export function pageType({ path, hasProductJsonLd, sitePages, pageEvents = [] }: PageTypeSignals): PageType {
  if (hasProductJsonLd) return 'product';
  if (sitePages) {
    for (const type of PAGE_TYPES) {
      if (sitePages[type]?.some((glob) => matchGlob(glob, path))) return type;
    }
  }
  // The page's own event comes first: a product page's view_item, then lists of related
  // products; a category page's list, then a quick view. Checkout events on the page (a
  // one-page checkout after its view_cart, a purchase) win over what came before.
  let fromEvents: PageType | undefined;
  for (const name of pageEvents) {
    const type = EVENT_TYPES[name];
    if (type === 'checkout' || !fromEvents) fromEvents = type;
  }
  if (fromEvents) return fromEvents;
  if (path === '/' || path === '') return 'home';
  for (const [type, pattern] of DEFAULT_PATTERNS) if (pattern.test(path)) return type;
  return 'other';
}
