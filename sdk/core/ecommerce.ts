import { isPlainObject } from './plainData.js';

/** The GA4 ecommerce events Beckon reads from dataLayer and `track()` (DESIGN §3). */
export const ECOMMERCE_EVENTS = [
  'view_item',
  'view_item_list',
  'select_item',
  'add_to_cart',
  'remove_from_cart',
  'view_cart',
  'begin_checkout',
  'add_payment_info',
  'purchase',
  'refund',
] as const;
export type EcommerceEventName = (typeof ECOMMERCE_EVENTS)[number];

export const isEcommerceEvent = (name: unknown): name is EcommerceEventName =>
  typeof name === 'string' && (ECOMMERCE_EVENTS as readonly string[]).includes(name);

/** An item in GA4's shape. */
export interface Item {
  item_id: string;
  item_name: string;
  price: number;
  quantity: number;
  item_category?: string;
  item_brand?: string;
}

export interface EcommercePayload {
  currency?: string;
  value?: number;
  transaction_id?: string;
  items: Item[];
  /** `items` was given, and empty: a snapshot of an empty cart, not one that left its items out. */
  emptied?: true;
}

/**
 * A price as stores write it: `129`, `"129.00"`, `"129,00"`, `"1.299,00"`, `"€ 12.50"`, `"1.299,00 kr."`.
 * Returns undefined for anything that is not a finite, non-negative amount.
 */
export function parseAmount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // A separator counts between two digits: the dot of "kr.", "Rs." or "S/." is no decimal point.
  let text = value.replace(/(?<!\d)[.,]|[.,](?!\d)/g, '').replace(/[^\d.,-]/g, '');
  // The later of "," and "." is the decimal separator, and the other groups thousands;
  // unless it comes more than once ("1,299,000"), or alone with three digits after it
  // ("¥1,299", "1.299 ₫"): prices have no third decimal, so that one groups thousands too,
  // unless what comes before it is a zero ("0.125").
  const last = Math.max(text.lastIndexOf(','), text.lastIndexOf('.'));
  const marks = text.match(/[.,]/g) ?? [];
  const grouping = marks.filter((mark) => mark === text[last]).length > 1 || (new Set(marks).size === 1 && text.length - last === 4 && !/^-?0*$/.test(text.slice(0, last)));
  text = last < 0 || grouping ? text.replace(/[.,]/g, '') : `${text.slice(0, last).replace(/[.,]/g, '')}.${text.slice(last + 1)}`;
  if (text === '' || text === '-') return undefined;
  const amount = Number(text);
  return Number.isFinite(amount) && amount >= 0 ? amount : undefined;
}

const text = (value: unknown, max = 200): string | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
};

/**
 * Reads a GA4 `ecommerce` object (or gtag's event parameters) into a clean payload.
 * Coerces what it can and says what it had to, through `warn`; never throws.
 */
export function normalizeEcommerce(raw: unknown, warn: (message: string) => void = () => {}): EcommercePayload {
  const payload: EcommercePayload = { items: [] };
  if (!isPlainObject(raw)) return payload;
  const currency = text(raw.currency, 3);
  if (currency && /^[A-Za-z]{3}$/.test(currency)) payload.currency = currency.toUpperCase();
  const value = parseAmount(raw.value);
  if (value !== undefined) payload.value = value;
  else if (raw.value !== undefined) warn(`ecommerce.value ${JSON.stringify(raw.value)} is not an amount; ignored`);
  const transaction = text(raw.transaction_id, 100);
  if (transaction) payload.transaction_id = transaction;
  if (raw.items !== undefined && !Array.isArray(raw.items)) warn('ecommerce.items is not an array; ignored');
  const items = Array.isArray(raw.items) ? raw.items.slice(0, 200) : [];
  if (Array.isArray(raw.items) && raw.items.length === 0) payload.emptied = true;
  items.forEach((rawItem: unknown, i: number) => {
    if (!isPlainObject(rawItem)) return;
    const id = text(rawItem.item_id) ?? text(rawItem.item_name);
    if (!id) {
      warn(`ecommerce.items[${i}] has neither item_id nor item_name; ignored`);
      return;
    }
    let price = parseAmount(rawItem.price);
    if (price === undefined) {
      if (rawItem.price !== undefined) warn(`ecommerce.items[${i}].price ${JSON.stringify(rawItem.price)} is not an amount; counted as 0`);
      price = 0;
    }
    const given = rawItem.quantity === undefined ? 1 : typeof rawItem.quantity === 'string' ? Number(rawItem.quantity) : rawItem.quantity;
    const valid = typeof given === 'number' && Number.isFinite(given) && given > 0;
    if (!valid) warn(`ecommerce.items[${i}].quantity ${JSON.stringify(rawItem.quantity)} is not a positive number; counted as 1`);
    const quantity = valid ? given : 1;
    const item: Item = { item_id: id, item_name: text(rawItem.item_name) ?? id, price, quantity: Math.min(Math.round(quantity), 10_000) };
    const category = text(rawItem.item_category);
    if (category) item.item_category = category;
    const brand = text(rawItem.item_brand);
    if (brand) item.item_brand = brand;
    payload.items.push(item);
  });
  return payload;
}
