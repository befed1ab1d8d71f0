import { expect, test, type Page } from '@playwright/test';
import { host, settled, shot, widget } from './visitorHelpers.js';

// International stores and content: right-to-left pages with left-to-right values,
// the close button over right-to-left text, phone numbers and emails as visitors in
// other countries type them, dates read to screen readers, prices in other notations,
// and schedules in half-hour time zones.

/** Where (x, viewport) each of `chars` (an index into the text node) is drawn. */
const xAt = (page: Page, id: string, sel: string, indices: number[]) =>
  widget(page, id).evaluate(
    (h, [sel, indices]) => {
      const el = h.shadowRoot!.querySelector(sel as string)!;
      const text = el.firstChild as Text;
      return (indices as number[]).map((i) => {
        const r = document.createRange();
        r.setStart(text, i);
        r.setEnd(text, i + 1);
        return Math.round(r.getBoundingClientRect().left);
      });
    },
    [sel, indices] as const,
  );

test.describe('bidi: a left-to-right value in a right-to-left sentence', () => {
  const PRODUCT = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Air Zoom (Men)","sku":"AZ-1","offers":{"@type":"Offer","price":"549.00","priceCurrency":"ILS"}}</script>`;

  test('Hebrew page: a Latin product name ending in “)” keeps its bracket after “Men”, not mirrored before “Air”', async ({ page }) => {
    await host(page, {
      htmlAttrs: 'dir="rtl" lang="he"',
      head: PRODUCT,
      config: { version: 1, campaigns: [{ id: 't', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'ראית את {{page.product.name|המוצר}} היום' } }] },
    });
    const h2 = widget(page, 't').getByRole('heading');
    await expect(h2).toContainText('Air Zoom');
    await shot(page, 'intl-rtl-ltr-value');
    const text = (await h2.textContent())!;
    const [air, open, men, close] = await xAt(page, 't', 'h2', [text.indexOf('Air'), text.indexOf('('), text.indexOf('Men'), text.indexOf(')')]);
    // Drawn as the store wrote it, left to right: Air … (Men)
    expect({ openBeforeMen: open! < men!, closeAfterMen: close! > men!, airFirst: air! < open! }, JSON.stringify({ air, open, men, close })).toEqual({ openBeforeMen: true, closeAfterMen: true, airFirst: true });
  });

  test('Arabic page: a Latin name with a trailing period (“J. Smith Jr.”) keeps its period at its end', async ({ page }) => {
    await host(page, {
      htmlAttrs: 'dir="rtl" lang="ar"',
      preBoot: `beckon('identify', { fullName: 'J. Smith Jr.' });`,
      config: { version: 1, campaigns: [{ id: 't', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'مرحبا {{traits.fullName|صديقي}} خصم لك' } }] },
    });
    const h2 = widget(page, 't').getByRole('heading');
    await expect(h2).toContainText('Smith');
    const text = (await h2.textContent())!;
    const dot = text.lastIndexOf('.');
    const [jr, period] = await xAt(page, 't', 'h2', [text.indexOf('Jr'), dot]);
    expect(period! > jr!, JSON.stringify({ jr, period })).toBe(true);
  });
});

test.describe('bidi: a phone number read back in a right-to-left sentence', () => {
  test('Arabic form: “we will call you on {{traits.phone}}” shows +971 50 123 4567 in the order the visitor typed it', async ({ page }) => {
    await host(page, {
      htmlAttrs: 'dir="rtl" lang="ar"',
      config: {
        version: 1,
        campaigns: [{ id: 'f', type: 'inline', placement: { target: '#slot' }, content: { kind: 'form', title: 'اطلب مكالمة', fields: [{ name: 'phone', type: 'tel', label: 'رقم الهاتف', required: true }], submit: { label: 'أرسل', successMessage: 'شكرا، سنتصل بك على {{traits.phone}} قريبا' } } }],
      },
    });
    const w = widget(page, 'f');
    await w.getByLabel('رقم الهاتف').fill('+971 50 123 4567');
    await w.getByRole('button', { name: 'أرسل' }).click();
    const status = w.getByRole('status');
    await expect(status).toContainText('4567');
    await shot(page, 'intl-rtl-phone-readback');
    const text = (await status.textContent())!;
    const xs = await xAt(page, 'f', '[role=status]', ['+971', '50 ', '123', '4567'].map((p) => text.indexOf(p)));
    // Left to right, as typed: +971, 50, 123, 4567.
    expect(xs.every((x, i) => i == 0 || x > xs[i - 1]!), JSON.stringify(xs)).toBe(true);
  });
});

test.describe('bidi: a right-to-left value outside the Basic Multilingual Plane', () => {
  test('an Adlam first name (Fula, U+1E900) in an English title does not drag the “10%” in front of it, as an Arabic one does not', async ({ page }) => {
    const name = '\u{1E900}\u{1E923}\u{1E922}\u{1E925}\u{1E922}';
    await host(page, {
      config: { version: 1, campaigns: [{ id: 't', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Hi {{traits.firstName|there}}: 10% off today' } }] },
      preBoot: `beckon('identify', { firstName: '${name}' });`,
    });
    const h2 = widget(page, 't').getByRole('heading');
    await expect(h2).toContainText('off today');
    const text = (await h2.textContent())!;
    const [hi, first, pct, off] = await xAt(page, 't', 'h2', [text.indexOf('Hi'), text.indexOf(name), text.indexOf('10%'), text.indexOf('off')]);
    expect(hi! < first! && first! < pct! && pct! < off!, JSON.stringify({ hi, first, pct, off })).toBe(true);
  });
});

test.describe('the close button and right-to-left text', () => {
  /** Whether the × overlaps the box of the first line of the first text element after it. */
  const overlap = (page: Page, id: string, sel: string) =>
    widget(page, id).evaluate((h, sel) => {
      const x = h.shadowRoot!.querySelector('.x')!.getBoundingClientRect();
      const el = h.shadowRoot!.querySelector(sel)!;
      const r = document.createRange();
      r.selectNodeContents(el);
      const line = r.getClientRects()[0]!;
      const hit = line.left < x.right && line.right > x.left && line.top < x.bottom && line.bottom > x.top;
      return { hit, x: [Math.round(x.left), Math.round(x.right), Math.round(x.top), Math.round(x.bottom)], line: [Math.round(line.left), Math.round(line.right), Math.round(line.top), Math.round(line.bottom)] };
    }, sel);

  test('a corner message with a body and no title: in English the short first line is clear of × (control)', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [{ id: 'm', type: 'message', content: { kind: 'message', body: 'Need help? We are here.' } }] } });
    await expect(widget(page, 'm')).toHaveCount(1);
    await settled(page);
    expect((await overlap(page, 'm', 'p')).hit).toBe(false);
  });

  test('a corner message (left-to-right) whose first line is filled by a long German compound word: the × does not sit on its end', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [{ id: 'm', type: 'message', content: { kind: 'message', body: 'Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz: alles, was Sie wissen müssen.' } }] } });
    await expect(widget(page, 'm')).toHaveCount(1);
    await settled(page);
    const o = await overlap(page, 'm', 'p');
    expect(o.hit, JSON.stringify(o)).toBe(false);
  });

  test('the same message in Hebrew (dir="rtl"): the × does not sit on top of the first words', async ({ page }) => {
    await host(page, { htmlAttrs: 'dir="rtl" lang="he"', config: { version: 1, campaigns: [{ id: 'm', type: 'message', content: { kind: 'message', body: 'צריכים עזרה? אנחנו כאן.' } }] } });
    await expect(widget(page, 'm')).toHaveCount(1);
    await settled(page);
    await shot(page, 'intl-rtl-close-over-body');
    const o = await overlap(page, 'm', 'p');
    expect(o.hit, JSON.stringify(o)).toBe(false);
  });

  test('a popup form with no title in Arabic: the × does not sit on the first field’s label', async ({ page }) => {
    await host(page, {
      htmlAttrs: 'dir="rtl" lang="ar"',
      config: { version: 1, campaigns: [{ id: 'f', type: 'popup', content: { kind: 'form', fields: [{ name: 'email', type: 'email', label: 'البريد الإلكتروني', required: true }], submit: { label: 'اشترك' } } }] },
    });
    await expect(widget(page, 'f')).toHaveCount(1);
    await settled(page);
    await shot(page, 'intl-rtl-close-over-label');
    const o = await overlap(page, 'f', 'label');
    expect(o.hit, JSON.stringify(o)).toBe(false);
  });
});

test.describe('phone numbers and emails as visitors abroad type them', () => {
  const FORM = (fields: unknown[]) => ({
    version: 1,
    campaigns: [{ id: 'f', type: 'inline', placement: { target: '#slot' }, content: { kind: 'form', title: 'お問い合わせ', fields, submit: { label: '送信', successMessage: 'ok' } } }],
  });

  for (const [label, number] of [
    ['ASCII with hyphens (control)', '090-1234-5678'],
    ['full-width digits (control: README “any script’s digits”)', '０９０１２３４５６７８'],
    ['full-width digits and full-width hyphens, as a Japanese IME types them', '０９０－１２３４－５６７８'],
    ['full-width plus, brackets and ideographic space', '＋８１（９０）１２３４　５６７８'],
  ] as const) {
    test(`a Japanese visitor’s phone number: ${label}`, async ({ page }) => {
      await host(page, { htmlAttrs: 'lang="ja"', config: FORM([{ name: 'phone', type: 'tel', label: '電話番号', required: true }]) });
      const w = widget(page, 'f');
      await w.getByLabel('電話番号').fill(number);
      await w.getByRole('button', { name: '送信' }).click();
      // README: “a phone number may be written with dots or slashes, in any script’s digits”.
      await expect(w.getByRole('alert')).toHaveCount(0);
      await expect(w.getByRole('status')).toHaveText('ok');
    });
  }
});

test.describe('the countdown read to screen readers', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
  test('on a German page (lang="de") the end date is written the German way, as the words around it are', async ({ page }) => {
    await host(page, {
      htmlAttrs: 'lang="de"',
      config: { version: 1, strings: { days: '{n} T.' }, campaigns: [{ id: 'c', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Winterschlussverkauf', countdown: { until: '2099-12-31T23:59:00', label: 'Endet am' } } }] },
    });
    const sr = await widget(page, 'c').evaluate((h) => h.shadowRoot!.querySelector('.cd .sr')!.textContent);
    // German as the browser writes it ("31. Dezember 2099 um 23:59" or "31.12.2099"), not "12/31/2099".
    expect(sr).toMatch(/31\.? (Dezember|12\.)\s?2099/);
  });
});

test.describe('prices in other notations from the dataLayer', () => {
  for (const [price, value] of [
    ['1.299,00 €', 1299],
    ['1.299,00 kr.', 1299],
    ['Rs. 1,299.00', 1299],
  ] as const) {
    test(`an add_to_cart with price "${price}" makes a cart worth ${value}`, async ({ page }) => {
      await host(page, { config: { version: 1 } });
      await page.evaluate((price) => {
        const dl = ((window as any).dataLayer ??= []);
        dl.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'A', item_name: 'Sko', price, quantity: 1 }] } });
      }, price);
      await expect.poll(async () => ((await page.evaluate(() => (window as any).beckon.profile())) as any).cart.value).toBe(value);
    });
  }
});

test.describe('schedule hours in half- and three-quarter-hour zones', () => {
  for (const [timezoneId, before, at] of [
    ['Asia/Kolkata', '2026-12-07T03:29:00Z', '2026-12-07T03:30:00Z'],
    ['Pacific/Chatham', '2026-12-06T19:14:00Z', '2026-12-06T19:15:00Z'],
  ] as const) {
    test.describe(timezoneId, () => {
      test.use({ timezoneId });
      test(`a bar for [9, 17) shows when 09:00 comes in ${timezoneId}, not at the next UTC hour`, async ({ page }) => {
        await page.clock.install({ time: Date.parse(before) });
        await host(page, { config: { version: 1, campaigns: [{ id: 'open', type: 'bar', schedule: { hours: [9, 17] }, content: { kind: 'message', title: 'Live chat open' } }] } });
        await page.clock.runFor(2_000);
        await expect(widget(page, 'open')).toHaveCount(0);
        expect(await page.evaluate(() => (window as any).beckon.profile().then((p: any) => p.time.hour))).toBe(8);
        await page.clock.runFor(Date.parse(at) - Date.parse(before) + 1_000);
        await expect(widget(page, 'open')).toHaveCount(1);
      });
    });
  }
});

test.describe('paths in other scripts', () => {
  const ARABIC_PATH = '/intl/ar/منتجات/حذاء';
  async function arabicPage(page: Page, config: unknown) {
    await page.route('**/intl/ar/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>حذاء</title><script src="/fixtures/widgets-boot.js"></script><script async src="/beckon.js"></script></head><body><main><section id="slot"></section></main></body></html>` }),
    );
    await page.route('**/fixtures/campaigns/intl-path.json', (route) => route.fulfill({ json: config }));
    await page.goto(`${ARABIC_PATH}?config=intl-path`);
    await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
    return page.evaluate(() => (window as any).beckon.profile());
  }

  test('a pages glob written in Arabic (/intl/ar/منتجات/*) matches the page (control: README “a path reads as written”)', async ({ page }) => {
    await arabicPage(page, { version: 1, campaigns: [{ id: 'g', type: 'inline', placement: { target: '#slot' }, pages: { include: ['/intl/ar/منتجات/*'] }, content: { kind: 'message', title: 'خصم' } }] });
    await expect(widget(page, 'g')).toHaveCount(1);
  });
});
