// The `quiz` content kind, which any container renders (a bar opens it in a dialog).
export { Content } from '../../../widgets/content/quiz.js';
