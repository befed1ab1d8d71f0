// The `jsonld` chunk: reading a schema.org Product out of a page's JSON-LD, as
// `page.product`. Loaded only on pages that carry JSON-LD, asked for at init.
export { productFromJsonLd } from '../../core/index.js';
// Reading the blocks is this chunk's too: a page without JSON-LD never needs it.
export { readJsonLd } from '../../tracking/index.js';
