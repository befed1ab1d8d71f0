import { FIXED, type ContainerProps } from './shared/index.js';

/** A full-width bar fixed to the top or bottom edge, over the page rather than pushing it. */
export const Container = ({ view, children }: ContainerProps) => (
  <aside class={'w b ' + (view.position || 'top')} aria-label={view.content.title || view.strings?.announcement || 'Announcement'}>
    {children}
  </aside>
);

Container.css =
  FIXED +
  '.b{position:fixed;left:0;right:0;z-index:2147483647;max-height:100%;overflow:auto;border-radius:0;padding:10px 48px 10px 16px;display:flex;flex-wrap:wrap;align-items:center;justify-content:center;gap:8px 16px}' +
  // Clear of a phone's notch and home indicator on pages that draw under them (viewport-fit=cover).
  '.top{top:env(safe-area-inset-top,0)}.bottom{bottom:env(safe-area-inset-bottom,0)}' +
  // Child combinators: the rules shape the bar's own row, not a dialog its content opens.
  '.b>*,.b>form>*{margin:0}.b>h2{font-size:1em}.b>img{max-height:48px;width:auto}' +
  '.b>form{display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px}';
