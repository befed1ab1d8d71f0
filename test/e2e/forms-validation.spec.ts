import { expect, test } from '@playwright/test';
import { allFields, events, focusedId, formConfig, open, profile, widget } from './formsHelpers.js';
import { watchPage } from './pageWatch.js';

test.describe('forms: validation', () => {
  test('empty submit: each required field invalid, announced, described, focus on the first', async ({ page }) => {
    await open(page, formConfig('inline'));
    const f = widget(page, 'f');
    await f.getByRole('button', { name: 'Send' }).click();
    const email = f.getByLabel('Email');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    const terms = f.getByLabel('I agree to the privacy policy');
    await expect(terms).toHaveAttribute('aria-invalid', 'true');
    // Optional ones stay valid.
    await expect(f.getByLabel('First name')).toHaveAttribute('aria-invalid', 'false');
    await expect(f.getByRole('alert')).toHaveCount(2);
    const describedBy = await email.getAttribute('aria-describedby');
    const text = await f.locator(`[id="${describedBy}"]`).textContent();
    expect(text).toBe('This field is required');
    expect(await focusedId(page)).toBe('input[email]');
    expect(await terms.evaluate((el) => (el as HTMLInputElement).getAttribute('aria-describedby'))).toBeTruthy();
    expect(await events(page, 'submit')).toEqual([]);
  });

  test('fixing one error and submitting again clears only that one; focus goes to the remaining one', async ({ page }) => {
    await open(page, formConfig('inline'));
    const f = widget(page, 'f');
    await f.getByRole('button', { name: 'Send' }).click();
    await f.getByLabel('Email').fill('ok@example.com');
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByLabel('Email')).toHaveAttribute('aria-invalid', 'false');
    await expect(f.getByLabel('I agree to the privacy policy')).toHaveAttribute('aria-invalid', 'true');
    await expect(f.getByRole('alert')).toHaveCount(1);
    expect(await focusedId(page)).toBe('input[terms]');
  });

  test('whitespace-only required text is required; email and phone errors', async ({ page }) => {
    const fields = [
      { name: 'firstName', type: 'text', label: 'First name', required: true },
      { name: 'email', type: 'email', label: 'Email' },
      { name: 'phone', type: 'tel', label: 'Phone' },
      { name: 'size', type: 'select', label: 'Size', required: true, options: [{ value: '42', label: 'EU 42' }] },
    ];
    await open(page, formConfig('inline', {}, {}, fields));
    const f = widget(page, 'f');
    await f.getByLabel('First name').fill('    ');
    await f.getByLabel('Email').fill('not-an-email');
    await f.getByLabel('Phone').fill('12');
    await f.getByRole('button', { name: 'Send' }).click();
    const alerts = await f.getByRole('alert').allTextContents();
    expect(alerts).toEqual(['This field is required', 'Enter an email address like name@example.com', 'Enter a phone number with at least 6 digits', 'This field is required']);
  });

  test('emails a visitor may well have are accepted: IDN, plus-addressing, uppercase, quoted local part', async ({ page }) => {
    const fields = [{ name: 'email', type: 'email', label: 'Email', required: true, remember: true }];
    const results: Record<string, unknown> = {};
    for (const value of ['ü@exämple.de', 'jane+shoes@example.com', 'JANE.DOE@EXAMPLE.COM', '"jane.doe"@example.com', 'jane@sub.example.co.uk']) {
      await open(page, formConfig('inline', {}, {}, fields));
      const f = widget(page, 'f');
      await f.getByLabel('Email').fill(value);
      await f.getByRole('button', { name: 'Send' }).click();
      await page.waitForTimeout(300);
      results[value] = (await f.getByRole('alert').allTextContents()).join(' ') || 'ok';
      await page.evaluate(() => (window as any).beckon.forget());
    }
    expect(results).toEqual({ 'ü@exämple.de': 'ok', 'jane+shoes@example.com': 'ok', 'JANE.DOE@EXAMPLE.COM': 'ok', '"jane.doe"@example.com': 'ok', 'jane@sub.example.co.uk': 'ok' });
  });

  test('a phone number written with dots (555.123.4567) has ten digits: it is accepted', async ({ page }) => {
    const fields = [{ name: 'phone', type: 'tel', label: 'Phone', required: true }];
    await open(page, formConfig('inline', {}, {}, fields));
    const f = widget(page, 'f');
    await f.getByLabel('Phone').fill('555.123.4567');
    await f.getByRole('button', { name: 'Send' }).click();
    await page.waitForTimeout(300);
    // The message says "at least 6 digits"; the visitor typed 10.
    expect(await f.getByRole('alert').allTextContents()).toEqual([]);
  });

  test('after correcting a flagged field, it no longer reads as invalid (aria-invalid) while the visitor goes on', async ({ page }) => {
    await open(page, formConfig('inline'));
    const f = widget(page, 'f');
    await f.getByRole('button', { name: 'Send' }).click();
    await f.getByLabel('Email').fill('fixed@example.com');
    await f.getByLabel('Email').blur();
    // Still flagged invalid, and its message still says "required", with a valid email in it.
    await expect(f.getByLabel('Email')).toHaveAttribute('aria-invalid', 'false', { timeout: 2000 });
  });

  test('autofill-like input (value set programmatically, then input/change events) is taken', async ({ page }) => {
    await open(page, formConfig('inline', {}, {}, [...allFields.slice(0, 4)]));
    const f = widget(page, 'f');
    // The page is ready before the widget is: its fields are there once the label is.
    await expect(f.getByLabel('Email')).toBeVisible();
    await page.evaluate(() => {
      const root = document.querySelector('beckon-widget[data-campaign="f"]')!.shadowRoot!;
      const set = (name: string, v: string) => {
        const el = root.querySelector(`[name="${name}"]`) as HTMLInputElement;
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      };
      set('email', 'auto@example.com');
      set('firstName', '  Zoë  ');
      set('phone', '+49 30 1234567');
      set('size', '43');
    });
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toHaveText('Thanks, you are in!');
    await page.waitForTimeout(300);
    const p = await profile(page);
    expect(p.traits).toEqual({ firstName: 'Zoë', phone: '+49 30 1234567', size: '43' });
  });

  test('a very long answer with emoji: the trait kept is well-formed text (no lone surrogate), no page error', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, formConfig('inline', {}, {}, [{ name: 'note', type: 'text', label: 'Note', required: true }]));
    const f = widget(page, 'f');
    // 1 + 2 × 1500 UTF-16 code units: a cut at 2000 falls inside a surrogate pair.
    const long = 'é' + '😀'.repeat(1500);
    await f.getByLabel('Note').fill(`  ${long}  `);
    await f.getByRole('button', { name: 'Send' }).click();
    await expect(f.getByRole('status')).toBeVisible();
    await page.waitForTimeout(300);
    const kept = await page.evaluate(async () => {
      const note = ((await (window as any).beckon.profile()).traits.note as string) ?? '';
      return { wellFormed: (note as any).isWellFormed(), startsRight: note.startsWith('é😀'), length: note.length };
    });
    expect({ wellFormed: kept.wellFormed, startsRight: kept.startsRight }).toEqual({ wellFormed: true, startsRight: true });
    expect(watch.errors).toEqual([]);
  });
});
