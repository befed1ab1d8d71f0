const JSON_LD = 'script[type="application/ld+json"]';

/** Whether the page carries JSON-LD, without reading it. */
export const hasJsonLd = (root: ParentNode): boolean => root.querySelector(JSON_LD) !== null;

/** Parsed `<script type="application/ld+json">` blocks; a block that is not JSON is skipped. */
export function readJsonLd(root: ParentNode): unknown[] {
  const blocks: unknown[] = [];
  for (const script of Array.from(root.querySelectorAll(JSON_LD))) {
    try {
      blocks.push(JSON.parse(script.textContent ?? ''));
    } catch {
      // Broken markup is the store's SEO problem, not a reason to stop reading the rest.
    }
  }
  return blocks;
}
