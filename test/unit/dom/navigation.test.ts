import { describe, expect, it } from 'vitest';
import { watchNavigation, type LocationSnapshot } from '../../../sdk/tracking/index.js';

/** A window whose URL the test moves, with the Navigation API's event target where `navigation` is asked for. */
function fakeWindow(path: string, navigation = false) {
  const location = { href: `https://shop.test${path}`, pathname: path, search: '' };
  const win = Object.assign(new EventTarget(), {
    location,
    history: { pushState() {}, replaceState() {} },
    ...(navigation && { navigation: new EventTarget() }),
  });
  const go = (to: string) => Object.assign(location, { href: `https://shop.test${to}`, pathname: to });
  return { win: win as unknown as Window & { navigation?: EventTarget }, go };
}

describe('watchNavigation', () => {
  it('reports a move the app made while the page view it counts from was being recorded', () => {
    const { win } = fakeWindow('/products/b');
    const moves: [string, boolean][] = [];
    watchNavigation(win, (l: LocationSnapshot, moved) => moves.push([l.pathname, moved]), '/products/a');
    expect(moves).toEqual([['/products/b', true]]);
  });

  it('follows a router on the Navigation API, which calls neither pushState nor replaceState', () => {
    const { win, go } = fakeWindow('/home', true);
    const moves: [string, boolean][] = [];
    const stop = watchNavigation(win, (l: LocationSnapshot, moved) => moves.push([l.pathname, moved]));
    go('/products/a');
    win.navigation!.dispatchEvent(new Event('navigatesuccess'));
    stop();
    go('/cart');
    win.navigation!.dispatchEvent(new Event('navigatesuccess'));
    expect(moves).toEqual([['/products/a', true]]);
  });
});
