/**
 * Whether `path` (as `location.pathname` has it, percent-encoded) matches `glob`, written
 * as read (`/café`). Path globs of DESIGN §5: `*` matches within one path segment, `**`
 * across segments. `/products/*` matches `/products/a`, not `/products/a/b`; `/**` matches
 * every path. A trailing slash is the same page (WordPress and WooCommerce paths end in
 * one): `/checkout*` matches `/checkout/`, and `/checkout/` matches `/checkout`.
 *
 * Matched part by part, over the set of positions in `path` that each part can end at,
 * never as a regular expression: the time is the glob's length times the path's, whatever
 * the glob (`/**-**-**-x` as a pattern backtracks for seconds on a path of 300 dashes).
 */
export function matchGlob(glob: string, path: string): boolean {
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape: matched as it is.
  }
  // The other way too: a glob copied with its trailing slash (`/checkout/`) is that page.
  if (glob.length > 1 && glob.endsWith('/') && !path.endsWith('/')) path += '/';
  const n = path.length;
  // Text and wildcards in turn: text at even indexes, `*` or `**` at odd ones.
  const parts = glob.split(/(\*\*?)/);
  // `/**` as a whole segment is the parent and anything below it: `/shop/**` matches
  // `/shop`, and `/a/**/b` matches `/a/b` and `/a/x/y/b`, with the `/` before `b` still
  // required. Its `/` is then its own, not the text's before it.
  const below = (i: number) => parts[i] == '**' && parts[i - 1]!.endsWith('/') && (parts[i + 1]![0] == '/' || (i + 2 == parts.length && !parts[i + 1]));
  let at = new Uint8Array(n + 1);
  at[0] = 1;
  parts.forEach((part, i) => {
    const next = new Uint8Array(n + 1);
    const text = below(i + 1) ? part.slice(0, -1) : part;
    const under = below(i);
    // Whether a wildcard begun at an earlier position still runs at this one.
    let run = false;
    for (let p = 0; p <= n; p++) {
      if (i % 2 == 0) {
        if (at[p] && path.startsWith(text, p)) next[p + text.length] = 1;
        continue;
      }
      if (at[p] && !under) run = true;
      if (run || at[p]) next[p] = 1;
      // `*` stops at a `/`; below a `/`, anything goes from the character after it.
      if (part == '*' && path[p] == '/') run = false;
      if (under && at[p] && path[p] == '/') run = true;
    }
    at = next;
  });
  return !!at[n] || (path[n - 1] == '/' && !!at[n - 1]);
}
