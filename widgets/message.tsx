import type { ContainerProps } from './shared/index.js';

/** A card fixed in one corner of the viewport, over the page. */
export const Container = ({ view, children }: ContainerProps) => (
  // 'bottom-right' becomes the classes `bottom right`: one rule per edge.
  <aside class={'w m ' + (view.position || 'bottom-right').replace('-', ' ')} aria-label={view.content.title || 'Message'}>
    {children}
  </aside>
);

Container.css =
  '.m{position:fixed;z-index:2147483647;width:calc(100% - 32px);max-width:360px;max-height:calc(100% - 32px);overflow:auto}' +
  '.top{top:16px}.bottom{bottom:16px}.left{left:16px}.right{right:16px}';
