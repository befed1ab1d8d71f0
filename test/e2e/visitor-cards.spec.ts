import { expect, test } from '@playwright/test';
import { host, settled, widget } from './visitorHelpers.js';

// How much of a small screen a bar or a corner card takes (kept from a probe round).

test('200% zoom (640×360): a bottom bar with a form leaves at least half the page visible', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 360 });
  const FORM = { kind: 'form', title: 'Get 10% off your first order', body: 'One email a month.', fields: [{ name: 'email', type: 'email', label: 'Email address', required: true }, { name: 'terms', type: 'consent', label: 'I agree to the privacy policy', required: true }], submit: { label: 'Sign me up' } };
  await host(page, { config: { version: 1, campaigns: [{ id: 'w', type: 'bar', placement: { position: 'bottom' }, content: FORM }] } });
  await settled(page);
  const h = await widget(page, 'w').evaluate((h) => h.shadowRoot!.querySelector('.b')!.getBoundingClientRect().height);
  expect(h).toBeLessThanOrEqual(180);
});

test('phone 390×844: the corner message card takes at most a third of the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/category/trail');
  await page.evaluate(() => (window as any).beckon.show('help-corner'));
  await expect(page.locator('beckon-widget[data-campaign="help-corner"]')).toHaveCount(1);
  await settled(page);
  await page.screenshot({ path: test.info().outputPath('help-corner-phone.png') });
  const h = await page.locator('beckon-widget[data-campaign="help-corner"]').evaluate((h) => h.shadowRoot!.querySelector('.m')!.getBoundingClientRect().height);
  expect(h).toBeLessThanOrEqual(844 / 3);
});
