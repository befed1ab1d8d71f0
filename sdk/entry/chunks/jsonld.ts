// The `jsonld` chunk: reading a schema.org Product out of a page's JSON-LD, as
// `page.product`. Loaded only on pages that carry JSON-LD, asked for at init.
export { productFromJsonLd } from '../../core/index.js';
