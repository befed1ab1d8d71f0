import { expect, test, type Page } from '@playwright/test';
import { openQuizPage, widget, shoeQuiz } from './quizPageHelpers.js';

// What a screen-reader and an RTL visitor get from a quiz.

const body = `<main><h1>Store</h1><section id="slot"></section></main>`;

/** The accessible name and description Chromium computes for the focused node, and the text of every live region on the page. */
async function heard(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: any[] };
  // The page's root is "focused" too while the window has focus: the element is the last one.
  const focused = nodes.filter((n) => n.role?.value !== 'RootWebArea' && n.properties?.some((p: any) => p.name === 'focused' && p.value.value)).pop();
  const focusText = `${focused?.name?.value ?? ''} | ${focused?.description?.value ?? ''}`;
  const live = await page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('[aria-live]:not([aria-live=off]),[role=status],[role=alert],[role=log],output')) out.push(el.textContent ?? '');
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out.join(' / ');
  });
  return { focusText, live };
}

test.describe('quiz semantics', () => {
  for (const type of ['inline', 'popup']) {
    test(`${type}: after Next and after Back, the progress ("Question n of total") reaches a screen reader`, async ({ page }) => {
      await openQuizPage(page, { config: { version: 1, quizzes: [shoeQuiz], campaigns: [{ id: 'q', type, ...(type == 'inline' && { placement: { target: '#slot' } }), content: { kind: 'quiz', quiz: 'shoe' } }] }, body });
      const q = widget(page, 'q');
      await q.getByRole('radio', { name: 'Running' }).check();
      await q.getByRole('button', { name: 'Next' }).click();
      await expect(q.getByRole('group', { name: 'Typical distance?' })).toBeVisible();
      const afterNext = await heard(page);
      // Focus is on the new question (held today): its name is announced.
      expect(afterNext.focusText).toContain('Typical distance?');
      expect(afterNext.focusText + ' / ' + afterNext.live).toContain('Question 2 of 3');
      await q.getByRole('button', { name: 'Back' }).click();
      await expect(q.getByRole('group', { name: 'What do you train for?' })).toBeVisible();
      const afterBack = await heard(page);
      expect(afterBack.focusText).toContain('What do you train for?');
      expect(afterBack.focusText + ' / ' + afterBack.live).toContain('Question 1 of');
    });
  }
});

test.describe('quiz without a title', () => {
  const untitled = { id: 'nt', questions: [{ id: 'stars', type: 'rating', text: 'Rate us', lowLabel: 'Bad', highLabel: 'Great' }] };
  for (const dir of ['ltr', 'rtl']) {
    test(`${dir}: the progress line is not under the close button`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 640 });
      await openQuizPage(page, {
        config: { version: 1, quizzes: [untitled], campaigns: [{ id: 'q', type: 'inline', placement: { target: '#slot' }, content: { kind: 'quiz', quiz: 'nt' } }] },
        body,
        htmlAttrs: `lang="en" dir="${dir}"`,
      });
      const q = widget(page, 'q');
      await expect(q.getByText('Question 1 of 1')).toBeVisible();
      const hits = await q.evaluate((h) => {
        const root = h.shadowRoot!;
        const x = root.querySelector('.x')!.getBoundingClientRect();
        const under: string[] = [];
        // The progress text (its glyphs, through a Range) and the progress bar.
        const pg = root.querySelector('.pg')!;
        const range = document.createRange();
        range.selectNodeContents(pg.firstChild!);
        const boxes = [...range.getClientRects(), pg.querySelector('progress')!.getBoundingClientRect()];
        boxes.forEach((b, i) => {
          if (b.left < x.right && b.right > x.left && b.top < x.bottom && b.bottom > x.top) under.push(i == boxes.length - 1 ? 'progress bar' : 'progress text');
        });
        return under;
      });
      expect(hits).toEqual([]);
    });
  }
});
