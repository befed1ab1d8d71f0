// The demo store's dev server: no framework, just node:http.
//   node demo-site/server.mjs [--port 8080] [--no-watch] [--no-build] [--fixtures DIR] [--collect-log FILE]
// Serves the store, dist/ (beckon.js and its chunks), and POST /collect, which appends
// the JSON lines it receives to a log file (demo-site/.data/collect.ndjson by default).
// POST /collect?fail=N plays an endpoint that is down: it answers 503 to every message
// until that message's id has been refused N times, then takes it, so a config can point
// a form there to watch Beckon's outbox retry. Like any endpoint that honours
// idempotency keys, it logs a message id once: a repeat (a beacon sent as the page went,
// then sent again by the next page) is answered 204 and dropped from the log.
// POST /collect?outage=NAME plays an endpoint that is down for a while: it answers 503
// while the outage NAME is on. POST /collect/outage?name=NAME&down=1 starts it, down=0
// ends it; the name keeps one outage from touching other pages' endpoints.
import { createServer } from 'node:http';
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { notFoundPage, renderRoute } from './pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

const MAX_COLLECT_BYTES = 1024 * 1024;
/** How many message ids `?fail=N` and the repeat check remember; the oldest are forgotten first. */
const MAX_IDS = 100_000;

/** Resolves `urlPath` inside `base`, or undefined when it would leave it (`..`, encoded or not). */
function inside(base, urlPath) {
  const resolved = path.resolve(base, `.${path.posix.normalize(`/${urlPath}`)}`);
  return resolved === base || resolved.startsWith(base + path.sep) ? resolved : undefined;
}

/**
 * The demo config as served: its dates (the winter sale's end and countdown) moved on by
 * as many whole years as it takes for every one of them to be ahead, so the demo shows
 * its sale bar whenever it runs. The dates keep their order and their distance.
 */
export function rollDates(text, now = Date.now()) {
  const config = JSON.parse(text);
  const dates = [];
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) dates.push([node, key]);
        else visit(value);
      }
    }
  };
  visit(config);
  if (dates.length === 0) return text;
  const plus = (iso, years) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
  const first = new Date(Math.min(...dates.map(([node, key]) => Date.parse(node[key])))).toISOString();
  let years = 0;
  while (Date.parse(plus(first, years)) <= now) years++;
  for (const [node, key] of dates) node[key] = plus(node[key], years);
  return JSON.stringify(config, null, 2);
}

async function sendFile(res, file, headers = {}) {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
    res.end(body);
    return true;
  } catch {
    return false;
  }
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_COLLECT_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
/** The strict policy with Trusted Types enforced on script sinks (a fixture asked for as *.tt.html). */
const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'`;

export function createDemoServer({ fixturesDir, collectLog = path.join(here, '.data/collect.ndjson'), log = console.log } = {}) {
  const dist = path.join(root, 'dist');
  const assets = path.join(here, 'assets');
  const noStore = { 'cache-control': 'no-store' };

  /** Message id → times refused, for `/collect?fail=N`. */
  const refused = new Map();
  /** Names of the outages now on, for `/collect?outage=NAME`. */
  const outages = new Set();
  /** Ids already logged (since the server started). */
  const logged = new Set();

  /** True when `?fail=N` wants these lines refused once more (every id seen fewer than N times). */
  function refuse(lines, failTimes) {
    if (!(failTimes > 0)) return false;
    const ids = lines.map((line) => String(JSON.parse(line)?.id));
    if (ids.every((id) => (refused.get(id) ?? 0) >= failTimes)) return false;
    for (const id of ids) {
      refused.set(id, (refused.get(id) ?? 0) + 1);
      if (refused.size > MAX_IDS) refused.delete(refused.keys().next().value);
    }
    return true;
  }

  async function collect(req, res, url) {
    const cors = { 'access-control-allow-origin': '*' };
    let text;
    try {
      text = await readBody(req);
    } catch (error) {
      res.writeHead(error.status ?? 400, cors).end();
      return;
    }
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const bad = lines.findIndex((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    if (bad !== -1) {
      res.writeHead(400, { ...cors, 'content-type': 'text/plain' }).end(`line ${bad + 1} is not JSON\n`);
      return;
    }
    if (outages.has(url.searchParams.get('outage')) || refuse(lines, Number(url.searchParams.get('fail')))) {
      res.writeHead(503, { ...cors, 'content-type': 'text/plain', 'retry-after': '2' }).end('refused on purpose (?fail=N or ?outage=NAME)\n');
      return;
    }
    const fresh = lines.filter((line) => {
      const id = JSON.parse(line)?.id;
      if (typeof id !== 'string') return true;
      if (logged.has(id)) return false;
      logged.add(id);
      if (logged.size > MAX_IDS) logged.delete(logged.values().next().value);
      return true;
    });
    if (fresh.length < lines.length) log(`/collect: ${lines.length - fresh.length} repeated id(s) dropped`);
    if (fresh.length > 0) {
      await mkdir(path.dirname(collectLog), { recursive: true });
      await appendFile(collectLog, `${fresh.join('\n')}\n`);
    }
    res.writeHead(204, cors).end();
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    if (pathname === '/collect/outage' && req.method === 'POST') {
      const name = url.searchParams.get('name');
      if (!name) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('name= is required\n');
      if (url.searchParams.get('down') === '1') outages.add(name);
      else outages.delete(name);
      return void res.writeHead(204).end();
    }
    if (pathname === '/collect') {
      if (req.method === 'POST') return collect(req, res, url);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' }).end();
        return;
      }
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const page = renderRoute(pathname);
    if (page) {
      res.writeHead(200, { 'content-type': page.type, ...noStore }).end(page.body);
      return;
    }
    if (pathname === '/beckon.config.json') {
      const text = await readFile(path.join(here, 'beckon.config.json'), 'utf8');
      res.writeHead(200, { 'content-type': TYPES['.json'], ...noStore }).end(rollDates(text));
      return;
    }
    let file;
    if (pathname.startsWith('/assets/')) file = inside(assets, pathname.slice('/assets/'.length));
    // A fixture asked for as *.csp.html is the same page served under the strict policy of DESIGN §6,
    // and as *.tt.html under that policy with Trusted Types required as well.
    else if (fixturesDir && pathname.startsWith('/fixtures/')) file = inside(fixturesDir, pathname.slice('/fixtures/'.length).replace(/\.(csp|tt)\.html$/, '.html'));
    else file = inside(dist, pathname.slice(1));
    const policy = /\.csp\.html$/.test(pathname) ? STRICT_CSP : /\.tt\.html$/.test(pathname) ? TRUSTED_TYPES_CSP : undefined;
    const headers = policy ? { ...noStore, 'content-security-policy': policy } : noStore;
    if (file && (await sendFile(res, file, headers))) return;
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...noStore }).end(notFoundPage());
  }

  return createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      'no-watch': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      fixtures: { type: 'string' },
      'collect-log': { type: 'string' },
    },
  });
  if (!values['no-build']) {
    const { build } = await import('../esbuild.config.mjs');
    const watch = !values['no-watch'];
    await build({ watch, log: (line) => console.log(`[build] ${line}`) });
    console.log(watch ? 'Built dist/; rebuilding on change.' : 'Built dist/.');
  }
  const server = createDemoServer({
    fixturesDir: values.fixtures && path.resolve(values.fixtures),
    collectLog: values['collect-log'] && path.resolve(values['collect-log']),
  });
  const port = Number(values.port);
  server.listen(port, '127.0.0.1', () => {
    console.log(`Stride Shoes (Beckon demo store) is running at http://localhost:${port}/`);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
