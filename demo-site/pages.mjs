// Server-side rendering of the demo store's pages. Every store page embeds Beckon with the
// snippet of DESIGN §2, exactly as a store would paste it; the playground starts Beckon
// from its own script, with the config being tried out.
import { categories, categoryName, currency, products } from './catalog.mjs';

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const money = (value) => `€${value.toFixed(2)}`;

/** A GA4 `items[]` entry, as the store's own script pushes it to dataLayer. */
export const ga4Item = (p) => ({ item_id: p.sku, item_name: p.name, price: p.price, item_category: categoryName(p.category), quantity: 1 });

const snippet = `<script>
  window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };
  beckon('init', { config: '/beckon.config.json', endpoint: '/collect', dataLayer: true });
</script>
<script async src="/beckon.js"></script>`;

function layout({ title, body, pageData = {}, head = '', beckon = snippet, bodyClass = '' }) {
  const nav = categories.map((c) => `<a href="/category/${c.slug}">${escapeHtml(c.name)}</a>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Stride Shoes</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/store.css">
${head}
${beckon}
<script src="/assets/store.js" defer></script>
</head>
<body${bodyClass ? ` class="${bodyClass}"` : ''} data-page='${escapeHtml(JSON.stringify(pageData))}'>
<header class="site-header">
  <a class="logo" href="/">Stride<span>Shoes</span></a>
  <nav aria-label="Categories">${nav}</nav>
  <a class="cart-link" href="/cart">Cart (<span data-cart-count>0</span>)</a>
</header>
<main id="main">
${body}
</main>
<footer class="site-footer">
  <p>Stride Shoes is the demo store of Beckon. Nothing here is for sale.</p>
  <p><a href="/info/shipping">Shipping</a> · <a href="/info/returns">Returns</a> · <a href="/playground">Config playground</a></p>
</footer>
</body>
</html>`;
}

function productCard(p) {
  return `<li class="card">
  <a href="/products/${p.slug}">
    <img src="/assets/img/${p.slug}.svg" alt="${escapeHtml(p.name)}" width="320" height="200">
    <span class="card-name">${escapeHtml(p.name)}</span>
    <span class="card-price">${money(p.price)}</span>
  </a>
</li>`;
}

function home() {
  const featured = products.slice(0, 4).map(productCard).join('');
  const cats = categories
    .map((c) => `<li><a class="category-tile" href="/category/${c.slug}"><strong>${escapeHtml(c.name)}</strong><span>${escapeHtml(c.blurb)}</span></a></li>`)
    .join('');
  return layout({
    title: 'Running, trail and gym shoes',
    body: `<section class="hero"><h1>Shoes for every kind of training</h1><p>Free returns for 60 days.</p><button type="button" class="button open-newsletter">Get 10% off</button></section>
<h2>Shop by sport</h2><ul class="categories">${cats}</ul>
<div class="shoe-finder"></div>
<h2>Popular now</h2><ul class="grid">${featured}</ul>`,
  });
}

function category(slug) {
  const c = categories.find((x) => x.slug === slug);
  if (!c) return undefined;
  const list = products.filter((p) => p.category === slug);
  return layout({
    title: c.name,
    pageData: { type: 'category', list: { id: c.slug, name: c.name, items: list.map(ga4Item) } },
    body: `<h1>${escapeHtml(c.name)}</h1><p>${escapeHtml(c.blurb)}</p><ul class="grid">${list.map(productCard).join('')}</ul>`,
  });
}

function product(slug, embed = snippet) {
  const p = products.find((x) => x.slug === slug);
  if (!p) return undefined;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    sku: p.sku,
    description: p.description,
    category: categoryName(p.category),
    brand: { '@type': 'Brand', name: 'Stride' },
    image: `/assets/img/${p.slug}.svg`,
    offers: { '@type': 'Offer', price: p.price.toFixed(2), priceCurrency: currency, availability: 'https://schema.org/InStock' },
  };
  // `<` is escaped so a product name can never close the script element.
  const ld = JSON.stringify(jsonLd).replace(/</g, '\\u003c');
  return layout({
    title: p.name,
    beckon: embed,
    head: `<script type="application/ld+json">${ld}</script>`,
    pageData: { type: 'product', item: ga4Item(p) },
    body: `<nav class="crumbs" aria-label="Breadcrumb"><a href="/category/${p.category}">${escapeHtml(categoryName(p.category))}</a></nav>
<article class="product">
  <img src="/assets/img/${p.slug}.svg" alt="${escapeHtml(p.name)}" width="480" height="300">
  <div>
    <h1>${escapeHtml(p.name)}</h1>
    <p class="price">${money(p.price)}</p>
    <p>${escapeHtml(p.description)}</p>
    <label>Size <select name="size">${[40, 41, 42, 43, 44, 45].map((s) => `<option>${s}</option>`).join('')}</select></label>
    <button type="button" class="button" data-add-to-cart='${escapeHtml(JSON.stringify(ga4Item(p)))}'>Add to cart</button>
    <p class="added" role="status" hidden>Added to your cart.</p>
    <div class="size-guide-slot"></div>
    <section id="size-guide" class="size-guide" hidden>
      <h2>Size guide</h2>
      <table><tr><th>EU</th><th>UK</th><th>US</th><th>cm</th></tr>
      <tr><td>41</td><td>7</td><td>8</td><td>26</td></tr><tr><td>42</td><td>8</td><td>9</td><td>26.5</td></tr>
      <tr><td>43</td><td>9</td><td>10</td><td>27.5</td></tr><tr><td>44</td><td>9.5</td><td>10.5</td><td>28</td></tr></table>
    </section>
  </div>
</article>`,
  });
}

function cart() {
  return layout({
    title: 'Your cart',
    pageData: { type: 'cart' },
    body: `<h1>Your cart</h1>
<div class="cart-promo"></div>
<div data-cart-lines><p>Your cart is empty.</p></div>
<p class="cart-total">Total: <strong data-cart-total>€0.00</strong></p>
<a class="button" href="/checkout" data-checkout>Go to checkout</a>`,
  });
}

function checkout() {
  return layout({
    title: 'Checkout',
    pageData: { type: 'checkout' },
    body: `<h1>Checkout</h1>
<form class="checkout" action="/thank-you" method="get" data-checkout-form>
  <label>Email <input type="email" name="email" autocomplete="email" required></label>
  <label>Name <input name="name" autocomplete="name" required></label>
  <label>Address <input name="address" autocomplete="street-address" required></label>
  <p class="cart-total">To pay: <strong data-cart-total>€0.00</strong></p>
  <button class="button" type="submit">Place order</button>
</form>`,
  });
}

function thankYou() {
  return layout({
    title: 'Thank you',
    pageData: { type: 'purchase' },
    body: `<h1>Thank you for your order</h1><p data-order-summary>Your order is on its way.</p><p><a href="/">Continue shopping</a></p>`,
  });
}

function info(slug) {
  const texts = {
    shipping: ['Shipping', 'We ship within 2 working days. Shipping is free above €60.'],
    returns: ['Returns', 'Return any unworn pair within 60 days for a full refund.'],
  };
  const text = texts[slug];
  if (!text) return undefined;
  return layout({ title: text[0], body: `<h1>${text[0]}</h1><p>${text[1]}</p>` });
}

/** The traffic sources the playground can arrive from: a reload with the campaign parameters a store's ads and emails carry. */
const TRAFFIC_LINKS = [
  ['Google Ads click', 'paid search', '?utm_source=google&utm_medium=cpc'],
  ['Newsletter', 'email', '?utm_medium=email'],
  ['Winter sale email', 'email, campaign "winter-sale"', '?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale'],
  ['Instagram ad', 'paid social', '?utm_source=instagram&utm_medium=paid_social'],
];

/**
 * The config playground (#7): edit the config with the validator's problems listed as you
 * type, apply it to this page, and play a visitor (traffic source, cart, traits, quiz).
 * Its script (assets/playground.js) starts Beckon itself with the applied config, so the
 * store's snippet is left out; the debug panel shows what the segments and campaigns make of it.
 */
function playground() {
  // One shoe per category, so a cart can hold running, trail or gym items.
  const picks = categories.map((c) => products.find((p) => p.category === c.slug));
  const cartRows = picks
    .map(
      (p) => `<li><span>${escapeHtml(p.name)} <span class="pg-muted">${escapeHtml(categoryName(p.category))} · ${money(p.price)}</span></span>
  <button type="button" class="button pg-small" data-add-to-cart='${escapeHtml(JSON.stringify(ga4Item(p)))}' aria-label="Add ${escapeHtml(p.name)} to the cart">Add</button>
  <button type="button" class="link-button" data-remove-from-cart="${escapeHtml(p.sku)}" aria-label="Remove ${escapeHtml(p.name)} from the cart">Remove</button></li>`,
    )
    .join('\n');
  const trafficRows = TRAFFIC_LINKS.map(
    ([label, what, query]) => `<li><a href="/playground${escapeHtml(query)}">${escapeHtml(label)}</a> <span class="pg-muted">(${escapeHtml(what)}: <code>${escapeHtml(query)}</code>)</span></li>`,
  ).join('\n');
  return layout({
    title: 'Config playground',
    bodyClass: 'pg-page',
    head: '<link rel="stylesheet" href="/assets/playground.css">',
    // The playground's script makes the stub and calls init with the applied config, before beckon.js runs.
    beckon: `<script src="/assets/playground.js"></script>
<script async src="/beckon.js"></script>`,
    body: `<h1>Config playground</h1>
<p>Edit the Beckon config, see its problems as you type (the same validator the browser and <code>npx beckon validate</code> run), and apply it to this page. The debug panel at the bottom right lists each segment and campaign and why they hold or not; simulate a visitor below and watch them react.</p>
<p class="pg-running" data-running>Starting Beckon…</p>

<section class="pg-section" aria-labelledby="pg-config-title">
  <h2 id="pg-config-title">Config</h2>
  <label class="pg-label" for="pg-config">beckon.config.json</label>
  <p class="pg-muted" id="pg-config-help">Problems are listed under the editor as you type. Apply reloads this page with the config; the store's other pages keep the demo config. Editors can complete keys from the <a href="/beckon.schema.json">JSON Schema</a>.</p>
  <textarea id="pg-config" class="pg-editor" rows="20" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="pg-config-help pg-summary" data-config-editor></textarea>
  <div class="pg-actions">
    <button type="button" class="button" data-check>Check</button>
    <button type="button" class="button" data-apply>Apply</button>
    <button type="button" class="link-button" data-reset>Reset to the demo config</button>
  </div>
  <p class="pg-apply-status" role="status" data-apply-status></p>
  <div class="pg-problems" aria-live="polite" data-problems>
    <p id="pg-summary" class="pg-summary" data-problem-summary>Loading the config…</p>
    <ul class="pg-problem-list" data-problem-list></ul>
  </div>
</section>

<section class="pg-section" aria-labelledby="pg-visitor-title">
  <h2 id="pg-visitor-title">Simulate a visitor</h2>

  <h3>Traffic source</h3>
  <p>Arrive again with the campaign parameters of an ad or an email (a new source starts a new session):</p>
  <ul class="pg-links">
${trafficRows}
  <li><a href="/playground">No parameters</a> <span class="pg-muted">(direct: the session keeps its source until it ends)</span></li>
  </ul>
  <p class="pg-muted">A referrer (organic search, social, another site) cannot be faked from here: the browser sets it from the page that links to this one. Follow a link to the playground from another site to see one.</p>
  <p>Now: <code data-traffic>…</code></p>

  <h3>Cart</h3>
  <p>The buttons push GA4 <code>add_to_cart</code> and <code>remove_from_cart</code> events to <code>window.dataLayer</code>, as the store's product and cart pages do.</p>
  <ul class="pg-cart">
${cartRows}
  </ul>
  <p role="status">Items in the cart: <span data-cart-count>0</span></p>

  <h3>Traits</h3>
  <form class="pg-identify" data-identify>
    <label>Trait <input name="key" value="email" required pattern="[A-Za-z_][A-Za-z0-9_]*" autocomplete="off"></label>
    <label>Value <input name="value" value="ada@stride.example" autocomplete="off"></label>
    <button type="submit" class="button pg-small">Identify</button>
  </form>
  <p class="pg-muted">Calls <code>beckon.identify({ trait: value })</code>; numbers, <code>true</code> and <code>false</code> are kept as such. The demo config's <code>staff</code> list holds ada@stride.example.</p>
  <p>Traits now: <code data-traits aria-live="polite">…</code></p>

  <h3>Quiz answers</h3>
  <p>Show a quiz campaign of the running config and answer it: answers are kept as <code>answers.&lt;quiz&gt;.&lt;question&gt;</code> and can put the visitor in segments at once. An inline campaign shows only where its target is on the page; this page has the demo's <code>.shoe-finder</code> slot below.</p>
  <div class="pg-actions" data-quiz-buttons></div>
  <div class="shoe-finder"></div>
  <p>Answers now: <code data-answers aria-live="polite">…</code></p>

  <h3>Start over</h3>
  <p><button type="button" class="button" data-forget>Forget me</button> <span class="pg-muted">deletes everything Beckon stored about this visitor, empties the demo cart and reloads as a new visitor arriving direct.</span></p>
</section>`,
  });
}

/** The product image: a shoe silhouette in the product's colour, so the demo needs no image files. */
function productImage(slug) {
  const p = products.find((x) => `${x.slug}.svg` === slug);
  if (!p) return undefined;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" role="img" aria-label="${escapeHtml(p.name)}">
<rect width="320" height="200" fill="#f4f1ea"/>
<path d="M40 130 C60 80 110 70 150 95 L200 120 C240 125 280 130 285 150 L285 160 L40 160 Z" fill="${p.color}"/>
<rect x="40" y="160" width="245" height="12" rx="6" fill="#222"/>
</svg>`;
}

/**
 * Returns `{ type, body }` for a page of the store, or undefined for a 404. `embed`
 * replaces Beckon's snippet on product pages: the browser benchmark puts other tools
 * (or none) on the same page.
 */
export function renderRoute(pathname, { embed } = {}) {
  const html = (body) => body && { type: 'text/html; charset=utf-8', body };
  if (pathname === '/') return html(home());
  let m;
  if ((m = pathname.match(/^\/category\/([a-z-]+)$/))) return html(category(m[1]));
  if ((m = pathname.match(/^\/products\/([a-z-]+)$/))) return html(product(m[1], embed));
  if ((m = pathname.match(/^\/info\/([a-z-]+)$/))) return html(info(m[1]));
  if ((m = pathname.match(/^\/assets\/img\/([a-z-]+\.svg)$/))) {
    const svg = productImage(m[1]);
    return svg && { type: 'image/svg+xml', body: svg };
  }
  if (pathname === '/cart') return html(cart());
  if (pathname === '/checkout') return html(checkout());
  if (pathname === '/thank-you') return html(thankYou());
  if (pathname === '/playground') return html(playground());
  return undefined;
}

export const notFoundPage = () => layout({ title: 'Not found', body: '<h1>Page not found</h1><p><a href="/">Back to the store</a></p>' });
