export { createBeckon, type Beckon, type BeckonDeps, type ChunkName, type Chunks, type ConfigCompiler, type ConsentState, type Explanation, type InitOptions } from './createBeckon.js';
export type { Listener } from './emitter.js';
