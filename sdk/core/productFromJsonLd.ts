import { parseAmount } from './ecommerce.js';
import { isPlainObject } from './plainData.js';
import type { PageProduct } from './types.js';

// Product and its kinds, written short or as the full IRI ("https://schema.org/Product").
const PRODUCT = /(^|[/:#])(Individual)?Product(Group|Model)?$/;
const isProductType = (type: unknown) => [type].flat().some((t) => typeof t === 'string' && PRODUCT.test(t));

/** The first of several, or the one. */
const first = (value: unknown): Record<string, unknown> => {
  const one = Array.isArray(value) ? value[0] : value;
  return isPlainObject(one) ? one : {};
};

const str = (value: unknown): string => (typeof value === 'string' ? value.trim().slice(0, 200) : typeof value === 'number' ? String(value) : '');

function findProduct(node: unknown, depth: number): Record<string, unknown> | undefined {
  if (depth > 4) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findProduct(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(node)) return undefined;
  if (isProductType(node['@type'])) return node;
  return findProduct(node['@graph'], depth + 1) ?? findProduct(node.mainEntity, depth + 1);
}

/** The first schema.org Product (or ProductGroup) in parsed JSON-LD blocks, as `page.product`. */
export function productFromJsonLd(blocks: readonly unknown[]): PageProduct | undefined {
  const product = findProduct(blocks, 0);
  if (!product) return undefined;
  // A ProductGroup (one product in several sizes or colours) may have offers on its variants only.
  const offers = first(product.offers ?? first(product.hasVariant).offers);
  // The price may sit in a UnitPriceSpecification rather than on the offer.
  const spec = first(offers.priceSpecification);
  const price = parseAmount(offers.price) ?? parseAmount(offers.lowPrice) ?? parseAmount(spec.price) ?? null;
  const brand = isPlainObject(product.brand) ? str(product.brand.name) : str(product.brand);
  // Not `@id`: it is often the page URL, query string and all.
  const id = str(product.productGroupID) || str(product.sku) || str(product.productID) || str(product.gtin13) || str(product.gtin) || str(product.name);
  return {
    id,
    name: str(product.name),
    price,
    currency: str(offers.priceCurrency || spec.priceCurrency).toUpperCase(),
    category: str(product.category),
    brand,
  };
}
