// The `debug` chunk: the debug panel and preview links. Built with the widgets, so it
// shares their Preact chunk.
export { startDebug } from '../../../widgets/debug.js';
