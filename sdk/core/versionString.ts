/**
 * Makes version strings comparable as plain strings, as GrowthBook's `$veq`…`$vlte` do:
 * a leading `v` and build metadata are dropped, numeric parts are left-padded, and a
 * release (`1.2.3`) sorts after its pre-releases (`1.2.3-beta`) through a trailing `~`.
 */
export function paddedVersion(input: unknown): string {
  let text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input : '';
  if (text === '') text = '0';
  const parts = text.replace(/(^v|\+.*$)/g, '').split(/[-.]/);
  if (parts.length === 3) parts.push('~');
  return parts.map((part) => (/^[0-9]+$/.test(part) ? part.padStart(5, ' ') : part)).join('-');
}
