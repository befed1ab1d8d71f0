import { describe, expect, it } from 'vitest';
import { mergePending } from '../../../sdk/core/index.js';
import { createConsentStore, createMemoryStore, type KeyValueStore } from '../../../sdk/storage/index.js';

describe('createConsentStore', () => {
  it('writes what memory held when persisting starts, merged with what was stored', async () => {
    const persistent = createMemoryStore([['campaigns', { a: { n: 3 } }]]);
    const store = createConsentStore(persistent, 'memory');
    await store.update('campaigns', () => ({ b: { n: 1 } }));
    expect(await persistent.get('campaigns')).toEqual({ a: { n: 3 } });
    await store.persist(mergePending);
    expect({ mode: store.mode(), stored: await persistent.get('campaigns') }).toEqual({ mode: 'persist', stored: { a: { n: 3 }, b: { n: 1 } } });
  });

  // The runner and the events tap write outside init's queue: a write can land while the
  // keys are being merged, after its own key was merged.
  it('keeps a write made while persisting to a key already merged', async () => {
    let during: (() => Promise<unknown>) | undefined;
    const base = createMemoryStore();
    const persistent: KeyValueStore = {
      ...base,
      async update(key, updater) {
        const value = await base.update(key, updater);
        const write = during;
        during = undefined;
        await write?.();
        return value;
      },
    };
    const store = createConsentStore(persistent, 'memory');
    await store.update('campaigns', () => ({ c: { n: 1 } }));
    during = () => store.update<Record<string, { n: number }>>('campaigns', (m) => ({ ...m, c: { n: (m?.c?.n ?? 0) + 1 } }));
    await store.persist(mergePending);
    expect({ mode: store.mode(), stored: await persistent.get('campaigns'), read: await store.get('campaigns') }).toEqual({
      mode: 'persist',
      stored: { c: { n: 2 } },
      read: { c: { n: 2 } },
    });
  });
});
