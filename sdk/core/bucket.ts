/**
 * A number in [0, 1) from a visitor and a campaign: FNV-1a over both ids, then
 * MurmurHash3's finaliser so that ids differing in one character spread evenly.
 * The same pair always gives the same number, on every page load and in every tab.
 */
export function bucketOf(visitorId: string, campaignId: string): number {
  let hash = 0x811c9dc5;
  const key = `${campaignId}\u0000${visitorId}`;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}

/**
 * Which variant a visitor sees, or `undefined` for the holdout: the first `holdout`
 * percent of the bucket range is the control group, the rest is shared by weight.
 */
export function assignVariant<V extends { id: string; weight: number }>(
  variants: readonly V[],
  holdout: number,
  bucket: number,
): V | undefined {
  const point = bucket * 100;
  if (point < holdout) return undefined;
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  let at = ((point - holdout) / (100 - holdout)) * total;
  for (const variant of variants) {
    at -= variant.weight;
    if (at < 0) return variant;
  }
  return variants[variants.length - 1];
}
