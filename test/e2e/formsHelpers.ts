import { type Page } from '@playwright/test';

// Helpers for the forms-* specs: a config served in place of a fixture file, then
// the widgets fixture page opened with it.

export async function open(page: Page, config: Record<string, unknown>, query = '') {
  const name = `pf-${Math.random().toString(36).slice(2)}`;
  await page.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
  await page.goto(`/fixtures/widgets.html?config=${name}${query}`);
  await ready(page);
  return name;
}
export async function ready(page: Page) {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  return page.evaluate(() => (window as any).beckon.profile());
}
export const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
export const profile = (page: Page) => page.evaluate(() => (window as any).beckon.profile());
export const events = (page: Page, name?: string) =>
  page.evaluate((name) => (window as any).events.filter((e: any) => !name || e.name === name), name) as Promise<any[]>;
/** What has focus, through shadow roots: `tag#id`. */
export const focusedId = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}${(el as HTMLInputElement).name ? '[' + (el as HTMLInputElement).name + ']' : ''}` : 'none';
  });

export const allFields = [
  { name: 'email', type: 'email', label: 'Email', required: true },
  { name: 'firstName', type: 'text', label: 'First name' },
  { name: 'phone', type: 'tel', label: 'Phone' },
  { name: 'size', type: 'select', label: 'Usual size', options: [{ value: '42', label: 'EU 42' }, { value: '43', label: 'EU 43' }] },
  { name: 'newsletter', type: 'checkbox', label: 'Send me the newsletter' },
  { name: 'terms', type: 'consent', label: 'I agree to the privacy policy', required: true },
];

export const formConfig = (type: string, submit: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, fields: unknown[] = allFields) => ({
  version: 1,
  campaigns: [
    {
      id: 'f',
      type,
      ...(type === 'inline' && { placement: { target: '#slot' } }),
      ...(type === 'bar' && { placement: { position: 'bottom' } }),
      ...(type === 'message' && { placement: { position: 'bottom-right' } }),
      ...extra,
      content: {
        kind: 'form',
        title: 'Join us',
        fields,
        submit: { label: 'Send', successMessage: 'Thanks, you are in!', ...submit },
      },
    },
  ],
});

/** A same-origin form endpoint at /form-endpoint whose answer the test picks per request. */
export async function formEndpoint(page: Page, answer: (n: number) => number | 'abort' | { delay: number; status: number } = () => 204) {
  const got: { n: number; body: string; keepalive?: boolean }[] = [];
  let n = 0;
  await page.context().route('**/form-endpoint**', async (route) => {
    const i = n++;
    got.push({ n: i, body: route.request().postData() ?? '' });
    const a = answer(i);
    if (a === 'abort') return route.abort('failed');
    if (typeof a === 'object') {
      await new Promise((r) => setTimeout(r, a.delay));
      return route.fulfill({ status: a.status, body: '' }).catch(() => undefined);
    }
    return route.fulfill({ status: a, body: '' });
  });
  return got;
}
export const linesOf = (got: { body: string }[]) => got.flatMap((g) => g.body.split('\n').filter(Boolean).map((l) => JSON.parse(l)));
