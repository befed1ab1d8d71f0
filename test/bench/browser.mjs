// npm run bench:browser [-- --loads 10 --rates 1,4 --out FILE]
// npm run bench:browser -- --serve   serves the pages to look at, and measures nothing
//
// The demo store's product page in Chromium, loaded cold (a fresh browser context, so an
// empty cache and empty storage) with:
//   none      no personalization script;
//   beckon    dist/beckon.js with the demo config and one popup shown on load;
//   beckon-one-popup  dist/beckon.js with a config of that popup alone: the SDK's own cost,
//             without the demo's segments, intent model, quizzes and inline widgets;
//   beckon-nothing-shown  the same popup meant for another page: what Beckon costs a page
//             where it shows nothing (DESIGN §9's "main-thread time added at page load");
//   posthog   posthog-js array.full.js with surveys on, one popover survey shown on load;
//   growthbook GrowthBook's script-tag bundle (auto.min.js), one visual experiment that
//             changes the product's heading on load (it has no popups: its "widget" is
//             the change it makes to the page).
// Everything is served from 127.0.0.1 by this script, gzip-compressed as a CDN would, with
// each tool's API answered locally. Loads are interleaved (each round loads every tool once
// at each CPU rate), and each figure is the median over the loads.
//
// Figures per tool and CPU rate:
//   KB          bytes the tool's own requests transferred (its scripts, config and API
//               answers; the page's HTML and assets are the same for all and left out)
//   script ms   main-thread script time (Chromium's ScriptDuration) beyond the page without
//               a tool, once the page has settled
//   before ms   the same, up to the moment the widget became visible
//   long tasks  tasks over 50 ms on the main thread, from navigation to settled
//   TBT ms      the part of each long task beyond 50 ms, summed
//   widget ms   from the load event to the widget visible (negative: before load)
// It reports and never fails on a figure (timings on a shared machine are noisy); it
// fails only when a page does not show its widget.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { createDemoServer } from '../../demo-site/server.mjs';
import { renderRoute } from '../../demo-site/pages.mjs';
import { findChromium } from '../e2e/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '10' },
    rates: { type: 'string', default: '1,4' },
    out: { type: 'string', default: path.join(root, 'test-results/bench-browser.json') },
    serve: { type: 'boolean', default: false },
  },
});
const LOADS = Number(args.loads);
const RATES = args.rates.split(',').map(Number);
const PRODUCT = '/products/swift-road';
/** How long after the widget (or, without one, the load event) a page is left to settle. */
const SETTLE_MS = 1000;

// ---------------------------------------------------------------------------------------
// What each page embeds, and what its tool's API answers.

const POSTHOG_TOKEN = 'phc_bench';
const GROWTHBOOK_KEY = 'sdk-bench';

/** The popup every Beckon page shows: on product pages, on load. */
const benchPopup = {
  id: 'bench-popup',
  type: 'popup',
  pages: { include: ['/products/*'] },
  trigger: { on: 'load' },
  content: { kind: 'message', title: 'Free returns on every pair', body: 'Try them at home for 30 days.', cta: { label: 'Shop road shoes', href: '/category/road' } },
};

/** The demo config plus the popup. */
function beckonConfig() {
  const config = JSON.parse(readFileSync(path.join(root, 'demo-site/beckon.config.json'), 'utf8'));
  config.campaigns.push(benchPopup);
  return config;
}

/** One popover survey on every page, shown at once: PostHog's closest thing to a popup. */
const posthogSurveys = {
  surveys: [
    {
      id: '0190bench-0000-0000-0000-000000000001',
      name: 'Bench survey',
      type: 'popover',
      questions: [{ type: 'open', question: 'What brought you here today?', id: 'q1' }],
      conditions: null,
      appearance: { position: 'center', displayThankYouMessage: false },
      start_date: '2024-01-01T00:00:00Z',
      end_date: null,
      current_iteration: null,
      current_iteration_start_date: null,
      linked_flag_key: null,
      targeting_flag_key: null,
      internal_targeting_flag_key: null,
    },
  ],
};

const growthbookPayload = {
  features: {},
  experiments: [
    {
      key: 'bench-heading',
      changeId: 'bench-change',
      hashAttribute: 'id',
      urlPatterns: [{ type: 'simple', include: true, pattern: '/products/*' }],
      weights: [0, 1],
      coverage: 1,
      variations: [{}, { domMutations: [{ selector: 'h1', action: 'set', attribute: 'html', value: 'Swift Road: free returns' }] }],
    },
  ],
};

/** The store's snippet of DESIGN §2, with the demo's endpoint. */
const beckonEmbed = (config) => `<script>
  window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };
  beckon('init', { config: '${config}', endpoint: '/collect' });
</script>
<script async src="/beckon.js"></script>`;

/** What each page puts where the store's Beckon snippet goes. */
const embeds = (origin) => ({
  none: '',
  beckon: beckonEmbed('/bench/beckon.config.json'),
  'beckon-one-popup': beckonEmbed('/bench/one-popup.json'),
  'beckon-nothing-shown': beckonEmbed('/bench/elsewhere.json'),
  // PostHog's loader reads its calls from window.posthog._i, as its snippet leaves them.
  posthog: `<script>
  window.posthog = Object.assign([], { _i: [['${POSTHOG_TOKEN}', { api_host: '${origin}', autocapture: false, disable_session_recording: true, capture_pageview: true }, 'posthog']] });
</script>
<script async src="/bench/posthog/array.full.js"></script>`,
  growthbook: `<script async src="/bench/growthbook/auto.min.js" data-api-host="${origin}" data-client-key="${GROWTHBOOK_KEY}" data-no-streaming="true"></script>`,
});

const FILES = {
  '/bench/posthog/array.full.js': require.resolve('posthog-js/dist/array.full.js'),
  '/bench/growthbook/auto.min.js': path.join(path.dirname(require.resolve('@growthbook/growthbook/package.json')), 'dist/bundles/auto.min.js'),
};

/** Answers for the tools' own APIs, as their cloud would give them for this setup. */
function apiAnswer(pathname) {
  if (pathname === '/bench/beckon.config.json') return beckonConfig();
  if (pathname === '/bench/one-popup.json') return { version: 1, campaigns: [benchPopup] };
  if (pathname === '/bench/elsewhere.json') return { version: 1, campaigns: [{ ...benchPopup, pages: { include: ['/checkout'] } }] };
  if (pathname === `/api/features/${GROWTHBOOK_KEY}`) return growthbookPayload;
  if (pathname === `/array/${POSTHOG_TOKEN}/config`) return posthogRemoteConfig;
  if (pathname === '/api/surveys/') return posthogSurveys;
  if (pathname === '/flags/') return { flags: {}, errorsWhileComputingFlags: false };
  if (['/e/', '/i/v0/e/', '/batch/', '/s/'].includes(pathname)) return { status: 1 };
  return undefined;
}

/** PostHog's remote config for a project with surveys on and everything else off. */
const posthogRemoteConfig = {
  token: POSTHOG_TOKEN,
  supportedCompression: ['gzip-js'],
  hasFeatureFlags: false,
  captureDeadClicks: false,
  capturePerformance: false,
  autocapture_opt_out: true,
  autocaptureExceptions: false,
  analytics: { endpoint: '/i/v0/e/' },
  elementsChainAsString: true,
  sessionRecording: false,
  heatmaps: false,
  surveys: true,
  defaultIdentifiedOnly: true,
  siteApps: [],
};

// ---------------------------------------------------------------------------------------
// The server: the product page with each embed, the tools' files and APIs, and everything
// else (dist/, the store's assets, /collect) from the demo server. Text is gzip-compressed.

function startServer() {
  const demo = createDemoServer({ collectLog: path.join(os.tmpdir(), `beckon-bench-collect-${process.pid}.ndjson`), log: () => undefined });
  const demoHandler = demo.listeners('request')[0];
  /** What each URL path answered, compressed once: every answer is the same all run long. */
  const gzipCache = new Map();
  const send = (req, res, type, body) => {
    const headers = { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*' };
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const key = req.url;
      let zipped = gzipCache.get(key);
      if (!zipped) gzipCache.set(key, (zipped = gzipSync(body, { level: 9 })));
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip' }).end(zipped);
    } else res.writeHead(200, headers).end(body);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://${req.headers.host}`;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': '*' }).end();
      return;
    }
    const tool = url.pathname === PRODUCT && url.searchParams.get('tool');
    if (tool) {
      const page = renderRoute(PRODUCT, { embed: embeds(origin)[tool] });
      return send(req, res, page.type, Buffer.from(page.body));
    }
    if (FILES[url.pathname]) return send(req, res, 'text/javascript; charset=utf-8', readFileSync(FILES[url.pathname]));
    const answer = apiAnswer(url.pathname);
    if (answer) {
      req.resume();
      return send(req, res, 'application/json', Buffer.from(JSON.stringify(answer)));
    }
    if (url.pathname.endsWith('.js') || url.pathname.endsWith('.css')) {
      const file = url.pathname.startsWith('/assets/') ? path.join(root, 'demo-site', url.pathname) : path.join(root, 'dist', url.pathname);
      try {
        return send(req, res, url.pathname.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css', readFileSync(file));
      } catch {
        // Not a file: the demo server answers (a 404 page).
      }
    }
    demoHandler(req, res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------------------
// One cold load, measured.

const TOOLS = ['none', 'beckon', 'beckon-one-popup', 'beckon-nothing-shown', 'posthog', 'growthbook'];
/** The setups without a widget to wait for. */
const NO_WIDGET = new Set(['none', 'beckon-nothing-shown']);

/** Runs in the page before any of its scripts: long tasks, and when the tool's widget shows. */
function watchPage(tool) {
  window.__bench = { longTasks: [], shownAt: undefined };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const visible = (element) => {
    const box = element?.getBoundingClientRect();
    return !!box && box.width > 0 && box.height > 0;
  };
  const beckon = () => visible(document.querySelector('beckon-widget[data-campaign="bench-popup"]')?.shadowRoot?.querySelector('[role="dialog"]'));
  const shown = {
    none: () => false,
    beckon,
    'beckon-one-popup': beckon,
    'beckon-nothing-shown': () => false,
    posthog: () => {
      const host = [...document.body.children].find((element) => String(element.className).startsWith('PostHogSurvey'));
      return visible(host?.shadowRoot?.querySelector('form, .survey-form, .survey-box'));
    },
    growthbook: () => document.querySelector('h1')?.textContent === 'Swift Road: free returns' && visible(document.querySelector('h1')),
  }[tool];
  let polling = false;
  const check = () => {
    if (window.__bench.shownAt !== undefined) return;
    if (shown()) {
      window.__bench.shownAt = performance.now();
      window.__benchShown?.();
      return;
    }
    // The widget's own content can render inside a shadow root, out of the observer's
    // sight: once its host is in the page, look again each frame.
    if (!polling && tool !== 'none' && tool !== 'beckon-nothing-shown' && document.body && [...document.body.children, ...document.documentElement.children].some((e) => e.shadowRoot)) {
      polling = true;
      const frame = () => {
        check();
        if (window.__bench.shownAt === undefined) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

const toolUrl = (url) => {
  const { pathname } = new URL(url);
  return !(pathname === PRODUCT || pathname.startsWith('/assets/') || pathname === '/favicon.ico');
};

async function measure(browser, baseURL, tool, rate) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const urls = new Map();
    let bytes = 0;
    const requests = [];
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
    cdp.on('Network.loadingFinished', (event) => {
      const url = urls.get(event.requestId);
      if (url && toolUrl(url)) {
        bytes += event.encodedDataLength;
        requests.push(new URL(url).pathname);
      }
    });
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const scriptMs = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return 1000 * (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0);
    };
    let scriptBefore;
    await page.exposeFunction('__benchShown', async () => {
      scriptBefore = await scriptMs();
    });
    await page.addInitScript(watchPage, tool);
    await page.goto(`${PRODUCT}?tool=${tool}`, { waitUntil: 'load' });
    if (!NO_WIDGET.has(tool)) await page.waitForFunction(() => window.__bench.shownAt !== undefined, undefined, { timeout: 20_000 * rate, polling: 100 }).catch(() => undefined);
    await page.waitForTimeout(SETTLE_MS);
    const seen = await page.evaluate(() => ({
      longTasks: window.__bench.longTasks,
      shownAt: window.__bench.shownAt,
      loadEnd: performance.getEntriesByType('navigation')[0].loadEventEnd,
    }));
    return {
      bytes,
      requests,
      script: await scriptMs(),
      scriptBefore,
      longTasks: seen.longTasks.length,
      tbt: seen.longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      longest: Math.max(0, ...seen.longTasks),
      widget: seen.shownAt === undefined ? undefined : seen.shownAt - seen.loadEnd,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const server = await startServer();
  const baseURL = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
  const runs = new Map(); // `${tool} ${rate}` → results
  const started = Date.now();
  try {
    // One warm-up load each, not counted: the first launch of anything is slower.
    for (const tool of TOOLS) await measure(browser, baseURL, tool, 1);
    for (let round = 1; round <= LOADS; round++) {
      for (const rate of RATES) {
        for (const tool of TOOLS) {
          const key = `${tool} ${rate}`;
          if (!runs.has(key)) runs.set(key, []);
          runs.get(key).push(await measure(browser, baseURL, tool, rate));
        }
      }
      if (process.stdout.isTTY) process.stdout.write(`\rround ${round}/${LOADS}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(`${process.stdout.isTTY ? '\r' : ''}${LOADS} cold loads per tool and CPU rate, in ${((Date.now() - started) / 1000).toFixed(0)} s\n\n`);
  return runs;
}

if (args.serve) {
  const server = await startServer();
  const { port } = server.address();
  console.log('The benchmark pages (Ctrl-C to stop):');
  for (const tool of TOOLS) console.log(`  ${tool.padEnd(10)} http://127.0.0.1:${port}${PRODUCT}?tool=${tool}`);
  await new Promise(() => undefined);
}

const runs = await main();
const chromiumVersion = (await (async () => {
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
  const version = browser.version();
  await browser.close();
  return version;
})());

const rows = [];
let missing = [];
for (const rate of RATES) {
  const base = median(runs.get(`none ${rate}`).map((r) => r.script));
  for (const tool of TOOLS) {
    const results = runs.get(`${tool} ${rate}`);
    if (!NO_WIDGET.has(tool) && results.some((r) => r.widget === undefined)) missing.push(`${tool} at ${rate}× (${results.filter((r) => r.widget === undefined).length} of ${results.length} loads)`);
    rows.push({
      tool,
      rate,
      kb: median(results.map((r) => r.bytes / 1024)),
      requests: median(results.map((r) => r.requests.length)),
      script: tool === 'none' ? median(results.map((r) => r.script)) : median(results.map((r) => r.script - base)),
      before: NO_WIDGET.has(tool) ? undefined : median(results.map((r) => (r.scriptBefore === undefined ? undefined : r.scriptBefore - base))),
      longTasks: median(results.map((r) => r.longTasks)),
      tbt: median(results.map((r) => r.tbt)),
      longest: median(results.map((r) => r.longest)),
      widget: median(results.map((r) => r.widget)),
    });
  }
}

const fixed = (value, digits = 1) => (value === undefined ? '–' : value.toFixed(digits));
const header = ['tool', 'CPU', 'KB', 'requests', 'script ms', 'before ms', 'long tasks', 'TBT ms', 'longest ms', 'widget ms'];
const table = rows.map((r) => [r.tool === 'none' ? 'none (page alone)' : r.tool, `${r.rate}×`, fixed(r.kb), fixed(r.requests, 0), r.tool === 'none' ? `${fixed(r.script)} (page)` : fixed(r.script), fixed(r.before), fixed(r.longTasks, 0), fixed(r.tbt, 0), fixed(r.longest, 0), fixed(r.widget, 0)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
console.log(header.map((h, i) => h.padStart(widths[i])).join('  '));
for (const row of table) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));

console.log('\nBeckon against each peer (the peer\'s figure divided by Beckon\'s; above 1 means Beckon is lighter or faster):');
const ratio = (a, b) => (a === undefined || b === undefined || b <= 0 ? '–' : `${(a / b).toFixed(1)}×`);
const ratios = [];
for (const ours of ['beckon', 'beckon-one-popup']) {
  for (const rate of RATES) {
    const mine = rows.find((r) => r.tool === ours && r.rate === rate);
    for (const peer of ['posthog', 'growthbook']) {
      const theirs = rows.find((r) => r.tool === peer && r.rate === rate);
      const line = { ours, peer, rate, bytes: ratio(theirs.kb, mine.kb), script: ratio(theirs.script, mine.script), tbt: ratio(theirs.tbt, mine.tbt), widget: ratio(theirs.widget, mine.widget) };
      ratios.push(line);
      console.log(`  ${ours.padEnd(16)} vs ${peer.padEnd(10)} at ${rate}× CPU: bytes ${line.bytes}, script time ${line.script}, TBT ${line.tbt}, load → widget ${line.widget}`);
    }
  }
}

console.log('\nTargets (#8; reported, not gated: these machines are shared and noisy):');
const quiet = rows.find((r) => r.tool === 'beckon-nothing-shown' && r.rate === 1);
console.log(`  beckon-nothing-shown: main-thread script added at load ≤ 10 ms at 1× (DESIGN §9): ${fixed(quiet.script)} ms, ${quiet.script <= 10 ? 'met' : 'NOT MET'}`);
for (const ours of ['beckon', 'beckon-one-popup']) {
  const mine = rows.find((r) => r.tool === ours && r.rate === 1);
  console.log(`  ${ours}: main-thread script before the widget ≤ 10 ms at 1×: ${fixed(mine.before)} ms, ${mine.before <= 10 ? 'met' : 'NOT MET'}`);
  console.log(`  ${ours}: no long task at 1×: ${fixed(mine.longTasks, 0)} (median), ${mine.longTasks === 0 ? 'met' : 'NOT MET'}`);
  console.log(`  ${ours}: ≤ 20 KB gzip: ${fixed(mine.kb)} KB transferred, ${mine.kb <= 20 ? 'met' : 'NOT MET'}`);
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.release()}`;
const versions = {
  chromium: chromiumVersion,
  'posthog-js': require('posthog-js/package.json').version,
  '@growthbook/growthbook': JSON.parse(readFileSync(path.join(path.dirname(require.resolve('@growthbook/growthbook/package.json')), 'package.json'), 'utf8')).version,
};
console.log(`\n${new Date().toISOString().slice(0, 10)}, ${machine}; Chromium ${versions.chromium}, posthog-js ${versions['posthog-js']}, @growthbook/growthbook ${versions['@growthbook/growthbook']}`);
await mkdir(path.dirname(args.out), { recursive: true });
const markdown = [
  `| ${header.join(' | ')} |`,
  `|${header.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`,
  ...table.map((row) => `| ${row.join(' | ')} |`),
].join('\n');
console.log(`\nAs Markdown:\n\n${markdown}`);
await writeFile(args.out, `${JSON.stringify({ date: new Date().toISOString(), machine, versions, loads: LOADS, rows, ratios, markdown, requests: Object.fromEntries(TOOLS.map((t) => [t, runs.get(`${t} 1`)[0].requests])) }, null, 2)}\n`);
console.log(`figures written to ${path.relative(process.cwd(), args.out)}`);

if (missing.length > 0) {
  console.error(`\nA widget never became visible: ${missing.join('; ')}. Its figures above are not comparable.`);
  process.exit(1);
}
