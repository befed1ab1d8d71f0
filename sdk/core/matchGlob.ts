const cache = new Map<string, RegExp>();

/**
 * Path globs of DESIGN §5: `*` matches within one path segment, `**` across segments.
 * `/products/*` matches `/products/a`, not `/products/a/b`; `/**` matches every path. A
 * trailing slash is the same page (WordPress and WooCommerce paths end in one):
 * `/checkout*` matches `/checkout/`.
 */
export function globToRegExp(glob: string): RegExp {
  let regex = cache.get(glob);
  if (regex) return regex;
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        // `/**` is the parent and anything below it: `/shop/**` matches `/shop`, and
        // `/a/**/b` matches `/a/b` and `/a/x/y/b`, with the `/` before `b` still required.
        if (source.endsWith('/') && (i + 1 === glob.length || glob[i + 1] === '/')) {
          source = `${source.slice(0, -1)}(?:/.*)?`;
        } else source += '.*';
      } else source += '[^/]*';
    } else source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  regex = new RegExp(`^${source}/?$`);
  cache.set(glob, regex);
  return regex;
}

/** Whether `path` (as `location.pathname` has it, percent-encoded) matches `glob`, written as read (`/café`). */
export function matchGlob(glob: string, path: string): boolean {
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape: matched as it is.
  }
  return globToRegExp(glob).test(path);
}
