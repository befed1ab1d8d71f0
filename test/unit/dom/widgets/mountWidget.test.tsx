import { afterEach, describe, expect, it } from 'vitest';
import type { MessageContent, WidgetView } from '../../../../sdk/core/index.js';
import { mountWidget } from '../../../../widgets/shared/index.js';
import { CONTAINERS, CONTENTS, cleanup, expectNoInlineStyles, showWidget } from './showWidget.js';

afterEach(cleanup);

const content: MessageContent = { kind: 'message', title: 'Spring sale', body: ['20% off'], cta: { label: 'Shop', href: '/sale' } };
const cssOf = (sheet: CSSStyleSheet | undefined) => [...(sheet?.cssRules ?? [])].map((r) => r.cssText.replace(/\s/g, '')).join('');

describe('mountWidget', () => {
  it('renders into an open shadow root styled only by adopted sheets', () => {
    const { host, root } = showWidget({ content, type: 'message', position: 'bottom-left' });
    expect(host.shadowRoot).toBe(root);
    expect(root.mode).toBe('open');
    // Base, content, container, theme, and the message's own: its distance from a bar on its edge.
    expect(root.adoptedStyleSheets).toHaveLength(5);
    expect(root.adoptedStyleSheets.every((s) => s instanceof CSSStyleSheet && s.cssRules.length > 0)).toBe(true);
    expect(root.adoptedStyleSheets[4]!.cssRules[0]!.cssText).toBe(':host { --bk-bar: 0px; }');
    expect(root.querySelector('h2')?.textContent).toBe('Spring sale');
    expectNoInlineStyles(root);
  });

  it('adopts the base, content, container and theme sheets, theme last', () => {
    const { root } = showWidget({
      content,
      type: 'bar',
      theme: { background: '#111', text: '#fafafa', accent: '#ff8800', radius: 0, font: 'Georgia, serif' },
    });
    const [base, contentCss, containerCss, theme] = root.adoptedStyleSheets;
    expect(cssOf(base)).toContain('--bk-accent:#1d4ed8');
    expect(cssOf(contentCss)).toContain('.cd');
    expect(cssOf(containerCss)).toContain('.b{position:fixed');
    expect(cssOf(theme)).toBe(':host{--bk-bg:#111;--bk-text:#fafafa;--bk-accent:#ff8800;--bk-radius:0px;--bk-font:Georgia,serif;}');
  });

  it('leaves unset theme values to the defaults', () => {
    const { root } = showWidget({ content, theme: { accent: '#0a0a0a' } });
    expect(cssOf(root.adoptedStyleSheets[3])).toBe(':host{--bk-accent:#0a0a0a;}');
  });

  it('shares one sheet object per stylesheet text across widgets', () => {
    const a = showWidget({ content, type: 'bar', position: 'top' }).root.adoptedStyleSheets;
    const b = showWidget({ content, type: 'bar', position: 'bottom' }).root.adoptedStyleSheets;
    expect(a.map((sheet, i) => sheet === b[i])).toEqual([true, true, true, true]);
  });

  it('reuses a shadow root the host already has', () => {
    const host = document.body.appendChild(document.createElement('beckon-widget'));
    const root = host.attachShadow({ mode: 'open' });
    const view: WidgetView = { campaignId: 'c', variantId: 'a', type: 'inline', content, theme: {} };
    const noop = () => {};
    const end = () => ({ done: true as const, result: {} });
    const callbacks = { dismiss: noop, click: noop, submit: async () => {}, expire: noop, now: () => 0, answer: end, back: end };
    const widget = mountWidget(host, view, callbacks, CONTENTS.message, CONTAINERS.inline);
    expect(host.shadowRoot).toBe(root);
    expect(root.querySelector('h2')?.textContent).toBe('Spring sale');
    widget.unmount();
  });

  it('removes the host on unmount', () => {
    const { host, root, widget } = showWidget({ content, type: 'inline' });
    widget.unmount();
    expect(host.isConnected).toBe(false);
    expect(root.childNodes).toHaveLength(0);
  });

  it('passes a dismissal on once, however many ways the visitor closes', () => {
    const { $, events } = showWidget({ content: { kind: 'message', title: 'Hi', cta: { label: 'OK' } }, type: 'message' });
    $('.x').click();
    $('.x').click();
    $('.cta').click();
    expect(events).toEqual(['dismiss', 'click cta']);
  });

  it('gives each mount its own ids', () => {
    const a = showWidget({ content }).$('h2').id;
    const b = showWidget({ content }).$('h2').id;
    expect(a).toMatch(/^bk\d+$/);
    expect(a).not.toBe(b);
  });
});
