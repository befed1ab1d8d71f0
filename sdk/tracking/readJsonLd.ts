/** Parsed `<script type="application/ld+json">` blocks; a block that is not JSON is skipped. */
export function readJsonLd(root: ParentNode): unknown[] {
  const blocks: unknown[] = [];
  for (const script of Array.from(root.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      blocks.push(JSON.parse(script.textContent ?? ''));
    } catch {
      // Broken markup is the store's SEO problem, not a reason to stop reading the rest.
    }
  }
  return blocks;
}
