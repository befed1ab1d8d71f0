import type { Page } from '@playwright/test';

// What the measure-*.spec.ts pages share: message content, and every emitted event recorded.

export const msg = (title: string, extra: Record<string, unknown> = {}) => ({ kind: 'message', title, ...extra });

/** The events the page recorded (RECORD_ALL), those named `name` only when given. */
export const events = (page: Page, name?: string): Promise<any[]> =>
  page.evaluate((name) => (window as any).all.filter((e: any) => !name || e.name === name), name);

/** Page script that records every campaign and segment event in `window.all`. */
export const RECORD_ALL = `window.all = [];
  ['impression','holdout','dismiss','click','submit','conversion','segment_enter','segment_exit','error'].forEach(function (n) {
    beckon('on', n, function (e) { window.all.push(Object.assign({ name: n }, e)); });
  });`;
