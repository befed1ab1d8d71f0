const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A random, local identifier (never a fingerprint): 20 base-36 characters, about
 * 103 bits, from the injected random source.
 */
export function createId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 20; i++) id += ALPHABET[Math.floor(random() * 36) % 36];
  return id;
}
