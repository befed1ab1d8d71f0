// The demo store's own script, standing in for a real store's theme: it keeps the cart
// in localStorage and pushes GA4 ecommerce events to window.dataLayer, the way stores
// using GA4 or Google Tag Manager already do. Beckon reads those events; this file
// knows nothing about Beckon.
(function () {
  var CART_KEY = 'stride-cart';
  var ORDER_KEY = 'stride-pending-order';
  var CURRENCY = 'EUR';
  window.dataLayer = window.dataLayer || [];

  function readCart() {
    try {
      var cart = JSON.parse(localStorage.getItem(CART_KEY) || '[]');
      return Array.isArray(cart) ? cart : [];
    } catch (e) {
      return [];
    }
  }
  function writeCart(cart) {
    localStorage.setItem(CART_KEY, JSON.stringify(cart));
    renderCount(cart);
  }
  function total(items) {
    return Math.round(items.reduce(function (sum, i) { return sum + i.price * i.quantity; }, 0) * 100) / 100;
  }
  function money(value) {
    return '€' + value.toFixed(2);
  }
  function push(event, items, extra) {
    window.dataLayer.push({ ecommerce: null });
    var ecommerce = { currency: CURRENCY, value: total(items), items: items };
    for (var key in extra) ecommerce[key] = extra[key];
    window.dataLayer.push({ event: event, ecommerce: ecommerce });
  }
  function renderCount(cart) {
    var count = cart.reduce(function (n, i) { return n + i.quantity; }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (el) { el.textContent = String(count); });
    document.querySelectorAll('[data-cart-total]').forEach(function (el) { el.textContent = money(total(cart)); });
  }

  function addToCart(item) {
    var cart = readCart();
    var line = cart.find(function (i) { return i.item_id === item.item_id; });
    if (line) line.quantity += 1;
    else cart.push(Object.assign({}, item, { quantity: 1 }));
    writeCart(cart);
    push('add_to_cart', [Object.assign({}, item, { quantity: 1 })]);
  }

  function removeFromCart(itemId) {
    var cart = readCart();
    var line = cart.find(function (i) { return i.item_id === itemId; });
    if (!line) return;
    writeCart(cart.filter(function (i) { return i !== line; }));
    push('remove_from_cart', [line]);
    renderCartLines();
  }

  function renderCartLines() {
    var box = document.querySelector('[data-cart-lines]');
    if (!box) return;
    var cart = readCart();
    box.replaceChildren();
    if (cart.length === 0) {
      var empty = document.createElement('p');
      empty.textContent = 'Your cart is empty.';
      box.append(empty);
      return;
    }
    var list = document.createElement('ul');
    list.className = 'cart-lines';
    cart.forEach(function (line) {
      var li = document.createElement('li');
      var name = document.createElement('span');
      name.textContent = line.quantity + ' × ' + line.item_name;
      var price = document.createElement('span');
      price.textContent = money(line.price * line.quantity);
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'link-button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove ' + line.item_name);
      remove.addEventListener('click', function () { removeFromCart(line.item_id); });
      li.append(name, price, remove);
      list.append(li);
    });
    box.append(list);
  }

  function start() {
    var page = {};
    try {
      page = JSON.parse(document.body.getAttribute('data-page') || '{}');
    } catch (e) {}
    var cart = readCart();
    renderCount(cart);

    // Add and remove buttons work on any page: the product pages have one, the playground one per demo product.
    document.querySelectorAll('[data-add-to-cart]').forEach(function (button) {
      button.addEventListener('click', function () {
        addToCart(JSON.parse(button.getAttribute('data-add-to-cart')));
        var note = document.querySelector('.added');
        if (note) note.hidden = false;
      });
    });
    document.querySelectorAll('[data-remove-from-cart]').forEach(function (button) {
      button.addEventListener('click', function () { removeFromCart(button.getAttribute('data-remove-from-cart')); });
    });

    if (page.type === 'product') {
      push('view_item', [page.item]);
    } else if (page.type === 'category') {
      window.dataLayer.push({ ecommerce: null });
      window.dataLayer.push({
        event: 'view_item_list',
        ecommerce: { item_list_id: page.list.id, item_list_name: page.list.name, items: page.list.items },
      });
    } else if (page.type === 'cart') {
      renderCartLines();
      push('view_cart', cart);
    } else if (page.type === 'checkout') {
      push('begin_checkout', cart);
      var form = document.querySelector('[data-checkout-form]');
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var order = { transaction_id: 'T' + Date.now().toString(36), items: readCart() };
        sessionStorage.setItem(ORDER_KEY, JSON.stringify(order));
        location.href = '/thank-you';
      });
    } else if (page.type === 'purchase') {
      var pending = sessionStorage.getItem(ORDER_KEY);
      if (pending) {
        var order = JSON.parse(pending);
        push('purchase', order.items, { transaction_id: order.transaction_id, shipping: 0, tax: 0 });
        sessionStorage.removeItem(ORDER_KEY);
        writeCart([]);
        var summary = document.querySelector('[data-order-summary]');
        if (summary) summary.textContent = 'Order ' + order.transaction_id + ' (' + money(total(order.items)) + ') is on its way.';
      }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
