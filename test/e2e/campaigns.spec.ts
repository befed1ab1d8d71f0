import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { axe, collectedFor, storedValue, watchPage } from './pageWatch.js';

/** Opens the widgets fixture with a config: a file in fixtures/campaigns, or an object served in its place. */
async function open(page: Page, config: string | Record<string, unknown>, fixture = 'widgets.html') {
  let name = config;
  if (typeof config !== 'string') {
    name = `inline-${Math.random().toString(36).slice(2)}`;
    await page.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
  }
  await page.goto(`/fixtures/${fixture}?config=${name}`);
  await ready(page);
}

async function ready(page: Page) {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}

const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
/** What the SDK has written to IndexedDB about each campaign (its frequency memory). */
const storedMemory = async (page: Page) => (await storedValue<Record<string, { n?: number; dismissed?: number }>>(page, 'campaigns')) ?? {};
const shown = async (page: Page) => page.locator('beckon-widget').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-campaign')).sort());
const events = (page: Page, name?: string) =>
  page.evaluate((name) => (window as any).events.filter((e: any) => !name || e.name === name), name) as Promise<any[]>;

test.describe('campaigns', () => {
  test('a popup is a modal dialog: focus moves in, is trapped, Escape closes it and focus returns', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, 'containers');
    const opener = page.locator('#open-offer');
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = widget(page, 'click-offer').getByRole('dialog', { name: 'The offer' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('aria-labelledby', /.+/);
    // Its body describes it, so a screen reader reads it as the dialog opens, not only the focused button.
    await expect(dialog).toHaveAccessibleDescription('Two pairs, one price.');
    const focusInside = () => page.evaluate(() => document.activeElement?.tagName === 'BECKON-WIDGET' && (document.activeElement as HTMLElement).dataset.campaign === 'click-offer');
    expect(await focusInside()).toBe(true);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
      await page.keyboard.press('Tab');
      expect(await focusInside()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(widget(page, 'click-offer')).toHaveCount(0);
    await expect(opener).toBeFocused();
    expect((await events(page, 'dismiss')).map((e) => e.campaignId)).toEqual(['click-offer']);
    expect(watch.errors).toEqual([]);
  });

  test('shows each container with its trigger: bars, a corner message, inline slots and a click popup', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, 'containers');
    await expect(widget(page, 'corner-help')).toHaveCount(1);
    expect(await shown(page)).toEqual(['bottom-note', 'corner-help', 'free-shipping', 'slot-offer']);
    await expect(widget(page, 'free-shipping').getByRole('complementary', { name: 'Free shipping over €50' })).toBeVisible();
    await expect(widget(page, 'corner-help').getByRole('complementary', { name: 'Need a size?' })).toBeVisible();
    // `replace` puts the widget in place of the slot's content.
    await expect(page.locator('#slot > beckon-widget')).toHaveCount(1);
    await expect(page.locator('#slot > p')).toHaveCount(0);
    // An inline target that appears later, as in a single-page app.
    await page.evaluate(() => document.querySelector('#later')!.insertAdjacentHTML('beforeend', '<div class="mount"></div>'));
    await expect(page.locator('#later .mount > beckon-widget[data-campaign="late-inline"]')).toHaveCount(1);
    // A delegated click trigger also counts for a matching element added after load.
    await page.evaluate(() => document.querySelector('#later')!.insertAdjacentHTML('beforeend', '<button class="open-offer" id="added">Added</button>'));
    await page.locator('#added').click();
    await expect(widget(page, 'click-offer').getByRole('dialog')).toBeVisible();
    const [top, bottom] = await Promise.all(['free-shipping', 'bottom-note'].map((id) => widget(page, id).evaluate((h) => h.shadowRoot!.querySelector('aside')!.getBoundingClientRect().toJSON())));
    expect(top.top).toBe(0);
    expect(Math.round(bottom.bottom)).toBe(page.viewportSize()!.height);
    expect((await events(page, 'impression')).map((e) => e.campaignId).sort()).toEqual(['bottom-note', 'click-offer', 'corner-help', 'free-shipping', 'late-inline', 'slot-offer']);
    // The theme's accent, set as a custom property in the widget's own stylesheet.
    const cta = await widget(page, 'free-shipping').evaluate((h) => getComputedStyle(h.shadowRoot!.querySelector('.cta')!).backgroundColor);
    expect(cta).toBe('rgb(15, 81, 50)');
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('closing an inline `replace` widget puts the slot content back', async ({ page }) => {
    await open(page, 'containers');
    await widget(page, 'slot-offer').getByRole('button', { name: 'Close' }).click();
    await expect(page.locator('#slot > p')).toHaveText('Original slot content.');
  });

  test('templating and markdown produce text, never HTML', async ({ page }) => {
    // A trait holding markup, given before the SDK loads, reaches the title as text.
    await page.addInitScript(() => {
      const stub: any = function (...args: unknown[]) {
        (stub.q = stub.q || []).push(args);
      };
      (window as any).beckon = stub;
      stub('identify', { firstName: '<img src=x onerror="window.pwned=1">' });
    });
    await open(page, 'popup');
    const dialog = widget(page, 'welcome').getByRole('dialog');
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog.getByRole('heading')).toHaveText('Welcome, <img src=x onerror="window.pwned=1"> <b>!</b>');
    expect(await page.locator('beckon-widget img').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    await expect(dialog.locator('strong')).toHaveText('10% off');
    await expect(dialog.getByRole('link', { name: 'Read the terms' })).toHaveAttribute('href', '/terms');
    expect(await page.locator('beckon-widget b').count()).toBe(0);
  });

  test('a message shows its image with alt text, copies its coupon, and reports clicks', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await open(page, {
      version: 1,
      campaigns: [
        {
          id: 'promo',
          type: 'message',
          content: {
            kind: 'message',
            title: 'Trail week',
            image: { src: '/assets/favicon.svg', alt: 'Stride logo' },
            coupon: { code: 'TRAIL15' },
            cta: { label: 'Shop trail', href: '#trail' },
            secondary: { label: 'Not now' },
          },
        },
      ],
    });
    const box = widget(page, 'promo').getByRole('complementary', { name: 'Trail week' });
    await expect(box.getByRole('img', { name: 'Stride logo' })).toHaveAttribute('src', '/assets/favicon.svg');
    await box.getByRole('button', { name: 'Copy code' }).click();
    await expect(box.getByText('Copied')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('TRAIL15');
    await box.getByRole('link', { name: 'Shop trail' }).click();
    await expect(page).toHaveURL(/#trail$/);
    await box.getByRole('button', { name: 'Not now' }).click();
    await expect(widget(page, 'promo')).toHaveCount(0);
    expect((await events(page)).filter((e) => e.name !== 'impression').map((e) => [e.name, e.target ?? null, e.href ?? null])).toEqual([
      ['click', 'coupon', null],
      ['click', 'cta', '#trail'],
      ['click', 'secondary', null],
      ['dismiss', null, null],
    ]);
  });

  test.describe('a coupon without clipboard access', () => {
    const coupon = { version: 1, campaigns: [{ id: 'code', type: 'message', content: { kind: 'message', title: 'Your code', coupon: { code: 'TRAIL15' } } }] };
    // No Clipboard API, as in a page served over plain http.
    test.beforeEach(({ page }) => page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })));

    test('is copied the older way, and says so', async ({ page, context }) => {
      await open(page, coupon);
      const box = widget(page, 'code').getByRole('complementary', { name: 'Your code' });
      await box.getByRole('button', { name: 'Copy code' }).click();
      await expect(box.locator('[aria-live]')).toHaveText('Copied');
      // Read back from a page of the same origin that has the Clipboard API.
      await context.grantPermissions(['clipboard-read']);
      const reader = await context.newPage();
      await reader.goto('/fixtures/tall.html');
      expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe('TRAIL15');
      await reader.close();
      // The live note clears, so the next copy is announced again.
      await expect(box.locator('[aria-live]')).toHaveText('', { timeout: 6000 });
    });

    test('is left selected, with the shortcut to press, where the browser cannot copy at all', async ({ page }) => {
      await page.addInitScript(() => {
        document.execCommand = () => false;
      });
      await open(page, coupon);
      const box = widget(page, 'code').getByRole('complementary', { name: 'Your code' });
      await box.getByRole('button', { name: 'Copy code' }).click();
      await expect(box.locator('[aria-live]')).toHaveText(/^Selected: press (Ctrl|⌘)\+C to copy$/);
      expect(await page.evaluate(() => getSelection()?.toString())).toBe('TRAIL15');
    });
  });

  test('a bar closed from the keyboard gives focus back to where the visitor was, not to the page body', async ({ page }) => {
    await open(page, { version: 1, campaigns: [{ id: 'late-bar', type: 'bar', trigger: { on: 'delay', seconds: 0.5 }, content: { kind: 'message', title: 'Free returns' } }] });
    await page.locator('#open-offer').focus();
    const bar = widget(page, 'late-bar').getByRole('complementary', { name: 'Free returns' });
    await expect(bar).toBeVisible();
    // A bar does not take focus when it appears.
    await expect(page.locator('#open-offer')).toBeFocused();
    await bar.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Enter');
    await expect(widget(page, 'late-bar')).toHaveCount(0);
    await expect(page.locator('#open-offer')).toBeFocused();
  });

  test('the audience decides, live: a message appears when the cart fills and goes when it empties', async ({ page }) => {
    const chunks: string[] = [];
    page.on('request', (request) => {
      const match = /\/chunks\/(\w+)\.js$/.exec(new URL(request.url()).pathname);
      if (match) chunks.push(match[1]!);
    });
    await open(page, 'audience');
    expect(await shown(page)).toEqual([]);
    // Widget code loads when a campaign first becomes eligible, never before.
    expect(chunks.filter((c) => c === 'message' || c === 'messageContent')).toEqual([]);
    const item = { item_id: 'SKU-1', item_name: 'Swift Road', price: 120, quantity: 2 };
    await page.evaluate((item) => (window as any).beckon.track('add_to_cart', { currency: 'EUR', value: 240, items: [item] }), item);
    await expect(widget(page, 'cart-rescue').getByRole('complementary', { name: 'Your cart is waiting' })).toContainText('2 item(s) saved for you.');
    expect(chunks.filter((c) => c === 'message' || c === 'messageContent').sort()).toEqual(['message', 'messageContent']);
    await page.evaluate((item) => (window as any).beckon.track('remove_from_cart', { currency: 'EUR', value: 240, items: [item] }), item);
    await expect(widget(page, 'cart-rescue')).toHaveCount(0);
  });

  test("a widget's shared chunks (Preact, the mount) are asked for beside it, not after it arrives", async ({ page }) => {
    const importsOf = (chunk: string) =>
      [...readFileSync(new URL(`../../dist/chunks/${chunk}.js`, import.meta.url), 'utf8').matchAll(/(?:import|from)\s*["']\.\/(shared-\w+)\.js["']/g)].map((m) => m[1]!);
    const shared = [...new Set([...importsOf('message'), ...importsOf('messageContent')])].sort();
    expect(shared.length).toBeGreaterThan(0);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    // The widget's own chunks take 400 ms: imports found only in them would be asked for after.
    let seenWhileWaiting: string[] = [];
    for (const chunk of ['message', 'messageContent']) {
      await page.route(`**/chunks/${chunk}.js`, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        seenWhileWaiting = [...requested];
        await route.continue();
      });
    }
    await open(page, 'audience');
    await page.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', value: 120, items: [{ item_id: 'SKU-1', item_name: 'Swift Road', price: 120, quantity: 1 }] }));
    await expect(widget(page, 'cart-rescue')).toHaveCount(1);
    expect(seenWhileWaiting.filter((p) => p.startsWith('/chunks/shared-')).map((p) => p.slice('/chunks/'.length, -'.js'.length)).sort()).toEqual(shared);
  });

  test('frequency: impression caps and the cooldown after a dismissal hold across reloads', async ({ page }) => {
    await open(page, 'frequency');
    await expect(widget(page, 'capped')).toHaveCount(1);
    await widget(page, 'dismissable').getByRole('button', { name: 'Close' }).click();
    // A visitor navigates after the writes have landed (a reload within a millisecond could abort them).
    await expect.poll(async () => (await storedMemory(page)).dismissable?.dismissed).toBeGreaterThan(0);
    await page.reload();
    await ready(page);
    await expect(widget(page, 'capped')).toHaveCount(1);
    expect(await shown(page)).toEqual(['capped']);
    await expect.poll(async () => (await storedMemory(page)).capped?.n).toBe(2);
    await page.reload();
    await ready(page);
    await page.waitForTimeout(300);
    expect(await shown(page)).toEqual([]);
  });

  test('frequency: two tabs opened at once show a popup capped at one per session in one of them', async ({ context }) => {
    const config = { version: 1, campaigns: [{ id: 'once', type: 'popup', content: { kind: 'message', title: 'Once a visit' } }] };
    await context.route('**/fixtures/campaigns/once.json', (route) => route.fulfill({ json: config }));
    // The visitor exists already, as for someone who opens two products in new tabs.
    const first = await context.newPage();
    await first.goto('/fixtures/widgets.html?config=none');
    await ready(first);
    const tabs = [first, await context.newPage()];
    await Promise.all(tabs.map((tab) => tab.goto('/fixtures/widgets.html?config=once')));
    await Promise.all(tabs.map(ready));
    // Both tabs have started their campaigns; the one that lost the claim shows nothing, ever.
    await expect.poll(async () => (await Promise.all(tabs.map((tab) => widget(tab, 'once').count()))).reduce((a, b) => a + b)).toBe(1);
    await tabs[0]!.waitForTimeout(500);
    expect(await Promise.all(tabs.map((tab) => widget(tab, 'once').count()))).toContain(0);
    expect((await storedMemory(tabs[0]!)).once?.n).toBe(1);
  });

  test('priority: one popup at a time (the higher wins), one message per corner', async ({ page }) => {
    await open(page, 'priority');
    await expect(widget(page, 'high')).toHaveCount(1);
    await expect(widget(page, 'corner-c')).toHaveCount(1);
    expect(await shown(page)).toEqual(['corner-a', 'corner-c', 'high']);
  });

  test('a visitor keeps their variant across reloads; a holdout visitor sees nothing and converts as control', async ({ page }) => {
    await open(page, 'variants');
    await expect(widget(page, 'ab')).toHaveCount(1);
    const variant = await widget(page, 'ab').getAttribute('data-variant');
    expect(['a', 'b', 'c']).toContain(variant);
    expect((await events(page, 'holdout')).map((e) => [e.campaignId, e.variantId])).toEqual([['control', undefined]]);
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await ready(page);
      await expect(widget(page, 'ab')).toHaveAttribute('data-variant', variant!);
      await expect(widget(page, 'ab').locator('h2')).toHaveText(`Variant ${variant!.toUpperCase()}`);
    }
    expect(await shown(page)).toEqual(['ab']);
    await page.evaluate(() => (window as any).beckon.track('signup'));
    await expect.poll(async () => (await events(page, 'conversion')).map((e) => [e.campaignId, e.holdout])).toEqual([['control', true]]);
  });

  test('triggers: exit intent, scroll depth, a tracked event, idle time and the Nth page view', async ({ page }) => {
    const chunks: string[] = [];
    page.on('request', (request) => chunks.push(new URL(request.url()).pathname));
    await open(page, 'triggers');
    await page.waitForTimeout(200);
    expect(await shown(page)).toEqual([]);
    // Eligible campaigns have their widget code loaded before their trigger fires.
    expect(chunks).toEqual(expect.arrayContaining(['/chunks/popup.js', '/chunks/bar.js', '/chunks/message.js', '/chunks/messageContent.js']));
    await page.evaluate(() => (window as any).beckon.track('wishlist'));
    await expect(widget(page, 'on-event')).toHaveCount(1);
    await page.mouse.move(300, 300);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    await expect(widget(page, 'on-scroll')).toHaveCount(1);
    // Moving between elements, or leaving through the side, is not exit intent.
    await page.evaluate(() => {
      const root = document.documentElement;
      root.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientX: 300, clientY: -2, relatedTarget: document.body }));
      root.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientX: 0, clientY: 300, relatedTarget: null }));
    });
    await page.waitForTimeout(200);
    await expect(widget(page, 'on-exit')).toHaveCount(0);
    // The pointer leaving through the top edge (toward the tabs), as Chromium reports it.
    await page.evaluate(() => document.documentElement.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientX: 300, clientY: -2, relatedTarget: null })));
    await expect(widget(page, 'on-exit').getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    // Two seconds without input after the key press (a slow machine can take more than
    // one to open the page, so the fixture waits for two).
    await expect(widget(page, 'on-idle')).toHaveCount(0);
    await expect(widget(page, 'on-idle')).toHaveCount(1, { timeout: 5000 });
    await page.reload();
    await ready(page);
    await expect(widget(page, 'second-page')).toHaveCount(1);
  });

  test.describe('on a touch device', () => {
    test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 700 } });

    /** Scrolls through `positions`, one every `ms`, as a finger moves the page: it touches down, then drags. */
    const swipe = (page: Page, positions: number[], ms: number) =>
      page.evaluate(
        ([positions, ms]) =>
          new Promise<void>((done) => {
            window.dispatchEvent(new Event('touchstart'));
            const next = (i: number) => {
              if (i === positions.length) return done();
              window.dispatchEvent(new Event('touchmove'));
              window.scrollTo(0, positions[i]!);
              setTimeout(() => next(i + 1), ms);
            };
            next(0);
          }),
        [positions, ms] as const,
      );

    test('exit intent is a fast upward flick after reading down the page', async ({ page }) => {
      await open(page, 'triggers');
      // Reading: down the page, then back up a little, slowly.
      await swipe(page, [150, 300, 450, 600, 750, 900], 60);
      await swipe(page, [880, 860, 840, 820, 800], 120);
      await page.waitForTimeout(200);
      await expect(widget(page, 'on-exit')).toHaveCount(0);
      // The thumb racing up toward the address bar.
      await swipe(page, [760, 700, 640, 580, 520], 30);
      await expect(widget(page, 'on-exit').getByRole('dialog')).toBeVisible();
    });
  });

  test('a countdown retires its campaign when it ends', async ({ page }) => {
    const until = new Date(Date.now() + 2500).toISOString();
    await open(page, { version: 1, campaigns: [{ id: 'flash', type: 'bar', content: { kind: 'message', title: 'Flash sale', countdown: { until, label: 'Ends in' } } }] });
    await expect(widget(page, 'flash')).toContainText(/00:00:0\d/);
    await expect(widget(page, 'flash')).toHaveCount(0, { timeout: 5000 });
  });

  test('invalid campaigns are skipped with a warning naming their path; the others show', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, 'invalid');
    await expect(widget(page, 'bad-url')).toHaveCount(1);
    expect(await shown(page)).toEqual(['bad-url']);
    await expect(widget(page, 'bad-url').getByRole('link')).toHaveCount(0);
    const warnings = watch.beckonWarnings().join('\n');
    expect(warnings).toContain('campaigns[1].type: expected one of popup, bar, message, inline, got "modal"');
    expect(warnings).toContain('campaigns[2].content.cta.href');
    expect(warnings).toContain('campaigns[0].trigger.selector: "##nope" is not a valid CSS selector');
    expect(watch.errors).toEqual([]);
  });

  test('a form validates inline, then stores traits, unlocks the gate and reaches the endpoint', async ({ page }) => {
    await open(page, 'form');
    const form = widget(page, 'size-guide');
    await form.getByRole('button', { name: 'Unlock' }).click();
    const email = form.getByLabel('Email');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toBeFocused();
    await email.fill('not-an-email');
    await form.getByRole('button', { name: 'Unlock' }).click();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(await events(page, 'submit')).toEqual([]);
    await email.fill('ann@example.com');
    await form.getByLabel('Usual size').selectOption('43');
    await form.getByLabel('Send me the newsletter').check();
    await form.getByLabel('I agree to the privacy policy').check();
    await form.getByRole('button', { name: 'Unlock' }).click();
    await expect(form.getByRole('status')).toHaveText('Unlocked below!');
    await expect(page.locator('#guide')).toBeVisible();
    // The newsletter trait puts the visitor in a segment whose campaign shows at once.
    await expect(widget(page, 'thanks')).toHaveCount(1);
    const { traits, visitor } = await page.evaluate(() => (window as any).beckon.profile());
    expect(traits).toEqual({ size: '43', newsletter: true, terms: true });
    const received = () => collectedFor(visitor.id);
    await expect
      .poll(received, { timeout: 5000 })
      .toEqual([expect.objectContaining({ type: 'submit', values: { email: 'ann@example.com', size: '43', newsletter: true, terms: true }, id: expect.any(String) })]);
    // The gate stays open on the next visit; the form is not offered again.
    await page.reload();
    await ready(page);
    await expect(page.locator('#guide')).toBeVisible();
    await expect(widget(page, 'size-guide')).toHaveCount(0);
  });

  test('an A/B test of two forms: each variant sends to its own endpoint and unlocks its own content', async ({ page }) => {
    const variant = (id: string, gate: string) => ({
      id,
      content: {
        kind: 'form',
        title: `Form ${id}`,
        fields: [{ name: 'email', type: 'email', label: 'Email', required: true }],
        submit: { label: 'Send', endpoint: `/collect?variant=${id}`, unlock: gate, successMessage: `Thanks from ${id}` },
      },
    });
    const config = { version: 1, campaigns: [{ id: 'ab-form', type: 'popup', trigger: { on: 'click', selector: '#never' }, variants: [variant('a', '#guide'), variant('b', '#guide-b')] }] };
    const sent: string[] = [];
    await page.route('**/collect?variant=*', (route) => {
      sent.push(`${new URL(route.request().url()).searchParams.get('variant')} ${JSON.parse(route.request().postData() ?? '{}').variantId}`);
      return route.fulfill({ status: 204 });
    });
    await open(page, config);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<div id="guide-b" hidden><p>Guide B</p></div>'));
    for (const id of ['b', 'a']) {
      await page.evaluate((id) => (window as any).beckon.show('ab-form', id), id);
      const form = widget(page, 'ab-form');
      await expect(form).toHaveAttribute('data-variant', id);
      await form.getByLabel('Email').fill(`${id}@example.com`);
      await form.getByRole('button', { name: 'Send' }).click();
      await expect(form.getByRole('status')).toHaveText(`Thanks from ${id}`);
      await expect(page.locator(id === 'a' ? '#guide' : '#guide-b')).toBeVisible();
      await expect.poll(() => sent.at(-1)).toBe(`${id} ${id}`);
      await page.evaluate(() => (window as any).beckon.hide());
    }
    expect(sent).toEqual(['b b', 'a a']);
  });

  test('a submission made while the endpoint is down is delivered on a later page, once', async ({ page }) => {
    let refused = 0;
    await page.route('**/collect', (route) => {
      refused++;
      return route.fulfill({ status: 503 });
    });
    await open(page, 'form');
    const form = widget(page, 'size-guide');
    await form.getByLabel('Email').fill('later@example.com');
    await form.getByLabel('I agree to the privacy policy').check();
    await form.getByRole('button', { name: 'Unlock' }).click();
    // The visitor sees success at once; the message waits in the outbox.
    await expect(form.getByRole('status')).toHaveText('Unlocked below!');
    await expect.poll(() => refused).toBeGreaterThan(0);
    const { visitor } = await page.evaluate(() => (window as any).beckon.profile());
    await page.unroute('**/collect');
    await page.reload();
    await ready(page);
    const received = () => collectedFor(visitor.id);
    await expect.poll(received, { timeout: 5000 }).toEqual([expect.objectContaining({ type: 'submit', values: expect.objectContaining({ email: 'later@example.com' }) })]);
    await page.reload();
    await ready(page);
    await page.waitForTimeout(500);
    expect(received()).toHaveLength(1);
  });

  test('a submission the endpoint refuses twice (503) is retried with backoff and logged by the demo server exactly once', async ({ page }) => {
    // The demo server's `/collect?fail=2` refuses each message twice before taking it.
    const form = JSON.parse(readFileSync(new URL('fixtures/campaigns/form.json', import.meta.url), 'utf8'));
    form.campaigns[0].content.submit.endpoint = '/collect?fail=2';
    const answers: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/collect') answers.push(response.status());
    });
    await page.clock.install(); // the backoff passes on Playwright's clock
    await open(page, form);
    const box = widget(page, 'size-guide');
    await box.getByLabel('Email').fill('retry@example.com');
    await box.getByLabel('I agree to the privacy policy').check();
    await box.getByRole('button', { name: 'Unlock' }).click();
    await expect(box.getByRole('status')).toHaveText('Unlocked below!');
    const { visitor } = await page.evaluate(() => (window as any).beckon.profile());
    const received = () => collectedFor(visitor.id);
    // Backoff is 2 s, then 4 s: the third try lands about 6 s after the first (the clock jumps 1 s a look).
    await expect.poll(async () => (await page.clock.runFor(1000), received()), { timeout: 15_000 }).toEqual([expect.objectContaining({ type: 'submit', values: expect.objectContaining({ email: 'retry@example.com' }) })]);
    expect(answers).toEqual([503, 503, 204]);
    // Nothing is left to send: another page sends nothing more.
    await page.reload();
    await ready(page);
    expect(await storedValue(page, 'outbox')).toEqual([]);
    expect(received()).toHaveLength(1);
  });

  test('a submission made offline is sent once the browser is back online', async ({ page, context }) => {
    await open(page, 'form');
    const { visitor } = await page.evaluate(() => (window as any).beckon.profile());
    await context.setOffline(true);
    const box = widget(page, 'size-guide');
    await box.getByLabel('Email').fill('offline@example.com');
    await box.getByLabel('I agree to the privacy policy').check();
    await box.getByRole('button', { name: 'Unlock' }).click();
    await expect(box.getByRole('status')).toHaveText('Unlocked below!');
    await expect.poll(async () => ((await storedValue<unknown[]>(page, 'outbox')) ?? []).length).toBe(1);
    const received = () => collectedFor(visitor.id);
    expect(received()).toEqual([]);
    await context.setOffline(false);
    await expect.poll(received, { timeout: 5000 }).toEqual([expect.objectContaining({ type: 'submit', values: expect.objectContaining({ email: 'offline@example.com' }) })]);
    await expect.poll(() => storedValue(page, 'outbox')).toEqual([]);
  });

  test('works under a strict Content-Security-Policy with no violation', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, 'containers', 'widgets.csp.html');
    await expect(widget(page, 'corner-help')).toHaveCount(1);
    await page.locator('#open-offer').click();
    await expect(widget(page, 'click-offer').getByRole('dialog')).toBeVisible();
    const position = await widget(page, 'free-shipping').evaluate((h) => getComputedStyle(h.shadowRoot!.querySelector('aside')!).position);
    expect(position).toBe('fixed');
    expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
    expect(await page.locator('[style]').count()).toBe(0);
    const inShadow = await page.locator('beckon-widget').evaluateAll((hosts) => hosts.some((h) => h.shadowRoot!.querySelector('[style], style')));
    expect(inShadow).toBe(false);
    expect(watch.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });

  test('bars and messages overlay the page: no layout shift', async ({ page }) => {
    await open(page, 'overlay');
    await expect(widget(page, 'tip')).toHaveCount(1);
    await expect(widget(page, 'top-bar')).toHaveCount(1);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).cls)).toBe(0);
    expect(await page.locator('#first').evaluate((p) => p.getBoundingClientRect().top)).toBeGreaterThan(60);
  });

  for (const [config, campaign] of [
    ['popup', 'welcome'],
    ['overlay', 'tip'],
    ['containers', 'slot-offer'],
    ['form', 'size-guide'],
  ] as const) {
    test(`axe-core finds no serious or critical violation with ${config} open`, async ({ page }) => {
      await open(page, config);
      await expect(widget(page, campaign)).toHaveCount(1);
      await page.waitForTimeout(300);
      expect(await axe(page)).toEqual([]);
    });
  }

  test('animation is off when the visitor prefers reduced motion', async ({ page }) => {
    const animation = () => widget(page, 'welcome').evaluate((h) => getComputedStyle(h.shadowRoot!.querySelector('.w')!).animationName);
    await open(page, 'popup');
    await expect(widget(page, 'welcome')).toHaveCount(1);
    expect(await animation()).not.toBe('none');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
  });

  test('explain() gives a campaign audience\'s reasons, and the profile says what the visitor has seen', async ({ page }) => {
    await open(page, 'audience');
    const explained = await page.evaluate(() => (window as any).beckon.explain('cart-rescue'));
    expect(explained).toMatchObject({ id: 'cart-rescue', result: false, clauses: [{ path: 'segments', result: false }] });
    await open(page, 'frequency');
    await expect(widget(page, 'capped')).toHaveCount(1);
    await widget(page, 'dismissable').getByRole('button', { name: 'Close' }).click();
    await expect.poll(async () => (await page.evaluate(() => (window as any).beckon.profile())).campaigns).toEqual({
      capped: { impressions: 1, dismissedAt: null, convertedAt: null },
      dismissable: { impressions: 1, dismissedAt: expect.any(Number), convertedAt: null },
    });
  });

  test('show() forces a campaign and hide() closes it', async ({ page }) => {
    await open(page, 'priority');
    await expect(widget(page, 'high')).toHaveCount(1);
    await page.evaluate(() => (window as any).beckon.show('low'));
    await expect(widget(page, 'low')).toHaveCount(1);
    await expect(widget(page, 'high')).toHaveCount(0);
    await page.evaluate(() => (window as any).beckon.hide());
    await expect(page.locator('beckon-widget')).toHaveCount(0);
  });
});

test.describe('schedules in the visitor’s time', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });

  test('a schedule given as days runs from the start of its first day to the end of its last, where the visitor is', async ({ page }) => {
    // 20:00 on 7 December in Los Angeles, already 8 December in UTC.
    await page.clock.setFixedTime(new Date('2026-12-08T04:00:00Z'));
    const message = (title: string) => ({ kind: 'message', title });
    await open(page, {
      version: 1,
      campaigns: [
        { id: 'last-day', type: 'bar', placement: { position: 'top' }, schedule: { end: '2026-12-07' }, content: message('Last day of the sale') },
        { id: 'from-tomorrow', type: 'message', placement: { position: 'bottom-left' }, schedule: { start: '2026-12-08' }, content: message('Starts tomorrow') },
      ],
    });
    await expect(widget(page, 'last-day')).toHaveCount(1);
    await page.waitForTimeout(300);
    expect(await shown(page)).toEqual(['last-day']);
  });
});
