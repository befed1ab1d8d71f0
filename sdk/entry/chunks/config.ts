// The `config` chunk: validating and compiling a config. The script-tag build loads it
// from its own URL when `init` runs, in parallel with the config itself, so the entry
// stays small; the npm build imports it.
import { parseConfigInSlices as inSlices, type ParsedConfig } from '../../core/index.js';

export { parseCampaignSection } from '../../core/index.js';
// Deriving the profile is asked of this chunk too: every init loads it, and the entry
// need not carry it (about 0.9 KB) for the pages that never read a profile.
export { deriveProfile } from '../../core/index.js';
// So is a page's type, with the URL conventions and the glob matcher it needs (about 0.6 KB).
export { pageType } from '../../core/index.js';

/**
 * The config, validated and compiled in slices, `pause` between them (the runtime's
 * nextTask: a timer waits a second per slice in a hidden tab). Slices are timed on the
 * monotonic clock, which a change of the system time does not move.
 */
export const parseConfigInSlices = (raw: unknown, pause: () => Promise<unknown>): Promise<ParsedConfig> => inSlices(raw, pause, () => performance.now());
// For the quizzes chunk, whose modules import these from here rather than carrying their
// own copy (see esbuild.config.mjs).
export { MAX_TEXT, Reader, checkKeys, compileCondition, createReport, describe, isRecord, parseAction, parseBody, parseImage } from '../../core/index.js';
// For the campaigns chunk, likewise.
export { fillContent, fillTemplate, matchGlob, parseRich, readPath, templateReads } from '../../core/index.js';
