import { describe, expect, it } from 'vitest';
import { matchGlob, pageType, type PageTypeSignals } from '../../../sdk/core/index.js';

describe('matchGlob', () => {
  it.each([
    ['/products/*', '/products/swift-road', true],
    ['/products/*', '/products/a/b', false],
    ['/products/*', '/products', false],
    ['/products/**', '/products/a/b', true],
    ['/products/**', '/products', true],
    ['/**', '/', true],
    ['/**', '/anything/at/all', true],
    ['/checkout*', '/checkout', true],
    ['/checkout*', '/checkout-step-2', true],
    ['/checkout*', '/checkout/pay', false],
    ['/a.b', '/axb', false],
    ['/sale(1)', '/sale(1)', true],
    ['/a/**/b', '/a/b', true],
    ['/a/**/b', '/a/x/y/b', true],
    ['/a/**/b', '/ab', false],
    ['/a/**/b', '/a/xb', false],
    ['/**/checkout', '/checkout', true],
    ['/**/checkout', '/eu/checkout', true],
    ['/**/checkout', '/precheckout', false],
    ['/shop/**/sale', '/shop/winter-sale', false],
    ['/shop/**', '/shopping', false],
    // A trailing slash is the same page (WordPress, WooCommerce).
    ['/checkout*', '/checkout/', true],
    ['/gp/shoes', '/gp/shoes/', true],
    ['/gp/*', '/gp/shoes/', true],
    ['/gp/*', '/gp/shoes/x', false],
    // Both ways: a glob copied with its trailing slash.
    ['/sale/', '/sale', true],
    ['/sale/', '/sale/', true],
    ['/sale/', '/sales', false],
    ['/checkout/*', '/checkout', false],
    ['/', '/', true],
    ['/', '/a', false],
    // Paths arrive percent-encoded; globs are written as read.
    ['/gp/café', '/gp/caf%C3%A9', true],
    ['/gp/caf*', '/gp/caf%C3%A9', true],
    ['/a%2Fb', '/a%2Fb', true],
    ['/bad', '/bad%E0%A4%A', false],
    ['/a/*/c/*', '/a/b/c/d', true],
    ['/a**b', '/a/x/b', true],
    ['/x/**', '/x/', true],
    // Globs that backtrack for seconds as regular expressions (many wildcards against a long
    // path that almost matches) are matched part by part, in the glob's length times the path's.
    ['/**-**-**-**-x', '/' + '-'.repeat(400), false],
    ['/**/a/**/a/**/a/**/b', '/a'.repeat(300), false],
    ['/*-*-*-*-*-x', '/' + '-'.repeat(400) + 'x', true],
  ])('%s on %s → %s', (glob, path, expected) => {
    expect(matchGlob(glob, path)).toBe(expected);
  });
});

describe('pageType', () => {
  const base: PageTypeSignals = { path: '/', hasProductJsonLd: false };
  it.each<[string, Partial<PageTypeSignals>, string]>([
    ['the root', {}, 'home'],
    ['Product JSON-LD anywhere', { path: '/whatever', hasProductJsonLd: true }, 'product'],
    ['a Shopify product URL', { path: '/products/blue-shirt' }, 'product'],
    ['a localised product URL', { path: '/it/products/blue-shirt' }, 'product'],
    ['a collection', { path: '/collections/summer' }, 'category'],
    ['a WooCommerce category', { path: '/product-category/shoes' }, 'category'],
    ['the cart', { path: '/cart' }, 'cart'],
    ['a basket', { path: '/basket/' }, 'cart'],
    ['the checkout', { path: '/checkout/payment' }, 'checkout'],
    ['a thank-you page', { path: '/thank-you' }, 'checkout'],
    ['an account page', { path: '/account/orders' }, 'account'],
    ['an info page', { path: '/pages/about-us' }, 'info'],
    ['an unknown page', { path: '/lookbook' }, 'other'],
    ['a view_item on the page', { path: '/lookbook', pageEvents: ['view_item'] }, 'product'],
    ['a view_item_list on the page', { path: '/lookbook', pageEvents: ['page_view', 'view_item_list'] }, 'category'],
    ['a product page with related products', { path: '/lookbook', pageEvents: ['view_item', 'view_item_list'] }, 'product'],
    ['a category page with a quick view', { path: '/lookbook', pageEvents: ['view_item_list', 'view_item', 'add_to_cart'] }, 'category'],
    ['a cart page with suggestions', { path: '/lookbook', pageEvents: ['view_cart', 'view_item_list'] }, 'cart'],
    ['a one-page checkout', { path: '/lookbook', pageEvents: ['view_cart', 'begin_checkout', 'view_item_list'] }, 'checkout'],
    ['site.pages over URL conventions', { path: '/products/x', sitePages: { category: ['/products/*'] } }, 'category'],
    ['site.pages over events', { path: '/p/1', pageEvents: ['view_cart'], sitePages: { product: ['/p/*'] } }, 'product'],
    ['JSON-LD over site.pages', { path: '/cart', hasProductJsonLd: true, sitePages: { cart: ['/cart'] } }, 'product'],
  ])('types %s', (_name, signals, type) => {
    expect(pageType({ ...base, ...signals })).toBe(type);
  });
});
