import type { EcommercePayload } from './ecommerce.js';
import type { DaySummary } from './history.js';
import type { BeckonEvent } from './types.js';

export interface Behavior {
  pageviews: number;
  /** Page loads that showed a product (a product page, or a `view_item`), each counted once. */
  productViews: number;
  /** Product ids viewed, oldest first, each once. */
  productsViewed: string[];
  /** `item_category` names of items viewed, and JSON-LD categories, each once. */
  categoriesViewed: string[];
  /** Deepest point of the current page seen, in percent. */
  scrollDepth: number;
  /** Seconds on the current page. */
  timeOnPage: number;
  /** Seconds with a page visible and the visitor not idle, over all history. */
  engagedTime: number;
}

/** What the page being viewed contributes: measured live, not stored per event. */
export interface PageEngagement {
  scrollDepth: number;
  timeOnPageMs: number;
  /** Engaged ms over all history, this page included. */
  engagedMs: number;
}

const CATEGORY_EVENTS = new Set(['view_item', 'view_item_list', 'select_item']);

/** The page load an event belongs to: its session and page view number. */
export const loadOf = (event: BeckonEvent): string => `${event.session ?? ''}#${event.pv ?? ''}`;

/** Engagement over the stored history (DESIGN §3 `behavior.*`): raw events plus the summaries of compacted days. */
export function deriveBehavior(
  events: readonly BeckonEvent[],
  summaries: readonly DaySummary[] = [],
  page: PageEngagement = { scrollDepth: 0, timeOnPageMs: 0, engagedMs: 0 },
): Behavior {
  let pageviews = 0;
  let summarizedProductViews = 0;
  const productLoads = new Set<string>();
  const products = new Set<string>();
  const categories = new Set<string>();
  // A product page load cut in two by a record's edge was counted on both sides of it.
  const edges = new Set<string>();
  for (const summary of summaries) {
    pageviews += summary.pageviews;
    summarizedProductViews += summary.productViews;
    for (const load of summary.edges ?? []) {
      if (edges.has(load)) summarizedProductViews--;
      else edges.add(load);
    }
    for (const id of summary.products) products.add(id);
    for (const name of summary.categories) categories.add(name);
  }
  for (const event of events) {
    const props = event.props ?? {};
    const load = loadOf(event);
    if (event.name === 'page_view') {
      pageviews++;
      if (props.type === 'product') {
        productLoads.add(load);
        if (typeof props.product === 'string' && props.product) products.add(props.product);
      }
      if (typeof props.category === 'string' && props.category) categories.add(props.category);
      continue;
    }
    if (!CATEGORY_EVENTS.has(event.name)) continue;
    const items = (props as unknown as EcommercePayload).items;
    if (!Array.isArray(items)) continue;
    for (const item of items) if (item.item_category) categories.add(item.item_category);
    if (event.name === 'view_item') {
      productLoads.add(load);
      for (const item of items) products.add(item.item_id);
    }
  }
  for (const load of productLoads) if (edges.has(load)) summarizedProductViews--;
  return {
    pageviews,
    productViews: summarizedProductViews + productLoads.size,
    productsViewed: [...products],
    categoriesViewed: [...categories],
    scrollDepth: page.scrollDepth,
    timeOnPage: Math.round(page.timeOnPageMs / 1000),
    engagedTime: Math.round(page.engagedMs / 1000),
  };
}
