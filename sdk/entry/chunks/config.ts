// The `config` chunk: validating and compiling a config. The script-tag build loads it
// from its own URL when `init` runs, in parallel with the config itself, so the entry
// stays small; the npm build imports it.
export { parseCampaignSection, parseConfig } from '../../core/index.js';
