import type { BeckonEvent } from './types.js';

/** Raw events kept at most (DESIGN §8). */
export const MAX_EVENTS = 5000;

/** Appends an event, dropping the oldest beyond `max`. Tolerates a corrupted log. */
export function appendEvent(log: unknown, event: BeckonEvent, max = MAX_EVENTS): BeckonEvent[] {
  const events = Array.isArray(log) ? (log as BeckonEvent[]) : [];
  const next = events.length >= max ? events.slice(events.length - max + 1) : events.slice();
  next.push(event);
  return next;
}
