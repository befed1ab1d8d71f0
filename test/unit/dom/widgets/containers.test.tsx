import { afterEach, describe, expect, it } from 'vitest';
import type { BarPosition, CampaignType, Corner, MessageContent } from '../../../../sdk/core/index.js';
import { cleanup, expectNoInlineStyles, showWidget } from './showWidget.js';

afterEach(cleanup);

const titled: MessageContent = { kind: 'message', title: 'Free shipping over €50', cta: { label: 'Shop', href: '/shop' } };
const untitled: MessageContent = { kind: 'message', body: ['Free shipping over €50'] };

describe('bar, message and inline containers', () => {
  it.each<[CampaignType, MessageContent, string]>([
    ['bar', titled, 'Free shipping over €50'],
    ['bar', untitled, 'Announcement'],
    ['message', titled, 'Free shipping over €50'],
    ['message', untitled, 'Message'],
  ])('%s is a complementary landmark with a name', (type, content, name) => {
    const { root } = showWidget({ type, content });
    const aside = root.querySelector('aside');
    expect(aside?.getAttribute('aria-label')).toBe(name);
    expectNoInlineStyles(root);
  });

  it.each<[CampaignType, BarPosition | Corner | undefined, string]>([
    ['bar', 'top', 'w b top'],
    ['bar', 'bottom', 'w b bottom'],
    ['bar', undefined, 'w b top'],
    ['message', 'bottom-right', 'w m bottom right'],
    ['message', 'bottom-left', 'w m bottom left'],
    ['message', 'top-right', 'w m top right'],
    ['message', 'top-left', 'w m top left'],
    ['message', undefined, 'w m bottom right'],
  ])('%s at %s gets the classes %s', (type, position, classes) => {
    expect(showWidget({ type, position, content: titled }).$('aside').className).toBe(classes);
  });

  it.each<CampaignType>(['bar', 'message', 'inline'])('%s leaves focus where it was and has a close button', (type) => {
    const field = document.body.appendChild(document.createElement('input'));
    field.focus();
    const { $, events } = showWidget({ type, content: titled });
    expect(document.activeElement).toBe(field);
    $('button.x').click();
    expect(events).toEqual(['dismiss']);
  });

  it('puts inline content in a plain box, not a landmark or dialog', () => {
    const { root } = showWidget({ type: 'inline', content: titled });
    expect(root.querySelector('aside,dialog,[role]')).toBeNull();
    expect(root.firstElementChild?.className).toBe('w i');
  });

  // Closed from the keyboard (its × or a button inside it), a widget must not drop focus to <body>.
  it.each<CampaignType>(['bar', 'message', 'inline'])('%s closed with focus inside gives focus back to where it was before', (type) => {
    const field = document.body.appendChild(document.createElement('input'));
    field.focus();
    const { $, widget } = showWidget({ type, content: titled });
    $<HTMLElement>('button.x').focus();
    widget.unmount();
    expect(document.activeElement).toBe(field);
  });

  it('keeps focus where it was on unmount of a non-modal widget', () => {
    const { $, widget } = showWidget({ type: 'message', content: titled });
    $<HTMLElement>('a.cta').focus();
    const other = document.body.appendChild(document.createElement('input'));
    other.focus();
    widget.unmount();
    expect(document.activeElement).toBe(other);
  });
});
