// The `explain` chunk: the reason trees of `explain()`, loaded on its first call.
export { explainCondition } from '../../core/index.js';
