import { expect, test } from '@playwright/test';
import { answerRoadMarathon, collectedFor, profileOf } from './pageWatch.js';

// a preview never leaks into the visitor's memory, also for a visitor who finished the quiz.
test('previewing a quiz the visitor already finished leaves their answers and segments as they were', async ({ page }) => {
  await page.goto('/');
  const { visitor }: any = await profileOf(page);
  const quiz = page.locator('beckon-widget[data-campaign="shoe-finder"]');
  await answerRoadMarathon(quiz);
  await expect.poll(async () => ((await profileOf(page)) as any).segments).toContain('marathoner');
  const before: any = await profileOf(page);

  await page.goto('/?beckon_preview=shoe-finder');
  await profileOf(page);
  await expect(page.locator('beckon-widget[data-campaign="shoe-finder"]')).toHaveCount(1);
  await page.waitForTimeout(1500);
  const after: any = await profileOf(page);
  expect.soft(after.answers['find-your-shoe']).toEqual(before.answers['find-your-shoe']);
  expect.soft(after.segments).toContain('marathoner');
  await page.waitForTimeout(1500);
  expect.soft(collectedFor(visitor.id).filter((l) => l.event === 'segment_exit').map((l) => l.segment ?? l.segmentId)).toEqual([]);
});
