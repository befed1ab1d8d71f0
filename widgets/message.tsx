import { Component } from 'preact';
import { FIXED, type ContainerProps } from './shared/index.js';

/**
 * A card fixed in one corner of the viewport, over the page, and clear of a bar on its
 * edge: both sit over the page, and the card would cover the bar's close button.
 */
export class Container extends Component<ContainerProps> {
  // --bk-bar: the height of a bar on the card's edge, in a sheet of the card's own.
  static css =
    FIXED +
    '.m{position:fixed;z-index:2147483647;width:calc(100% - 32px);max-width:360px;max-height:calc(100% - 32px - var(--bk-bar,0px));overflow:auto}' +
    // Clear of a phone's notch and home indicator too, where the page draws under them.
    '.top{top:calc(16px + var(--bk-bar,0px) + env(safe-area-inset-top,0px))}.bottom{bottom:calc(16px + var(--bk-bar,0px) + env(safe-area-inset-bottom,0px))}' +
    '.left{left:calc(16px + env(safe-area-inset-left,0px))}.right{right:calc(16px + env(safe-area-inset-right,0px))}' +
    // A corner card stays a corner card: its picture takes at most an eighth of the screen's height.
    '.m img{width:auto;max-height:12vh}';

  declare card: HTMLElement | null;
  declare bars: MutationObserver | undefined;

  override componentDidMount() {
    const card = this.card;
    if (!card) return;
    const root = card.getRootNode() as ShadowRoot;
    const doc = card.ownerDocument;
    const edge = card.classList.contains('top') ? 'top' : 'bottom';
    const sheet = new CSSStyleSheet();
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    // Bars are widgets beside <body> too: looked for again whenever one comes or goes.
    const clear = () => {
      let height = 0;
      for (const host of doc.querySelectorAll('beckon-widget[data-type="bar"]')) {
        const bar = host.shadowRoot?.firstElementChild;
        if (bar?.classList.contains(edge)) height = bar.getBoundingClientRect().height;
      }
      sheet.replaceSync(`:host{--bk-bar:${height}px}`);
    };
    clear();
    this.bars = new MutationObserver(clear);
    this.bars.observe(doc.documentElement, { childList: true });
  }

  override componentWillUnmount() {
    this.bars?.disconnect();
  }

  render({ view, children }: ContainerProps) {
    // 'bottom-right' becomes the classes `bottom right`: one rule per edge.
    return (
      <aside class={'w m ' + (view.position || 'bottom-right').replace('-', ' ')} aria-label={view.content.title || view.strings?.message || 'Message'} ref={(el) => void (this.card = el)}>
        {children}
      </aside>
    );
  }
}
