import type { ComponentChildren } from 'preact';
import type { Rich, StringKey, Strings, WidgetCallbacks } from '../../sdk/core/index.js';

/** The store's words for `key` (the config's `strings`), or Beckon's English; `{name}` takes `vars.name`. */
export const say = (t: Strings | undefined, key: StringKey, english: string, vars: Record<string, unknown> = {}) =>
  (t?.[key] || english).replace(/\{(\w+)\}/g, (m, k: string) => '' + (vars[k] ?? m));

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

/** Title and body, shared by every content kind; the title's id labels a popup, the body's describes it. */
export const Heading = ({ c, cb, id }: { c: { title?: string; body?: Rich }; cb: WidgetCallbacks; id: string }) => [
  c.title && <h2 id={id}>{c.title}</h2>,
  c.body && <p id={id + 'b'}>{richText(c.body, cb)}</p>,
];
