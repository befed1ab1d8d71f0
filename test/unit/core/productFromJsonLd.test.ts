import { describe, expect, it } from 'vitest';
import { productFromJsonLd } from '../../../sdk/core/index.js';

// page.product from the JSON-LD real shops emit: a plain Product, a Yoast-style @graph, the
// type as a full IRI, Google's ProductGroup with its variants, a price inside a
// priceSpecification, an AggregateOffer.

const shoe = { name: 'Swift Road', sku: 'SR-1', brand: { '@type': 'Brand', name: 'Stride' }, category: 'Road' };

describe('productFromJsonLd', () => {
  it.each<[string, unknown[], Record<string, unknown>]>([
    ['a Product', [{ '@context': 'https://schema.org', '@type': 'Product', ...shoe, offers: { price: '89.90', priceCurrency: 'eur' } }], { id: 'SR-1', price: 89.9, currency: 'EUR' }],
    ['a Product in a @graph', [{ '@graph': [{ '@type': 'WebPage' }, { '@type': ['Product', 'Thing'], ...shoe, offers: [{ price: 89.9, priceCurrency: 'EUR' }] }] }], { id: 'SR-1', price: 89.9 }],
    ['a type written as its IRI', [{ '@type': 'http://schema.org/Product', ...shoe, offers: { price: 10, priceCurrency: 'USD' } }], { id: 'SR-1', price: 10, currency: 'USD' }],
    ['a type written with its prefix', [{ '@type': 'schema:IndividualProduct', ...shoe }], { id: 'SR-1', price: null }],
    [
      'a ProductGroup whose variants carry the offers',
      [
        {
          '@type': 'ProductGroup',
          name: 'Wool Sweater',
          productGroupID: 'WS-GROUP',
          variesBy: ['https://schema.org/size'],
          hasVariant: [
            { '@type': 'Product', sku: 'WS-S', offers: { '@type': 'Offer', price: '39.99', priceCurrency: 'USD' } },
            { '@type': 'Product', sku: 'WS-M', offers: { '@type': 'Offer', price: '42.00', priceCurrency: 'USD' } },
          ],
        },
      ],
      { id: 'WS-GROUP', name: 'Wool Sweater', price: 39.99, currency: 'USD' },
    ],
    ['a price in a priceSpecification', [{ '@type': 'Product', ...shoe, offers: { '@type': 'Offer', priceSpecification: [{ '@type': 'UnitPriceSpecification', price: 24.5, priceCurrency: 'GBP' }] } }], { price: 24.5, currency: 'GBP' }],
    ['an AggregateOffer', [{ '@type': 'Product', ...shoe, offers: { '@type': 'AggregateOffer', lowPrice: '19.00', highPrice: '29.00', priceCurrency: 'EUR' } }], { price: 19, currency: 'EUR' }],
  ])('reads %s', (_what, blocks, expected) => {
    expect(productFromJsonLd(blocks)).toMatchObject(expected);
  });

  it.each<[string, unknown[]]>([
    ['an ItemList', [{ '@type': 'ItemList', itemListElement: [] }]],
    ['a type that only ends like one', [{ '@type': 'ProductionCompany', name: 'Studio' }]],
    ['a breadcrumb', [{ '@type': 'BreadcrumbList' }]],
  ])('finds no product in %s', (_what, blocks) => {
    expect(productFromJsonLd(blocks)).toBeUndefined();
  });
});
