import * as config from '../../../sdk/entry/chunks/config.js';
import * as explain from '../../../sdk/entry/chunks/explain.js';
import * as geo from '../../../sdk/entry/chunks/geo.js';
import * as history from '../../../sdk/entry/chunks/history.js';
import * as intent from '../../../sdk/entry/chunks/intent.js';
import * as intentPageValues from '../../../sdk/entry/chunks/intentPageValues.js';
import * as signals from '../../../sdk/entry/chunks/signals.js';
import type { BeckonDeps, Chunks } from '../../../sdk/runtime/index.js';

const chunks: Chunks = { config, signals, geo, explain, intent, intentPageValues, history };

/** The chunks as the script tag would load them, imported directly. */
export const testChunks = (async (name) => chunks[name]) as BeckonDeps['loadChunk'];
