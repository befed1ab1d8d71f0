// The `config` chunk: validating and compiling a config. The script-tag build loads it
// from its own URL when `init` runs, in parallel with the config itself, so the entry
// stays small; the npm build imports it.
export { parseCampaignSection, parseConfigInSlices } from '../../core/index.js';
// For the quizzes chunk, whose modules import these from here rather than carrying their
// own copy (see esbuild.config.mjs).
export { MAX_TEXT, Reader, checkKeys, compileCondition, createReport, describe, isRecord, parseAction, parseBody, parseImage } from '../../core/index.js';
