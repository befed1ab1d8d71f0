import { coerceVisitorRecord } from './coerceVisitorRecord.js';
import { DAY_PREFIX, coerceDayRecord } from './history.js';
import type { CampaignMemory } from './campaignStatus.js';
import { isRecord } from './configReport.js';
import { touchSession } from './session.js';
import type { BeckonEvent } from './types.js';

const asRecord = (value: unknown) => (isRecord(value) ? (value as Record<string, CampaignMemory>) : {});
const latest = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

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
    const memory = coerceVisitorRecord(pending);
    if (!stored || !memory) return stored ?? pending;
    // The stored visitor keeps its identity; traits given while pending are kept too.
    const traits = { ...stored.traits, ...memory.traits };
    // A copy of the stored visitor (consent granted, then pending): the later of the two.
    if (memory.id === stored.id) return { ...(memory.session.last > stored.session.last ? memory : stored), traits };
    // A visitor of memory's own, begun by a page that started with consent pending (a consent
    // tool answering late on every page): its visit is the stored visitor's, and its page
    // views count in the stored session, or start the next one after 30 idle minutes.
    const { session } = memory;
    const joined = touchSession(stored, { now: session.start, path: session.landingPage, pageview: false, newId: () => session.id, ...(session.landing && { landing: session.landing }) });
    return { ...joined, traits, session: { ...joined.session, pageviews: joined.session.pageviews + session.pageviews, last: Math.max(joined.session.last, session.last) } };
  }
  if (key === 'campaigns') {
    // Per campaign, the fuller record: impressions, dismissals and conversions are never forgotten.
    const merged: Record<string, CampaignMemory> = { ...asRecord(persisted) };
    for (const [id, memory] of Object.entries(asRecord(pending))) {
      const stored = merged[id];
      if (!stored) merged[id] = memory;
      else {
        const fuller = (memory.n ?? 0) >= (stored.n ?? 0) ? memory : stored;
        const record: CampaignMemory = { ...fuller };
        for (const mark of ['dismissed', 'converted', 'submitted'] as const) {
          const at = latest(stored[mark], memory[mark]);
          if (at !== undefined) record[mark] = at;
        }
        merged[id] = record;
      }
    }
    return merged;
  }
  if (key === 'quizzes') {
    // Per quiz, the record answered here while consent was pending: it is the newer one.
    return { ...(isRecord(persisted) ? persisted : {}), ...(isRecord(pending) ? pending : {}) };
  }
  if (key === 'outbox') {
    // Both lists, each message once.
    const stored = Array.isArray(persisted) ? (persisted as { id: string }[]) : [];
    const ids = new Set(stored.map((item) => item.id));
    return [...stored, ...(Array.isArray(pending) ? (pending as { id: string }[]) : []).filter((item) => !ids.has(item.id))];
  }
  return pending;
}
