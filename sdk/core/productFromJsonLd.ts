import { parseAmount } from './ecommerce.js';
import { isPlainObject } from './plainData.js';
import type { PageProduct } from './types.js';

const isProductType = (type: unknown) =>
  type === 'Product' || type === 'ProductGroup' || (Array.isArray(type) && (type.includes('Product') || type.includes('ProductGroup')));

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
  const offersRaw = Array.isArray(product.offers) ? product.offers[0] : product.offers;
  const offers = isPlainObject(offersRaw) ? offersRaw : {};
  const price = parseAmount(offers.price) ?? parseAmount(offers.lowPrice) ?? null;
  const brand = isPlainObject(product.brand) ? str(product.brand.name) : str(product.brand);
  // Not `@id`: it is often the page URL, query string and all.
  const id = str(product.sku) || str(product.productID) || str(product.gtin13) || str(product.gtin) || str(product.name);
  return {
    id,
    name: str(product.name),
    price,
    currency: str(offers.priceCurrency).toUpperCase(),
    category: str(product.category),
    brand,
  };
}
