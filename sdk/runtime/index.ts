export { createBeckon, type Beckon, type BeckonDeps, type ChunkName, type Chunks, type ConfigCompiler, type ConsentState, type Explanation, type InitOptions } from './createBeckon.js';
export type { BeckonEventMap, CampaignEventPayload, Listener } from './emitter.js';
export { createCampaignRunner, type CampaignRunner, type ContainerModule, type ContentModule, type RunnerHost } from './campaignRunner.js';
export { createOutbox, enqueue, type Outbox, type OutboxItem, type OwnOutbox } from './outbox.js';
export { createEventsOut, dataLayerEntry, OUTGOING_EVENTS, type EventsOutHost } from './eventsOut.js';
export { startCampaigns, type CampaignsHost } from './startCampaigns.js';
export { createQuizRuntime, type QuizRuntime, type QuizRuntimeHost } from './quizRuntime.js';
