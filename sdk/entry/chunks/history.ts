// The `history` chunk: history maintenance that most page loads never need: folding
// days past the raw window into summaries (at most about once a day), and merging what
// memory held while consent was pending into storage when it is granted.
export { mergePending, summarizeDay } from '../../core/index.js';
