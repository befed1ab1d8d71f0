// The `form` content kind, which any container renders.
export { Content } from '../../../widgets/content/form.js';
