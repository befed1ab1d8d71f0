import { expect, test, type Page } from '@playwright/test';
import { events, formConfig, formEndpoint, linesOf, open, ready, widget } from './formsHelpers.js';
import { storedValue } from './pageWatch.js';

// Forms as visitors use them, from a tenth round of probes in Chromium: each failed before
// its fix.

const email = [{ name: 'email', type: 'email', label: 'Email', required: true }];

test.describe('forms: what visitors do', () => {
  test('a popup that opens by itself waits while the visitor types in an inline Beckon form', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { id: 'f', type: 'inline', placement: { target: '#slot' }, content: { kind: 'form', title: 'Join', fields: [{ name: 'firstName', type: 'text', label: 'First name' }], submit: { label: 'Send' } } },
        // Its delay ends while the visitor types (from about 0.7 s to 4 s), not before they start.
        { id: 'p', type: 'popup', trigger: { on: 'delay', seconds: 2 }, content: { kind: 'form', title: 'Popup', fields: [{ name: 'email', type: 'email', label: 'Popup email' }], submit: { label: 'Go' } } },
      ],
    };
    await open(page, config);
    const f = widget(page, 'f');
    await f.getByLabel('First name').click();
    for (const ch of 'Alexandra Montgomery') {
      await page.keyboard.type(ch);
      await page.waitForTimeout(150);
    }
    expect(await f.getByLabel('First name').inputValue()).toBe('Alexandra Montgomery');
    if (await widget(page, 'p').count()) expect(await widget(page, 'p').getByLabel('Popup email').inputValue()).toBe('');
  });

  test('phone numbers in Arabic-Indic / Persian digits and with slashes are accepted', async ({ page }) => {
    const rejected: string[] = [];
    await open(page, formConfig('inline', {}, { frequency: { maxPerSession: 10 } }, [{ name: 'phone', type: 'tel', label: 'Phone', required: true }]));
    for (const v of ['٠٥٠١٢٣٤٥٦٧', '۰۹۱۲۳۴۵۶۷۸۹', '030/1234567']) {
      const f = widget(page, 'f');
      await f.getByLabel('Phone').fill(v);
      await f.getByRole('button', { name: 'Send' }).click();
      await page.waitForTimeout(300);
      if (await f.getByRole('alert').count()) rejected.push(v);
      else await page.evaluate(() => (window as any).beckon.forget()).then(() => page.reload()).then(() => ready(page));
    }
    expect(rejected).toEqual([]);
  });

  test('the success message reads the traits the form just set', async ({ page }) => {
    const fields = [{ name: 'firstName', type: 'text', label: 'First name', required: true }];
    await open(page, formConfig('inline', { successMessage: 'Thanks, {{traits.firstName|friend}}!' }, {}, fields));
    const f = widget(page, 'f');
    await f.getByLabel('First name').fill('Jane');
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toHaveText('Thanks, Jane!');
  });

  test('frequency.stopAfterConversion: false lets a submitted form show again (within its caps)', async ({ page }) => {
    await open(page, formConfig('inline', {}, { frequency: { stopAfterConversion: false, maxPerSession: 10 } }, email));
    const f = widget(page, 'f');
    await f.getByLabel('Email').fill('s@example.com');
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toBeVisible();
    await page.waitForTimeout(500);
    await page.reload();
    await ready(page);
    await expect(widget(page, 'f')).toHaveCount(1, { timeout: 3000 });
  });

  test('closing a popup after a successful submission is not counted as a dismissal', async ({ page }) => {
    await open(page, formConfig('popup', {}, {}, email));
    const f = widget(page, 'f');
    await f.getByLabel('Email').fill('e@example.com');
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(f).toHaveCount(0);
    await page.waitForTimeout(500);
    expect(await events(page, 'dismiss')).toHaveLength(0);
    expect((await storedValue<any>(page, 'campaigns'))?.f?.dismissed).toBeUndefined();
  });

  test('a second failing submit with the same error is announced again', async ({ page }) => {
    await open(page, formConfig('inline', {}, {}, email));
    const f = widget(page, 'f');
    await f.getByLabel('Email').fill('bad');
    await f.getByLabel('Email').press('Enter');
    await expect(f.getByRole('alert')).toHaveCount(1);
    await page.evaluate(() => {
      const root = document.querySelector('beckon-widget')!.shadowRoot!;
      (window as any).alertChanges = 0;
      new MutationObserver((m) => ((window as any).alertChanges += m.length)).observe(root, { subtree: true, childList: true, characterData: true });
    });
    // Focus is already in the flagged field, so moving focus there re-reads nothing either.
    await f.getByLabel('Email').fill('still-bad');
    await f.getByLabel('Email').press('Enter');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).alertChanges)).toBeGreaterThan(0);
  });

  test('a form submitted in one tab is taken away in another open tab', async ({ page, context }) => {
    const config = formConfig('inline', { unlock: '#guide' }, { frequency: { maxPerSession: 5 } }, email);
    const name = await open(page, config);
    const b = await context.newPage();
    await b.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
    await b.goto(`/fixtures/widgets.html?config=${name}`);
    await ready(b);
    await expect(widget(b, 'f')).toHaveCount(1);
    await page.bringToFront();
    const f = widget(page, 'f');
    await f.getByLabel('Email').fill('t@example.com');
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toBeVisible();
    await b.bringToFront();
    await expect(b.locator('#guide')).toBeVisible({ timeout: 3000 });
    await expect(widget(b, 'f')).toHaveCount(0, { timeout: 3000 });
  });
});
