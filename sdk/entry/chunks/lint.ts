// The `lint` chunk: the checks `beckon validate` adds to the parsers' (selectors the
// browser would refuse, `"segments": "id"`), for the demo store's playground. No page that
// runs campaigns loads it.
export { lintSegmentsEquality, selectorProblems } from '../../core/index.js';
