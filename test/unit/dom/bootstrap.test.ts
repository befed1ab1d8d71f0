import { describe, expect, it } from 'vitest';
import { bootstrap, chunkBase } from '../../../sdk/entry/bootstrap.js';
import { createMemoryStore } from '../../../sdk/storage/index.js';
import { testChunks } from './testChunks.js';

type Win = Window & { beckon?: any };

function snippetWindow(): Win {
  const win = { console } as unknown as Win;
  // The snippet of DESIGN §2, verbatim in behaviour.
  win.beckon = function (...args: unknown[]) {
    (win.beckon.q = win.beckon.q || []).push(args);
  };
  return win;
}

function deps(warnings: string[] = []) {
  return { storage: createMemoryStore(), loadChunk: testChunks, console: { warn: (m: string) => warnings.push(m) }, window: null };
}

describe('bootstrap', () => {
  it('replays the queue in order, then serves calls and methods', async () => {
    const win = snippetWindow();
    const log: string[] = [];
    win.beckon('on', 'track', (e: { name: string }) => log.push(e.name));
    win.beckon('identify', { n: 1 });
    win.beckon('init', { config: { version: 1 } });
    win.beckon('track', 'queued');
    win.beckon('identify', { n: 2 });
    const api = bootstrap(win, null, deps());
    expect(win.beckon).toBe(api);
    const profile = await win.beckon('profile');
    win.beckon.track('method');
    await win.beckon.profile();
    expect(log).toEqual(['queued', 'page_view', 'method']);
    expect(profile.traits).toEqual({ n: 2 });
  });

  it('counts data-config as init when the queue holds none', async () => {
    const win = {} as Win;
    const script = document.createElement('script');
    script.setAttribute('data-config', '/beckon.config.json');
    const requested: string[] = [];
    bootstrap(win, script, {
      ...deps(),
      fetch: async (url) => {
        requested.push(url);
        return new Response('{"version":1}');
      },
    });
    expect((await win.beckon.profile()).session.pageviews).toBe(1);
    expect(requested).toEqual(['/beckon.config.json']);
  });

  it('lets a queued init win over data-config', async () => {
    const win = snippetWindow();
    win.beckon('init', { config: { version: 1 } });
    const script = document.createElement('script');
    script.setAttribute('data-config', '/never.json');
    const requested: string[] = [];
    bootstrap(win, script, { ...deps(), fetch: async (url) => (requested.push(url), new Response('{}')) });
    await win.beckon.profile();
    expect(requested).toEqual([]);
  });

  it('accepts the stub before its first call', () => {
    const win = snippetWindow();
    expect(bootstrap(win, null, deps())).toBe(win.beckon);
  });

  it('initialises once when loaded twice', async () => {
    const win = snippetWindow();
    win.beckon('init', {});
    const first = bootstrap(win, null, deps());
    const warnings: string[] = [];
    const second = bootstrap(win, null, deps(warnings));
    expect(second).toBe(first);
    expect((await win.beckon.profile()).session.pageviews).toBe(1);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['an object', { track() {} }],
    ['another function', function beckon() {}],
    ['a string', 'beckon'],
  ])('steps aside with one warning when window.beckon is %s', (_name, foreign) => {
    const win = { beckon: foreign } as Win;
    const warnings: string[] = [];
    expect(bootstrap(win, null, deps(warnings))).toBeUndefined();
    expect(win.beckon).toBe(foreign);
    expect(warnings).toEqual(['[beckon] window.beckon is already defined by another script; Beckon did not start.']);
  });

  it('warns about an unknown command without throwing', () => {
    const win = snippetWindow();
    win.beckon('fly', 1);
    const warnings: string[] = [];
    expect(() => bootstrap(win, null, deps(warnings))).not.toThrow();
    expect(warnings).toEqual(['[beckon] unknown command "fly"; expected one of init, track, identify, profile, segments, explain, consent, forget, show, hide, on, off.']);
  });
});

describe('chunkBase', () => {
  it.each([
    ['https://shop.test/beckon.js', 'https://shop.test/chunks/'],
    ['https://cdn.test/beckon/1.2.0/beckon.js?v=3', 'https://cdn.test/beckon/1.2.0/chunks/'],
  ])('puts the chunks of %s in %s', (src, base) => {
    const script = document.createElement('script');
    script.src = src;
    expect(chunkBase(window, script)).toBe(base);
  });
});
