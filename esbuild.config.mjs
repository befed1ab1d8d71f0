// Builds everything in dist/:
//   beckon.js   the script-tag build (IIFE, minified), what a store pastes
//   chunks/     ESM chunks that beckon.js imports from its own URL when needed:
//               config.js (validating and compiling a config), loaded at init
//               explain.js (reason trees), loaded by the first explain()
//               intent.js / intentPageValues.js (purchase-intent models), when read
//               history.js (compacting old days), when a page load finds some
//               signals.js (traffic, device and time readers) and geo.js (time zone
//               tables), each loaded when a condition reads their attributes
//               campaigns.js (the campaign runner, importing config.js), when there are campaigns
//               quizzes.js (quiz validation and logic), when there are quizzes
//               outbox.js (messages to an endpoint), when a form sends or some are waiting
//               jsonld.js (schema.org Product from JSON-LD), on pages that carry JSON-LD
//               events.js (events to dataLayer and an endpoint), when init asks for them
//               debug.js (the debug panel, with the widgets' Preact), with ?beckon_debug=1
//               lint.js (the CLI's checks beyond the parsers'), for the playground only
//               popup/bar/message/inline.js and messageContent/formContent/quizContent.js
//               (widgets, with Preact in shared-*.js), when a campaign first becomes eligible
//   esm/        the npm build (ESM, dependencies external) with .d.ts types in esm/types
//   cli.js      the `beckon` command
//   beckon.schema.json  the JSON Schema of beckon.config.json, for editors (scripts/configSchema.mjs)
// `node esbuild.config.mjs` builds once; `build({ watch: true })` rebuilds on change.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');

/** Browsers with constructable stylesheets (adoptedStyleSheets), which the widgets need: Safari 16.4 and up. */
const browserTargets = ['chrome94', 'firefox101', 'safari16.4'];

const WIDGET_CHUNKS = ['popup', 'bar', 'message', 'inline', 'messageContent', 'formContent', 'quizContent', 'debug'];

/**
 * V8's explicit compile hint (Chrome 136 and up; other engines read a comment): compile
 * every function of the file eagerly, on a background thread while the file streams in,
 * rather than each on the main thread the first time it is called. Every file a browser
 * loads from dist/ runs most of its functions as soon as it loads (a chunk loads when it
 * is about to be used), and lazy compiling was most of Beckon's main-thread time at load:
 * on the benchmark's page that shows nothing, 16 ms of script without the hint and 9 ms
 * with it (#8). It must be the file's first line.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * What browsers load goes through terser after esbuild: esbuild's minifier is fast, and
 * terser's compressor then inlines and folds what it leaves, another 2–5% gzip (about
 * 1 KB on a page that shows a popup). The source maps are carried through, so they still
 * point into sdk/ and widgets/. Output is written here, once compressed, with the compile
 * hint on top (terser shifts the map for it).
 */
const compressed = {
  name: 'terser',
  setup(b) {
    b.initialOptions.write = false;
    b.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      const { minify } = await import('terser');
      const files = new Map(result.outputFiles.map((f) => [f.path, f.text]));
      const module = b.initialOptions.format === 'esm';
      await Promise.all(
        [...files].map(async ([file, text]) => {
          if (!file.endsWith('.js')) return;
          const out = await minify(text, {
            module,
            ecma: 2020,
            compress: { passes: 2 },
            format: { comments: false, preamble: COMPILE_HINT },
            sourceMap: { content: files.get(`${file}.map`), url: `${path.basename(file)}.map` },
          });
          files.set(file, out.code);
          files.set(`${file}.map`, out.map);
        }),
      );
      for (const [file, text] of files) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    });
  },
};

/** What every browser chunk shares: minified ESM beside beckon.js, in chunks/. */
const chunkOptions = {
  outdir: path.join(dist, 'chunks'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: browserTargets,
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  plugins: [compressed],
};

// The quizzes chunk only ever loads after the config chunk, which already holds the
// condition compiler and the config reader: the quiz modules import them from there (the
// browser keeps one instance per URL) instead of carrying a second copy. Core's index
// keeps its own imports, so only the names the quiz code uses come from config.js, and
// config.js exports each of them (sdk/entry/chunks/config.ts).
const CONFIG_CHUNK_MODULES = /^\.\/(compileCondition|configReader|configReport)\.js$/;
const fromConfigChunk = {
  name: 'from-config-chunk',
  setup(b) {
    b.onResolve({ filter: CONFIG_CHUNK_MODULES }, (args) =>
      /[\\/]core[\\/]index\.ts$/.test(args.importer) ? undefined : { path: './config.js', external: true },
    );
  },
};

// The campaigns chunk, too, loads only after the config chunk, which holds the glob matcher
// and the text templating it uses (the matcher for page globs, the templating for a
// content's {{path|fallback}}): it imports them from there, through the barrel as well.
const CONFIG_CHUNK_SHARED = /^\.\/(matchGlob|richText|readPath)\.js$/;
const sharedFromConfigChunk = {
  name: 'shared-from-config-chunk',
  setup(b) {
    b.onResolve({ filter: CONFIG_CHUNK_SHARED }, () => ({ path: './config.js', external: true }));
  },
};

const builds = {
  script: {
    entryPoints: { beckon: 'sdk/entry/script.ts' },
    outdir: dist,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: browserTargets,
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    plugins: [compressed],
  },
  // Each chunk is its own build: with splitting, everything reached through sdk/core's
  // door would land in one shared chunk and the signals tables would load with config.
  ...Object.fromEntries(
    ['config', 'signals', 'geo', 'explain', 'intent', 'intentPageValues', 'history', 'campaigns', 'outbox', 'quizzes', 'jsonld', 'events', 'lint'].map((name) => [
      `chunk:${name}`,
      { ...chunkOptions, entryPoints: { [name]: `sdk/entry/chunks/${name}.ts` }, ...(name === 'quizzes' && { plugins: [sharedFromConfigChunk, fromConfigChunk, compressed] }), ...(name === 'campaigns' && { plugins: [sharedFromConfigChunk, compressed] }) },
    ]),
  ),
  // The widgets, one chunk per container and per content kind. Split, so Preact and the
  // shared mount land once in shared-*.js whichever widgets a page loads.
  widgets: {
    ...chunkOptions,
    entryPoints: Object.fromEntries(WIDGET_CHUNKS.map((name) => [name, `sdk/entry/chunks/${name}.ts`])),
    chunkNames: 'shared-[hash]',
    splitting: true,
    metafile: true,
  },
  esm: {
    entryPoints: { index: 'sdk/entry/index.ts' },
    outdir: path.join(dist, 'esm'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: browserTargets,
    packages: 'external',
    sourcemap: 'linked',
  },
  cli: {
    entryPoints: { cli: 'sdk/entry/bin.ts' },
    outdir: dist,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
  },
};

/** Emits .d.ts files for the npm entry with the TypeScript compiler, using tsconfig.json's options. */
async function emitTypes() {
  const ts = (await import('typescript')).default;
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const program = ts.createProgram([path.join(root, 'sdk/entry/index.ts')], {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationDir: path.join(dist, 'esm/types'),
    rootDir: root,
  });
  const result = program.emit();
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
    throw new Error(ts.formatDiagnostics(diagnostics, host));
  }
}

/**
 * The shared chunks each widget chunk imports, directly or not, by chunk name, from the
 * widgets build's metafile. The campaigns chunk carries this table (as the constant
 * BECKON_WIDGET_IMPORTS) and asks for them beside the widget, saving a round trip.
 */
function widgetImportsOf(metafile) {
  const { outputs } = metafile;
  const name = (file) => path.basename(file, '.js');
  const importsOf = (file, seen = new Set()) => {
    for (const { path: imported, kind } of outputs[file]?.imports ?? []) {
      if (kind !== 'import-statement' || seen.has(imported)) continue;
      seen.add(imported);
      importsOf(imported, seen);
    }
    return seen;
  };
  // The debug panel loads on its own, never as a campaign's widget.
  const entries = Object.keys(outputs).filter((file) => outputs[file].entryPoint && name(file) !== 'debug');
  return JSON.stringify(Object.fromEntries(entries.map((file) => [name(file), [...importsOf(file)].map(name).sort()])));
}

export async function build({ watch = false, types = !watch, log = console.log } = {}) {
  rmSync(dist, { recursive: true, force: true });
  // Loaded here, like the compiler in emitTypes, so importing this file stays cheap.
  const { writeConfigSchema } = await import('./scripts/configSchema.mjs');
  const schema = path.join(dist, 'beckon.schema.json');
  const options = Object.fromEntries(Object.entries(builds).map(([key, o]) => [key, { ...o, absWorkingDir: root, logLevel: 'warning' }]));
  // The campaigns chunk is built once the widgets are, with the table of their imports.
  const { widgets, 'chunk:campaigns': campaigns, ...others } = options;
  const withImports = (table) => ({ ...campaigns, define: { BECKON_WIDGET_IMPORTS: table } });
  if (watch) {
    const rebuildLog = {
      name: 'rebuild-log',
      setup(b) {
        b.onEnd((result) => {
          if (result.errors.length === 0) log(`built ${Object.keys(b.initialOptions.entryPoints).join(', ')}`);
        });
      },
    };
    // Built once before watching, so dist/ is whole when this returns (a build with errors
    // has them logged, and is built again on the next change).
    const watched = async (o) => {
      const context = await esbuild.context({ ...o, plugins: [...(o.plugins ?? []), rebuildLog] });
      await context.rebuild().catch(() => undefined);
      await context.watch();
      return context;
    };
    // A widget change renames the shared chunks (their names carry a hash): the campaigns
    // chunk is then built anew with the new table.
    let table;
    let campaignsContext = Promise.resolve(undefined);
    const followWidgets = {
      name: 'widget-imports',
      setup(b) {
        b.onEnd((result) => {
          const next = result.metafile && widgetImportsOf(result.metafile);
          if (!next || next === table) return;
          table = next;
          campaignsContext = campaignsContext.then(async (old) => {
            await old?.dispose();
            return watched(withImports(next));
          });
        });
      },
    };
    const contexts = await Promise.all([...Object.values(others), { ...widgets, plugins: [...widgets.plugins, followWidgets] }].map(watched));
    await campaignsContext;
    writeConfigSchema(schema);
    return { dispose: async () => Promise.all([...contexts, await campaignsContext].map((c) => c?.dispose())) };
  }
  await Promise.all([
    ...Object.values(others).map((o) => esbuild.build(o)),
    esbuild.build(widgets).then((result) => esbuild.build(withImports(widgetImportsOf(result.metafile)))),
  ]);
  checkConfigImports();
  writeConfigSchema(schema);
  if (types) await emitTypes();
  return { dispose: async () => {} };
}

/**
 * The chunks that import from config.js (see sharedFromConfigChunk) fail in the browser,
 * not in the build, when it does not export a name they ask for: checked here instead.
 */
function checkConfigImports() {
  const read = (name) => readFileSync(path.join(dist, 'chunks', name), 'utf8');
  const exported = new Set([...read('config.js').matchAll(/export\{([^}]*)\}/g)].flatMap(([, list]) => list.split(',').map((e) => e.trim().split(/\s+as\s+/).pop())));
  for (const name of ['campaigns.js', 'quizzes.js']) {
    for (const [, list] of read(name).matchAll(/import\{([^}]*)\}from"\.\/config\.js"/g)) {
      const missing = list.split(',').map((e) => e.trim().split(/\s+as\s+/)[0]).filter((imported) => !exported.has(imported));
      if (missing.length > 0) throw new Error(`chunks/${name} imports ${missing.join(', ')} from config.js, which does not export them`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await build();
  console.log(`dist/ built in ${Math.round(performance.now() - started)} ms`);
}
