// The npm entry: `import { createBeckon } from 'beckon'`.
import { createBeckon as createRuntime, type Beckon, type BeckonDeps, type Chunks } from '../runtime/index.js';

export type { Beckon, BeckonDeps, ConfigCompiler, ConsentState, Explanation, InitOptions, Listener, BeckonEventMap, CampaignEventPayload } from '../runtime/index.js';

/** A Beckon instance; every dependency may be injected (storage, clock, randomness, fetch, window). */
export function createBeckon(deps: Partial<BeckonDeps> = {}): Beckon {
  const chunks: { [K in keyof Chunks]: () => Promise<Chunks[K]> } = {
    config: () => import('./chunks/config.js'),
    signals: () => import('./chunks/signals.js'),
    geo: () => import('./chunks/geo.js'),
    explain: () => import('./chunks/explain.js'),
    history: () => import('./chunks/history.js'),
    intent: () => import('./chunks/intent.js'),
    intentPageValues: () => import('./chunks/intentPageValues.js'),
    campaigns: () => import('./chunks/campaigns.js'),
    outbox: () => import('./chunks/outbox.js'),
    quizzes: () => import('./chunks/quizzes.js'),
    jsonld: () => import('./chunks/jsonld.js'),
    events: () => import('./chunks/events.js'),
    debug: () => import('./chunks/debug.js'),
    popup: () => import('./chunks/popup.js'),
    bar: () => import('./chunks/bar.js'),
    message: () => import('./chunks/message.js'),
    inline: () => import('./chunks/inline.js'),
    messageContent: () => import('./chunks/messageContent.js'),
    formContent: () => import('./chunks/formContent.js'),
    quizContent: () => import('./chunks/quizContent.js'),
  };
  return createRuntime({ loadChunk: (name) => chunks[name](), ...deps });
}
export { createIdbStore, createMemoryStore, type KeyValueStore } from '../storage/index.js';
export {
  evaluate,
  parseConfig,
  type BeckonEvent,
  type Clause,
  type Condition,
  type Config,
  type Lists,
  type PageInfo,
  type Problem,
  type Profile,
} from '../core/index.js';
export { bootstrap, type BeckonGlobal } from './bootstrap.js';
