// The `quizzes` chunk: validating the config's quizzes and running them on the page
// (branching, answers, results). Loaded at init only when the config has quizzes.
export { parseQuizzes } from '../../core/index.js';
export { createQuizRuntime } from '../../runtime/index.js';
