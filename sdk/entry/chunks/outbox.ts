// The `outbox` chunk: messages to an endpoint, kept in storage until delivered. Loaded
// when a form first sends, or when an earlier page left messages waiting.
export { createOutbox } from '../../runtime/index.js';
