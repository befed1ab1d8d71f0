// The `events` chunk: the events of DESIGN §7 sent on to `window.dataLayer` and to an
// endpoint. Loaded at init when `init` names an `endpoint` or sets `dataLayer`.
export { createEventsOut } from '../../runtime/index.js';
