import { expect, test } from '@playwright/test';
import { events, focusedId, formConfig, formEndpoint, linesOf, open, profile, ready, widget } from './formsHelpers.js';
import { storedValue, watchPage } from './pageWatch.js';

const oneEmail = [{ name: 'email', type: 'email', label: 'Email', required: true }, { name: 'firstName', type: 'text', label: 'First name', required: true }];

test.describe('forms: containers, consent, SPA, strings', () => {
  for (const type of ['popup', 'bar', 'message', 'inline']) {
    test(`${type}: errors visible in the viewport, keyboard submit, success shown`, async ({ page }) => {
      const watch = watchPage(page);
      await page.setViewportSize({ width: 800, height: 600 });
      await open(page, formConfig(type, {}, {}, oneEmail));
      const f = widget(page, 'f');
      await expect(f.getByLabel('Email')).toBeVisible();
      await f.getByRole('button', { name: 'Send' }).click();
      await expect(f.getByRole('alert')).toHaveCount(2);
      for (const alert of await f.getByRole('alert').all()) await expect(alert).toBeInViewport({ ratio: 1 });
      await f.getByLabel('Email').fill('x@example.com');
      await f.getByLabel('First name').fill('Ann');
      await f.getByLabel('First name').press('Enter');
      await expect(f.getByRole('status')).toHaveText('Thanks, you are in!');
      await expect(f.getByRole('status')).toBeInViewport();
      expect(await events(page, 'submit')).toHaveLength(1);
      expect(watch.errors).toEqual([]);
    });
  }

  test('popup form: focus starts inside, Tab stays inside, Escape closes without a submit', async ({ page }) => {
    await open(page, formConfig('popup', {}, {}, oneEmail));
    const f = widget(page, 'f');
    await expect(f.getByLabel('Email')).toBeVisible();
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BECKON-WIDGET');
    await page.keyboard.press('Escape');
    await expect(f).toHaveCount(0);
    expect(await events(page, 'submit')).toHaveLength(0);
  });

  test('consent pending: a submission stores nothing and sends nothing (dataLayer, form endpoint); granted, it goes', async ({ page }) => {
    const got = await formEndpoint(page);
    await open(page, { ...formConfig('inline', { endpoint: '/form-endpoint' }, {}, oneEmail), consent: { required: true } }, '&dataLayer=1');
    const f = widget(page, 'f');
    await f.getByLabel('Email').fill('p@example.com');
    await f.getByLabel('First name').fill('Pat');
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toBeVisible();
    await page.waitForTimeout(2000);
    const dlBefore = await page.evaluate(() => JSON.stringify((window as any).dataLayer));
    expect(dlBefore).not.toContain('beckon_submit');
    expect(got).toHaveLength(0);
    expect(await storedValue(page, 'visitor')).toBeUndefined();
    expect(await storedValue(page, 'outbox')).toBeUndefined();
    expect((await profile(page)).traits).toEqual({ firstName: 'Pat' });
    await page.evaluate(() => (window as any).beckon.consent('granted'));
    await expect.poll(() => linesOf(got).length, { timeout: 8000 }).toBe(1);
    const dlAfter = await page.evaluate(() => JSON.stringify((window as any).dataLayer));
    expect(dlAfter).toContain('beckon_submit');
    expect(((await storedValue<any>(page, 'visitor')) ?? {}).traits).toEqual({ firstName: 'Pat' });
  });

  test('a consent field is a trait only; it does not grant the SDK consent', async ({ page }) => {
    await open(page, { ...formConfig('inline', {}, {}, [{ name: 'agree', type: 'consent', label: 'I agree', required: true }]), consent: { required: true } });
    const f = widget(page, 'f');
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('alert')).toHaveText('Please tick this box to continue');
    await f.getByLabel('I agree').check();
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toBeVisible();
    await page.waitForTimeout(500);
    expect((await profile(page)).traits).toEqual({ agree: true });
    expect(await storedValue(page, 'visitor')).toBeUndefined();
  });

  test('SPA navigation while typing: an inline form kept in the page keeps what was typed', async ({ page }) => {
    await open(page, formConfig('inline', {}, {}, oneEmail));
    const f = widget(page, 'f');
    await f.getByLabel('Email').fill('spa@example.com');
    await f.getByLabel('First name').pressSequentially('Ma');
    await page.evaluate(() => history.pushState({}, '', '/fixtures/widgets.html?step=2'));
    await page.waitForTimeout(800);
    await f.getByLabel('First name').pressSequentially('ria');
    await expect(f.getByLabel('Email')).toHaveValue('spa@example.com');
    await expect(f.getByLabel('First name')).toHaveValue('Maria');
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toBeVisible();
    expect(await events(page, 'submit')).toHaveLength(1);
  });

  test('SPA navigation to a page outside the popup\'s pages while typing: the open popup stays', async ({ page }) => {
    await open(page, formConfig('popup', {}, { pages: { include: ['/fixtures/widgets.html'] } }, oneEmail));
    const f = widget(page, 'f');
    await f.getByLabel('Email').fill('spa2@example.com');
    await page.evaluate(() => history.pushState({}, '', '/elsewhere'));
    await page.waitForTimeout(800);
    await expect(f.getByLabel('Email')).toHaveValue('spa2@example.com');
  });

  test('strings: the form speaks German (required, email, phone, tick, choose, submit, success)', async ({ page }) => {
    const strings = { required: 'Pflichtfeld', email: 'Bitte eine gültige E-Mail-Adresse', phone: 'Bitte eine Telefonnummer', tickRequired: 'Bitte ankreuzen', choose: 'Bitte wählen…', submit: 'Absenden', success: 'Danke!' };
    const fields = [
      { name: 'email', type: 'email', label: 'E-Mail', required: true },
      { name: 'tel', type: 'tel', label: 'Telefon' },
      { name: 'size', type: 'select', label: 'Größe', required: true, options: [{ value: '42', label: '42' }] },
      { name: 'ok', type: 'consent', label: 'Einverstanden', required: true },
    ];
    const config = formConfig('inline', {}, {}, fields);
    delete (config.campaigns[0] as any).content.submit.label;
    delete (config.campaigns[0] as any).content.submit.successMessage;
    await open(page, { ...config, strings });
    const f = widget(page, 'f');
    await f.getByLabel('E-Mail').fill('kein');
    await f.getByLabel('Telefon').fill('1');
    await f.getByRole('button', { name: 'Absenden' }).click();
    expect(await f.getByRole('alert').allTextContents()).toEqual(['Bitte eine gültige E-Mail-Adresse', 'Bitte eine Telefonnummer', 'Pflichtfeld', 'Bitte ankreuzen']);
    await expect(f.getByLabel('Größe').locator('option').first()).toHaveText('Bitte wählen…');
    await f.getByLabel('E-Mail').fill('ja@example.de');
    await f.getByLabel('Telefon').fill('030 1234567');
    await f.getByLabel('Größe').selectOption('42');
    await f.getByLabel('Einverstanden').check();
    await f.getByRole('button', { name: 'Absenden' }).click();
    await expect(f.getByRole('status')).toHaveText('Danke!');
  });

  test('a campaign\'s own strings override the config\'s for its form', async ({ page }) => {
    const config = formConfig('inline', {}, { strings: { required: 'Obligatoire' } }, oneEmail);
    await open(page, { ...config, strings: { required: 'Pflichtfeld' } });
    const f = widget(page, 'f');
    await f.getByRole('button', { name: 'Send' }).click();
    expect(await f.getByRole('alert').allTextContents()).toEqual(['Obligatoire', 'Obligatoire']);
  });
});

test.describe('forms: small screens', () => {
  for (const type of ['bar', 'message', 'popup']) {
    test(`${type} with six fields on a 320×480 phone: after an empty submit every control and the Send button can be reached and seen`, async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 480 });
      const { allFields } = await import('./formsHelpers.js');
      await open(page, formConfig(type, {}, {}, allFields));
      const f = widget(page, 'f');
      await expect(f.getByLabel('Email')).toBeVisible();
      await f.getByRole('button', { name: 'Send' }).click();
      await expect(f.getByRole('alert')).toHaveCount(2);
      const unreachable: string[] = [];
      for (const name of ['Email', 'First name', 'Phone', 'Usual size', 'Send me the newsletter', 'I agree to the privacy policy']) {
        const el = f.getByLabel(name);
        await el.scrollIntoViewIfNeeded().catch(() => undefined);
        if (!(await el.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }))) unreachable.push(name);
      }
      const send = f.getByRole('button', { name: 'Send' });
      await send.scrollIntoViewIfNeeded().catch(() => undefined);
      if (!(await send.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }))) unreachable.push('Send');
      expect(unreachable).toEqual([]);
    });
  }
});

test('consent pending, form submitted, then granted: on the next page the form stays away and the gate stays open', async ({ page }) => {
  const name = await open(page, { ...formConfig('inline', { unlock: '#guide' }, { frequency: { maxPerSession: 9 } }, oneEmail), consent: { required: true } });
  const f = widget(page, 'f');
  await f.getByLabel('Email').fill('q@example.com');
  await f.getByLabel('First name').fill('Q');
  await f.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('#guide')).toBeVisible();
  await page.evaluate(() => (window as any).beckon.consent('granted'));
  await page.waitForTimeout(1000);
  await page.goto(`/fixtures/widgets.html?config=${name}`);
  await ready(page);
  await page.waitForTimeout(1000);
  await expect(widget(page, 'f')).toHaveCount(0);
  await expect(page.locator('#guide')).toBeVisible();
});
