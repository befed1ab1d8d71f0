// `npm run bench`: bundles each test/bench/*.bench.ts with esbuild and runs it in Node.
// Benchmarks print figures; only hard budgets (such as 1 MB of storage) fail the run.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// An argument names one script to run (`test/intent/train.ts`), or filters the benches.
const only = process.argv[2];
const benches = only?.endsWith('.ts')
  ? [path.resolve(only)]
  : readdirSync(here)
      .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
      .map((f) => path.join(here, f));
// Inside the repository, so the bundles resolve node_modules.
const out = path.join(here, '..', '..', 'test-results', 'bench');
mkdirSync(out, { recursive: true });
let failed = false;
try {
  for (const file of benches) {
    const outfile = path.join(out, path.basename(file).replace(/\.ts$/, '.mjs'));
    await esbuild.build({ entryPoints: [file], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    console.log(`\n━━ ${path.relative(process.cwd(), file)}`);
    // Scripts run from the repository root and resolve their paths from there.
    const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit', cwd: path.join(here, '..', '..') });
    if (run.status !== 0) failed = true;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
