// The `message` content kind, which any container renders.
export { Content } from '../../../widgets/content/message.js';
