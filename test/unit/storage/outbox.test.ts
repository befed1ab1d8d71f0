import { describe, expect, it, vi } from 'vitest';
import { createOutbox, enqueue, type OutboxItem } from '../../../sdk/runtime/index.js';
import { createMemoryStore, type KeyValueStore } from '../../../sdk/storage/index.js';

/** What the fake endpoint answers to one request: a status, or no network at all. */
type Reply = number | 'offline';

const URL_ = 'https://collect.example/events';

/** Lets every pending promise (memory store, fake fetch, flush passes) settle. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The shared world of one browser: its storage, its clock, and what the endpoint received. */
function world() {
  const storage = createMemoryStore();
  let clock = 1_000_000;
  /** `<tab> <id>` per request the endpoint saw, in order. */
  const received: string[] = [];
  const stored = async () => ((await storage.get<OutboxItem[]>('outbox')) ?? []).map((item) => `${item.id} tries=${item.tries}`);
  return {
    storage,
    received,
    stored,
    now: () => clock,
    advance(ms: number) {
      clock += ms;
    },
  };
}

type World = ReturnType<typeof world>;

/** One tab's outbox over `w`, with a scripted endpoint (200 once the script runs out) and manual timers. */
function tab(w: World, replies: Reply[] = [], name = 'tab', online = () => true) {
  let ids = 0;
  const timers: { run: () => void; ms: number }[] = [];
  const requests: { url: string; init: RequestInit; storedAtSend: string[] }[] = [];
  const outbox = createOutbox({
    storage: w.storage,
    now: w.now,
    newId: () => `${name === 'tab' ? '' : `${name}-`}m${++ids}`,
    setTimer: (run, ms) => void timers.push({ run, ms }),
    online,
    async fetch(url, init) {
      requests.push({ url, init, storedAtSend: await w.stored() });
      // A batch of JSON lines: the endpoint sees each message's id.
      for (const line of String(init.body).trim().split('\n')) w.received.push(`${name} ${(JSON.parse(line) as { id: string }).id}`);
      const reply = replies.shift() ?? 200;
      if (reply === 'offline') throw new TypeError('Failed to fetch');
      return new Response(null, { status: reply });
    },
  });
  return {
    outbox,
    requests,
    timers,
    /** Advances the clock to the latest timer, runs it, and waits for its flush. */
    async runTimer() {
      const timer = timers.shift();
      if (!timer) throw new Error('no timer scheduled');
      w.advance(timer.ms);
      timer.run();
      await settle();
      return timer.ms;
    },
  };
}

describe('createOutbox', () => {
  it('stores a message, then POSTs it once as a text/plain JSON line with its id', async () => {
    const w = world();
    const t = tab(w);
    await t.outbox.send(URL_, { type: 'submit', campaignId: 'c1' });
    await settle();
    expect({ requests: t.requests, left: await w.stored(), timers: t.timers.length }).toEqual({
      requests: [
        {
          url: URL_,
          init: {
            method: 'POST',
            body: '{"type":"submit","campaignId":"c1","id":"m1"}\n',
            headers: { 'Content-Type': 'text/plain' },
            keepalive: true,
            credentials: 'same-origin',
            signal: expect.any(AbortSignal),
          },
          storedAtSend: ['m1 tries=0'],
        },
      ],
      left: [],
      timers: 0,
    });
  });

  it.each<[string, Reply]>([
    ['a 503', 503],
    ['a thrown fetch (offline)', 'offline'],
  ])('keeps the message after %s and schedules a retry in 2 s', async (_, reply) => {
    const w = world();
    const t = tab(w, [reply]);
    await t.outbox.send(URL_, { type: 'impression' });
    await settle();
    const items = (await w.storage.get<OutboxItem[]>('outbox')) ?? [];
    expect({ items, timers: t.timers.map((timer) => timer.ms) }).toEqual({
      items: [{ id: 'm1', url: URL_, body: { type: 'impression' }, tries: 1, next: w.now() + 2_000 }],
      timers: [2_000],
    });
  });

  it('backs off exponentially up to 5 minutes', async () => {
    const w = world();
    const t = tab(w, Array<Reply>(12).fill('offline'));
    await t.outbox.send(URL_, { type: 'impression' });
    await settle();
    const delays: number[] = [];
    for (let i = 0; i < 11; i++) delays.push(await t.runTimer());
    expect({ delays, left: await w.stored() }).toEqual({
      delays: [2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000],
      left: ['m1 tries=12'],
    });
  });

  it('delivers on retry, and the endpoint sees the same id every time', async () => {
    const w = world();
    const t = tab(w, [503, 'offline', 200]);
    await t.outbox.send(URL_, { type: 'impression' });
    await settle();
    await t.runTimer();
    await t.runTimer();
    expect({ received: w.received, left: await w.stored(), timers: t.timers.length }).toEqual({
      received: ['tab m1', 'tab m1', 'tab m1'],
      left: [],
      timers: 0,
    });
  });

  it('does not send a message again before its backoff ends', async () => {
    const w = world();
    // Offline at first: each waits for the retry, which finds all three due.
    const t = tab(w, ['offline', 'offline', 'offline']);
    await t.outbox.send(URL_, { n: 1 });
    w.advance(1_999);
    await t.outbox.flush();
    expect(w.received).toEqual(['tab m1']);
  });

  it('survives a page reload: the next page flushes what the last one left', async () => {
    const w = world();
    const before = tab(w, ['offline', 'offline'], 'old');
    await before.outbox.send(URL_, { n: 1 });
    await before.outbox.send(URL_, { n: 2 });
    // The new page loads before the backoff ends: it waits for it, then delivers both.
    w.advance(500);
    const after = tab(w, [], 'new');
    await after.outbox.flush();
    const early = [...w.received];
    const waited = await after.runTimer();
    expect({ early, waited, received: w.received, left: await w.stored() }).toEqual({
      early: ['old old-m1', 'old old-m2'],
      waited: 1_500,
      received: ['old old-m1', 'old old-m2', 'new old-m1', 'new old-m2'],
      left: [],
    });
  });

  it('lets the next page retry a message whose send the reload cut off, once its claim runs out', async () => {
    const w = world();
    const storage: KeyValueStore = w.storage;
    const before = createOutbox({
      storage,
      now: w.now,
      newId: () => 'cut',
      setTimer: () => undefined,
      // The page unloads while the request is in flight: it never answers.
      fetch: () => new Promise<Response>(() => undefined),
    });
    void before.send(URL_, { n: 1 });
    await settle();
    const after = tab(w, [], 'new');
    await after.outbox.flush();
    const early = [...w.received];
    const waited = await after.runTimer();
    expect({ early, waited, received: w.received, left: await w.stored() }).toEqual({
      early: [],
      waited: 30_000,
      received: ['new cut'],
      left: [],
    });
  });

  it('sends each message exactly once when two tabs flush the same storage at once', async () => {
    const w = world();
    const writer = tab(w, ['offline', 'offline', 'offline'], 'w');
    await writer.outbox.send(URL_, { n: 1 });
    await writer.outbox.send(URL_, { n: 2 });
    await writer.outbox.send(URL_, { n: 3 });
    w.advance(2_000);
    // Both tabs' requests stay open until both have claimed what they send.
    const gates: (() => void)[] = [];
    const held = (name: string) =>
      createOutbox({
        storage: w.storage,
        now: w.now,
        newId: () => `${name}-new`,
        setTimer: () => undefined,
        fetch: (_url, init) => {
          // A batch of JSON lines: the endpoint sees each message's id.
      for (const line of String(init.body).trim().split('\n')) w.received.push(`${name} ${(JSON.parse(line) as { id: string }).id}`);
          return new Promise<Response>((resolve) => gates.push(() => resolve(new Response(null, { status: 204 }))));
        },
      });
    const a = held('a');
    const b = held('b');
    const both = Promise.all([a.flush(), b.flush()]);
    await settle();
    for (const open of gates.splice(0)) open();
    await both;
    const ids = w.received.slice(3).map((line) => line.split(' ')[1]).sort();
    expect({ ids, left: await w.stored() }).toEqual({ ids: ['w-m1', 'w-m2', 'w-m3'], left: [] });
  });

  it('keeps at most 200 messages, dropping the oldest', async () => {
    const w = world();
    const t = tab(w, Array<Reply>(205).fill('offline'));
    for (let i = 0; i < 205; i++) await t.outbox.send(URL_, { n: i });
    const left = await w.stored();
    expect({ count: left.length, first: left[0], last: left.at(-1) }).toEqual({ count: 200, first: 'm6 tries=1', last: 'm205 tries=1' });
  });

  it('never drops a form submission to make room: the oldest events go instead', async () => {
    const w = world();
    const t = tab(w, Array<Reply>(205).fill('offline'));
    await t.outbox.send(URL_, { type: 'submit', values: { email: 'a@example.com' } });
    for (let i = 0; i < 204; i++) await t.outbox.send(URL_, { event: 'segment_enter', n: i });
    const left = await w.stored();
    expect({ count: left.length, first: left[0], second: left[1] }).toEqual({ count: 200, first: 'm1 tries=1', second: 'm7 tries=1' });
  });

  it('sends what is due for one URL as one request of JSON lines, and each URL apart', async () => {
    const w = world();
    // Offline at first: each waits for the retry, which finds all three due.
    const t = tab(w, ['offline', 'offline', 'offline']);
    await t.outbox.send(URL_, { n: 1 });
    await t.outbox.send(URL_, { n: 2 });
    await t.outbox.send('/other', { n: 3 });
    w.received.length = 0;
    t.requests.length = 0;
    await t.runTimer();
    expect(t.requests.map((r) => [r.url, String(r.init.body)])).toEqual([
      [URL_, '{"n":1,"id":"m1"}\n{"n":2,"id":"m2"}\n'],
      ['/other', '{"n":3,"id":"m3"}\n'],
    ]);
    expect(await w.stored()).toEqual([]);
  });

  // Chromium counts a keepalive request against its quota until the answer is read: sent
  // at once after the last one resolved, the next batch was refused.
  it('reads each answer before it sends the next batch', async () => {
    const w = world();
    const steps: string[] = [];
    const outbox = createOutbox({
      storage: w.storage,
      now: w.now,
      newId: (() => {
        let n = 0;
        return () => `m${++n}`;
      })(),
      setTimer: () => undefined,
      online: () => true,
      async fetch(_url, init) {
        const n = String(init.body).trim().split('\n').length;
        steps.push(`send ${n}`);
        const response = new Response('ok');
        const read = response.arrayBuffer.bind(response);
        response.arrayBuffer = () => (steps.push('read'), read());
        return response;
      },
    });
    await enqueue(w.storage, 'a', URL_, { answer: 'я'.repeat(15_000) });
    await enqueue(w.storage, 'b', URL_, { answer: 'я'.repeat(15_000) });
    await outbox.flush();
    expect(steps).toEqual(['send 1', 'read', 'send 1', 'read']);
  });

  it('cuts batches by UTF-8 bytes, and sends one message too big for the keepalive quota as a plain request', async () => {
    const w = world();
    const t = tab(w, ['offline', 'offline', 'offline']);
    // 15,000 Cyrillic letters: 15 KB as characters, 30 KB on the wire.
    await t.outbox.send(URL_, { answer: 'я'.repeat(15_000) });
    await t.outbox.send(URL_, { answer: 'я'.repeat(15_000) });
    await t.outbox.send(URL_, { answer: 'x'.repeat(60_000) });
    t.requests.length = 0;
    await t.runTimer();
    expect(t.requests.map((r) => [String(r.init.body).split('\n').length - 1, r.init.keepalive])).toEqual([
      [1, true],
      [1, true],
      [1, false],
    ]);
    expect(await w.stored()).toEqual([]);
  });

  it.each([
    [400, []],
    [413, []],
    [408, ['m1 tries=1']],
    [429, ['m1 tries=1']],
    [500, ['m1 tries=1']],
  ])('after a %d keeps %j: a client error a retry cannot fix is dropped', async (status, left) => {
    const w = world();
    const t = tab(w, [status]);
    await t.outbox.send(URL_, { type: 'submit' });
    await settle();
    expect(await w.stored()).toEqual(left);
  });

  it('skips stored records it cannot read, and never rejects', async () => {
    const w = world();
    await w.storage.update('outbox', () => [null, { id: 7 }, 'x']);
    const t = tab(w);
    await expect(t.outbox.flush()).resolves.toBeUndefined();
    await t.outbox.send(URL_, { n: 1 });
    await settle();
    expect(w.received).toEqual(['tab m1']);
  });

  it('retries a stored message whose try count or time another version left out, instead of never again', async () => {
    const w = world();
    await w.storage.update('outbox', () => [{ id: 'old', url: URL_, body: { n: 1 }, next: 0 }, { id: 'odd', url: URL_, body: { n: 2 }, tries: 'x', next: null }]);
    const t = tab(w, [503]);
    await t.outbox.flush();
    await settle();
    await t.runTimer();
    expect({ received: w.received, left: await w.stored() }).toEqual({ received: ['tab old', 'tab odd', 'tab old', 'tab odd'], left: [] });
  });

  it('gives up a request that never answers, so later sends still go out', async () => {
    const w = world();
    const requests: string[] = [];
    const outbox = createOutbox({
      storage: w.storage,
      now: w.now,
      newId: () => `m${requests.length + 1}`,
      setTimer: () => undefined,
      fetch: (url, init) =>
        new Promise((resolve, reject) => {
          requests.push(String(init.body));
          if (requests.length > 1) resolve(new Response(null, { status: 204 }));
          else init.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'AbortError')));
        }),
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const first = outbox.send(URL_, { n: 1 });
      await vi.advanceTimersByTimeAsync(10_000);
      await first;
    } finally {
      vi.useRealTimers();
    }
    await outbox.send(URL_, { n: 2 });
    expect(requests).toEqual(['{"n":1,"id":"m1"}\n', '{"n":2,"id":"m2"}\n']);
  });

  it('sends to another origin without reading the answer, and counts it as delivered', async () => {
    const w = world();
    const inits: RequestInit[] = [];
    const outbox = createOutbox({
      storage: w.storage,
      now: w.now,
      newId: () => 'm1',
      setTimer: () => undefined,
      origin: 'https://shop.example',
      fetch: async (_url, init) => {
        inits.push(init);
        // What a no-cors fetch resolves to: an opaque response whose status cannot be read.
        return { ok: false, status: 0, type: 'opaque' } as Response;
      },
    });
    await outbox.send('https://forms.example/lead', { n: 1 });
    expect(inits.map((i) => i.mode)).toEqual(['no-cors']);
    expect(await w.stored()).toEqual([]);
    await outbox.send('/collect', { n: 2 });
    expect(inits.map((i) => i.mode)).toEqual(['no-cors', undefined]);
  });

  it('sends nothing while the browser is offline, and sends it all on the flush that coming online brings', async () => {
    const w = world();
    let online = false;
    const t = tab(w, [], 'tab', () => online);
    await t.outbox.send(URL_, { type: 'submit' });
    await settle();
    expect({ requests: t.requests.length, left: await w.stored() }).toEqual({ requests: 0, left: ['m1 tries=0'] });
    online = true;
    await t.outbox.flush();
    expect({ received: w.received, left: await w.stored() }).toEqual({ received: ['tab m1'], left: [] });
  });

  it('does not count a send the browser cut off by going offline as a try', async () => {
    const w = world();
    let checks = 0;
    let back = false;
    // Online as the pass starts, offline by the time the send fails.
    const t = tab(w, ['offline'], 'tab', () => back || ++checks === 1);
    await t.outbox.send(URL_, { type: 'submit' });
    await settle();
    const items = (await w.storage.get<OutboxItem[]>('outbox')) ?? [];
    expect(items).toEqual([{ id: 'm1', url: URL_, body: { type: 'submit' }, tries: 0, next: 0 }]);
    back = true;
    await t.outbox.flush();
    expect({ received: w.received, left: await w.stored() }).toEqual({ received: ['tab m1', 'tab m1'], left: [] });
  });

  it('enqueue keeps a message without an outbox, for the next flush to send', async () => {
    const w = world();
    await w.storage.update('outbox', () => 'not a list');
    await enqueue(w.storage, 'early', URL_, { type: 'submit' });
    expect(await w.stored()).toEqual(['early tries=0']);
    await tab(w).outbox.flush();
    expect({ received: w.received, left: await w.stored() }).toEqual({ received: ['tab early'], left: [] });
  });
});
