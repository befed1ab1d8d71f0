import * as bar from '../../../sdk/entry/chunks/bar.js';
import * as campaigns from '../../../sdk/entry/chunks/campaigns.js';
import * as config from '../../../sdk/entry/chunks/config.js';
import * as formContent from '../../../sdk/entry/chunks/formContent.js';
import * as inline from '../../../sdk/entry/chunks/inline.js';
import * as message from '../../../sdk/entry/chunks/message.js';
import * as messageContent from '../../../sdk/entry/chunks/messageContent.js';
import * as outbox from '../../../sdk/entry/chunks/outbox.js';
import * as jsonld from '../../../sdk/entry/chunks/jsonld.js';
import * as events from '../../../sdk/entry/chunks/events.js';
import * as debug from '../../../sdk/entry/chunks/debug.js';
import * as popup from '../../../sdk/entry/chunks/popup.js';
import * as quizContent from '../../../sdk/entry/chunks/quizContent.js';
import * as quizzes from '../../../sdk/entry/chunks/quizzes.js';
import * as explain from '../../../sdk/entry/chunks/explain.js';
import * as geo from '../../../sdk/entry/chunks/geo.js';
import * as history from '../../../sdk/entry/chunks/history.js';
import * as intent from '../../../sdk/entry/chunks/intent.js';
import * as intentPageValues from '../../../sdk/entry/chunks/intentPageValues.js';
import * as signals from '../../../sdk/entry/chunks/signals.js';
import type { BeckonDeps, Chunks } from '../../../sdk/runtime/index.js';

const chunks: Chunks = { config, signals, geo, explain, intent, intentPageValues, history, campaigns, outbox, quizzes, jsonld, events, debug, popup, bar, message, inline, messageContent, formContent, quizContent };

/** The chunks as the script tag would load them, imported directly. */
export const testChunks = (async (name) => chunks[name]) as BeckonDeps['loadChunk'];
