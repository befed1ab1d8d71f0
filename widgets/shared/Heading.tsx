import type { ComponentChildren } from 'preact';
import type { Rich, WidgetCallbacks } from '../../sdk/core/index.js';

/** Body nodes as elements; strings stay text nodes, so any markup in them shows as typed. */
export function richText(nodes: Rich, cb: WidgetCallbacks): ComponentChildren {
  return nodes.map((n) =>
    typeof n == 'string' ? (
      n
    ) : 'b' in n ? (
      <strong>{richText(n.b, cb)}</strong>
    ) : 'i' in n ? (
      <em>{richText(n.i, cb)}</em>
    ) : (
      <a href={n.href} rel="noopener" onClick={() => cb.click('link', n.href)}>
        {richText(n.a, cb)}
      </a>
    ),
  );
}

/** Title and body, shared by every content kind; the title's id labels a popup. */
export const Heading = ({ c, cb, id }: { c: { title?: string; body?: Rich }; cb: WidgetCallbacks; id: string }) => [
  c.title && <h2 id={id}>{c.title}</h2>,
  c.body && <p>{richText(c.body, cb)}</p>,
];
