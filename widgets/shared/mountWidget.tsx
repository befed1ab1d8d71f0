import { render } from 'preact';
import type { ComponentChildren, ComponentType, FunctionComponent } from 'preact';
import type { CampaignType, MountedWidget, Strings, Theme, WidgetCallbacks, WidgetContent, WidgetView } from '../../sdk/core/index.js';

/**
 * What a content kind receives; `id` is unique per mount and is the title's id. `type` is
 * the container's, for content that needs more room than a bar gives it.
 */
export interface ContentProps {
  content: WidgetContent;
  callbacks: WidgetCallbacks;
  id: string;
  type: CampaignType;
  /** The store's words in place of Beckon's English (see `say`). */
  t?: Strings;
}

/**
 * What a container receives: `children` is the close button and the content, already
 * rendered, so a container is only a frame and any content kind fits any container.
 */
export interface ContainerProps {
  view: WidgetView;
  callbacks: WidgetCallbacks;
  id: string;
  children: ComponentChildren;
}

// Each chunk carries its own CSS as a static `css`, so a page showing a message never
// downloads the form's styles, and the mount needs no table of kinds.
export type ContentComponent = FunctionComponent<ContentProps> & { css: string };
export type ContainerComponent = ComponentType<ContainerProps> & { css: string };

const K = 'clamp(0,(.1791 - y)*1e4,1)';

// `all: initial` keeps the store's inherited fonts and colours out; the custom properties
// are the theme's defaults, overridden by the per-widget theme sheet adopted last. Cards
// and buttons have transparent borders, which forced-colours mode draws.
const BASE =
  ':host{all:initial;display:block;--bk-bg:#fff;--bk-text:#1a1a1a;--bk-accent:#1d4ed8;--bk-radius:8px;--bk-font:system-ui,sans-serif;--bk-on:#fff;--bk-err:#b91c1c;--bk-line:#767676}' +
  // Where the browser has CSS relative colours: text on the accent is white or black,
  // whichever reads on it (K is 1 below a luminance of .1791, where both have equal
  // contrast by WCAG; XYZ's y is that luminance, and D65's white is sRGB's). Error text is
  // the theme's text tinted red (the darker the text, the redder), and lines around fields
  // and choices the text softened toward the card: they read wherever the text does. The
  // accent's opacity is not theirs.
  `@supports(color:color(from red xyz-d65 x y z)){:host{--bk-on:color(from var(--bk-accent) xyz-d65 calc(.9505*${K}) ${K} calc(1.0891*${K})/1);` +
  '--bk-err:lab(from var(--bk-text) calc(l + 12 - .12*l) calc(a + 50 - .5*l) calc(b + 30 - .3*l)/1);--bk-line:color-mix(in srgb,var(--bk-text) 70%,var(--bk-bg))}}' +
  '*{box-sizing:border-box}' +
  // A long word (an email from a trait, a URL) breaks rather than run out of a narrow card.
  '.w{position:relative;background:var(--bk-bg);color:var(--bk-text);font:medium/1.45 var(--bk-font);border-radius:var(--bk-radius);padding:20px;box-shadow:0 4px 24px #0003;border:1px solid transparent;animation:bk .2s ease-out;overflow-wrap:anywhere}' +
  '@keyframes bk{from{opacity:0;transform:translateY(6px)}}' +
  '@media(prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}' +
  '.x{position:absolute;top:6px;right:6px;width:32px;height:32px;padding:0;border:1px solid transparent;border-radius:4px;background:var(--bk-bg);color:inherit;font:24px/1 sans-serif;cursor:pointer}' +
  // What comes first keeps clear of the ×: a title, or with none a body, a form's first
  // field, a form's thanks (under a right-to-left script, where its lines start).
  'h2{margin:0 28px 8px 0;font-size:1.25em;line-height:1.3}' +
  '.x+p,.x+form>:first-child{margin-right:28px}' +
  'p{margin:0 0 12px}' +
  'a{color:inherit}' +
  // Focus rings in the text colour: they read on the card wherever the text does, whatever the accent.
  ':focus-visible{outline:2px solid var(--bk-text);outline-offset:2px}' +
  '.cta{display:inline-block;padding:9px 17px;border:1px solid transparent;border-radius:var(--bk-radius);background:var(--bk-accent);color:var(--bk-on);font:600 1em/1.2 var(--bk-font);text-decoration:none;cursor:pointer}' +
  '.cta:disabled{opacity:.6}';

/**
 * A popup, bar or message sits over the page (fixed, or in the top layer): its host leaves
 * no box of its own in the page's layout, where a flex or grid parent would place one.
 */
export const FIXED = ':host{display:contents}';

// Sheets are immutable once built, so widgets with the same CSS share one object.
const sheets = new Map<string, CSSStyleSheet>();

function sheet(css: string): CSSStyleSheet {
  let s = sheets.get(css);
  if (!s) {
    s = new CSSStyleSheet();
    s.replaceSync(css);
    sheets.set(css, s);
  }
  return s;
}

function themeCss(t: Theme): string {
  let css = '';
  const vars = { bg: t.background, text: t.text, accent: t.accent, radius: t.radius == null ? undefined : t.radius + 'px', font: t.font };
  // Every value is a string here (radius included), so an empty one is skipped as well.
  for (const [name, value] of Object.entries(vars)) if (value) css += `--bk-${name}:${value};`;
  return `:host{${css}}`;
}

let mounted = 0;

/**
 * Renders a widget into `host`'s open shadow root. Throws without constructable
 * stylesheets (Safari < 16.4): under `style-src 'self'` there is no other way to style it.
 */
export function mountWidget(
  host: HTMLElement,
  view: WidgetView,
  callbacks: WidgetCallbacks,
  Content: ContentComponent,
  Container: ContainerComponent,
): MountedWidget {
  // Built before touching the host, so an unsupported browser leaves nothing half-mounted.
  const adopted = [BASE, Content.css, Container.css, themeCss(view.theme)].map(sheet);
  const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = adopted;
  // Where focus goes back to: what had it as a popup opened (it takes focus at once), or,
  // for a widget that waits to be tabbed into, what had it then.
  let before = document.activeElement;
  // The focused element may sit inside the store's own web components.
  while (before?.shadowRoot?.activeElement) before = before.shadowRoot.activeElement;
  if (view.type != 'popup') host.addEventListener('focusin', (e) => (before = e.relatedTarget as Element | null), { once: true });
  let dismissed = false;
  // Escape reaches a native dialog both as keydown and as `cancel`; the runtime hears one.
  const cb: WidgetCallbacks = Object.create(callbacks);
  cb.dismiss = () => {
    if (!dismissed) callbacks.dismiss();
    dismissed = true;
  };
  const id = 'bk' + ++mounted;
  render(
    <Container view={view} callbacks={cb} id={id}>
      <button type="button" class="x" aria-label={view.strings?.close || 'Close'} onClick={() => cb.dismiss()}>
        ×
      </button>
      <Content content={view.content} callbacks={cb} id={id} type={view.type} t={view.strings} />
    </Container>,
    root,
  );
  return {
    unmount() {
      // A popup gives focus back (the dialog pattern); any widget closed with focus
      // inside does too, rather than drop it to <body>.
      const inside = (host.getRootNode() as Document | ShadowRoot).activeElement === host;
      render(null, root);
      host.remove();
      // Where the visitor had scrolled to stays in view.
      if (view.type == 'popup' || inside) (before as HTMLElement | null)?.focus?.({ preventScroll: true });
    },
  };
}
