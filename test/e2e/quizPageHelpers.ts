import { type Page } from '@playwright/test';

/**
 * Store pages for the quiz and inline specs: served by Playwright at /qp/<anything> on the
 * test server's origin (so /beckon.js and its chunks load as on a store), with the config
 * given inline and every emitted event recorded in window.events.
 */
export interface QuizPageOptions {
  config: unknown;
  body: string;
  head?: string;
  htmlAttrs?: string;
  path?: string;
}

function quizPageHtml({ config, body, head = '', htmlAttrs = 'lang="en"' }: QuizPageOptions): string {
  return `<!doctype html><html ${htmlAttrs}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Quiz store</title>${head}
<script>
window.events = [];
window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };
['impression','holdout','dismiss','click','submit','conversion','segment_enter','segment_exit','quiz_answer','quiz_complete','error'].forEach(function (n) {
  beckon('on', n, function (e) { window.events.push(Object.assign({ name: n }, e)); });
});
beckon('init', { config: ${JSON.stringify(config)} });
</script>
<script async src="/beckon.js"></script>
</head><body>${body}</body></html>`;
}

/** Serves every /qp/** page with the given HTML and opens `path`. */
export async function openQuizPage(page: Page, opts: QuizPageOptions) {
  await page.route('**/qp/**', (route) => route.fulfill({ contentType: 'text/html', body: quizPageHtml(opts) }));
  await page.goto(opts.path ?? '/qp/page.html');
  await ready(page);
}

export async function ready(page: Page) {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}

export const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);

export const shoeQuiz = {
  id: 'shoe',
  title: 'Find your shoe',
  questions: [
    {
      id: 'sport', type: 'single', text: 'What do you train for?',
      options: [
        { value: 'running', label: 'Running', next: 'distance', traits: { persona: 'runner' } },
        { value: 'gym', label: 'Gym', next: 'comment' },
      ],
    },
    { id: 'distance', type: 'single', text: 'Typical distance?', options: [{ value: '5k', label: 'Up to 10 km' }, { value: 'marathon', label: 'Half or full marathon' }] },
    { id: 'comment', type: 'text', text: 'Anything else?', required: false },
  ],
  results: [
    { when: { 'answers.shoe.distance': 'marathon' }, title: 'Long Haul is your shoe', cta: { label: 'See Long Haul', href: '/products/long-haul' } },
    { title: 'Thanks {{answers.shoe.comment|friend}}!' },
  ],
};
