/** Schemes a marketer's link may use (DESIGN §5); anything else is dropped. */
const SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const SCHEME = /^([a-z][a-z0-9+.-]*:)/i;
// Browsers strip tabs and newlines inside URLs ("java\tscript:" runs as javascript:) and
// ignore leading control characters, so any of them makes a URL unsafe to check.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/;

/**
 * The URL if it is `http(s):`, `mailto:`, `tel:` or relative, else undefined. A
 * relative URL is one without a scheme: `/cart`, `?coupon=X`, `#size`, `sale.html`.
 */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.length > 2048 || CONTROL_OR_SPACE.test(trimmed)) return undefined;
  const scheme = SCHEME.exec(trimmed)?.[1];
  return scheme === undefined || SCHEMES.has(scheme.toLowerCase()) ? trimmed : undefined;
}
