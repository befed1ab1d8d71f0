// The `inline` widget chunk: the container, and the shared mount (in a chunk shared by all widgets).
export { Container } from '../../../widgets/inline.js';
export { mountWidget } from '../../../widgets/shared/index.js';
