import { coerceVisitorRecord } from './coerceVisitorRecord.js';
import { DAY_PREFIX, coerceDayRecord } from './history.js';
import type { BeckonEvent } from './types.js';

/** Joins what was kept in memory while consent was pending with what another tab may have stored meanwhile. */
export function mergePending(key: string, persisted: unknown, pending: unknown): unknown {
  if (key.startsWith(DAY_PREFIX)) {
    const stored = coerceDayRecord(persisted) ?? {};
    // Memory may hold copies of stored events (granted → pending → granted): each event once.
    const identity = (e: BeckonEvent) => `${e.ts}|${e.name}|${e.session ?? ''}|${e.pv ?? ''}`;
    const seen = new Set((stored.events ?? []).map(identity));
    const fresh = (coerceDayRecord(pending)?.events ?? []).filter((e) => !seen.has(identity(e)));
    return { ...stored, events: [...(stored.events ?? []), ...fresh].sort((a, b) => a.ts - b.ts) };
  }
  if (key === 'visitor') {
    const stored = coerceVisitorRecord(persisted);
    // The stored visitor keeps its identity; traits given while pending are kept too.
    return stored ? { ...stored, traits: { ...stored.traits, ...coerceVisitorRecord(pending)?.traits } } : pending;
  }
  return pending;
}
