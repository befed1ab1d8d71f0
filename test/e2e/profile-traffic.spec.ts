import { expect, test, type Page } from '@playwright/test';
import { profile, serve } from './profileHelpers.js';

// traffic.* / firstTouch.* (DESIGN §3) from real navigations: a click on another site's
// page (served by route under its own origin), the store's own links, campaign parameters.

/** Opens `from` (another site, served by route), which links to `to` on the store, and clicks the link. */
async function arriveFrom(page: Page, from: string, to: string, referrerPolicy = '') {
  await page.route(from, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>elsewhere</title>${referrerPolicy ? `<meta name="referrer" content="${referrerPolicy}">` : ''}<a id="go" href="${to}">to the store</a>`,
    }),
  );
  await page.goto(from);
  await Promise.all([page.waitForURL(to), page.click('#go')]);
  return profile(page);
}

test.describe('traffic from a real click on another site', () => {
  const sites: [string, string, string, Record<string, unknown>][] = [
    ['a Google result', 'http://www.google.com/search?q=trail+shoes', '/category/trail', { channel: 'organic_search', source: 'google', medium: 'organic', referrer: 'google.com' }],
    ['a Google.co.uk result', 'http://www.google.co.uk/search?q=shoes', '/', { channel: 'organic_search', source: 'google' }],
    ['a DuckDuckGo result', 'http://duckduckgo.com/?q=shoes', '/', { channel: 'organic_search', source: 'duckduckgo' }],
    ['a Google Ads click (gclid)', 'http://www.google.com/aclk?sa=l', '/products/swift-road?gclid=Cj0KCQ', { channel: 'paid_search', source: 'google', medium: 'cpc', clickId: 'gclid' }],
    ['a Microsoft Ads click (msclkid)', 'http://www.bing.com/aclick', '/?msclkid=abc', { channel: 'paid_search', source: 'bing', medium: 'cpc', clickId: 'msclkid' }],
    ['a Facebook post (fbclid, l.facebook.com shim)', 'http://l.facebook.com/l.php?u=x', '/?fbclid=IwAR0abc', { channel: 'organic_social', source: 'facebook', medium: 'social', clickId: 'fbclid' }],
    ['an Instagram bio link', 'http://l.instagram.com/?u=x', '/', { channel: 'organic_social', source: 'instagram' }],
    ['a tweet (t.co)', 'http://t.co/abc', '/', { channel: 'organic_social', source: 'twitter' }],
    ['a Reddit comment', 'http://old.reddit.com/r/running', '/', { channel: 'organic_social', source: 'reddit' }],
    ['a YouTube description', 'http://www.youtube.com/watch?v=x', '/', { channel: 'organic_video', source: 'youtube' }],
    ['Gmail on the web', 'http://mail.google.com/mail/u/0/', '/', { channel: 'email', medium: 'email', referrer: 'mail.google.com' }],
    ['Outlook on the web', 'http://outlook.live.com/mail/0/', '/', { channel: 'email', medium: 'email' }],
    ['a running blog', 'http://www.runnersblog.example/post', '/products/long-haul', { channel: 'referral', source: 'runnersblog.example', medium: 'referral', referrer: 'runnersblog.example' }],
    ['ChatGPT', 'http://chatgpt.com/c/abc', '/', { channel: 'referral', source: 'chatgpt.com', referrer: 'chatgpt.com' }],
    ['Perplexity', 'http://www.perplexity.ai/search/x', '/', { channel: 'referral', source: 'perplexity.ai' }],
    ['a newsletter link in a webmail (utm wins over the referrer)', 'http://mail.google.com/mail/', '/?utm_source=newsletter&utm_medium=email&utm_campaign=Spring-Sale&utm_content=hero&utm_term=trail', { channel: 'email', source: 'newsletter', medium: 'email', campaign: 'Spring-Sale', content: 'hero', term: 'trail', referrer: 'mail.google.com' }],
    ['a paid Instagram ad', 'http://l.instagram.com/', '/?utm_source=instagram&utm_medium=paid_social&utm_campaign=trail', { channel: 'paid_social', source: 'instagram', medium: 'paid_social' }],
    ['an affiliate', 'http://deals.example/', '/?utm_source=awin&utm_medium=affiliate', { channel: 'affiliate', source: 'awin' }],
    ['an SMS', 'http://sms.example/', '/?utm_source=sms&utm_medium=text', { channel: 'sms' }],
    ['a display banner', 'http://news.example/', '/?utm_source=gdn&utm_medium=display', { channel: 'display' }],
  ];
  for (const [name, from, to, expected] of sites) {
    test(`${name}`, async ({ page, baseURL }) => {
      const p = await arriveFrom(page, from, `${baseURL}${to}`);
      expect(p.traffic).toMatchObject(expected);
      expect(p.firstTouch).toMatchObject(expected);
      // Never the referrer's path or query (search terms), never a click id's value.
      expect(JSON.stringify(p.traffic)).not.toMatch(/trail\+shoes|Cj0KCQ|IwAR0abc|\/search/);
    });
  }
});

test.describe('the session keeps its source', () => {
  test('clicking through the store after a Google result keeps organic_search on every page', async ({ page, baseURL }) => {
    await arriveFrom(page, 'http://www.google.com/search?q=trail', `${baseURL}/`);
    const seen: string[] = [];
    for (const link of ['Trail', 'Ridge Runner']) {
      await page.getByRole('link', { name: link }).first().click();
      await page.waitForLoadState();
      const p = await profile(page);
      seen.push(`${p.page.path} ${p.traffic.channel} ${p.visitor.sessions}`);
    }
    await page.getByRole('link', { name: /Cart/ }).click();
    await page.waitForURL(/\/cart$/);
    const p = await profile(page);
    seen.push(`${p.page.path} ${p.traffic.channel} ${p.visitor.sessions}`);
    expect(seen).toEqual(['/category/trail organic_search 1', '/products/ridge-runner organic_search 1', '/cart organic_search 1']);
    expect(p.session.pageviews).toBe(4);
    expect(p.session.landingPage).toBe('/');
  });

  test('back from a payment provider (referrer paypal.com) mid-session keeps the newsletter source', async ({ page, baseURL }) => {
    await page.goto('/?utm_source=newsletter&utm_medium=email&utm_campaign=nov');
    await profile(page);
    await page.goto('/products/swift-road');
    await profile(page);
    const p = await arriveFrom(page, 'http://www.paypal.com/checkoutnow?token=x', `${baseURL}/thank-you`);
    expect(p.traffic).toMatchObject({ channel: 'email', source: 'newsletter', campaign: 'nov' });
    expect(p.visitor.sessions).toBe(1);
    expect(p.session.pageviews).toBe(3);
  });

  test('a reload of the ad landing page (gclid still in the URL) neither starts a session nor changes the source', async ({ page }) => {
    await page.goto('/products/swift-road?gclid=abc');
    await profile(page);
    await page.reload();
    await page.goto('/category/running');
    await page.goBack();
    await page.reload();
    const p = await profile(page);
    expect(p.visitor.sessions).toBe(1);
    expect(p.traffic).toMatchObject({ channel: 'paid_search', clickId: 'gclid' });
  });

  test('an email click in the middle of a direct session starts a new session with the email as source; firstTouch stays direct', async ({ page }) => {
    await page.goto('/');
    await profile(page);
    await page.goto('/category/road');
    const before = await profile(page);
    expect(before.traffic.channel).toBe('direct');
    await page.goto('/products/swift-road?utm_source=newsletter&utm_medium=email&utm_campaign=dec');
    const p = await profile(page);
    expect(p.visitor.sessions).toBe(2);
    expect(p.traffic).toMatchObject({ channel: 'email', campaign: 'dec' });
    expect(p.firstTouch).toMatchObject({ channel: 'direct', source: '(direct)' });
    expect(p.session).toMatchObject({ pageviews: 1, landingPage: '/products/swift-road', isFirst: false });
    // Onwards in the new session, without the parameters: still the email.
    await page.goto('/cart');
    expect((await profile(page)).traffic).toMatchObject({ channel: 'email', campaign: 'dec' });
  });

  test('31 idle minutes then a direct visit: the new session is direct, firstTouch keeps the first source', async ({ context, page }) => {
    await context.clock.install({ time: Date.parse('2026-11-20T10:00:00Z') });
    await page.goto('/?utm_source=google&utm_medium=cpc&utm_campaign=brand');
    await profile(page);
    await context.clock.fastForward('31:00');
    await page.goto('/category/gym');
    const p = await profile(page);
    expect(p.visitor.sessions).toBe(2);
    expect(p.traffic).toMatchObject({ channel: 'direct', source: '(direct)', campaign: '' });
    expect(p.firstTouch).toMatchObject({ channel: 'paid_search', source: 'google', campaign: 'brand' });
  });

  for (const [when, strip] of [
    ['at once (an inline script right after the snippet)', 'history.replaceState(null, "", location.pathname);'],
    ['on DOMContentLoaded (a theme cleaning its URLs)', 'document.addEventListener("DOMContentLoaded", function () { history.replaceState(null, "", location.pathname); });'],
  ] as const) {
    test(`the page strips utm_* ${when}: the campaign is still the session's source`, async ({ page }) => {
      await page.route('**/probe/strip*', (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><title>strip</title><script>
            window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };
            beckon('init', { config: { version: 1, segments: [{ id: 'email', when: { 'traffic.channel': 'email' } }] } });
          </script><script async src="/beckon.js"></script>
          <script>${strip}</script><h1>Landing</h1>`,
        }),
      );
      await page.goto('/probe/strip?utm_source=newsletter&utm_medium=email&utm_campaign=dec');
      const p = await profile(page);
      expect(p.traffic).toMatchObject({ channel: 'email', campaign: 'dec' });
      // The original URL is still known to the browser: the navigation entry.
      expect(await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.name)).toContain('utm_source=newsletter');
    });
  }

  test('a search referrer on a later page of the same session (visitor came back from Google) does not erase a paid source', async ({ page, baseURL }) => {
    await page.goto('/?gclid=xyz');
    await profile(page);
    const p = await arriveFrom(page, 'http://www.google.com/search?q=stride', `${baseURL}/category/trail`);
    expect(p.traffic).toMatchObject({ channel: 'paid_search', clickId: 'gclid' });
    expect(p.visitor.sessions).toBe(1);
  });
});
