import { expect, test } from '@playwright/test';
import { watchPage } from './pageWatch.js';
import { BOOT, html, serve } from './securityHelpers.js';

// a hostile page breaks globals Beckon may lean on. DESIGN §9: never throw into
// the host page; a storage failure falls back to memory with one console line.
const config = {
  version: 1,
  campaigns: [{ id: 'pop', type: 'popup', content: { kind: 'message', title: 'Hello', cta: { label: 'Go', href: '/go' } } }],
};

const CASES: [string, string][] = [
  ['JSON.parse throws', "JSON.parse = function () { throw new Error('store JSON.parse'); };"],
  ['customElements.define throws', "customElements.define = function () { throw new Error('store define'); };"],
  ['beckon-widget already defined with a closed shadow root', "customElements.define('beckon-widget', class extends HTMLElement { constructor() { super(); this.attachShadow({ mode: 'closed' }); } });"],
  ['beckon-widget already defined, throwing on connect', "customElements.define('beckon-widget', class extends HTMLElement { connectedCallback() { throw new Error('store connected'); } });"],
  ['window.indexedDB deleted', "Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });"],
  ['window.indexedDB getter throws', "Object.defineProperty(window, 'indexedDB', { get() { throw new Error('store: no idb'); }, configurable: true });"],
  ['enumerable junk on Object.prototype and Array.prototype', "Object.prototype.junk = function () {}; Array.prototype.last = function () { return this[this.length - 1]; };"],
  ['BroadcastChannel throws', "window.BroadcastChannel = function () { throw new Error('store BC'); };"],
  ['CSSStyleSheet.prototype.replaceSync throws', "CSSStyleSheet.prototype.replaceSync = function () { throw new Error('store replaceSync'); };"],
  ['Element.prototype.attachShadow throws', "Element.prototype.attachShadow = function () { throw new Error('store attachShadow'); };"],
];

for (const [what, code] of CASES) {
  test(`${what}: no uncaught error from Beckon, page keeps working`, async ({ page }) => {
    const watch = watchPage(page);
    await serve(page, {
      'page.html': html({ pre: true, body: '<button id="own">own</button>' }),
      'pre.js': code + "\nwindow.__init = { config: '/sec/config.json' };",
      'boot.js': BOOT,
      'config.json': config,
    });
    await page.goto('/sec/page.html');
    await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
    // profile() settles (not left hanging, not rejecting).
    const settled = await page.evaluate(() => Promise.race([(window as any).beckon.profile().then(() => 'ok', (e: any) => 'rejected ' + e), new Promise((r) => setTimeout(() => r('hung'), 4000))]));
    expect(settled).toBe('ok');
    await page.waitForTimeout(800);
    const state = await page.evaluate(() => ({ hosts: document.querySelectorAll('beckon-widget').length, dialog: !!document.querySelector('beckon-widget')?.shadowRoot?.querySelector('[role=dialog]') }));
    test.info().annotations.push({ type: 'state', description: JSON.stringify({ state, warnings: watch.beckonWarnings(), consoleErrors: watch.consoleErrors }) });
    // Only the store's own throws may surface (e.g. its connectedCallback); none from Beckon.
    expect(watch.errors.filter((e) => !/^store /.test(e) && !/store connected/.test(e))).toEqual([]);
    // At most a couple of beckon warnings, never a flood.
    expect(watch.beckonWarnings().length).toBeLessThanOrEqual(2);
    // No leftover empty host: either a working widget or nothing.
    if (state.hosts) expect(state.dialog).toBe(true);
  });
}
