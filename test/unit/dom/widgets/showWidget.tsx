// Mounts a widget the way the runtime will: a <beckon-widget> host in the body, the
// container of its type and the content of its kind, callbacks that log what they hear.
import { expect } from 'vitest';
import type { CampaignType, ContentKind, WidgetCallbacks, WidgetContent, WidgetView } from '../../../../sdk/core/index.js';
import { Container as Bar } from '../../../../widgets/bar.js';
import { Content as FormContent } from '../../../../widgets/content/form.js';
import { Content as MessageContent } from '../../../../widgets/content/message.js';
import { Content as QuizContent } from '../../../../widgets/content/quiz.js';
import { Container as Inline } from '../../../../widgets/inline.js';
import { Container as Message } from '../../../../widgets/message.js';
import { Container as Popup } from '../../../../widgets/popup.js';
import { mountWidget } from '../../../../widgets/shared/index.js';
import type { ContainerComponent, ContentComponent } from '../../../../widgets/shared/index.js';

// The runtime's lookup tables, checked against the exported component types.
export const CONTAINERS: Record<CampaignType, ContainerComponent> = { popup: Popup, bar: Bar, message: Message, inline: Inline };
export const CONTENTS: Record<ContentKind, ContentComponent> = { message: MessageContent, form: FormContent, quiz: QuizContent };

const mounted: (() => void)[] = [];

export function cleanup() {
  mounted.splice(0).forEach((unmount) => unmount());
  document.body.innerHTML = '';
}

export function showWidget(view: Partial<WidgetView> & { content: WidgetContent }, callbacks: Partial<WidgetCallbacks> = {}) {
  const events: string[] = [];
  const clock = { now: 0 };
  const full: WidgetView = { campaignId: 'spring', variantId: 'a', type: 'popup', theme: {}, ...view };
  const host = document.createElement('beckon-widget');
  host.dataset.campaign = full.campaignId;
  host.dataset.variant = full.variantId;
  host.dataset.type = full.type;
  document.body.append(host);
  const widget = mountWidget(
    host,
    full,
    {
      dismiss: () => events.push('dismiss'),
      click: (target, href) => events.push(href ? `click ${target} ${href}` : `click ${target}`),
      submit: async (values) => void events.push(`submit ${JSON.stringify(values)}`),
      expire: () => events.push('expire'),
      now: () => clock.now,
      // A quiz with no script of its own ends at its first answer.
      answer: (id, answer) => (events.push(`answer ${id} ${JSON.stringify(answer)}`), { done: true, result: {} }),
      back: () => {
        throw new Error('back() without a script');
      },
      ...callbacks,
    },
    CONTENTS[full.content.kind],
    CONTAINERS[full.type],
  );
  mounted.push(() => widget.unmount());
  const root = host.shadowRoot as ShadowRoot;
  const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector) as E;
  return { host, root, widget, events, clock, $ };
}

/** Lets Preact apply queued state updates (it renders on a microtask). */
export const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** What `style-src 'self'` would block: any style attribute or <style> element, in the page or the widget. */
export function expectNoInlineStyles(root: ShadowRoot) {
  expect([...root.querySelectorAll('[style],style'), ...document.querySelectorAll('[style],style')].map((el) => el.outerHTML)).toEqual([]);
}

export const press = (target: Element, key: string, init: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
};
