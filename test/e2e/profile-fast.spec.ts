import { expect, test } from '@playwright/test';
import { profile, serve, storePage } from './profileHelpers.js';

// A visitor who moves on quickly: what the page they left is remembered as.

test('an ad visitor who clicks on within a second of the landing page loading keeps the ad as the session’s source', async ({ page }) => {
  // A phone on a slow network: every request takes 300 ms more.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 200_000, uploadThroughput: 100_000 });
  await page.goto('/?utm_source=newsletter&utm_medium=email&utm_campaign=black-friday', { waitUntil: 'load' });
  await page.waitForTimeout(800);
  await page.getByRole('link', { name: 'Trail' }).first().click();
  await page.waitForURL(/\/category\/trail$/);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const p = await profile(page);
  expect(p.traffic).toMatchObject({ channel: 'email', campaign: 'black-friday' });
  expect(p.session.landingPage).toBe('/');
  expect(p.session.pageviews).toBe(2);
});

test('an add_to_cart pushed right before the button navigates to the next page is kept', async ({ page }) => {
  const product = storePage({ version: 1 }, {
    body: `<h1>Swift Road</h1><button id="buy">Buy now</button>
      <script>document.getElementById('buy').addEventListener('click', function () {
        dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 129, items: [{ item_id: 'RUN-001', item_name: 'Swift Road', price: 129, quantity: 1 }] } });
        location.href = '/probe/fast/next';
      });</script>`,
    head: '<script>window.dataLayer = window.dataLayer || [];</script>',
  });
  await serve(page, '**/probe/fast/product', product);
  await serve(page, '**/probe/fast/next', storePage({ version: 1 }));
  await page.goto('/probe/fast/product');
  await profile(page);
  await page.click('#buy');
  await page.waitForURL(/next$/);
  const p = await profile(page);
  expect(p.cart.count).toBe(1);
});
