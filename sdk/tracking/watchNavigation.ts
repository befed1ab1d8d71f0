export type LocationSnapshot = Pick<Location, 'href' | 'pathname' | 'search'>;

/**
 * Calls `onNavigate` when a single-page app changes the path: `history.pushState`,
 * `replaceState` (both wrapped, keeping whatever wrapped them before) and `popstate`.
 * A change of query or hash alone is not a new page. The URL is taken at the moment
 * of the change, so two quick navigations are two page views, and `onNavigate` is called
 * then, before the app's events about the new page (its `view_item`), which it may push
 * in the same task. `from` is the path of the page view already counted.
 */
export function watchNavigation(win: Window, onNavigate: (location: LocationSnapshot) => void, from = win.location.pathname): () => void {
  const { history } = win;
  let lastPath = from;
  const check = () => {
    const { href, pathname, search } = win.location;
    if (pathname === lastPath) return;
    lastPath = pathname;
    onNavigate({ href, pathname, search });
  };
  const wrap = (name: 'pushState' | 'replaceState') => {
    const original = history[name];
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
    history[name] = wrapped;
    return () => {
      if (history[name] === wrapped) history[name] = original;
    };
  };
  const unwrapPush = wrap('pushState');
  const unwrapReplace = wrap('replaceState');
  win.addEventListener('popstate', check);
  return () => {
    unwrapPush();
    unwrapReplace();
    win.removeEventListener('popstate', check);
  };
}
