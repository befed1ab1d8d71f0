// The npm entry: `import { createBeckon } from 'beckon'`.
export { createBeckon, type Beckon, type BeckonDeps, type Explanation, type InitOptions, type Listener } from '../runtime/index.js';
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
