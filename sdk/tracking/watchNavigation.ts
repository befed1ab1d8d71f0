export type LocationSnapshot = Pick<Location, 'href' | 'pathname' | 'search'>;

/**
 * Calls `onNavigate` when a single-page app changes the URL: `history.pushState`,
 * `replaceState` (both wrapped, keeping whatever wrapped them before), `popstate` and
 * `hashchange`. `moved` says whether the path changed: a change of
 * query or hash alone is the same page at another URL, not a new page. The URL is taken
 * at the moment of the change, so two quick navigations are two page views, and
 * `onNavigate` is called then, before the app's events about the new page (its
 * `view_item`), which it may push in the same task. `from` is the path of the page view
 * already counted.
 */
export function watchNavigation(win: Window, onNavigate: (location: LocationSnapshot, moved: boolean) => void, from = win.location.pathname): () => void {
  const { history } = win;
  let lastPath = from;
  let lastHref = win.location.href;
  const check = () => {
    const { href, pathname, search } = win.location;
    if (href === lastHref && pathname === lastPath) return;
    lastHref = href;
    onNavigate({ href, pathname, search }, pathname !== lastPath);
    lastPath = pathname;
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
  const events = ['popstate', 'hashchange'];
  for (const name of events) win.addEventListener(name, check);
  // A router on the Navigation API (`navigate` events it intercepts) calls neither.
  const navigation = (win as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', check);
  // A move made while the page view of `from` was being recorded, before this watch began.
  check();
  return () => {
    unwrapPush();
    unwrapReplace();
    for (const name of events) win.removeEventListener(name, check);
    navigation?.removeEventListener('navigatesuccess', check);
  };
}
