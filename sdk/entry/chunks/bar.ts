// The `bar` widget chunk: the container, and the shared mount (in a chunk shared by all widgets).
export { Container } from '../../../widgets/bar.js';
export { mountWidget } from '../../../widgets/shared/index.js';
